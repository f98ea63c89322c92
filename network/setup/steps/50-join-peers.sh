#!/usr/bin/env bash
# Joins each org's peer to the channel from the genesis block, as the org admin.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=SCRIPTDIR/../lib/common.sh
source "$here/lib/common.sh"

for org in "${PEER_ORGS[@]}"; do
  use_peer_admin "$org"
  log "$org: waiting for $CORE_PEER_ADDRESS"
  retry "$WAIT_ATTEMPTS" "$WAIT_SECONDS" peer channel list || die "$CORE_PEER_ADDRESS did not answer"

  if peer channel list 2>/dev/null | grep -qx "$CHANNEL_NAME"; then
    log "$org: peer already joined $CHANNEL_NAME"
    continue
  fi
  log "$org: joining $CHANNEL_NAME"
  retry 5 "$WAIT_SECONDS" peer channel join -b "$CHANNEL_BLOCK" || die "$org: peer channel join failed"
done
