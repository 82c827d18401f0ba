# Cross-compile profshim for 64-bit Windows (Debian: g++-mingw-w64-x86-64-posix).
# Programs run under Wine (wine64) through cmake/wine-run.sh, so ctest works.
#   cmake --preset windows-x64
set(PROFSHIM_MINGW_TRIPLE x86_64-w64-mingw32)
set(CMAKE_SYSTEM_PROCESSOR AMD64)
include("${CMAKE_CURRENT_LIST_DIR}/toolchain-mingw-common.cmake")
set(CMAKE_CROSSCOMPILING_EMULATOR "${CMAKE_CURRENT_LIST_DIR}/wine-run.sh")
