#!/usr/bin/env bash
# One test of profshim in front of CDO's MAPI.Session (ctest windows.cdo.<case>), in a
# fresh throw-away Wine prefix of its own, with the CDO stand-in registered as MAPI.Session:
#
#   run.sh WINE_RUN_SH MACHINE TEMPLATE_PREFIX PROFSHIM_DLL STANDIN_DLL CLIENT_EXE LOGON_VBS WORK CASE [PROFSHIM_EXE]
#
# MACHINE (x86 or x64) is the bitness of the DLLs: their regsvr32, cscript and reg are
# Wine's programs of that bitness, so the x86 DLL works in the 32-bit registry view, as
# CDO 1.21 does. The prefix is a whole copy of TEMPLATE_PREFIX (the build's, made once by
# wineboot; a copy takes seconds where wineboot takes a minute), removed at the end.
# Cases:
#   without_shim        the stand-in sees the raw DN; its members answer as they do
#   rewrite, exact      after `regsvr32 /n /i:cdo`: EXCH01\njdoe (exact: EXCH01\n=jdoe) from
#                       VBScript (positional) and C++ (named, BSTR by reference); every
#                       other line as without the shim; the caller's string unchanged; logged
#   log_only            nothing changed, the would-be change logged
#   unfixable           an Exchange 2013 DN profshim cannot make safe reaches CDO unchanged
#   uninstall_restores  install twice, uninstall: HKLM\Software of both views exported
#                       (reg export) before and after is the same byte for byte, also with
#                       a TreatAs that was there before install
#   odd_setup           CDO's path as REG_EXPAND_SZ, an unknown Mode (rewrite), a log file
#                       that cannot be made: corrected, nothing fails
#   cli                 profshim cdo install --mode exact --log FILE, status, uninstall
#   settings            settings install cannot use (regsvr32 /i:cdo;... and the CLI's
#                       options) are refused with a message and exit status 2, nothing written
#   resolve             under tests/directory/slapd_fixture.sh: regsvr32
#                       /i:cdo;mode=resolve;directory=...: a 2007 DN reaches CDO as the
#                       directory answers it; an unknown mailbox, and any mailbox once slapd
#                       is stopped, reach it as given, and the log says why
#   no_cdo              install and uninstall (and the CLI's status) fail cleanly, with a
#                       message, changing nothing
#   access_denied       HKLM\SOFTWARE\profshim\Cdo refuses writes (a DACL, deny_writes.cpp;
#                       $PSH_CDO_DENY): install fails at its first write, says to elevate,
#                       changes nothing
#   access_denied_undo  CDO's TreatAs key refuses writes: install fails at its last write
#                       and takes away what it wrote before, so the registry is as before
# Prints "ok: ..." / "FAIL: ..." per check, then "N passed, M failed".
set -uo pipefail
wine_run="$1" machine="$2" template="$3" dll="$4" standin="$5" client="$6" vbs="$7" work="$8" case="$9"
cli_exe="${10:-}"   # profshim.exe, for the cli case and no_cdo's CLI checks

dir="$work/$case"
prefix="$dir/prefix"
rm -rf "$dir"
mkdir -p "$prefix" "$dir/bin"
cp -a "$template/drive_c" "$prefix/"
# .update-timestamp too: without it Wine takes the prefix for an old one and updates it.
cp -a "$template/.update-timestamp" "$template/dosdevices" "$template/system.reg" "$template/user.reg" \
      "$template/userdef.reg" "$prefix/"
cleanup() {
  WINEPREFIX="$prefix" /usr/lib/wine/wineserver -k >/dev/null 2>&1
  rm -rf "$prefix"
}
trap cleanup EXIT
export PROFSHIM_WINEPREFIX="$prefix"
cp "$dll" "$standin" "$client" "$vbs" ${cli_exe:+"$cli_exe"} "$dir/bin/"

