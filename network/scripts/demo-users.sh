#!/usr/bin/env bash
# Enrolls the demo client users (setup step 95-demo-users) on a running native network. `up`
# leaves them out: nothing in start-up or in the project signs with them, and enrolling them took
# a third of the start-up time.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=SCRIPTDIR/lib/native.sh
source "$here/lib/native.sh"

is_running ca-providers || die "the network is not running; start it with network/network.sh up"
run_step 95-demo-users
log "demo users: ${CRYPTO_DIR#"$MEDLEDGER_ROOT"/}/<org>/users/demo-*"
