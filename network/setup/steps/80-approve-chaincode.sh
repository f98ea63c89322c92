#!/usr/bin/env bash
# Each org approves the chaincode definition: the installed package, the endorsement policy
# (every org's peer must endorse, ENDORSEMENT_POLICY in network.config) and the private data
# collections (network/config/collections.json).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=SCRIPTDIR/../lib/common.sh
source "$here/lib/common.sh"

package_id="$(cat "$CHAINCODE_ID_FILE")"

# approved: has the current org approved this package at this sequence? (queryapproved fails
# when the org has approved nothing at the sequence.)
approved() {
  local out
  out="$(peer lifecycle chaincode queryapproved --channelID "$CHANNEL_NAME" --name "$CHAINCODE_NAME" \
    --sequence "$CHAINCODE_SEQUENCE" --output json 2>/dev/null)" && grep -qF "\"$package_id\"" <<<"$out"
}

# approve: a failed attempt still counts when the approval is in place (approved by an earlier
# run, or by an earlier attempt whose transaction committed after the CLI stopped waiting for it).
# Approving the same definition again only overwrites the org's approval with itself.
approve() {
  peer lifecycle chaincode approveformyorg -o "$ORDERER_ENDPOINT" --tls \
    --cafile "$ORDERER_TLS_ROOT" --channelID "$CHANNEL_NAME" --name "$CHAINCODE_NAME" \
    --version "$CHAINCODE_VERSION" --package-id "$package_id" --sequence "$CHAINCODE_SEQUENCE" \
    --signature-policy "$ENDORSEMENT_POLICY" --collections-config "$COLLECTIONS_CONFIG" || approved
}

approve_as() {
  local org=$1
  use_peer_admin "$org"
  log "$org: approving $CHAINCODE_NAME $CHAINCODE_VERSION, sequence $CHAINCODE_SEQUENCE"
  # Retried: right after the orderers joined, Raft may still be electing its leader
  # (SERVICE_UNAVAILABLE).
  retry 60 approve || die "$org: approveformyorg failed"
}

# Each org approves in its own transaction (its own implicit collection; no read conflicts), so
# the orgs approve side by side and both approvals usually commit in one block.
for org in "${PEER_ORGS[@]}"; do
  spawn approve_as "$org"
done
wait_for_jobs || die "approving the chaincode definition failed (see the messages above)"
