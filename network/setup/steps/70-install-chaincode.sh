#!/usr/bin/env bash
# Installs the chaincode package on both peers. The peer runs the package through the external
# builder named in CORE_CHAINCODE_EXTERNALBUILDERS; nothing is compiled.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=SCRIPTDIR/../lib/common.sh
source "$here/lib/common.sh"

package_id="$(cat "$CHAINCODE_ID_FILE")"
for org in "${PEER_ORGS[@]}"; do
  use_peer_admin "$org"
  if peer lifecycle chaincode queryinstalled --output json | grep -qF "\"$package_id\""; then
    log "$org: $package_id already installed"
    continue
  fi
  log "$org: installing $package_id"
  peer lifecycle chaincode install "$CHAINCODE_PACKAGE"
done
