#!/bin/bash
# cli_resolve_test.sh PROFSHIM DATA_DIR: `profshim resolve` against the slapd of
# slapd_fixture.sh (which runs this script) and against the same data as LDIF: the binds,
# TLS, the JSON fields, the exit statuses and the errors. Each check says what failed.
set -u
cli=$1 data=$2
failed=0
work=$(mktemp -d "${TMPDIR:-/tmp}/profshim-cli-resolve.XXXXXX")
trap 'rm -rf "$work"' EXIT
dn13='EXCH01\n/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=7e4a1f0c2b9d4e6a8c3f5b1d0e9a2c4f-test'
want13='"output":"3f2a9c1d-7b4e-4a8f-9c21-5d6e7f8a9b0c@contoso.com\\ntest"'

# matches REGEX FILE: "" matches anything, "^$" only an empty file, else grep -E.
matches() {
  case "$1" in
    "") return 0 ;;
    "^\$") [ ! -s "$2" ] ;;
    *) grep -Eq -- "$1" "$2" ;;
  esac
}

# expect NAME RC OUT_REGEX ERR_REGEX -- ARGS...: runs the CLI, checks its exit status and
# that stdout and stderr match (an empty regex: anything; "^$": nothing written).
expect() {
  local name=$1 rc=$2 out=$3 err=$4
  shift 5
  "$cli" "$@" >"$work/out" 2>"$work/err"
  local got=$?
  if [ "$got" != "$rc" ] || ! matches "$out" "$work/out" || ! matches "$err" "$work/err"; then
    echo "FAIL $name: exit $got (want $rc)"; echo "  stdout: $(head -c 600 "$work/out")"; echo "  stderr: $(head -c 600 "$work/err")"
    failed=$((failed + 1))
  else
    echo "ok   $name"
  fi
}

expect ldif.json 1 '"result":"resolved".*'"$want13" '' -- \
  resolve --json --ldif "$data/mailboxes.ldif" --server personalized "$dn13" 'EXCH01\nghill'
expect ldif.fields 1 '"input":"EXCH01\\nghill".*"status":null.*"result":"ambiguous","output":null,"entry":null' '' -- \
  resolve --json --ldif "$data/mailboxes.ldif" 'EXCH01\nghill'
expect ldif.unsafe 1 '"status":"PSH_E_UNSAFE_CHAR".*"result":"unsafe","output":null,"entry":"CN=Ops Alerts' '' -- \
  resolve --json --ldif "$data/mailboxes.ldif" 'EXCH01\nops/alerts'
expect ldif.table 1 '^ +3 +resolved +"EXCH55\\njdoe"' '' -- \
  resolve --ldif "$data/mailboxes.ldif" --server home 'EXCH01\nghill' 'EXCH01\nnobody' \
  'EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe'
expect ldif.table.summary 1 '^3 ProfileInfos resolved: 1, not resolved: 2\.$' '' -- \
  resolve --ldif "$data/mailboxes.ldif" 'EXCH01\nghill' 'EXCH01\nnobody' 'EXCH01\njdoe'
expect anonymous 0 "$want13" '' -- \
  resolve --json --ldap "$PSH_LDAP_URI" --server personalized "$dn13"
expect anonymous.every_era 0 'EXCH2007\\nbjones' '' -- \
  resolve --ldap "$PSH_LDAP_URI" --server home 'EXCH01\n/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=bjones'
expect simple.password_file 0 '"output":"EXCH01\\n=test"' '' -- \
  resolve --json --exact --ldap "$PSH_LDAP_URI" --starttls --ca-file "$PSH_CA_FILE" \
  --bind-dn "$PSH_BIND_DN" --password-file "$PSH_PASSWORD_FILE" 'EXCH01\ntest@contoso.com'
PROFSHIM_LDAP_PASSWORD=reader-secret expect simple.environment 0 '"result":"resolved"' '' -- \
  resolve --json --ldap "$PSH_LDAPS_URI" --ca-file "$PSH_CA_FILE" --bind-dn "$PSH_BIND_DN" 'EXCH01\njdoe'
expect ldaps 0 "$want13" '' -- \
  resolve --json --ldap "$PSH_LDAPS_URI" --ca-file "$PSH_CA_FILE" --server personalized "$dn13"
expect unknown_ca 2 '^$' 'cannot connect' -- \
  resolve --ldap "$PSH_LDAPS_URI" --ca-file "$PSH_OTHER_CA_FILE" 'EXCH01\njdoe'
printf 'not-the-password\n' > "$work/wrong"
expect wrong_password 2 '^$' 'Invalid credentials' -- \
  resolve --ldap "$PSH_LDAP_URI" --starttls --ca-file "$PSH_CA_FILE" --bind-dn "$PSH_BIND_DN" \
  --password-file "$work/wrong" 'EXCH01\njdoe'
expect unreadable_password_file 2 '^$' "cannot read the password file '$work'" -- \
  resolve --ldap "$PSH_LDAPS_URI" --ca-file "$PSH_CA_FILE" --bind-dn "$PSH_BIND_DN" \
  --password-file "$work" 'EXCH01\njdoe'
expect no_password_on_the_command_line 2 '^$' "unknown option '--password'" -- \
  resolve --ldap "$PSH_LDAP_URI" --password secret 'EXCH01\njdoe'
expect simple_bind_needs_tls 2 '^$' 'needs ldaps:// or StartTLS' -- \
  resolve --ldap "$PSH_LDAP_URI" --bind-dn "$PSH_BIND_DN" --password-file "$PSH_PASSWORD_FILE" 'EXCH01\njdoe'
printf 'dn: cn=a\nmailNickname: a\n\ndn: cn=b\nthis line has no colon\n' > "$work/bad.ldif"
expect malformed_ldif 2 '^$' "bad.ldif:5: not 'attribute: value'" -- \
  resolve --ldif "$work/bad.ldif" 'EXCH01\njdoe'
expect both_sources 2 '^$' 'one of --ldap URI and --ldif FILE' -- \
  resolve --ldap "$PSH_LDAP_URI" --ldif "$data/mailboxes.ldif" 'EXCH01\njdoe'
expect bad_server_choice 2 '^$' 'server' -- \
  resolve --ldif "$data/mailboxes.ldif" --server guess 'EXCH01\njdoe'
expect metacharacters 1 '"result":"not_found".*"filter":"\(\|\(mailNickname=\\\\2A\)' '' -- \
  resolve --json --ldap "$PSH_LDAP_URI" 'EXCH01\n*'

echo "$failed failed"
[ "$failed" -eq 0 ]
