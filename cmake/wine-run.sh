#!/usr/bin/env bash
# Runs a Windows program under Wine for ctest (CMAKE_CROSSCOMPILING_EMULATOR of the
# windows-x64 preset; wine-run-x86.sh, the windows-x86 one, calls it with
# PROFSHIM_WINE_MACHINE=x86): wine-run.sh program.exe [args...]
# `wine-run.sh --init` only creates the prefix (the build does it once, so that no test,
# and no gtest_discover_tests with its short timeout, waits for it).
#
# - The machine (PROFSHIM_WINE_MACHINE, x64 unless set) picks Wine's loader: wine64 for
#   x64, wine (/usr/lib/wine/wine, the 32-bit loader of wine32:i386) for x86. The loader
#   decides the bitness of Wine's own programs named without a path: `wine cscript` is the
#   32-bit cscript (syswow64), `wine64 cscript` the 64-bit one; a program file runs as what
#   it is built for. The prefix is 64-bit either way (WINEARCH=win64): 32-bit programs run
#   in it through WoW64, as on 64-bit Windows, with the 32-bit registry view.
# - Wine gets its own prefix, WINEPREFIX=<build folder>/wineprefix (override with
#   PROFSHIM_WINEPREFIX), created once on first use under a lock, so parallel tests do not
#   race to create it. Console programs need no display: DISPLAY is unset, and Mono and
#   Gecko are not offered (nothing is downloaded).
# - WINEDEBUG=-all keeps Wine's own messages out of the test output.
# - The program's output is passed on when it has ended, with the CRs of its CRLF line ends
#   taken off stdout, so that ctest and gtest_discover_tests read plain lines; its exit
#   status is kept.
set -euo pipefail

machine="${PROFSHIM_WINE_MACHINE:-x64}"
wine="${PROFSHIM_WINE:-}"
if [[ -z "$wine" ]]; then
  case "$machine" in
    x64) candidates=(/usr/lib/wine/wine64 "$(command -v wine64 || true)")
         install="wine64" ;;
    # Not /usr/bin/wine: Debian's script there falls back on wine64 when 32-bit Wine is absent.
    x86) candidates=(/usr/lib/wine/wine)
         install="wine wine32:i386 (tools/setup)" ;;
    *)   echo "wine-run.sh: PROFSHIM_WINE_MACHINE must be x64 or x86, not '$machine'" >&2
         exit 2 ;;
  esac
  for w in "${candidates[@]}"; do
    if [[ -n "$w" && -x "$w" ]]; then wine="$w"; break; fi
  done
  if [[ -z "$wine" ]]; then
    echo "wine-run.sh: no $machine Wine loader found (Debian: apt-get install $install)" >&2
    exit 127
  fi
fi

# The prefix lives in the build folder: the nearest parent of the working directory that
# holds CMakeCache.txt (ctest runs tests in their build folders), else the program's one.
find_build_dir() {
  local d="$1"
  while [[ "$d" != "/" && -n "$d" ]]; do
    [[ -f "$d/CMakeCache.txt" ]] && { echo "$d"; return; }
    d="$(dirname "$d")"
  done
}
if [[ -z "${PROFSHIM_WINEPREFIX:-}" ]]; then
  build="$(find_build_dir "$PWD")"
  [[ -z "$build" && -e "${1:-}" ]] && build="$(find_build_dir "$(cd "$(dirname "$1")" && pwd)")"
  PROFSHIM_WINEPREFIX="${build:-$PWD}/wineprefix"
fi
export WINEPREFIX="$PROFSHIM_WINEPREFIX"
export WINEDEBUG=-all
export WINEARCH=win64
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
unset DISPLAY WAYLAND_DISPLAY

if [[ ! -f "$WINEPREFIX/system.reg" ]]; then
  mkdir -p "$(dirname "$WINEPREFIX")"
  (
    flock 9
    if [[ ! -f "$WINEPREFIX/system.reg" ]]; then
      echo "wine-run.sh: creating the Wine prefix $WINEPREFIX (once)" >&2
      "$wine" wineboot -i </dev/null >/dev/null 2>&1 || true
      # wineboot returns before the registry is written out; wait for the server to end.
      "$(dirname "$wine")/wineserver" -w 2>/dev/null || wineserver -w 2>/dev/null || true
      [[ -f "$WINEPREFIX/system.reg" ]] || { echo "wine-run.sh: could not create $WINEPREFIX" >&2; exit 1; }
    fi
  ) 9>"$WINEPREFIX.lock"
fi

if [[ "${1:-}" == "--init" ]]; then
  exit 0
fi

# One wineserver for the prefix that outlives each program by 30 s: Wine's own starts one
# that ends 3 s after its last client, and a program starting just as it ends fails with
# "wine client error:0: recvmsg: Connection reset by peer". Exit status 2 when one runs.
"$(dirname "$wine")/wineserver" -p30 >/dev/null 2>&1 </dev/null || true

# The output goes to files first and is copied out when the program has ended: the first
# program of a Wine session also starts Wine's own processes (services.exe, winedevice.exe
# ...), which inherit its stdout and stderr and outlive it by seconds; through a pipe,
# ctest would wait for them after every test.
out="$(mktemp)"
err="$(mktemp)"
flush() {
  sed 's/\r$//' "$out"
  cat "$err" >&2
  rm -f "$out" "$err"
}
trap 'flush; exit 143' TERM INT
set +e
"$wine" "$@" >"$out" 2>"$err"
rc=$?
set -e
trap - TERM INT
flush
exit "$rc"
