#!/usr/bin/env bash
# One-shot setup job of the compose network (service `setup` in /docker-compose.yml): enrolls
# every identity through the org CAs, creates channel `medledger` and deploys the `medledger`
# chaincode. Runs the steps in steps/ in order; each is idempotent, so running the job again
# after a success changes nothing, and running it after a failure resumes.
#
# Reset everything (CAs, crypto, ledgers) with: docker compose down --volumes
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=SCRIPTDIR/lib/common.sh
source "$here/lib/common.sh"

for step in "$here"/steps/[0-9][0-9]-*.sh; do
  log "== $(basename "$step" .sh)"
  bash "$step"
done
log "done: channel $CHANNEL_NAME, chaincode $CHAINCODE_NAME $CHAINCODE_VERSION (sequence $CHAINCODE_SEQUENCE)"
