#!/usr/bin/env bash
# Native launchers for the network's processes. They return at once, so nodes start side by side;
# wait_for_node waits until one listens. Each mirrors its docker-compose.yml service: the
# same ports, TLS material and settings, with paths under $NETWORK_STATE_DIR and every node on
# localhost. Fabric's sampleconfig (copied from the Go module cache by install-fabric.sh) supplies
# the defaults; these environment variables override them.
# Requires setup/lib/common.sh and lib/processes.sh to be sourced first.

# Operations (health and metrics) endpoints, one port per node as in compose.
readonly -A OPERATIONS_PORT=([orderer1]=9443 [orderer2]=9444 [orderer3]=9445 [providers]=9446 [payers]=9447)
readonly -A CA_PORT=([orderer]=7054 [providers]=8054 [payers]=9054)

start_ca() {
  local org=$1 home="$CA_HOMES_DIR/$1" port=${CA_PORT[$1]}
  mkdir -p "$home"
  # The CA signs its own TLS certificate for localhost and the Fabric host name; clients trust
  # its ca-cert.pem. It listens on loopback only, like every native node; its operations endpoint
  # too, as in compose.
  start_process "ca-$org" env \
    FABRIC_CA_HOME="$home" \
    FABRIC_CA_SERVER_CA_NAME="$(org_ca_name "$org")" \
    FABRIC_CA_SERVER_CSR_CN="ca.$org.medledger.local" \
    FABRIC_CA_SERVER_CSR_HOSTS="ca.$org.medledger.local,localhost,127.0.0.1" \
    FABRIC_CA_SERVER_ADDRESS=127.0.0.1 \
    FABRIC_CA_SERVER_PORT="$port" \
    FABRIC_CA_SERVER_TLS_ENABLED=true \
    FABRIC_CA_SERVER_LOGLEVEL="$CA_LOGGING_LEVEL" \
    FABRIC_CA_SERVER_BOOT="$CA_BOOTSTRAP_USER:$CA_BOOTSTRAP_PASSWORD" \
    FABRIC_CA_SERVER_OPERATIONS_LISTENADDRESS="127.0.0.1:$((port + 10000))" \
    fabric-ca-server start
}

start_orderer() {
  local name=$1 dir port tls
  dir="$(orderer_dir "$name")"
  port="$(orderer_port "$name")"
  tls="$dir/tls"
  mkdir -p "$STATE_DIR/ledgers/$name"
  start_process "$name" env \
    FABRIC_CFG_PATH="$FABRIC_HOME/sampleconfig" \
    FABRIC_LOGGING_SPEC="$NODE_LOGGING_SPEC" \
    ORDERER_GENERAL_LISTENADDRESS=127.0.0.1 \
    ORDERER_GENERAL_LISTENPORT="$port" \
    ORDERER_GENERAL_LOCALMSPID=OrdererMSP \
    ORDERER_GENERAL_LOCALMSPDIR="$dir/msp" \
    ORDERER_GENERAL_TLS_ENABLED=true \
    ORDERER_GENERAL_TLS_CERTIFICATE="$tls/server.crt" \
    ORDERER_GENERAL_TLS_PRIVATEKEY="$tls/server.key" \
    ORDERER_GENERAL_TLS_ROOTCAS="[$tls/ca.crt]" \
    ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE="$tls/server.crt" \
    ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY="$tls/server.key" \
    ORDERER_GENERAL_BOOTSTRAPMETHOD=none \
    ORDERER_CHANNELPARTICIPATION_ENABLED=true \
    ORDERER_FILELEDGER_LOCATION="$STATE_DIR/ledgers/$name/chains" \
    ORDERER_CONSENSUS_WALDIR="$STATE_DIR/ledgers/$name/etcdraft/wal" \
    ORDERER_CONSENSUS_SNAPDIR="$STATE_DIR/ledgers/$name/etcdraft/snapshot" \
    ORDERER_ADMIN_LISTENADDRESS="127.0.0.1:$(orderer_admin_port "$name")" \
    ORDERER_ADMIN_TLS_ENABLED=true \
    ORDERER_ADMIN_TLS_CERTIFICATE="$tls/server.crt" \
    ORDERER_ADMIN_TLS_PRIVATEKEY="$tls/server.key" \
    ORDERER_ADMIN_TLS_ROOTCAS="[$tls/ca.crt]" \
    ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED=true \
    ORDERER_ADMIN_TLS_CLIENTROOTCAS="[$tls/ca.crt]" \
    ORDERER_OPERATIONS_LISTENADDRESS="127.0.0.1:${OPERATIONS_PORT[$name]}" \
    ORDERER_OPERATIONS_TLS_ENABLED=true \
    ORDERER_OPERATIONS_TLS_CERTIFICATE="$tls/server.crt" \
    ORDERER_OPERATIONS_TLS_PRIVATEKEY="$tls/server.key" \
    ORDERER_OPERATIONS_TLS_CLIENTROOTCAS="[$tls/ca.crt]" \
    ORDERER_METRICS_PROVIDER=prometheus \
    orderer
}

