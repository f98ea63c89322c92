#!/usr/bin/env bash
# Redeploys the chaincode on a running native network: rebuilds it, restarts the chaincode
# server, and runs the lifecycle steps again. A changed package needs a higher
# CHAINCODE_SEQUENCE (and label) in the environment.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=SCRIPTDIR/lib/native.sh
source "$here/lib/native.sh"

is_running peer0-providers || die "the network is not running; start it with network/network.sh up"
npm run --silent build --workspace chaincode >/dev/null
for step in 60-package-chaincode 70-install-chaincode 80-approve-chaincode 90-commit-chaincode; do
  run_step "$step"
  if [[ $step == 60-package-chaincode ]]; then
    stop_process chaincode
    start_chaincode_server
    wait_for_node chaincode
  fi
done
log "chaincode $CHAINCODE_NAME deployed"