winpath() { local p; p="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; printf 'Z:%s' "${p//\//\\}"; }
w() { PROFSHIM_WINE_MACHINE="$machine" "$wine_run" "$@"; }
profshim="$(winpath "$dir/bin/$(basename "$dll")")"
standin_dll="$(winpath "$dir/bin/$(basename "$standin")")"
client_exe="$dir/bin/$(basename "$client")"
logon_vbs="$(winpath "$dir/bin/$(basename "$vbs")")"
log="$dir/cdo.log"

passed=0
failed=0
expect() {   # expect WHAT ACTUAL EXPECTED
  if [[ "$2" == "$3" ]]; then passed=$((passed + 1)); echo "ok: $1"
  else failed=$((failed + 1)); echo "FAIL: $1: got '$2', expected '$3'"; fi
}
expect_match() {   # expect_match WHAT ACTUAL REGEX
  if [[ "$2" =~ $3 ]]; then passed=$((passed + 1)); echo "ok: $1"
  else failed=$((failed + 1)); echo "FAIL: $1: got '$2', not matching '$3'"; fi
}
# expect_log_line LINE PROCESS BEFORE AFTER WHY_START: time, process (pid), before, after
# and why, separated by tabs, LF written as \n.
expect_log_line() {
  local time process before after why
  IFS=$'\t' read -r time process before after why <<<"$1"
  expect_match "log: the time" "$time" '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'
  expect_match "log: the process" "$process" "^$2 \\([0-9]+\\)\$"
  expect "log: before" "$before" "$3"
  expect "log: after" "$after" "$4"
  expect "log: why" "${why:0:${#5}}" "$5"   # WHY_START: all of it where it has no variable part
}
field() { sed -n "s/^$1: //p" <<<"$2" | head -n1; }
# The lines of a run but those that say what Logon received.
others() { grep -v -e '^received ' <<<"$1"; }
finish() { echo "$passed passed, $failed failed"; ((failed == 0)); exit $?; }

cli() { w "$dir/bin/$(basename "$cli_exe")" cdo "$@" 2>&1; }
vbs_run() { w cscript //nologo "$logon_vbs" "$@" 2>&1; }
client_run() { w "$client_exe" "$@" 2>&1; }
regsvr() { w regsvr32 /s "$@" >"$dir/regsvr32.out" 2>&1; }
install() { regsvr /n /i:cdo "$profshim"; }
uninstall() { regsvr /u /n /i:cdo "$profshim"; }
set_value() { w reg add 'HKLM\SOFTWARE\profshim\Cdo' /v "$1" /d "$2" /f >/dev/null 2>&1; }
# HKLM\Software of both registry views, as reg export writes it.
export_registry() {
  PROFSHIM_WINE_MACHINE=x64 "$wine_run" reg export 'HKLM\Software' "$(winpath "$dir")\\$1-64.reg" /y >/dev/null 2>&1
  PROFSHIM_WINE_MACHINE=x86 "$wine_run" reg export 'HKLM\Software' "$(winpath "$dir")\\$1-32.reg" /y >/dev/null 2>&1
}
same_registry() {   # same_registry WHAT BEFORE AFTER
  for bits in 64 32; do
    if cmp -s "$dir/$2-$bits.reg" "$dir/$3-$bits.reg" && [[ -s "$dir/$2-$bits.reg" ]]; then
      passed=$((passed + 1)); echo "ok: $1 ($bits-bit view, $(wc -c <"$dir/$2-$bits.reg") bytes)"
    else
      failed=$((failed + 1)); echo "FAIL: $1 ($bits-bit view):"
      diff <(iconv -f UTF-16LE -t UTF-8 "$dir/$2-$bits.reg") <(iconv -f UTF-16LE -t UTF-8 "$dir/$3-$bits.reg") | head -20
    fi
  done
}

kb='EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe'
new_dn='EXCH01\n/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=3f2a9c1d7b4e4a8f9c215d6e7f8a9b0c-jdoe'

if [[ "$case" == no_cdo ]]; then
  export_registry before
  install; rc=$?
  expect_match "install without CDO fails" "$rc" '^[1-9][0-9]*$'
  expect_match "install says why" "$(cat "$dir/regsvr32.out")" 'MAPI.Session is not registered.*0x80040154'
  uninstall; rc=$?
  expect_match "uninstall without CDO fails" "$rc" '^[1-9][0-9]*$'
  expect_match "uninstall says why" "$(cat "$dir/regsvr32.out")" 'MAPI.Session is not registered.*0x80040154'
  if [[ -n "$cli_exe" ]]; then
    for action in status install uninstall; do
      out="$(cli $action)"; rc=$?
      expect "profshim cdo $action without CDO: exit status" "$rc" 1
      expect_match "profshim cdo $action without CDO says why" "$out" 'MAPI.Session is not registered in the (32|64)-bit registry view'
    done
  fi
  export_registry after
  same_registry "the registry is as before" before after
  finish
fi

regsvr "$standin_dll" || { echo "FAIL: regsvr32 $(basename "$standin"): $(cat "$dir/regsvr32.out")"; exit 1; }
vbs_before="$(vbs_run)"
client_before="$(client_run)"
echo "--- without the shim, VBScript:"; echo "$vbs_before"
echo "--- without the shim, C++:"; echo "$client_before"

# What the stand-in answers without the shim (so that "the same with the shim" means something).
expect "VBScript: Fail raises CDO's error" "$(field Fail "$vbs_before")" \
  "8004010F Collaboration Data Objects (stand-in) [Collaboration Data Objects - [MAPI_E_NOT_FOUND(8004010F)]]"
expect "C++: caller's ProfileInfo after Logon" "$(field "caller's ProfileInfo after Logon" "$client_before")" unchanged
expect_match "C++: Fail's EXCEPINFO" "$(field Fail "$client_before")" '^hr=0x80020009 scode=0x8004010F source=Collaboration'

# run_both WHAT EXPECTED [PROFILEINFO]: both clients after install: what Logon received,
# every other line as without the shim.
run_both() {
  local vbs_after client_after
  vbs_after="$(vbs_run ${3:+"$3"})"
  client_after="$(client_run ${3:+"$3"})"
  echo "--- $1, VBScript:"; echo "$vbs_after"
  echo "--- $1, C++:"; echo "$client_after"
  expect "$1: VBScript's Logon received" "$(field "received ProfileInfo" "$vbs_after")" "$2"
  expect "$1: C++'s Logon (by name, BSTR by reference) received" \
    "$(field "received ProfileInfo" "$client_after")" "hr=0x00000000 value=$2"
  local form
  for form in "by name, a BSTR" "by name, a VARIANT by reference" "7th by position, a BSTR" \
              "one by position, ProfileInfo by name"; do
    expect "$1: C++'s Logon ($form) received" "$(field "received ($form)" "$client_after")" \
      "hr=0x00000000 hr=0x00000000 value=$2"
  done
  if [[ -z "${3:-}" ]]; then
    expect "$1: VBScript: every other line as without the shim" "$(others "$vbs_after")" "$(others "$vbs_before")"
    expect "$1: C++: every other line as without the shim" "$(others "$client_after")" "$(others "$client_before")"
  fi
}

# deny_writes KEY: the key, in the DLL's registry view, refuses the setting of values.
deny_writes() {
  cp "$PSH_CDO_DENY" "$dir/bin/"
  w "$dir/bin/$(basename "$PSH_CDO_DENY")" "$1" 2>&1 | grep -v '^[0-9a-f]*:\(fixme\|err\):'
}
elevate='this account may not write HKEY_LOCAL_MACHINE; run it from an elevated \(administrator\) prompt \(0x80070005\)'

case "$case" in
  access_denied|access_denied_undo)
    clsid="$(w reg query 'HKCR\MAPI.Session\CLSID' /ve 2>/dev/null | grep -o '{[^}]*}' | head -n1)"
    if [[ "$case" == access_denied ]]; then
      key='SOFTWARE\profshim\Cdo'; failed_write="cannot write HKLM.SOFTWARE.profshim.Cdo"
    else
      # A TreatAs key without a value: what CoTreatAsClass leaves of a class treated as itself.
      key="Software\\Classes\\CLSID\\$clsid\\TreatAs"
      failed_write="cannot write Software.Classes.CLSID..${clsid:1:${#clsid}-2}..TreatAs"   # { } are ERE's
    fi
    expect_match "the key refuses writes (deny_writes)" "$(deny_writes "$key")" 'refuses writes'
    export_registry before
    install; rc=$?
    expect_match "regsvr32 /n /i:cdo without the right to write fails" "$rc" '^[1-9][0-9]*$'
    expect_match "regsvr32 says why" "$(cat "$dir/regsvr32.out")" "cdo install failed: $failed_write: $elevate"
    if [[ -n "$cli_exe" ]]; then
      out="$(cli install --mode resolve --directory ldap://127.0.0.1:1/DC=contoso,DC=com --log "$(winpath "$log")")"
      expect "profshim cdo install without the right to write: exit status" "$?" 1
      expect_match "profshim cdo install says why" "$out" "$failed_write: $elevate"
      expect_match "cdo status: not installed" "$(cli status)" 'profshim +not installed'
    fi
    export_registry after
    same_registry "nothing written, or what was written taken away" before after
    if [[ "$case" == access_denied ]]; then
      expect "VBScript's Logon still receives the DN as given" "$(field "received ProfileInfo" "$(vbs_run)")" "$kb"
    fi
    ;;
  without_shim)
    expect "VBScript's Logon received" "$(field "received ProfileInfo" "$vbs_before")" "$kb"
    expect "C++'s Logon received" "$(field "received ProfileInfo" "$client_before")" "hr=0x00000000 value=$kb"
    expect "C++'s Logon (7th by position, a BSTR) received" \
      "$(field "received (7th by position, a BSTR)" "$client_before")" "hr=0x00000000 hr=0x00000000 value=$kb"
    expect "VBScript: the seventh argument" "$(field "received arguments" "$vbs_before")" \
      "8=|8=|B=0|B=-1|2=0|B=0|400C=$kb"
    ;;
  rewrite|exact|log_only)
    set_value LogFile "$(winpath "$log")"
    [[ "$case" == rewrite ]] || set_value Mode "${case/_/-}"
    install; expect "regsvr32 /n /i:cdo" "$?" 0
    case "$case" in
      rewrite)  after='EXCH01\njdoe'; run_both "rewrite" "$after" ;;
      exact)    after='EXCH01\n=jdoe'; run_both "exact" "$after" ;;
      log_only) after='EXCH01\njdoe'; run_both "log-only" "$kb" ;;   # logged as would-be
    esac
    echo "--- the log:"; cat "$log"
    expect "a log line per Logon (1 from VBScript, 5 from C++)" "$(wc -l <"$log")" 6
    dn_why="the mailbox was an Exchange DN, which CDO 1.21 cannot log on with (KB Q271913); its last RDN, the alias,"
    case "$case" in
      rewrite)  why="rewrite: $dn_why was given instead" ;;
      exact)    why="exact: $dn_why was given as =alias, which matches only that mailbox (KB Q193643)" ;;
      log_only) why="log-only: not changed, as this mode says; rewrite would change it: $dn_why was given instead" ;;
    esac
    expect_log_line "$(head -n1 "$log")" cscript.exe "$kb" "$after" "$why"
    expect_log_line "$(sed -n 2p "$log")" cdo_client.exe "$kb" "$after" "$why"
    ;;
  unfixable)
    set_value LogFile "$(winpath "$log")"
    install; expect "regsvr32 /n /i:cdo" "$?" 0
    run_both "a DN profshim cannot make safe" "$new_dn" "$new_dn"
    echo "--- the log:"; cat "$log"
    expect_log_line "$(head -n1 "$log")" cscript.exe "$new_dn" "$new_dn" \
      "rewrite: passed on as given: the mailbox is an Exchange 2007 or later DN, whose last RDN is not the alias (profshim.h section 10.2), so profshim has no safe form of it without the directory (mode resolve asks it)"
    ;;
  uninstall_restores)
    export_registry before
    install; expect "regsvr32 /n /i:cdo" "$?" 0
    install; expect "regsvr32 /n /i:cdo again" "$?" 0
    export_registry installed
    bits=64; [[ "$machine" == x86 ]] && bits=32   # so that "as before" can fail
    if cmp -s "$dir/before-$bits.reg" "$dir/installed-$bits.reg"; then
      failed=$((failed + 1)); echo "FAIL: install changed nothing in the $bits-bit view"
    else passed=$((passed + 1)); echo "ok: install changed the $bits-bit view"; fi
    expect "installed: VBScript's Logon received" "$(field "received ProfileInfo" "$(vbs_run)")" 'EXCH01\njdoe'
    uninstall; expect "regsvr32 /u /n /i:cdo" "$?" 0
    export_registry after
    same_registry "uninstall restores the registry" before after
    expect "uninstalled: VBScript's Logon received" "$(field "received ProfileInfo" "$(vbs_run)")" "$kb"
    uninstall; expect "regsvr32 /u /n /i:cdo again (nothing installed)" "$?" 0
    # A TreatAs that was there before install (a key without a value: what CoTreatAsClass
    # leaves of a class treated as itself) is put back as it was.
    clsid="$(w reg query 'HKCR\MAPI.Session\CLSID' /ve 2>/dev/null | grep -o '{[^}]*}' | head -n1)"
    w reg add "HKLM\\Software\\Classes\\CLSID\\$clsid\\TreatAs" /f >/dev/null 2>&1
    export_registry before-treatas
    install; expect "regsvr32 /n /i:cdo over a TreatAs" "$?" 0
    uninstall; expect "regsvr32 /u /n /i:cdo" "$?" 0
    export_registry after-treatas
    same_registry "uninstall restores a TreatAs that was there" before-treatas after-treatas
    ;;
  odd_setup)
    # CDO's server path as REG_EXPAND_SZ (as installers write it), a Mode that is none of
    # the three (the default, rewrite), a log file that cannot be created: still corrected,
    # and the logon does not fail.
    clsid="$(w reg query 'HKCR\MAPI.Session\CLSID' /ve 2>/dev/null | grep -o '{[^}]*}' | head -n1)"
    export PROFSHIM_CDO_DIR; PROFSHIM_CDO_DIR="$(winpath "$dir/bin")"
    w reg add "HKLM\Software\Classes\CLSID\$clsid\InprocServer32" /ve /t REG_EXPAND_SZ \
      /d "%PROFSHIM_CDO_DIR%\\$(basename "$standin")" /f >/dev/null 2>&1
    expect_match "the server path is REG_EXPAND_SZ" \
      "$(w reg query "HKLM\Software\Classes\CLSID\$clsid\InprocServer32" /ve 2>&1)" 'REG_EXPAND_SZ +%PROFSHIM_CDO_DIR%'
    set_value Mode "Rewrite-Please"
    set_value LogFile "$(winpath "$dir")\\no-such-folder\\cdo.log"
    install; expect "regsvr32 /n /i:cdo" "$?" 0
    run_both "odd setup" 'EXCH01\njdoe'
    expect "no log file was made" "$(ls "$dir" | grep -c no-such-folder)" 0
    ;;
  cli)
    # profshim cdo install --mode exact --log FILE, status, uninstall.
    export_registry before
    out="$(cli status)"; echo "$out"
    expect_match "cdo status before install" "$out" 'profshim +not installed'
    out="$(cli install --mode exact --log "$(winpath "$log")")"; rc=$?; echo "$out"
    expect "cdo install --mode exact --log FILE: exit status" "$rc" 0
    expect_match "cdo install shows the status: installed" "$out" 'profshim +installed'
    expect_match "cdo install shows the status: exact" "$out" 'mode +exact'
    expect_match "cdo install shows the status: the log" "$out" "log +Z:.*cdo.log"
    expect "installed by the CLI: VBScript's Logon received" "$(field "received ProfileInfo" "$(vbs_run)")" 'EXCH01\n=jdoe'
    expect "the log has the line" "$(wc -l <"$log")" 1
    out="$(cli install)"; expect "cdo install again: exit status" "$?" 0
    out="$(cli uninstall)"; rc=$?; echo "$out"
    expect "cdo uninstall: exit status" "$rc" 0
    expect_match "cdo status after uninstall" "$(cli status)" 'profshim +not installed'
    export_registry after
    same_registry "cdo uninstall restores the registry, --mode and --log included" before after
    out="$(cli install --mode nonsense)"; expect "cdo install --mode nonsense: exit status" "$?" 2
    ;;
  settings)
    # Settings install cannot use: a clear message, exit status 2 (regsvr32: a failure), and
    # nothing written.
    export_registry before
    refused() {   # refused WHAT MESSAGE_REGEX CLI_ARGS...
      local what="$1" message="$2" out rc; shift 2
      out="$(cli install "$@")"; rc=$?
      expect "profshim cdo install $what: exit status" "$rc" 2
      expect_match "profshim cdo install $what says why" "$out" "$message"
    }
    refused "--mode resolve (no --directory)" 'cdo install failed: mode=resolve needs directory=ldap://host:port/baseDN' --mode resolve
    refused "--directory that is no URL" 'directory "dc1.contoso.com" is not an LDAP URL' \
      --mode resolve --directory dc1.contoso.com
    refused "--mode exact --server home" 'directory, server, exact and bind are settings of mode=resolve only' \
      --mode exact --server home
    refused "--server far" 'server: far not in \{keep,home,personalized\}' --mode resolve --server far
    refused "--log with a ;" "a ';' separates settings" --log 'C:\a;b.log'
    out="$(cli uninstall --mode exact)"; expect "profshim cdo uninstall --mode exact: exit status" "$?" 2
    regsvr /n '/i:cdo;mode=bogus' "$profshim"; rc=$?
    expect_match "regsvr32 /i:cdo;mode=bogus fails" "$rc" '^[1-9][0-9]*$'
    expect_match "regsvr32 /i:cdo;mode=bogus says why" "$(cat "$dir/regsvr32.out")" \
      'cdo install failed: mode "bogus" is none of rewrite, exact, resolve, log-only \(0x80070057\)'
    regsvr /n '/i:cdo;colour=blue' "$profshim"; rc=$?
    expect_match "regsvr32 /i:cdo;colour=blue says why" "$(cat "$dir/regsvr32.out")" '"colour" is not a setting'
    export_registry after
    same_registry "refused settings wrote nothing" before after
    ;;
  resolve)
    # Against the slapd of slapd_fixture.sh: PSH_LDAP_URI, PSH_BASE, PSH_SLAPD_PID.
    bea='EXCH01\n/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=bjones'
    nobody='EXCH01\nnobody'
    directory="$PSH_LDAP_URI/$PSH_BASE"
    export_registry before
    regsvr /n "/i:cdo;mode=resolve;directory=$directory;server=home;bind=anonymous;log=$(winpath "$log")" "$profshim"
    expect "regsvr32 /n /i:cdo;mode=resolve;directory=...;server=home;bind=anonymous;log=..." "$?" 0
    out="$(cli status)"; echo "$out"
    expect_match "cdo status: resolve" "$out" 'mode +resolve'
    expect_match "cdo status: the directory" "$out" "directory +$directory"
    expect_match "cdo status: server, exact, bind" "$out" 'server +home.*exact +no.*bind +anonymous'
    run_both "resolve, a 2007 DN" 'EXCH2007\nbjones' "$bea"
    echo "--- the log:"; cat "$log"
    expect "a log line per Logon (1 from VBScript, 5 from C++)" "$(wc -l <"$log")" 6
    expect_log_line "$(head -n1 "$log")" cscript.exe "$bea" 'EXCH2007\nbjones' \
      "resolve: the directory has one entry with this mailbox; its alias was given, with the mailbox's home server from the directory"
    : >"$log"
    run_both "resolve, an unknown mailbox" "$nobody" "$nobody"
    echo "--- the log:"; cat "$log"
    expect_log_line "$(head -n1 "$log")" cscript.exe "$nobody" "$nobody" \
      "resolve: passed on as given: no entry in the directory has this mailbox ("
    kill "$PSH_SLAPD_PID"
    for _ in $(seq 50); do kill -0 "$PSH_SLAPD_PID" 2>/dev/null || break; sleep 0.1; done
    : >"$log"
    run_both "resolve, the directory stopped" "$bea" "$bea"
    echo "--- the log:"; cat "$log"
    expect_log_line "$(head -n1 "$log")" cscript.exe "$bea" "$bea" \
      "resolve: passed on as given: the directory could not answer ("
    out="$(cli uninstall)"; expect "cdo uninstall: exit status" "$?" 0
    export_registry after
    same_registry "cdo uninstall removes the resolve settings with the rest" before after
    ;;
  *) echo "run.sh: unknown case '$case'"; exit 2 ;;
esac
finish
