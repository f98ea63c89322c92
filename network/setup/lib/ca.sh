# shellcheck shell=bash
# fabric-ca-client helpers: wait for a CA, register identities, enroll MSP and TLS material.
# Requires lib/common.sh.
#
# Secrets: every identity gets a fresh random enrollment secret each time it is (re-)enrolled.
# Secrets are never stored or logged; `register` and `identity modify` print them on stdout,
# so their stdout is discarded.

# The CA's bootstrap registrar (fabric-ca-server start -b USER:PASSWORD).
CA_BOOTSTRAP_USER="${CA_BOOTSTRAP_USER:-admin}"

registrar_home() { echo "$STATE_DIR/ca-clients/$1"; }

new_secret() { od -An -N16 -tx1 /dev/urandom | tr -d ' \n'; }

# ca_wait ORG: wait until ORG's CA has written its certificate and answers over TLS.
ca_wait() {
  local org=$1 root home ok=0
  root="$(org_ca_root "$org")"
  log "waiting for $(org_ca_name "$org") at $(org_ca_address "$org")"
  retry "$WAIT_SECONDS" test -s "$root" || die "$root did not appear (is the CA volume mounted?)"
  home="$(mktemp -d)"
  retry "$WAIT_SECONDS" \
    fabric-ca-client getcainfo -u "https://$(org_ca_address "$org")" --caname "$(org_ca_name "$org")" \
    --tls.certfiles "$root" -H "$home" --loglevel warning && ok=1
  rm -rf "$home"
  ((ok)) || die "$(org_ca_name "$org") did not answer at $(org_ca_address "$org")"
}

# ca_enroll_registrar ORG: enroll the CA's bootstrap identity once; it registers all others.
ca_enroll_registrar() {
  local org=$1 home
  home="$(registrar_home "$org")"
  if [[ -s $home/msp/signcerts/cert.pem ]]; then
    return 0
  fi
  : "${CA_BOOTSTRAP_PASSWORD:?CA_BOOTSTRAP_PASSWORD must be set (the CAs are started with it)}"
  log "$org: enrolling the CA registrar"
  mkdir -p "$home"
  fabric-ca-client enroll \
    -u "https://$CA_BOOTSTRAP_USER:$CA_BOOTSTRAP_PASSWORD@$(org_ca_address "$org")" \
    --caname "$(org_ca_name "$org")" --tls.certfiles "$(org_ca_root "$org")" \
    -H "$home" --loglevel warning
}

# ca_registrar ORG ARGS...: run a fabric-ca-client command as ORG's registrar.
ca_registrar() {
  local org=$1
  shift
  fabric-ca-client "$@" -H "$(registrar_home "$org")" -u "https://$(org_ca_address "$org")" \
    --caname "$(org_ca_name "$org")" --tls.certfiles "$(org_ca_root "$org")" --loglevel warning
}

# ca_set_secret ORG NAME TYPE SECRET ATTRS: register NAME with SECRET, or, if an earlier run that
# did not finish registered it already, give it SECRET (the old one was never stored). Register
# comes first: on a fresh CA it is the only call.
ca_set_secret() {
  local org=$1 name=$2 type=$3 secret=$4 attrs=$5 extra=() error
  if [[ -n $attrs ]]; then
    extra+=(--id.attrs "$attrs")
  fi
  # stdout (which shows the secret) is discarded; stderr is kept to tell "already registered".
  if error="$(ca_registrar "$org" register --id.name "$name" --id.secret "$secret" --id.type "$type" \
    "${extra[@]}" 2>&1 >/dev/null)"; then
    return 0
  fi
  [[ $error == *"already registered"* ]] || { printf '%s\n' "$error" >&2; return 1; }
  ca_registrar "$org" identity modify "$name" --secret "$secret" >/dev/null
}

# ca_enroll ORG NAME SECRET MSP_DIR [ARGS...]: enroll NAME into MSP_DIR (a fresh directory).
ca_enroll() {
  local org=$1 name=$2 secret=$3 msp=$4 home
  shift 4
  home="$(mktemp -d)"
  fabric-ca-client enroll -u "https://$name:$secret@$(org_ca_address "$org")" \
    --caname "$(org_ca_name "$org")" --tls.certfiles "$(org_ca_root "$org")" \
    -H "$home" -M "$msp" --loglevel warning "$@"
  rm -rf "$home"
}

