#!/usr/bin/env bash
# Helpers sourced by every network script: paths, the one config file, and logging.

MEDLEDGER_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
export MEDLEDGER_ROOT
# shellcheck source=SCRIPTDIR/../../network.config
source "$MEDLEDGER_ROOT/network/network.config"

FABRIC_BIN="$FABRIC_HOME/bin"
export PATH="$FABRIC_BIN:$PATH"

log() { printf '[network] %s\n' "$*" >&2; }
die() { printf '[network] error: %s\n' "$*" >&2; exit 1; }

# Exit code for "the pinned release cannot be obtained from the Go module proxy here". It is
# distinct from ordinary failures so callers can report a blocked environment precisely.
# shellcheck disable=SC2034  # used by install-fabric.sh
readonly EXIT_PROXY_REFUSED=3
