# shellcheck shell=bash disable=SC2034  # settings are used by the scripts that source this
# Shared settings and helpers of the network setup steps, used by both the compose setup job
# and the native network (network/scripts/up.sh). Sourced by setup.sh and every step.
#
# Everything the steps create lives under $NETWORK_STATE_DIR (/var/medledger in compose):
#   configtx.yaml, crypto/<org>/..., channel-artifacts/, chaincode/, ca-clients/<org>/
# The layout under crypto/ is documented at the top of network/config/configtx.yaml.
# Logs never show private keys or enrollment secrets: commands that print them are silenced.

# The repository root: /medledger inside the setup container (compose bind-mounts ./network
# there, read-only), the checkout itself natively.
MEDLEDGER_ROOT="${MEDLEDGER_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)}"
# network.config is the single source of channel/chaincode names and the endorsement policy.
# shellcheck source=SCRIPTDIR/../../network.config
source "$MEDLEDGER_ROOT/network/network.config"

STATE_DIR="$NETWORK_STATE_DIR"
CRYPTO_DIR="$STATE_DIR/crypto"
# Home directories of the three fabric-ca servers, mounted read-only: their ca-cert.pem is the
# trust root for the CAs' own TLS endpoints (each CA signs its TLS certificate itself).
CA_HOMES_DIR="${CA_HOMES_DIR:-$STATE_DIR/cas}"
CHANNEL_BLOCK="$STATE_DIR/channel-artifacts/$CHANNEL_NAME.block"
COLLECTIONS_CONFIG="$MEDLEDGER_ROOT/network/config/collections.json"

# Chaincode definition. The version is the part of the label after the last "_" (medledger_1.0
# -> 1.0). Raise CHAINCODE_SEQUENCE to upgrade the definition of a running network.
CHAINCODE_VERSION="${CHAINCODE_VERSION:-${CHAINCODE_LABEL##*_}}"
CHAINCODE_SEQUENCE="${CHAINCODE_SEQUENCE:-1}"
# Where the peers dial the chaincode server; its TLS certificate is issued for this host name.
CHAINCODE_SERVER_HOST="${CHAINCODE_SERVER_HOST:-chaincode.medledger.local}"
CHAINCODE_SERVER_PORT="${CHAINCODE_SERVER_PORT:-9999}"
# The chaincode image runs as the node image's unprivileged user, which must read its TLS key.
CHAINCODE_SERVER_UID="${CHAINCODE_SERVER_UID:-1000}"

# How long to wait for a service that is still starting, and how often to try it meanwhile. The
# poll is short because every idle moment after the service came up adds to the start-up time.
WAIT_SECONDS="${WAIT_SECONDS:-120}"
POLL_SECONDS="${POLL_SECONDS:-0.5}"

# Where clients dial the nodes. Empty in compose, where every node is reached by its Fabric host
# name; "localhost" natively, where all nodes run on one host on distinct ports. Certificates
# list both names, and directory names always use the Fabric host name.
NODE_HOST="${NODE_HOST:-}"
reach() { echo "${NODE_HOST:-$1}"; }

ORGS=(orderer providers payers)
PEER_ORGS=(providers payers)
ORDERERS=(orderer1 orderer2 orderer3)

log() { printf '[setup] %s\n' "$*" >&2; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

# retry SECONDS COMMAND...: run COMMAND every POLL_SECONDS until it succeeds, for at most about
# SECONDS. Its output is only shown (last lines of the last attempt) when every attempt failed.
# Never pass commands whose output can contain a secret.
retry() {
  local seconds=$1 out="" deadline
  shift
  deadline=$((SECONDS + seconds))
  while true; do
    if out="$("$@" 2>&1)"; then
      return 0
    fi
    ((SECONDS < deadline)) || break
    sleep "$POLL_SECONDS"
  done
  printf '%s\n' "$out" | tail -n 5 >&2
  return 1
}

# spawn COMMAND...: run COMMAND in the background as one of the jobs wait_for_jobs waits for. A job
# may spawn jobs of its own; it starts with an empty list, since it can only wait for its children.
SPAWNED_JOBS=()
# shellcheck disable=SC2030,SC2031  # the job's own, empty list is meant to stay in the job
spawn() {
  { SPAWNED_JOBS=(); "$@"; } &
  SPAWNED_JOBS+=("$!")
}

# wait_for_jobs: wait for every spawned job (all of them, even after one failed, so none is left
# running); fails if any failed. Each job reports its own failure.
wait_for_jobs() {
  local pid failed=0
  for pid in "${SPAWNED_JOBS[@]}"; do
    wait "$pid" || failed=1
  done
  SPAWNED_JOBS=()
  return "$failed"
}

# --- Organisations -------------------------------------------------------------------------

org_msp_id() {
  case $1 in
    orderer) echo OrdererMSP ;;
    providers) echo ProvidersMSP ;;
    payers) echo PayersMSP ;;
    *) die "unknown org: $1" ;;
  esac
}

