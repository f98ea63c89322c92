#!/usr/bin/env bash
# Joins orderer1..3 to the channel through their admin endpoints (channel participation API,
# mutual TLS with the orderer org admin's TLS client certificate).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=SCRIPTDIR/../lib/common.sh
source "$here/lib/common.sh"

admin_tls="$(org_admin_dir orderer)/tls"

# osn ORDERER ARGS...: osnadmin against ORDERER's admin endpoint. osnadmin exits 0 whatever the
# HTTP status; its first output line is "Status: <code>".
osn() {
  local orderer=$1
  shift
  osnadmin "$@" -o "$(reach "$(orderer_host "$orderer")"):$(orderer_admin_port "$orderer")" \
    --ca-file "$ORDERER_TLS_ROOT" --client-cert "$admin_tls/client.crt" --client-key "$admin_tls/client.key"
}
osn_answers() { [[ $(osn "$1" channel list) == "Status: 200"* ]]; }

for orderer in "${ORDERERS[@]}"; do
  log "$orderer: waiting for the admin endpoint"
  retry "$WAIT_ATTEMPTS" "$WAIT_SECONDS" osn_answers "$orderer" || die "$orderer admin endpoint did not answer"

  status="$(osn "$orderer" channel list --channelID "$CHANNEL_NAME")"
  if [[ $status == "Status: 200"* ]]; then
    log "$orderer: already a member of $CHANNEL_NAME"
    continue
  fi
  log "$orderer: joining $CHANNEL_NAME"
  result="$(osn "$orderer" channel join --channelID "$CHANNEL_NAME" --config-block "$CHANNEL_BLOCK")"
  [[ $result == "Status: 201"* ]] || die "$orderer: join failed: $result"
done
