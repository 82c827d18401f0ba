#!/usr/bin/env bash
# The windows-x86 preset's CMAKE_CROSSCOMPILING_EMULATOR: cmake/wine-run.sh with Wine's
# 32-bit loader, so that Wine's own programs (cscript, regsvr32) are the 32-bit ones a
# 32-bit caller on 64-bit Windows has. The prefix is 64-bit, as for windows-x64.
exec env PROFSHIM_WINE_MACHINE=x86 "$(dirname "$0")/wine-run.sh" "$@"
