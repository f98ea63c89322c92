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

commit() {
  [[ $(committed_sequence) == "$CHAINCODE_SEQUENCE" ]] || peer lifecycle chaincode commit \
    -o "$ORDERER_ENDPOINT" --tls --cafile "$ORDERER_TLS_ROOT" --channelID "$CHANNEL_NAME" \
    --name "$CHAINCODE_NAME" --version "$CHAINCODE_VERSION" --sequence "$CHAINCODE_SEQUENCE" \
    --signature-policy "$ENDORSEMENT_POLICY" --collections-config "$COLLECTIONS_CONFIG" "${peer_args[@]}"
}

log "committing $CHAINCODE_NAME $CHAINCODE_VERSION, sequence $CHAINCODE_SEQUENCE"
# Retried like the approvals; each attempt first checks whether an earlier one got through.
retry 10 "$WAIT_SECONDS" commit || die "commit failed"

sequence="$(committed_sequence)"
[[ $sequence == "$CHAINCODE_SEQUENCE" ]] || die "commit did not take effect (committed sequence: ${sequence:-none})"
log "$CHAINCODE_NAME committed at sequence $sequence"
