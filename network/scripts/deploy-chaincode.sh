#!/usr/bin/env bash
# Redeploys the chaincode on a running native network: rebuilds it, restarts the chaincode
# server, and runs the lifecycle steps again. A changed package needs a higher
# CHAINCODE_SEQUENCE (and label) in the environment.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=SCRIPTDIR/lib/common.sh
source "$here/lib/common.sh"
export NETWORK_STATE_DIR NODE_HOST=localhost
# The peer CLI reads core.yaml from Fabric's sampleconfig; the CLIs log warnings and errors only.
export FABRIC_CFG_PATH="$FABRIC_HOME/sampleconfig" FABRIC_LOGGING_SPEC=WARNING
# shellcheck source=SCRIPTDIR/../setup/lib/common.sh
source "$MEDLEDGER_ROOT/network/setup/lib/common.sh"
# shellcheck source=SCRIPTDIR/lib/processes.sh
source "$here/lib/processes.sh"
# shellcheck source=SCRIPTDIR/lib/nodes.sh
source "$here/lib/nodes.sh"

is_running peer0-providers || die "the network is not running; start it with network/network.sh up"
npm run --silent build --workspace chaincode >/dev/null
for step in 60-package-chaincode 70-install-chaincode 80-approve-chaincode 90-commit-chaincode; do
  log "== $step"
  bash "$MEDLEDGER_ROOT/network/setup/steps/$step.sh"
  if [[ $step == 60-package-chaincode ]]; then
    stop_process chaincode
    start_chaincode_server
  fi
done
log "chaincode $CHAINCODE_NAME deployed"
