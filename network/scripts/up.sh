#!/usr/bin/env bash
# Brings the whole native network up: 3 CAs, 3 Raft orderers, one peer per peer org, channel
# `medledger` (osnadmin, no system channel) and the chaincode as a service, deployed through the
# lifecycle. Runs the same setup steps as the compose setup job (network/setup/steps), with every
# node on localhost. Prints the time from start to ready.
set -euo pipefail
NETWORK_STARTED_AT=$EPOCHREALTIME
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=SCRIPTDIR/lib/native.sh
source "$here/lib/native.sh"

# A random bootstrap password per network, readable only by the owner; `down` deletes it.
prepare_state() {
  mkdir -p "$STATE_DIR"
  touch "$STATE_DIR/.medledger-network"
  local secret_file="$STATE_DIR/ca-bootstrap-password"
  if [[ ! -s $secret_file ]]; then
    (umask 077 && od -An -N16 -tx1 /dev/urandom | tr -d ' \n' >"$secret_file")
  fi
  CA_BOOTSTRAP_PASSWORD="$(cat "$secret_file")"
  export CA_BOOTSTRAP_PASSWORD CA_BOOTSTRAP_USER=admin
  # Natively the chaincode server runs as the current user, who must read its TLS key.
  export CHAINCODE_SERVER_UID
  CHAINCODE_SERVER_UID="$(id -u)"
}

# Compiles the chaincode unless nothing it is built from changed since the last build (the build
# info, touched after each build): on a busy machine, merely loading the compiler takes seconds.
build_chaincode() {
  local chaincode="$MEDLEDGER_ROOT/chaincode" stamp="$MEDLEDGER_ROOT/chaincode/dist/.tsbuildinfo"
  if [[ -f $stamp ]] && [[ -z $(find "$chaincode/src" "$chaincode/package.json" "$chaincode/tsconfig.build.json" \
    "$MEDLEDGER_ROOT/tsconfig.json" -newer "$stamp" -print -quit) ]]; then
    log "chaincode build is up to date"
    return
  fi
  log "building the chaincode"
  npm run --silent build --workspace chaincode >/dev/null
  touch "$stamp"
}

# The org MSPs, the TLS roots the gateway trusts, and the genesis block made from the MSPs.
channel_genesis_block() {
  run_step 20-org-msps
  run_step 25-gateway-trust
  run_step 30-genesis-block
}

# The package (hence the chaincode server's ID) depends only on the Providers CA root, and the
# lifecycle never calls the chaincode: the server starts now and has booted by the commit.
serve_chaincode() {
  run_step 60-package-chaincode
  start_chaincode_server
}

main() {
  timed "checking the Fabric binaries" bash "$here/install-fabric.sh" all
  timed "building the chaincode" build_chaincode
  prepare_state

  for org in "${ORGS[@]}"; do start_ca "$org"; done
  timed "starting the CAs" wait_for_nodes "${ORGS[@]/#/ca-}"
  run_step 10-enroll-identities

  # The orderers and peers need only their own crypto (no genesis block: they join the channel
  # later), so they boot while the rest is prepared. From here on, steps that do not depend on
  # each other run side by side: on a busy machine each waits mostly for its share of the CPU.
  for orderer in "${ORDERERS[@]}"; do start_orderer "$orderer"; done
  for org in "${PEER_ORGS[@]}"; do start_peer "$org"; done
  spawn channel_genesis_block
  spawn serve_chaincode
  wait_for_jobs || die "preparing the channel or the chaincode failed (see the messages above)"
  timed "starting the orderers and peers" wait_for_nodes "${ORDERERS[@]}" "${PEER_ORGS[@]/#/peer0-}"

  # Installing is local to each peer; it needs no channel.
  spawn run_step 40-join-orderers
  spawn run_step 50-join-peers
  spawn run_step 70-install-chaincode
  wait_for_jobs || die "joining the channel or installing the chaincode failed (see the messages above)"
  # The readiness probe loads its libraries meanwhile and starts when told (its header says why).
  coproc PROBE { exec node "$here/wait-for-endorsement.mjs" "$STATE_DIR" "$CHANNEL_NAME" "$CHAINCODE_NAME"; }
  local probe=$PROBE_PID probe_stdin=${PROBE[1]}
  run_step 80-approve-chaincode
  run_step 90-commit-chaincode
  timed "starting the chaincode server" wait_for_node chaincode
  log "== waiting until discovery can satisfy the endorsement policy"
  echo committed >&"$probe_stdin"
  timed "discovery of both orgs" wait "$probe"

  log "network ready in $(seconds_since_start)s: channel $CHANNEL_NAME, chaincode $CHAINCODE_NAME"
  log "logs: ${LOG_DIR#"$MEDLEDGER_ROOT"/}/*.log; stop with: network/network.sh down"
}

main "$@"