# only_file DIR: print the path of the single file in DIR; fail if there is not exactly one.
only_file() {
  local files=("$1"/*)
  [[ ${#files[@]} -eq 1 && -f ${files[0]} ]] || die "expected exactly one file in $1"
  echo "${files[0]}"
}

# write_nodeou_config MSP_DIR: classify identities by the OU fabric-ca derives from the identity
# type, so policies can say .peer/.admin/.client/.orderer. cacerts/ca.pem is the org CA root.
write_nodeou_config() {
  write_atomically "$1/config.yaml" <<'EOF'
NodeOUs:
  Enable: true
  ClientOUIdentifier:
    Certificate: cacerts/ca.pem
    OrganizationalUnitIdentifier: client
  PeerOUIdentifier:
    Certificate: cacerts/ca.pem
    OrganizationalUnitIdentifier: peer
  AdminOUIdentifier:
    Certificate: cacerts/ca.pem
    OrganizationalUnitIdentifier: admin
  OrdererOUIdentifier:
    Certificate: cacerts/ca.pem
    OrganizationalUnitIdentifier: orderer
EOF
}

# install_msp ENROLLED DEST: a local MSP with fixed file names (cacerts/ca.pem) plus NodeOUs.
install_msp() {
  local src=$1 dst=$2 key
  mkdir -p "$dst/cacerts" "$dst/signcerts" "$dst/keystore"
  cp "$(only_file "$src/cacerts")" "$dst/cacerts/ca.pem"
  cp "$src/signcerts/cert.pem" "$dst/signcerts/cert.pem"
  # Keep the key's file name: fabric-ca-client names it after the key's SKI.
  key="$(only_file "$src/keystore")"
  cp "$key" "$dst/keystore/"
  chmod 600 "$dst/keystore/"*
  write_nodeou_config "$dst"
}

# install_tls ENROLLED DEST BASENAME: DEST/BASENAME.crt, DEST/BASENAME.key and DEST/ca.crt.
install_tls() {
  local src=$1 dst=$2 base=$3
  mkdir -p "$dst"
  cp "$src/signcerts/cert.pem" "$dst/$base.crt"
  cp "$(only_file "$src/keystore")" "$dst/$base.key"
  chmod 600 "$dst/$base.key"
  cp "$(only_file "$src/tlscacerts")" "$dst/ca.crt"
}

# enroll_identity ORG NAME TYPE DEST [OPTION...]
#   Registers NAME (fabric-ca identity TYPE: client, peer, orderer or admin) with ORG's CA and
#   enrolls it into DEST: DEST/msp, and DEST/tls when asked. Skipped when DEST is complete, so
#   re-running setup keeps existing keys. DEST appears atomically, with a .complete marker that
#   the node containers wait for.
#   Options:
#     attrs=A      fabric-ca attributes, e.g. medledger.role=doctor:ecert (":ecert" puts them in
#                  the enrollment certificate)
#     tls=server   also enroll with the `tls` profile into DEST/tls/server.{crt,key} + ca.crt
#     tls=client   the same with client.{crt,key} (mutual TLS clients such as osnadmin)
#     hosts=H,...  subject alternative names for the certificates (TLS host name checks)
#     msp=no       TLS only (the chaincode server has no Fabric identity of its own)
enroll_identity() {
  local org=$1 name=$2 type=$3 dest=$4 attrs="" tls="" hosts="" msp=yes opt secret work
  shift 4
  for opt in "$@"; do
    case $opt in
      attrs=*) attrs=${opt#attrs=} ;;
      tls=*) tls=${opt#tls=} ;;
      hosts=*) hosts=${opt#hosts=} ;;
      msp=*) msp=${opt#msp=} ;;
      *) die "enroll_identity: unknown option $opt" ;;
    esac
  done

  if [[ -f $dest/.complete ]]; then
    log "$org/$name: already enrolled"
    return 0
  fi
  log "$org/$name: registering and enrolling (type $type${attrs:+, $attrs})"

  local csr=()
  if [[ -n $hosts ]]; then
    csr=(--csr.hosts "$hosts")
  fi
  mkdir -p "$(dirname "$dest")"
  rm -rf "$dest".tmp.*
  work="$(mktemp -d "$dest.tmp.XXXXXX")"
  secret="$(new_secret)"
  ca_set_secret "$org" "$name" "$type" "$secret" "$attrs"

  if [[ $msp == yes ]]; then
    ca_enroll "$org" "$name" "$secret" "$work/enrolled-msp" "${csr[@]}"
    install_msp "$work/enrolled-msp" "$work/msp"
    rm -rf "$work/enrolled-msp"
  fi
  if [[ -n $tls ]]; then
    ca_enroll "$org" "$name" "$secret" "$work/enrolled-tls" --enrollment.profile tls "${csr[@]}"
    install_tls "$work/enrolled-tls" "$work/tls" "$tls"
    rm -rf "$work/enrolled-tls"
  fi

  touch "$work/.complete"
  chmod 755 "$work"
  rm -rf "$dest"
  mv "$work" "$dest"
}
