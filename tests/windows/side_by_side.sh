#!/usr/bin/env bash
# Both profshim.dll registered side by side in one 64-bit prefix, as on 64-bit Windows:
# the x64 one by the 64-bit regsvr32, the x86 one by the 32-bit regsvr32 (syswow64, the
# 32-bit registry view). Then 64-bit cscript must get the x64 object and 32-bit cscript the
# x86 one, and unregistering either leaves the other working. (ctest: windows.com.side_by_side,
# windows-x86 preset, in the build's own prefix, after the COM fixture's tests.)
#
#   side_by_side.sh WINE_RUN_SH WINE_RUN_X86_SH X64_DLL X86_DLL WORK_DIR
#
# Each DLL is copied to a folder of its own (WORK_DIR/x64, WORK_DIR/x86), so the path the
# registry gives tells which one a host would load. Prints "N passed, M failed".
set -uo pipefail
run64=("$1")
run32=("$2")
x64_dll="$3"
x86_dll="$4"
work="$5"
here="$(cd "$(dirname "$0")" && pwd)"

if [[ ! -f "$x64_dll" ]]; then
  echo "FAIL: no x64 profshim.dll at $x64_dll (build the windows-x64 preset first)"
  echo "0 passed, 1 failed"
  exit 1
fi
mkdir -p "$work/x64" "$work/x86"
cp "$x64_dll" "$work/x64/profshim.dll"
cp "$x86_dll" "$work/x86/profshim.dll"

winpath() { local p; p="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; printf 'Z:%s' "${p//\//\\}"; }
dll64="$(winpath "$work/x64/profshim.dll")"
dll32="$(winpath "$work/x86/profshim.dll")"
probe="$(winpath "$here/side_by_side_probe.vbs")"

# The 64-bit loader runs the 64-bit regsvr32 and cscript, the 32-bit loader the 32-bit ones.
w64() { PROFSHIM_WINE_MACHINE=x64 "${run64[@]}" "$@"; }
w32() { "${run32[@]}" "$@"; }

passed=0
failed=0
expect() {   # expect WHAT ACTUAL EXPECTED
  if [[ "$2" == "$3" ]]; then
    passed=$((passed + 1)); echo "ok: $1: $2"
  else
    failed=$((failed + 1)); echo "FAIL: $1: got '$2', expected '$3'"
  fi
}
step() {     # step WHAT WINE ARGS...: a regsvr32 that must succeed
  local what="$1"; shift
  if "$@" >/dev/null; then passed=$((passed + 1)); echo "ok: $what"
  else failed=$((failed + 1)); echo "FAIL: $what: exit status $?"; fi
}

kb='EXCH01\njdoe'
got64() { w64 cscript //nologo "$probe"; }
got32() { w32 cscript //nologo "$probe"; }
yes64="bits=64 server=${dll64} created=yes answer=${kb}"
yes32="bits=32 server=${dll32} created=yes answer=${kb}"
no64="bits=64 server=none created=no answer=error 1AD"   # 429, "ActiveX component can't create object"
no32="bits=32 server=none created=no answer=error 1AD"

# A run that failed half-way may have left registrations: start from none.
w64 regsvr32 /u /s "$dll64" >/dev/null 2>&1
w32 regsvr32 /u /s "$dll32" >/dev/null 2>&1
expect "nothing registered, 64-bit cscript" "$(got64)" "$no64"
expect "nothing registered, 32-bit cscript" "$(got32)" "$no32"

step "64-bit regsvr32 x64/profshim.dll" w64 regsvr32 /s "$dll64"
step "32-bit regsvr32 x86/profshim.dll" w32 regsvr32 /s "$dll32"
expect "both registered, 64-bit cscript" "$(got64)" "$yes64"
expect "both registered, 32-bit cscript" "$(got32)" "$yes32"

step "32-bit regsvr32 /u x86/profshim.dll" w32 regsvr32 /u /s "$dll32"
expect "x86 unregistered, 64-bit cscript" "$(got64)" "$yes64"
expect "x86 unregistered, 32-bit cscript" "$(got32)" "$no32"

step "32-bit regsvr32 x86/profshim.dll again" w32 regsvr32 /s "$dll32"
step "64-bit regsvr32 /u x64/profshim.dll" w64 regsvr32 /u /s "$dll64"
expect "x64 unregistered, 64-bit cscript" "$(got64)" "$no64"
expect "x64 unregistered, 32-bit cscript" "$(got32)" "$yes32"

step "32-bit regsvr32 /u x86/profshim.dll" w32 regsvr32 /u /s "$dll32"
expect "both unregistered, 64-bit cscript" "$(got64)" "$no64"
expect "both unregistered, 32-bit cscript" "$(got32)" "$no32"

echo "$passed passed, $failed failed"
((failed == 0))
