#!/usr/bin/env bash
# Joins each org's peer to the channel from the genesis block, as the org admin.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=SCRIPTDIR/../lib/common.sh
source "$here/lib/common.sh"

# joined_or_join: is the current peer a member of the channel? If not, join it. Fails while the
# peer does not answer yet, so retrying it also waits for the peer.
joined_or_join() {
  peer channel getinfo -c "$CHANNEL_NAME" >/dev/null 2>&1 || peer channel join -b "$CHANNEL_BLOCK"
}

join_peer() {
  local org=$1
  use_peer_admin "$org"
  log "$org: joining $CHANNEL_NAME (once $CORE_PEER_ADDRESS answers)"
  retry "$WAIT_SECONDS" joined_or_join || die "$org: the peer did not join $CHANNEL_NAME"
}

# Each peer joins from the genesis block on its own, so the peers join side by side.
for org in "${PEER_ORGS[@]}"; do
  spawn join_peer "$org"
done
wait_for_jobs || die "joining the peers failed (see the messages above)"
