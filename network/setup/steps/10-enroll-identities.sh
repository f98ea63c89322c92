#!/usr/bin/env bash
# Registers and enrolls every identity through its org's CA (no cryptogen): roles go into the
# certificates as fabric-ca attributes, and the identity type becomes the NodeOU.
#   orderer org:  orderer1..3 (MSP + TLS), orgadmin (MSP + TLS client cert for osnadmin)
#   each peer org: peer0 (MSP + TLS), orgadmin (Fabric admin for lifecycle and channel joins),
#                  one demo client user per MedLedger role the org issues
#   Providers CA:  the chaincode server's TLS certificate
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=SCRIPTDIR/../lib/common.sh
source "$here/lib/common.sh"
# shellcheck source=SCRIPTDIR/../lib/ca.sh
source "$here/lib/ca.sh"

for org in "${ORGS[@]}"; do
  ca_wait "$org"
  ca_enroll_registrar "$org"
done

# demo_user ORG NAME ROLE ID: a client identity whose certificate carries the MedLedger role and
# pseudonymous stakeholder ID (the chaincode reads only these, never arguments). ROLE must be
# issued by ORG (chaincode/src/lib/roles.ts: ROLE_ISSUING_MSP).
demo_user() {
  local org=$1 name=$2 role=$3 id=$4
  enroll_identity "$org" "$name" client "$CRYPTO_DIR/$org/users/$name" \
    attrs="medledger.role=$role:ecert,medledger.id=$id:ecert"
}

# peer_org ORG: the org's peer and admin.
peer_org() {
  local org=$1
  enroll_identity "$org" peer0 peer "$(peer_dir "$org")" \
    tls=server hosts="$(peer_host "$org"),peer0-$org,localhost"
  enroll_identity "$org" orgadmin admin "$(org_admin_dir "$org")"
}

orderer_org() {
  local orderer
  for orderer in "${ORDERERS[@]}"; do
    enroll_identity orderer "$orderer" orderer "$(orderer_dir "$orderer")" \
      tls=server hosts="$(orderer_host "$orderer"),$orderer,localhost"
  done
  enroll_identity orderer orgadmin admin "$(org_admin_dir orderer)" tls=client hosts=orgadmin
}

providers_org() {
  peer_org providers
  # The peers verify the chaincode server against the Providers CA root (connection.json root_cert).
  enroll_identity providers chaincode-server client "$CHAINCODE_TLS_DIR" msp=no \
    tls=server hosts="$CHAINCODE_SERVER_HOST,chaincode,localhost"
  demo_user providers demo-patient patient pat-demo0001
  demo_user providers demo-doctor doctor doc-demo0001
  demo_user providers demo-hospital hospital hosp-demo0001
  demo_user providers demo-regulator regulator reg-demo0001
  demo_user providers demo-admin admin adm-demo0001
}

payers_org() {
  peer_org payers
  demo_user payers demo-insurer insurer ins-demo0001
  demo_user payers demo-pharmacy pharmacy pharm-demo0001
}

# Each org has its own CA, so the three orgs enroll side by side (enrollment is most of the
# network's start-up time); every lane must succeed.
lanes=()
for lane in orderer_org providers_org payers_org; do
  "$lane" &
  lanes+=("$!")
done
failed=0
for pid in "${lanes[@]}"; do
  wait "$pid" || failed=1
done
((failed == 0)) || die "enrolling identities failed (see the messages above)"

chown -R "$CHAINCODE_SERVER_UID:$CHAINCODE_SERVER_UID" "$CHAINCODE_TLS_DIR"
