#!/usr/bin/env bash
# The one entry point of MedLedger's native Fabric network (also reachable as `npm run network -- <command>`).
# Defaults live in network/network.config; every setting can be overridden from the environment.
set -euo pipefail
# shellcheck source=SCRIPTDIR/scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/scripts/lib/common.sh"
# shellcheck source=SCRIPTDIR/scripts/lib/processes.sh
source "$MEDLEDGER_ROOT/network/scripts/lib/processes.sh"

usage() {
  cat <<'TXT'
usage: network/network.sh <command>
  install [all|ca|fabric]  build the pinned Fabric and fabric-ca binaries with Go (idempotent)
  up                       start CAs, 3 Raft orderers and 2 peers natively, create the channel,
                           deploy the chaincode; prints the time from start to ready
  deploy                   (re)deploy the chaincode on a running network
  demo-users               enroll one demo client user per MedLedger role (role and ID as
                           certificate attributes) on a running network, for the peer CLI
  status                   list the processes this network started
  kill-node NAME           SIGKILL one node (orderer1..3, peer0-<org>, chaincode), as a crash
  start-node NAME          start that node again with its ledger, and wait until it listens
  down                     stop exactly those processes (PID files) and remove generated state
TXT
}

command=${1:-}
shift || true
case "$command" in
  install) exec bash "$MEDLEDGER_ROOT/network/scripts/install-fabric.sh" "${1:-all}" ;;
  up) exec bash "$MEDLEDGER_ROOT/network/scripts/up.sh" ;;
  deploy) exec bash "$MEDLEDGER_ROOT/network/scripts/deploy-chaincode.sh" ;;
  demo-users) exec bash "$MEDLEDGER_ROOT/network/scripts/demo-users.sh" ;;
  status) print_status ;;
  kill-node) exec bash "$MEDLEDGER_ROOT/network/scripts/node.sh" kill "$@" ;;
  start-node) exec bash "$MEDLEDGER_ROOT/network/scripts/node.sh" start "$@" ;;
  down)
    stop_all_processes
    # Only a directory that `up` created (it holds the marker) is ever deleted, whatever
    # NETWORK_STATE_DIR was set to.
    if [[ -f "$NETWORK_STATE_DIR/.medledger-network" ]]; then
      rm -rf "$NETWORK_STATE_DIR"
      log "network down; removed ${NETWORK_STATE_DIR#"$MEDLEDGER_ROOT"/}"
    elif [[ -e "$NETWORK_STATE_DIR" ]]; then
      die "$NETWORK_STATE_DIR has no .medledger-network marker; not deleting it"
    fi
    ;;
  -h | --help | help) usage ;;
  *) usage >&2; exit 2 ;;
esac
