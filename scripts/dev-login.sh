#!/usr/bin/env bash
# Signs in to a development gateway as one of the development IdP's demo users, exactly as a
# browser does (SP-initiated SAML, HTTP-Redirect then HTTP-POST binding), and prints a new
# personal access token (scopes read,write; valid 1 day) on stdout. Nothing else goes to stdout.
#
#   scripts/dev-login.sh [--consent] <demo-user> [base-url]
#
# --consent: a step-up token instead (scope consent, valid 15 minutes), for the irreversible
# operations: granting consent, delegating, erasing. The sign-in asks the IdP to authenticate again
# (ForceAuthn), and the gateway makes such a token only from a session that fresh. Patients only.
#
# <demo-user> names a button on the dev IdP's login page: its NameID (alice.patient@dev-idp.medledger.test),
# the NameID's local part (alice.patient or alice-patient) or the display name ("Alice Patient").
# [base-url] defaults to $MEDLEDGER_URL, else http://localhost:3000.
#
# The development IdP exists only in development mode, so against any other gateway this fails.
# Needs only bash, curl, sed and grep.
set -euo pipefail

usage() {
  echo "usage: scripts/dev-login.sh [--consent] <demo-user> [base-url]   e.g. scripts/dev-login.sh alice-patient http://localhost:3000" >&2
  exit 2
}

fail() {
  echo "dev-login: $*" >&2
  exit 1
}

consent=false
if [[ ${1-} == --consent ]]; then
  consent=true
  shift
