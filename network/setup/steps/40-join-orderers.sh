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

# joined_or_join ORDERER: is ORDERER a member of the channel (200)? If not, join it. Fails while
# the admin endpoint does not answer yet (osnadmin prints no status), so retrying it also waits.
joined_or_join() {
  local orderer=$1 status result
  status="$(osn "$orderer" channel list --channelID "$CHANNEL_NAME")"
  [[ $status == "Status: 200"* ]] && return 0
  [[ $status == "Status: "* ]] || return 1
  result="$(osn "$orderer" channel join --channelID "$CHANNEL_NAME" --config-block "$CHANNEL_BLOCK")"
  [[ $result == "Status: 201"* ]] || { printf '%s\n' "$result"; return 1; }
}

join_orderer() {
  local orderer=$1
  log "$orderer: joining $CHANNEL_NAME (once its admin endpoint answers)"
  retry "$WAIT_SECONDS" joined_or_join "$orderer" || die "$orderer did not join $CHANNEL_NAME"
}

# The orderers join side by side: each join is independent, and Raft elects a leader once a
# majority has joined.
for orderer in "${ORDERERS[@]}"; do
  spawn join_orderer "$orderer"
done
wait_for_jobs || die "joining the orderers failed (see the messages above)"
