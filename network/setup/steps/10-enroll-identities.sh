#!/usr/bin/env bash
# Registers and enrolls the identities the network needs through each org's CA (no cryptogen): the
# identity type becomes the NodeOU.
#   orderer org:  orderer1..3 (MSP + TLS), orgadmin (MSP + TLS client cert for osnadmin)
#   each peer org: peer0 (MSP + TLS), orgadmin (Fabric admin for lifecycle and channel joins)
#   Providers CA:  the chaincode server's TLS certificate
# The demo client users are a later step (95-demo-users): nothing in start-up needs them.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=SCRIPTDIR/../lib/common.sh
source "$here/lib/common.sh"
# shellcheck source=SCRIPTDIR/../lib/ca.sh
source "$here/lib/ca.sh"

peer_org() {
  local org=$1
  spawn enroll_identity "$org" peer0 peer "$(peer_dir "$org")" \
    tls=server hosts="$(peer_host "$org"),peer0-$org,localhost"
  spawn enroll_identity "$org" orgadmin admin "$(org_admin_dir "$org")"
}

orderer_org() {
  local orderer
  for orderer in "${ORDERERS[@]}"; do
    spawn enroll_identity orderer "$orderer" orderer "$(orderer_dir "$orderer")" \
      tls=server hosts="$(orderer_host "$orderer"),$orderer,localhost"
  done
  spawn enroll_identity orderer orgadmin admin "$(org_admin_dir orderer)" tls=client hosts=orgadmin
}

providers_org() {
  peer_org providers
  # The peers verify the chaincode server against the Providers CA root (connection.json root_cert).
  spawn enroll_identity providers chaincode-server client "$CHAINCODE_TLS_DIR" msp=no \
    tls=server hosts="$CHAINCODE_SERVER_HOST,chaincode,localhost"
}

payers_org() { peer_org payers; }

# org_lane ORG: ORG's registrar, then its identities side by side. Enrollment is most of the
# network's start-up time, and each fabric-ca-client call mostly waits (process start, TLS, the
# CA's database), so the identities of an org enroll in parallel, as do the three orgs.
org_lane() {
  ca_wait "$1"
  ca_enroll_registrar "$1"
  "$1_org"
  wait_for_jobs
}

for org in "${ORGS[@]}"; do
  spawn org_lane "$org"
done
wait_for_jobs || die "enrolling identities failed (see the messages above)"

chown -R "$CHAINCODE_SERVER_UID:$CHAINCODE_SERVER_UID" "$CHAINCODE_TLS_DIR"