fi
[[ $# -ge 1 && $# -le 2 && -n $1 ]] || usage
wanted=$1
base=${2:-${MEDLEDGER_URL:-http://localhost:3000}}
base=${base%/}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
jar="$work/cookies"
touch "$jar"

# Lower case; every run of other characters becomes one dash: "Dr. Dana Doctor" -> "dr-dana-doctor".
normalise() {
  printf '%s' "$1" | tr '[:upper:]' '[:lower:]' | sed -e 's/[^a-z0-9]\{1,\}/-/g' -e 's/^-//' -e 's/-$//'
}

# The value of the hidden <input name="$1"> in the HTML on stdin (first match), entities decoded.
hidden_field() {
  sed -n "s/.*<input type=\"hidden\" name=\"$1\" value=\"\([^\"]*\)\".*/\1/p" | head -n 1 |
    sed -e 's/&#34;/"/g' -e "s/&#39;/'/g" -e 's/&#60;/</g' -e 's/&#62;/>/g' -e 's/&#38;/\&/g'
}

# The scheme://host:port part of a URL.
origin_of() {
  printf '%s' "$1" | sed -n 's|^\(https\{0,1\}://[^/]*\).*|\1|p'
}

# --- 1. The gateway answers, and it is a development gateway with the built-in IdP.
idp_status=$(curl -sS -o /dev/null -w '%{http_code}' "$base/dev-idp/metadata" 2>"$work/curl-error") ||
  fail "cannot reach the gateway at $base ($(tr -d '\n' <"$work/curl-error")). Is 'npm start' running?"
[[ $idp_status == 200 ]] ||
  fail "no development IdP at $base/dev-idp (HTTP $idp_status). It runs only in development mode (MEDLEDGER_MODE=development, MEDLEDGER_DEV_IDP=on); sign in through your real IdP instead."

# --- 2. SP-initiated login: the gateway redirects (AuthnRequest) to the IdP's login page; a step-up
# sign-in asks the IdP to authenticate again whatever session it has (ForceAuthn).
login_path=/auth/saml/login
[[ $consent == false ]] || login_path+='?forceAuthn=true'
login_page_url=$(curl -sS -L -b "$jar" -c "$jar" -o "$work/login.html" -w '%{url_effective}' "$base$login_path")
grep -q '/sso/respond' "$work/login.html" ||
  fail "the sign-in at $base/auth/saml/login did not lead to the development IdP's login page (it ended at $login_page_url)"

# --- 3. Pick the demo user's form (one <li><form> per line: requestId, relayState?, nameId, button).
key=$(normalise "$wanted")
form=''
choices=()
while IFS= read -r line; do
  name_id=$(printf '%s\n' "$line" | hidden_field nameId)
  display=$(printf '%s\n' "$line" | sed -n 's/.*<button type="submit">\([^<]*\)<\/button>.*/\1/p')
  choices+=("$(normalise "${name_id%%@*}")")
  if [[ $key == "$(normalise "$name_id")" || $key == "$(normalise "${name_id%%@*}")" || $key == "$(normalise "$display")" ]]; then
    form=$line
  fi
done < <(grep '<form method="post" action="[^"]*/sso/respond"' "$work/login.html")
[[ -n $form ]] || fail "no demo user '$wanted' on the development IdP; choose one of: ${choices[*]}"

action=$(printf '%s\n' "$form" | sed -n 's/.*<form method="post" action="\([^"]*\)".*/\1/p')
request_id=$(printf '%s\n' "$form" | hidden_field requestId)
relay_state=$(printf '%s\n' "$form" | hidden_field relayState)
name_id=$(printf '%s\n' "$form" | hidden_field nameId)
respond_url="$(origin_of "$login_page_url")$action"

# --- 4. The IdP answers with its auto-POST form carrying the signed SAMLResponse.
respond_args=(--data-urlencode "requestId=$request_id" --data-urlencode "nameId=$name_id")
[[ -z $relay_state ]] || respond_args+=(--data-urlencode "relayState=$relay_state")
curl -sS -b "$jar" -c "$jar" -o "$work/post.html" "${respond_args[@]}" "$respond_url"
acs_url=$(sed -n 's/.*<form method="post" action="\([^"]*\)" id="saml-post">.*/\1/p' "$work/post.html" | head -n 1)
hidden_field SAMLResponse <"$work/post.html" >"$work/saml-response"
relay_state=$(hidden_field RelayState <"$work/post.html")
[[ -n $acs_url && -s $work/saml-response ]] || fail "the development IdP sent no SAML response for '$wanted'"

# --- 5. Post it to the gateway's ACS, as the page's script would, with the jar's login-binding cookie
# from step 2 (the ACS accepts only a response to a login this client started); the session cookie lands in the jar.
acs_args=(--data-urlencode "SAMLResponse@$work/saml-response")
[[ -z $relay_state ]] || acs_args+=(--data-urlencode "RelayState=$relay_state")
acs_status=$(curl -sS -b "$jar" -c "$jar" -o "$work/acs-body" -w '%{http_code}' "${acs_args[@]}" "$acs_url")
[[ $acs_status == 303 ]] || fail "the gateway refused the sign-in (HTTP $acs_status): $(cat "$work/acs-body")"

# The session belongs to the gateway's public URL (where the ACS is), like the browser's cookie.
gateway=${acs_url%/auth/saml/acs}

# --- 6. CSRF token of the session, then a personal access token (only a session can make one).
csrf=$(curl -sS -b "$jar" "$gateway/auth/csrf" | sed -n 's/.*"csrfToken":"\([^"]*\)".*/\1/p')
[[ -n $csrf ]] || fail "signed in, but $gateway/auth/csrf gave no CSRF token"

token_name="dev-login $(normalise "${name_id%%@*}")"
token_request="{\"name\":\"$token_name\",\"scopes\":[\"read\",\"write\"],\"expiresInDays\":1}"
[[ $consent == false ]] || token_request="{\"name\":\"$token_name step-up\",\"scopes\":[\"consent\"]}"
curl -sS -b "$jar" -o "$work/token.json" -w '%{http_code}' \
  -H 'Content-Type: application/json' -H "X-CSRF-Token: $csrf" \
  -d "$token_request" \
  "$gateway/me/tokens" >"$work/token-status"
token=$(sed -n 's/.*"token":"\(mlpat_[A-Za-z0-9]*\)".*/\1/p' "$work/token.json")
[[ $(cat "$work/token-status") == 201 && -n $token ]] ||
  fail "could not make a personal access token (HTTP $(cat "$work/token-status")): $(cat "$work/token.json")"

# The session was only needed to make the token; end it.
curl -sS -o /dev/null -b "$jar" -X POST -H "X-CSRF-Token: $csrf" "$gateway/auth/logout" || true

printf '%s\n' "$token"
