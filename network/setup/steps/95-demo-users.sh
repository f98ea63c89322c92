#!/usr/bin/env bash
# One demo client user per MedLedger role, for trying the chaincode by hand with the peer CLI:
# each certificate carries the role and a pseudonymous stakeholder ID as fabric-ca attributes
# (the chaincode reads only these, never arguments). Nothing in the project signs with them (the
# gateway enrolls its own principals, the tests their own identities), so the native network
# enrolls them only on request (network/network.sh demo-users); the compose setup job, which
# runs every step, enrolls them last.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=SCRIPTDIR/../lib/common.sh
source "$here/lib/common.sh"
# shellcheck source=SCRIPTDIR/../lib/ca.sh
source "$here/lib/ca.sh"

# demo_user ORG NAME ROLE ID: ROLE must be one ORG issues (chaincode/src/lib/roles.ts:
# ROLE_ISSUING_MSP).
demo_user() {
  local org=$1 name=$2 role=$3 id=$4
  spawn enroll_identity "$org" "$name" client "$CRYPTO_DIR/$org/users/$name" \
    attrs="medledger.role=$role:ecert,medledger.id=$id:ecert"
}

for org in "${PEER_ORGS[@]}"; do
  ca_enroll_registrar "$org"
done
demo_user providers demo-patient patient pat-demo0001
demo_user providers demo-doctor doctor doc-demo0001
demo_user providers demo-hospital hospital hosp-demo0001
demo_user providers demo-regulator regulator reg-demo0001
demo_user providers demo-admin admin adm-demo0001
demo_user payers demo-insurer insurer ins-demo0001
demo_user payers demo-pharmacy pharmacy pharm-demo0001
wait_for_jobs || die "enrolling the demo users failed (see the messages above)"
