#!/usr/bin/env bash
# Makes the genesis block of channel medledger with configtxgen (profile MedLedgerChannel). There
# is no system channel: the orderers and peers join from this block. An existing block is kept,
# since the channel has been created from it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=SCRIPTDIR/../lib/common.sh
source "$here/lib/common.sh"

if [[ -s $CHANNEL_BLOCK ]]; then
  log "genesis block exists: $CHANNEL_BLOCK"
  exit 0
fi

# configtxgen resolves the relative paths in configtx.yaml against the file's directory, so the
# file is used from the root of the state directory (layout: header of configtx.yaml).
# Natively every node listens on localhost (NODE_HOST): rewrite the addresses the channel
# configuration carries (orderer endpoints, consenter and anchor peer hosts), never the paths.
if [[ -n $NODE_HOST ]]; then
  sed -E "s/^( *- (Host: )?)[a-z0-9.]+\.medledger\.local/\1$NODE_HOST/" \
    "$MEDLEDGER_ROOT/network/config/configtx.yaml" >"$STATE_DIR/configtx.yaml"
else
  cp "$MEDLEDGER_ROOT/network/config/configtx.yaml" "$STATE_DIR/configtx.yaml"
fi
mkdir -p "$(dirname "$CHANNEL_BLOCK")"
log "creating the genesis block of $CHANNEL_NAME"
configtxgen -configPath "$STATE_DIR" -profile MedLedgerChannel -channelID "$CHANNEL_NAME" \
  -outputBlock "$CHANNEL_BLOCK.tmp"
mv "$CHANNEL_BLOCK.tmp" "$CHANNEL_BLOCK"
