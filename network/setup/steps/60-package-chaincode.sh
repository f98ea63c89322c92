#!/usr/bin/env bash
# Packages the chaincode for chaincode-as-a-service: metadata.json (type "ccaas", the label) and
# code.tar.gz holding only connection.json, which tells the peers' external builder
# (network/builders/ccaas) where the chaincode server listens and which CA signed its TLS
# certificate. The package is byte-for-byte reproducible (fixed tar metadata, gzip -n), so a
# re-run yields the same package ID. The ID is published for the chaincode server container.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=SCRIPTDIR/../lib/common.sh
source "$here/lib/common.sh"

# json_pem FILE: the PEM file as a JSON string body (newlines as \n).
json_pem() {
  local line
  while IFS= read -r line || [[ -n $line ]]; do
    printf '%s\\n' "$line"
  done <"$1"
}

# reproducible_tgz OUT DIR FILE...: tar.gz of DIR/FILE... without timestamps or owner names.
reproducible_tgz() {
  local out=$1 dir=$2
  shift 2
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --format=ustar \
    -C "$dir" -cf - "$@" | gzip -n >"$out"
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cat >"$work/connection.json" <<JSON
{
  "address": "$(reach "$CHAINCODE_SERVER_HOST"):$CHAINCODE_SERVER_PORT",
  "dial_timeout": "10s",
  "tls_required": true,
  "root_cert": "$(json_pem "$(org_ca_root providers)")"
}
JSON
printf '{"type":"ccaas","label":"%s"}\n' "$CHAINCODE_LABEL" >"$work/metadata.json"
chmod 644 "$work/connection.json" "$work/metadata.json"
reproducible_tgz "$work/code.tar.gz" "$work" connection.json
chmod 644 "$work/code.tar.gz"
reproducible_tgz "$work/package.tar.gz" "$work" metadata.json code.tar.gz

mkdir -p "$(dirname "$CHAINCODE_PACKAGE")"
if [[ -f $CHAINCODE_PACKAGE ]] && cmp -s "$work/package.tar.gz" "$CHAINCODE_PACKAGE"; then
  log "package unchanged: $CHAINCODE_PACKAGE"
else
  log "writing $CHAINCODE_PACKAGE"
  mv "$work/package.tar.gz" "$CHAINCODE_PACKAGE"
fi

# calculatepackageid works offline, but the peer CLI still loads an MSP first.
use_peer_admin providers
package_id="$(peer lifecycle chaincode calculatepackageid "$CHAINCODE_PACKAGE")"
[[ $package_id == "$CHAINCODE_LABEL:"* ]] || die "unexpected package ID: $package_id"
if [[ $(cat "$CHAINCODE_ID_FILE" 2>/dev/null) != "$package_id" ]]; then
  printf '%s\n' "$package_id" | write_atomically "$CHAINCODE_ID_FILE"
fi
log "package ID: $package_id"
