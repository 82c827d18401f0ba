#!/usr/bin/env bash
# Runs the COM object's tests under Wine, for ctest (bindings/CMakeLists.txt, Windows builds):
#
#   run.sh <emulator> register   <profshim.dll>        regsvr32 /s the DLL (the machine's)
#   run.sh <emulator> unregister <profshim.dll>        regsvr32 /u /s the DLL
#   run.sh <emulator> user-register   <profshim.dll>   regsvr32 /s /n /i:user (the current user's)
#   run.sh <emulator> user-unregister <profshim.dll>   regsvr32 /u /s /n /i:user
#   run.sh <emulator> script <file.vbs> [args]         cscript //nologo file.vbs args
#   run.sh <emulator> user-alongside <profshim.dll> <registry.vbs> <platform>
#                     with the machine's registration in place: registers per user, checks
#                     both, unregisters per user, checks that the machine's keys are intact
#
# The .vbs files given are the ones the build writes (prologue.vbs + the script,
# <build>/bindings/vbscript/), not this folder's, which lack the shared helpers.
# <emulator> is the build's CMAKE_CROSSCOMPILING_EMULATOR (cmake/wine-run.sh: the build's
# own Wine prefix, no display, CRs off stdout). Paths are given to Wine as Z:\... (Z: is /
# in every Wine prefix): cscript would take a Unix path's leading / for a switch.
set -euo pipefail

emulator="$1"
mode="$2"
shift 2

winpath() {
  local p
  p="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
  printf 'Z:%s' "${p//\//\\}"
}

case "$mode" in
  register)
    "$emulator" regsvr32 /s "$(winpath "$1")"
    echo "regsvr32 $(basename "$1"): exit status 0"
    ;;
  unregister)
    "$emulator" regsvr32 /u /s "$(winpath "$1")"
    echo "regsvr32 /u $(basename "$1"): exit status 0"
    ;;
  user-register)
    "$emulator" regsvr32 /s /n /i:user "$(winpath "$1")"
    echo "regsvr32 /n /i:user $(basename "$1"): exit status 0"
    ;;
  user-unregister)
    "$emulator" regsvr32 /u /s /n /i:user "$(winpath "$1")"
    echo "regsvr32 /u /n /i:user $(basename "$1"): exit status 0"
    ;;
  script)
    script="$(winpath "$1")"
    shift
    # VBScript under Wine ends a script silently, with exit status 0, at an error nobody
    # traps: ctest's pass condition is therefore the script's own last line,
    # "N passed, 0 failed", not only the exit status.
    "$emulator" cscript //nologo "$script" "$@"
    ;;
  user-alongside)
    dll="$1" registry="$(winpath "$2")" platform="$3"
    # Each step's script must end with its own "N passed, 0 failed" (see below).
    check() {
      local out
      out="$("$emulator" cscript //nologo "$registry" "$1" "$platform")" || { echo "$out"; exit 1; }
      echo "$1: $out"
      grep -q ' passed, 0 failed$' <<<"$out" || { echo "user-alongside: $1 did not pass"; exit 1; }
    }
    "$emulator" regsvr32 /s /n /i:user "$(winpath "$dll")"
    check both-registered
    "$emulator" regsvr32 /u /s /n /i:user "$(winpath "$dll")"
    check registered
    check user-unregistered
    echo "user-alongside: 3 steps passed, 0 failed"
    ;;
  *)
    echo "run.sh: unknown mode '$mode'" >&2
    exit 2
    ;;
esac
