#!/usr/bin/env bash
# Everything a script needs to drive the native network (every node a process on localhost):
# the common helpers, the setup steps' helpers, and the process and node control. Sourced by
# up.sh and deploy-chaincode.sh, so the two always see the same environment.
lib_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=SCRIPTDIR/common.sh
source "$lib_dir/common.sh"
export NETWORK_STATE_DIR NODE_HOST=localhost
# The peer CLI reads core.yaml from Fabric's sampleconfig; the CLIs log warnings and errors only.
export FABRIC_CFG_PATH="$FABRIC_HOME/sampleconfig" FABRIC_LOGGING_SPEC=WARNING
# shellcheck source=SCRIPTDIR/../../setup/lib/common.sh
source "$MEDLEDGER_ROOT/network/setup/lib/common.sh"
# shellcheck source=SCRIPTDIR/processes.sh
source "$lib_dir/processes.sh"
# shellcheck source=SCRIPTDIR/nodes.sh
source "$lib_dir/nodes.sh"

# When this script started (bash's EPOCHREALTIME, in seconds with microseconds), for `timed`.
NETWORK_STARTED_AT=${NETWORK_STARTED_AT:-$EPOCHREALTIME}

# seconds_between FROM TO: TO - FROM, two EPOCHREALTIME values, with one decimal.
seconds_between() { awk -v from="$1" -v to="$2" 'BEGIN { printf "%.1f", to - from }'; }
seconds_since_start() { seconds_between "$NETWORK_STARTED_AT" "$EPOCHREALTIME"; }

# timed LABEL COMMAND...: runs COMMAND, then logs how long it took and the time since start, so an
# operator sees at once which part of start-up dominates.
timed() {
  local label=$1 before=$EPOCHREALTIME
  shift
  "$@"
  log "-- $label took $(seconds_between "$before" "$EPOCHREALTIME")s ($(seconds_since_start)s since start)"
}

# Runs one setup step (network/setup/steps), the same script the compose setup job runs.
run_step() {
  log "== $1"
  timed "$1" bash "$MEDLEDGER_ROOT/network/setup/steps/$1.sh"
}
