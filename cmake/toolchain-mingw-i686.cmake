# Cross-compile profshim for 32-bit Windows (Debian: g++-mingw-w64-i686-posix).
# Programs run under 32-bit Wine (wine32:i386, tools/setup) through cmake/wine-run-x86.sh,
# in a 64-bit prefix through WoW64, as 32-bit callers run on 64-bit Windows; so ctest works.
#   cmake --preset windows-x86
set(PROFSHIM_MINGW_TRIPLE i686-w64-mingw32)
set(CMAKE_SYSTEM_PROCESSOR X86)
include("${CMAKE_CURRENT_LIST_DIR}/toolchain-mingw-common.cmake")
set(CMAKE_CROSSCOMPILING_EMULATOR "${CMAKE_CURRENT_LIST_DIR}/wine-run-x86.sh")
