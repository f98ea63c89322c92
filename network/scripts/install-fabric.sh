#!/usr/bin/env bash
# Builds the pinned Fabric and fabric-ca binaries with the Go toolchain from the Go module proxy
# into $FABRIC_HOME/bin, and copies Fabric's sampleconfig next to them. Nothing else is
# downloaded. Idempotent: a binary that already reports the pinned version is not rebuilt.
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

readonly FABRIC_MODULE=github.com/hyperledger/fabric
readonly FABRIC_CA_MODULE=github.com/hyperledger/fabric-ca
readonly FABRIC_TOOLS=(peer orderer osnadmin configtxgen)
readonly FABRIC_CA_TOOLS=(fabric-ca-server fabric-ca-client)

# True when the stamp written after a successful build names exactly this pin and every binary
# is present. (osnadmin has no version command, so the stamp is what records the version.)
has_install() {
  local stamp=$1 pin=$2; shift 2
  local tool
  [[ -f "$FABRIC_BIN/$stamp" && "$(cat "$FABRIC_BIN/$stamp")" == "$pin" ]] || return 1
  for tool in "$@"; do
    [[ -x "$FABRIC_BIN/$tool" ]] || return 1
  done
}

# Checks that a binary reports the version it was built for (the ldflags took effect).
reports_version() {
  local tool=$1 version=$2
  "$FABRIC_BIN/$tool" version 2>/dev/null | grep -q "Version: ${version}\$" ||
    die "$tool does not report version $version"
}

# `go install pkg@version` asks the proxy for the module's version list to report deprecations,
# and the proxy here refuses list requests even for versions it serves. Building inside a
# throwaway module that requires the exact version avoids that query and pins the build list.
prepare_build_module() {
  local dir=$1 version=$2; shift 2
  local packages=("$@")
  rm -rf "$dir"
  mkdir -p "$dir"
  (cd "$dir" && go mod init medledger.local/fabric-build >/dev/null 2>&1 && go get "${packages[@]/%/@$version}")
}

# Runs a step and, when the module proxy refuses the pinned version, exits with a dedicated code.
run_go_step() {
  local what=$1; shift
  local output
  if ! output=$("$@" 2>&1); then
    printf '%s\n' "$output" >&2
    if grep -q -e '403 Forbidden' -e 'not available' <<<"$output"; then
      log "BLOCKED: the Go module proxy refuses $what; see the error above"
      exit "$EXIT_PROXY_REFUSED"
    fi
    die "building $what failed"
  fi
}

install_fabric_ca() {
  if has_install .fabric-ca-version "$FABRIC_CA_VERSION" "${FABRIC_CA_TOOLS[@]}"; then
    log "fabric-ca $FABRIC_CA_VERSION already installed"
    return
  fi
  log "building fabric-ca $FABRIC_CA_VERSION (${FABRIC_CA_TOOLS[*]})"
  local dir="$FABRIC_HOME/build/fabric-ca"
  local packages=("${FABRIC_CA_TOOLS[@]/#/$FABRIC_CA_MODULE/cmd/}")
  run_go_step "$FABRIC_CA_MODULE@v$FABRIC_CA_VERSION" prepare_build_module "$dir" "v$FABRIC_CA_VERSION" "${packages[@]}"
  local ldflags="-X $FABRIC_CA_MODULE/lib/metadata.Version=$FABRIC_CA_VERSION"
  run_go_step "fabric-ca build" env -C "$dir" GOBIN="$FABRIC_BIN" go install -ldflags "$ldflags" "${packages[@]}"
  reports_version fabric-ca-server "$FABRIC_CA_VERSION"
  echo "$FABRIC_CA_VERSION" >"$FABRIC_BIN/.fabric-ca-version"
}

install_fabric() {
  if has_install .fabric-version "$FABRIC_VERSION $FABRIC_COMMIT" "${FABRIC_TOOLS[@]}" && [[ -d "$FABRIC_HOME/sampleconfig" ]]; then
    log "Fabric $FABRIC_VERSION already installed"
    return
  fi
  log "building Fabric $FABRIC_VERSION at commit $FABRIC_COMMIT (${FABRIC_TOOLS[*]})"
  local dir="$FABRIC_HOME/build/fabric"
  # The module path has no /v3 suffix, so v3 tags are not valid module versions: pin the commit
  # and let Go resolve its pseudo-version.
  local packages=("${FABRIC_TOOLS[@]/#/$FABRIC_MODULE/cmd/}")
  run_go_step "$FABRIC_MODULE@$FABRIC_COMMIT (Fabric $FABRIC_VERSION)" prepare_build_module "$dir" "$FABRIC_COMMIT" "${packages[@]}"
  # The same version metadata Fabric's Makefile stamps into release builds.
  local ldflags="-X $FABRIC_MODULE/common/metadata.Version=$FABRIC_VERSION -X $FABRIC_MODULE/common/metadata.CommitSHA=${FABRIC_COMMIT:0:7}"
  run_go_step "Fabric build" env -C "$dir" GOBIN="$FABRIC_BIN" go install -ldflags "$ldflags" "${packages[@]}"
  reports_version peer "$FABRIC_VERSION"
  reports_version orderer "$FABRIC_VERSION"
  copy_sampleconfig "$dir"
  echo "$FABRIC_VERSION $FABRIC_COMMIT" >"$FABRIC_BIN/.fabric-version"
}

# The default core.yaml/orderer.yaml ship in the module's sampleconfig/ in the Go module cache;
# the network starts from them and overrides through env vars and files under network/config.
copy_sampleconfig() {
  local dir=$1 module_dir
  module_dir=$(cd "$dir" && go list -m -f '{{.Dir}}' "$FABRIC_MODULE")
  rm -rf "$FABRIC_HOME/sampleconfig"
  cp -R "$module_dir/sampleconfig" "$FABRIC_HOME/sampleconfig"
  chmod -R u+w "$FABRIC_HOME/sampleconfig"
}

main() {
  command -v go >/dev/null || die "Go 1.26+ is required to build Fabric natively (https://go.dev/doc/install)"
  mkdir -p "$FABRIC_BIN"
  local want=${1:-all}
  case "$want" in
    ca) install_fabric_ca ;;
    fabric) install_fabric ;;
    all) install_fabric_ca; install_fabric ;;
    *) die "usage: install-fabric.sh [all|ca|fabric]" ;;
  esac
}

main "$@"