start_peer() {
  local org=$1 dir port address tls
  dir="$(peer_dir "$org")"
  port="$(peer_port "$org")"
  address="localhost:$port"
  tls="$dir/tls"
  mkdir -p "$STATE_DIR/ledgers/peer0-$org"
  # CORE_VM_ENDPOINT="" turns off the Docker chaincode builder: the chaincode runs as a service,
  # launched by the project's own ccaas external builder.
  start_process "peer0-$org" env \
    FABRIC_CFG_PATH="$FABRIC_HOME/sampleconfig" \
    FABRIC_LOGGING_SPEC="$NODE_LOGGING_SPEC" \
    CORE_PEER_ID="$(peer_host "$org")" \
    CORE_PEER_LOCALMSPID="$(org_msp_id "$org")" \
    CORE_PEER_MSPCONFIGPATH="$dir/msp" \
    CORE_PEER_LISTENADDRESS="127.0.0.1:$port" \
    CORE_PEER_ADDRESS="$address" \
    CORE_PEER_CHAINCODELISTENADDRESS="127.0.0.1:$((port + 1))" \
    CORE_PEER_CHAINCODEADDRESS="localhost:$((port + 1))" \
    CORE_PEER_GOSSIP_BOOTSTRAP="$address" \
    CORE_PEER_GOSSIP_EXTERNALENDPOINT="$address" \
    CORE_PEER_GOSSIP_RECONNECTINTERVAL="$GOSSIP_RECONNECT_INTERVAL" \
    CORE_PEER_GOSSIP_PUBLISHSTATEINFOINTERVAL="$GOSSIP_STATE_INFO_INTERVAL" \
    CORE_PEER_FILESYSTEMPATH="$STATE_DIR/ledgers/peer0-$org" \
    CORE_PEER_TLS_ENABLED=true \
    CORE_PEER_TLS_CERT_FILE="$tls/server.crt" \
    CORE_PEER_TLS_KEY_FILE="$tls/server.key" \
    CORE_PEER_TLS_ROOTCERT_FILE="$tls/ca.crt" \
    CORE_LEDGER_STATE_STATEDATABASE=goleveldb \
    CORE_VM_ENDPOINT="" \
    CORE_CHAINCODE_EXTERNALBUILDERS="[{name: ccaas, path: $MEDLEDGER_ROOT/network/builders/ccaas}]" \
    CORE_OPERATIONS_LISTENADDRESS="127.0.0.1:${OPERATIONS_PORT[$org]}" \
    CORE_OPERATIONS_TLS_ENABLED=true \
    CORE_OPERATIONS_TLS_CERT_FILE="$tls/server.crt" \
    CORE_OPERATIONS_TLS_KEY_FILE="$tls/server.key" \
    CORE_METRICS_PROVIDER=prometheus \
    peer node start
}

# The chaincode as a service, with TLS; its package ID is known once step 60 packaged it.
start_chaincode_server() {
  local package_id
  package_id="$(cat "$CHAINCODE_ID_FILE")"
  start_process chaincode env \
    CORE_CHAINCODE_LOGGING_LEVEL="$CHAINCODE_LOGGING_LEVEL" \
    node "$MEDLEDGER_ROOT/node_modules/fabric-shim/cli" server \
    --module-path "$MEDLEDGER_ROOT/chaincode" \
    --chaincode-address "127.0.0.1:$CHAINCODE_SERVER_PORT" \
    --chaincode-id "$package_id" \
    --chaincode-tls-key-file "$CHAINCODE_TLS_DIR/tls/server.key" \
    --chaincode-tls-cert-file "$CHAINCODE_TLS_DIR/tls/server.crt"
}

# wait_for_node NAME: waits until the process NAME (as start_process named it) listens on its port.
wait_for_node() {
  local name=$1 port
  case $name in
    ca-*) port=${CA_PORT[${name#ca-}]} ;;
    orderer*) port="$(orderer_port "$name")" ;;
    peer0-*) port="$(peer_port "${name#peer0-}")" ;;
    chaincode) port=$CHAINCODE_SERVER_PORT ;;
    *) die "wait_for_node: unknown node $name" ;;
  esac
  wait_for_port "$name" "$port"
}

wait_for_nodes() {
  local name
  for name in "$@"; do wait_for_node "$name"; done
}
