#!/usr/bin/env bash
# Publishes what the REST gateway needs to trust the peer orgs' nodes, and nothing else:
# crypto/gateway/<org>/tls-root.pem, the org CA's root certificate. Each org CA signs both its own
# TLS certificate and its peer's (step 10), so this one file verifies the gateway's connections
# to the org's peer and to its fabric-ca. In compose, crypto/gateway is the volume the gateway
# mounts read-only, so it never sees a private key of the orgs' volumes or the CA homes.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=SCRIPTDIR/../lib/common.sh
source "$here/lib/common.sh"

for org in "${PEER_ORGS[@]}"; do
  root="$(org_ca_root "$org")"
  published="$CRYPTO_DIR/gateway/$org/tls-root.pem"
  if cmp -s "$root" "$published"; then
    continue
  fi
  log "$org: publishing the TLS root for the gateway"
  mkdir -p "$(dirname "$published")"
  # Readable by the gateway's unprivileged user (write_atomically makes the file 644).
  chmod 755 "$CRYPTO_DIR/gateway" "$(dirname "$published")"
  write_atomically "$published" <"$root"
done
