#!/bin/bash
# wine_cli_test.sh EMULATOR PROFSHIM_EXE: the Windows `profshim resolve` (wldap32) under Wine
# against the slapd of slapd_fixture.sh (which runs this script), anonymous bind.
set -u
emulator=$1 cli=$2
dn13='EXCH01\n/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=7e4a1f0c2b9d4e6a8c3f5b1d0e9a2c4f-test'
out=$("$emulator" "$cli" resolve --json --anonymous --ldap "$PSH_LDAP_URI" --server personalized \
  "$dn13" 'EXCH01\nghill' 2>&1)
rc=$?
echo "$out"
failed=0
[ "$rc" = 1 ] || { echo "FAIL: exit $rc, want 1 (one input is ambiguous)"; failed=1; }
grep -q '"result":"resolved","output":"3f2a9c1d-7b4e-4a8f-9c21-5d6e7f8a9b0c@contoso.com\\ntest"' <<<"$out" \
  || { echo "FAIL: the 2013 DN's personalized answer"; failed=1; }
grep -q '"result":"ambiguous","output":null,"entry":null' <<<"$out" || { echo "FAIL: the ambiguous alias"; failed=1; }
# Nothing listens on port 1: a connection failure, with the default Negotiate bind as with
# --anonymous, never a failed bind.
for bind in "" --anonymous; do
  out=$("$emulator" "$cli" resolve $bind --ldap ldap://127.0.0.1:1/dc=contoso,dc=com 'EXCH01\njdoe' 2>&1)
  rc=$?
  [ "$rc" = 2 ] && grep -q 'cannot connect to 127.0.0.1:1: ' <<<"$out" && ! grep -qi 'bind' <<<"$out" \
    || { echo "FAIL: nothing listening (${bind:-Negotiate}): exit $rc: $out"; failed=1; }
done
# The test slapd takes no Negotiate bind (no SASL GSS-SPNEGO or GSSAPI): said before any bind.
out=$("$emulator" "$cli" resolve --ldap "$PSH_LDAP_URI" 'EXCH01\njdoe' 2>&1)
rc=$?
[ "$rc" = 2 ] && grep -q 'takes no Negotiate bind as the calling account (SASL GSS-SPNEGO or GSSAPI' <<<"$out" \
  && grep -q '; bind anonymously instead' <<<"$out" \
  || { echo "FAIL: Negotiate against slapd: exit $rc: $out"; failed=1; }
out=$("$emulator" "$cli" resolve --ldif x.ldif 'EXCH01\njdoe' 2>&1)
rc=$?
[ "$rc" = 2 ] && grep -q 'no LDIF reader' <<<"$out" || { echo "FAIL: --ldif on Windows: exit $rc: $out"; failed=1; }
exit $failed
