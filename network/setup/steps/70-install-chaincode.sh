#!/usr/bin/env bash
# Installs the chaincode package on both peers. The peer runs the package through the external
# builder named in CORE_CHAINCODE_EXTERNALBUILDERS; nothing is compiled.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=SCRIPTDIR/../lib/common.sh
source "$here/lib/common.sh"

package_id="$(cat "$CHAINCODE_ID_FILE")"
# installed: has the current peer installed the package?
installed() {
  peer lifecycle chaincode queryinstalled --output json | grep -qF "\"$package_id\""
}

# install_on ORG: install the package on ORG's peer; installing it again fails, so a failure
# counts when the package is there (an earlier run installed it).
install_on() {
  local org=$1 out
  use_peer_admin "$org"
  log "$org: installing $package_id"
  out="$(peer lifecycle chaincode install "$CHAINCODE_PACKAGE" 2>&1)" || installed ||
    { printf '%s\n' "$out" >&2; die "$org: installing $package_id failed"; }
}

# Each peer installs its own copy, so the peers install side by side.
for org in "${PEER_ORGS[@]}"; do
  spawn install_on "$org"
done
wait_for_jobs || die "installing the chaincode failed (see the messages above)"
