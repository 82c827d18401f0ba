#!/bin/bash
# slapd_fixture.sh DATA_DIR COMMAND [ARG]...
#
# Starts a throw-away Debian slapd on free loopback ports, loaded with DATA_DIR's
# mailboxes.ldif under DATA_DIR's exchange.schema, runs COMMAND, and stops slapd whatever
# happens (the EXIT trap), then checks that no slapd of this run is left. It exits with
# COMMAND's status, or 1 if slapd could not start or would not stop.
#
# COMMAND gets, in its environment:
#   PSH_LDAP_URI        ldap://127.0.0.1:PORT    (anonymous reads allowed; StartTLS offered)
#   PSH_LDAPS_URI       ldaps://127.0.0.1:PORT2
#   PSH_CA_FILE         the CA (made for this run) that signed slapd's certificate
#   PSH_OTHER_CA_FILE   another CA, which signed nothing slapd has
#   PSH_BIND_DN, PSH_PASSWORD_FILE   an account for simple binds and its password's file
#   PSH_BASE            dc=contoso,dc=com
#   PSH_LDIF            DATA_DIR/mailboxes.ldif
#   PSH_SLAPD_PID       slapd's process id (a test may stop it)
#   LDAPNOINIT=1        no ldap.conf or ~/.ldaprc changes what the tests ask for
set -u
data=$1
shift

work=$(mktemp -d "${TMPDIR:-/tmp}/profshim-slapd.XXXXXX")
slapd_pid=""
guardian_pid=""

stop_slapd() {
  local rc=$?
  # The guardian first, so that it never signals a process id reused after slapd.
  [ -n "$guardian_pid" ] && kill "$guardian_pid" 2>/dev/null
  if [ -n "$slapd_pid" ]; then
    kill "$slapd_pid" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$slapd_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$slapd_pid" 2>/dev/null
    wait "$slapd_pid" 2>/dev/null
    if pgrep -f "slapd -f $work/slapd.conf" >/dev/null; then
      echo "slapd_fixture: a slapd of $work is still running" >&2
      rc=1
    fi
  fi
  rm -rf "$work"
  exit "$rc"
}
trap stop_slapd EXIT
trap 'exit 1' INT TERM HUP

fail() { echo "slapd_fixture: $*" >&2; [ -f "$work/slapd.log" ] && tail -20 "$work/slapd.log" >&2; exit 1; }

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# A CA, slapd's certificate (for localhost and 127.0.0.1), and a CA that signed nothing.
tls() {
  cd "$work" || return 1
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "/CN=profshim test CA" \
    -keyout ca.key -out ca.pem
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "/CN=profshim other CA" \
    -keyout other-ca.key -out other-ca.pem
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=localhost" -keyout server.key -out server.csr
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n' > server.ext
  openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
    -extfile server.ext -out server.pem
}
tls >"$work/openssl.log" 2>&1 || { cat "$work/openssl.log" >&2; fail "cannot make the test certificates"; }

port=$(free_port)
tls_port=$(free_port)
mkdir -p "$work/db"
cat > "$work/slapd.conf" <<CONF
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include $data/exchange.schema
pidfile $work/slapd.pid
modulepath /usr/lib/ldap
moduleload back_mdb
TLSCACertificateFile $work/ca.pem
TLSCertificateFile $work/server.pem
TLSCertificateKeyFile $work/server.key
database mdb
suffix "dc=contoso,dc=com"
rootdn "cn=admin,dc=contoso,dc=com"
directory $work/db
maxsize 4294967296
index objectClass eq
index legacyExchangeDN,proxyAddresses,mailNickname,sAMAccountName eq
access to attrs=userPassword by anonymous auth by * none
access to * by * read
CONF

printf 'reader-secret\n' > "$work/password"
chmod 600 "$work/password"
cat > "$work/reader.ldif" <<LDIF
dn: cn=reader,dc=contoso,dc=com
objectClass: person
cn: reader
sn: reader
userPassword: reader-secret
LDIF
slapadd -q -f "$work/slapd.conf" -l "$data/mailboxes.ldif" >"$work/slapadd.log" 2>&1 \
  && slapadd -q -f "$work/slapd.conf" -l "$work/reader.ldif" >>"$work/slapadd.log" 2>&1 \
  || { cat "$work/slapadd.log" >&2; fail "slapadd failed"; }

# -d 0: in the foreground, so $! is slapd itself.
slapd -f "$work/slapd.conf" -h "ldap://127.0.0.1:$port/ ldaps://127.0.0.1:$tls_port/" -d 0 \
  >"$work/slapd.log" 2>&1 &
slapd_pid=$!
# A guardian for the one case the EXIT trap cannot handle, this script killed by SIGKILL:
# it stops slapd once the script is gone.
fixture_pid=$$
( while kill -0 "$fixture_pid" 2>/dev/null; do sleep 1; done
  kill -9 "$slapd_pid" 2>/dev/null
  rm -rf "$work" ) >/dev/null 2>&1 &
guardian_pid=$!

export LDAPNOINIT=1
ready=""
for _ in $(seq 100); do
  kill -0 "$slapd_pid" 2>/dev/null || fail "slapd exited at start"
  if ldapsearch -x -H "ldap://127.0.0.1:$port" -b "" -s base namingContexts >/dev/null 2>&1; then
    ready=1
    break
  fi
  sleep 0.1
done
[ -n "$ready" ] || fail "slapd did not answer on port $port within 10 s"

export PSH_LDAP_URI="ldap://127.0.0.1:$port"
export PSH_LDAPS_URI="ldaps://127.0.0.1:$tls_port"
export PSH_CA_FILE="$work/ca.pem"
export PSH_OTHER_CA_FILE="$work/other-ca.pem"
export PSH_BIND_DN="cn=reader,dc=contoso,dc=com"
export PSH_PASSWORD_FILE="$work/password"
export PSH_BASE="dc=contoso,dc=com"
export PSH_LDIF="$data/mailboxes.ldif"
export PSH_SLAPD_PID="$slapd_pid"
"$@"
