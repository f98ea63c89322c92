#!/usr/bin/env bash
# Stops or starts one node of a running native network, for fault tests and operators:
#   node.sh kill NAME    SIGKILL (a crash: no drain, no flush) and forget its PID file
#   node.sh start NAME   start it again with the settings `up` used, and wait until it listens
# NAME is a process name as `network.sh status` lists it: orderer1..3, peer0-<org>, chaincode.
# Its ledger and crypto stay, so a restarted node catches up from where it was.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=SCRIPTDIR/lib/native.sh
source "$here/lib/native.sh"

# The launcher of one node, as up.sh calls it.
start_node() {
  local name=$1
  case $name in
    orderer1 | orderer2 | orderer3) start_orderer "$name" ;;
    peer0-providers | peer0-payers) start_peer "${name#peer0-}" ;;
    chaincode) start_chaincode_server ;;
    *) die "node.sh: cannot start $name (orderer1..3, peer0-<org> or chaincode)" ;;
  esac
  wait_for_node "$name"
}

kill_node() {
  local name=$1 pid_file="$PID_DIR/$1.pid" pid
  [[ -f $pid_file ]] || die "node.sh: $name has no PID file under ${PID_DIR#"$MEDLEDGER_ROOT"/}: not started by this network"
  pid=$(cat "$pid_file")
  kill -9 "$pid" 2>/dev/null || true
  wait_for_exit "$pid" || die "node.sh: $name (pid $pid) survived SIGKILL"
  rm -f "$pid_file"
  log "killed $name (pid $pid)"
}

[[ -f "$STATE_DIR/.medledger-network" ]] || die "no network under $STATE_DIR: run network.sh up first"
case ${1:-} in
  kill) kill_node "${2:?node.sh kill NAME}" ;;
  start) start_node "${2:?node.sh start NAME}" ;;
  *) die "usage: node.sh kill|start NAME" ;;
esac
