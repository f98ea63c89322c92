#!/usr/bin/env bash
# Builds the Go programs the checks run (docker compose, SeaweedFS) from the Go module proxy into
# a per-machine cache, keyed by version, so a fresh clone reuses what an earlier one built.
#
#   go-tool.sh path TOOL...     prints where each binary lives (built or not)
#   go-tool.sh install TOOL...  builds the ones that are missing, then prints their paths
#
# TOOL is compose or seaweedfs. The versions are pinned here and nowhere else: the tests ask
# `go-tool.sh path` where to look.
set -euo pipefail

CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}/medledger"

# Sets MODULE, VERSION, PACKAGE, BINARY and LDFLAGS for one tool.
tool_spec() {
  case $1 in
    compose)
      MODULE=github.com/docker/compose/v5
      VERSION=v5.6.0
      PACKAGE=$MODULE/cmd
      BINARY=docker-compose
      # `docker-compose version` reports this instead of "dev".
      LDFLAGS="-X $MODULE/internal.Version=$VERSION"
      ;;
    seaweedfs)
      # SeaweedFS tags are not module versions; this pseudo-version is its 4.53 source.
      MODULE=github.com/seaweedfs/seaweedfs
      VERSION=v0.0.0-20261109003541-7506e5f91cd6
      PACKAGE=$MODULE/weed
      BINARY=weed
      LDFLAGS="-X $MODULE/weed/util/version.COMMIT=${VERSION##*-}"
      ;;
    *)
      echo "go-tool.sh: unknown tool '$1' (compose, seaweedfs)" >&2
      exit 2
      ;;
  esac
}

tool_dir() { printf '%s/%s-%s' "$CACHE_ROOT" "$1" "$VERSION"; }

# A failed or interrupted build leaves no half-made module behind.
BUILD_DIR=
trap '[[ -z $BUILD_DIR ]] || rm -rf "$BUILD_DIR"' EXIT

log() { printf '[go-tool] %s\n' "$*" >&2; }

# The stamp names exactly what was built, so a changed pin or recipe is rebuilt, never reused.
stamp_of() { printf '%s@%s %s %s\n' "$MODULE" "$VERSION" "$PACKAGE" "$LDFLAGS"; }

is_installed() {
  local dir=$1
  [[ -x $dir/$BINARY && "$(cat "$dir/.stamp" 2>/dev/null)" == "$(stamp_of)" ]]
}

# `go install pkg@version` refuses a module whose go.mod has exclude or replace directives, and a
# dependency's directives are ignored anyway. So the build runs in a throwaway module that
# requires the pinned version and carries the same directives (module replacements only).
prepare_build_module() {
  local dir=$1 gomod
  (cd "$dir" && go mod init medledger.local/go-tool-build >/dev/null 2>&1)
  gomod=$(cd "$dir" && go mod download -json "$MODULE@$VERSION" | sed -n 's/^\t"GoMod": "\(.*\)",$/\1/p')
  [[ -n $gomod ]] || { log "the Go module proxy gave no go.mod for $MODULE@$VERSION"; return 1; }
  local directive
  # shellcheck disable=SC2016  # the backticks are JavaScript's
  while read -r directive; do
    [[ -n $directive ]] && (cd "$dir" && go mod edit "$directive")
  done < <(go mod edit -json "$gomod" | node -e '
    const mod = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const at = (m) => (m.Version ? `${m.Path}@${m.Version}` : m.Path);
    for (const e of mod.Exclude ?? []) console.log(`-exclude=${at(e)}`);
    for (const r of mod.Replace ?? []) if (r.New.Version) console.log(`-replace=${at(r.Old)}=${at(r.New)}`);
  ')
  (cd "$dir" && go get "$PACKAGE@$VERSION")
}

install_tool() {
  local tool=$1 dir build started
  tool_spec "$tool"
  dir=$(tool_dir "$tool")
  if is_installed "$dir"; then
    return
  fi
  started=$SECONDS
  log "building $tool ($MODULE@$VERSION) into $dir"
  mkdir -p "$dir"
  build=$(mktemp -d "$dir/build.XXXXXX")
  BUILD_DIR=$build
  prepare_build_module "$build"
  (cd "$build" && CGO_ENABLED=0 nice go build -trimpath -ldflags "-s -w $LDFLAGS" -o "$build/$BINARY" "$PACKAGE")
  # Both tools answer `version`; a binary that cannot is not kept.
  "$build/$BINARY" version >/dev/null
  # Renamed into place only once built and run, so an interrupted build never looks installed.
  mv "$build/$BINARY" "$dir/$BINARY"
  stamp_of >"$dir/.stamp"
  rm -rf "$build"
  log "built $tool in $((SECONDS - started))s"
}

main() {
  local command=${1:-} tool
  shift || true
  if [[ $command != path && $command != install ]] || (($# == 0)); then
    echo "usage: go-tool.sh path|install TOOL..." >&2
    exit 2
  fi
  if [[ $command == install ]] && ! command -v go >/dev/null; then
    # The Go toolchain of this machine kind lives there; a shell may not have it on PATH.
    PATH="/usr/local/go/bin:$PATH"
    command -v go >/dev/null || { log "Go is required to build $*"; exit 1; }
  fi
  for tool in "$@"; do
    tool_spec "$tool"
    [[ $command == install ]] && install_tool "$tool"
    printf '%s/%s\n' "$(tool_dir "$tool")" "$BINARY"
  done
}

main "$@"
