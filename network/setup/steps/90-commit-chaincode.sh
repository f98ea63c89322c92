#!/usr/bin/env bash
# Commits the approved chaincode definition, endorsed by both orgs' peers (the channel's
# LifecycleEndorsement policy is MAJORITY Endorsement, i.e. both of the two orgs).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=SCRIPTDIR/../lib/common.sh
source "$here/lib/common.sh"

use_peer_admin providers

# committed_sequence: the sequence of the committed definition, or nothing if none.
committed_sequence() {
  local out
  out="$(peer lifecycle chaincode querycommitted --channelID "$CHANNEL_NAME" --name "$CHAINCODE_NAME" \
    --output json 2>/dev/null)" || return 0
  grep -oE '"sequence": *"?[0-9]+' <<<"$out" | grep -oE '[0-9]+$' || true
}

sequence="$(committed_sequence)"
if [[ -n $sequence ]] && ((sequence >= CHAINCODE_SEQUENCE)); then
  log "$CHAINCODE_NAME already committed at sequence $sequence"
  exit 0
fi

peer_args=()
for org in "${PEER_ORGS[@]}"; do
  peer_args+=(--peerAddresses "$(reach "$(peer_host "$org")"):$(peer_port "$org")" --tlsRootCertFiles "$(org_tls_root "$org")")
done

# commit: a failed attempt still counts when the definition is committed (an earlier attempt's
# transaction committed after the CLI stopped waiting for it).
commit() {
  peer lifecycle chaincode commit \
    -o "$ORDERER_ENDPOINT" --tls --cafile "$ORDERER_TLS_ROOT" --channelID "$CHANNEL_NAME" \
    --name "$CHAINCODE_NAME" --version "$CHAINCODE_VERSION" --sequence "$CHAINCODE_SEQUENCE" \
    --signature-policy "$ENDORSEMENT_POLICY" --collections-config "$COLLECTIONS_CONFIG" "${peer_args[@]}" ||
    [[ $(committed_sequence) == "$CHAINCODE_SEQUENCE" ]]
}

log "committing $CHAINCODE_NAME $CHAINCODE_VERSION, sequence $CHAINCODE_SEQUENCE"
# Retried like the approvals.
# The CLI succeeds only once the transaction committed as valid on both peers, and the fallback
# reads the committed sequence itself: either way the definition is in force.
retry 60 commit || die "commit failed"
log "$CHAINCODE_NAME committed at sequence $CHAINCODE_SEQUENCE"