# CA name (FABRIC_CA_SERVER_CA_NAME) and host:port of each org's CA; container port = host port.
org_ca_name() { echo "ca-$1"; }
org_ca_address() {
  case $1 in
    orderer) echo "$(reach ca.orderer.medledger.local):7054" ;;
    providers) echo "$(reach ca.providers.medledger.local):8054" ;;
    payers) echo "$(reach ca.payers.medledger.local):9054" ;;
    *) die "unknown org: $1" ;;
  esac
}
org_ca_root() { echo "$CA_HOMES_DIR/$1/ca-cert.pem"; }

# The org MSP built by step 20; its tlscacerts/ca.pem is the org's TLS trust root.
org_msp_dir() { echo "$CRYPTO_DIR/$1/msp"; }
org_tls_root() { echo "$CRYPTO_DIR/$1/msp/tlscacerts/ca.pem"; }

# The Fabric admin (NodeOU "admin") of each org: signs lifecycle and channel operations.
org_admin_dir() { echo "$CRYPTO_DIR/$1/users/orgadmin"; }

# --- Nodes ---------------------------------------------------------------------------------

orderer_host() { echo "$1.medledger.local"; }
orderer_port() {
  case $1 in
    orderer1) echo 7050 ;;
    orderer2) echo 8050 ;;
    orderer3) echo 9050 ;;
    *) die "unknown orderer: $1" ;;
  esac
}
# Channel participation API (osnadmin), mutual TLS.
orderer_admin_port() { echo $(($(orderer_port "$1") + 3)); }
orderer_dir() { echo "$CRYPTO_DIR/orderer/orderers/$(orderer_host "$1")"; }

peer_host() { echo "peer0.$1.medledger.local"; }
peer_port() {
  case $1 in
    providers) echo 7051 ;;
    payers) echo 9051 ;;
    *) die "unknown peer org: $1" ;;
  esac
}
peer_dir() { echo "$CRYPTO_DIR/$1/peers/$(peer_host "$1")"; }

# The orderer every client-side step talks to; any of the three would do.
ORDERER_ENDPOINT="$(reach "$(orderer_host orderer1)"):$(orderer_port orderer1)"
ORDERER_TLS_ROOT="$(org_tls_root orderer)"

# Chaincode-as-a-service: the package, and what the chaincode server container reads. The
# package ID (label:sha256 of the package) is only known after packaging, so the server waits for
# it in a file (see the chaincode service in docker-compose.yml).
CHAINCODE_PACKAGE="$STATE_DIR/chaincode/$CHAINCODE_LABEL.tar.gz"
CHAINCODE_ID_FILE="$CRYPTO_DIR/chaincode/package-id"
CHAINCODE_TLS_DIR="$CRYPTO_DIR/chaincode/server"

# use_peer_admin ORG: point the peer CLI at ORG's peer, acting as ORG's admin.
use_peer_admin() {
  local org=$1
  export CORE_PEER_LOCALMSPID
  CORE_PEER_LOCALMSPID="$(org_msp_id "$org")"
  export CORE_PEER_MSPCONFIGPATH
  CORE_PEER_MSPCONFIGPATH="$(org_admin_dir "$org")/msp"
  export CORE_PEER_ADDRESS
  CORE_PEER_ADDRESS="$(reach "$(peer_host "$org")"):$(peer_port "$org")"
  export CORE_PEER_TLS_ENABLED=true
  export CORE_PEER_TLS_ROOTCERT_FILE
  CORE_PEER_TLS_ROOTCERT_FILE="$(org_tls_root "$org")"
}

# Writes stdin to FILE through a temporary file, so readers never see a half-written file.
write_atomically() {
  local file=$1 tmp
  tmp="$(mktemp "$file.tmp.XXXXXX")"
  cat >"$tmp"
  chmod 644 "$tmp"
  mv -f "$tmp" "$file"
}
