#!/usr/bin/env bash
# Builds each org's MSP directory (crypto/<org>/msp), which configtxgen puts into the channel
# configuration: the CA root as both cacerts and tlscacerts (each org CA issues enrollment and
# TLS certificates) plus the NodeOUs config.yaml.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=SCRIPTDIR/../lib/common.sh
source "$here/lib/common.sh"
# shellcheck source=SCRIPTDIR/../lib/ca.sh
source "$here/lib/ca.sh"

for org in "${ORGS[@]}"; do
  root="$(org_ca_root "$org")"
  dir="$(org_msp_dir "$org")"

  # Crypto kept from an earlier network whose CA volume has since been recreated would not
  # match the new CA: refuse with a clear message instead of building a broken channel.
  for cacert in "$CRYPTO_DIR/$org"/*/*/msp/cacerts/ca.pem; do
    [[ -f $cacert ]] || continue
    cmp -s "$cacert" "$root" || die "$cacert was issued by a different CA than $(org_ca_name "$org"); reset with: docker compose down --volumes"
  done

  if [[ -f $dir/config.yaml ]] && cmp -s "$dir/cacerts/ca.pem" "$root" && cmp -s "$dir/tlscacerts/ca.pem" "$root"; then
    log "$org: org MSP up to date"
    continue
  fi
  log "$org: writing org MSP"
  rm -rf "$dir".tmp.*
  work="$(mktemp -d "$dir.tmp.XXXXXX")"
  mkdir -p "$work/cacerts" "$work/tlscacerts"
  cp "$root" "$work/cacerts/ca.pem"
  cp "$root" "$work/tlscacerts/ca.pem"
  write_nodeou_config "$work"
  chmod 755 "$work"
  rm -rf "$dir"
  mv "$work" "$dir"
done
