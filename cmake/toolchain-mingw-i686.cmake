# Cross-compile profshim for 32-bit Windows (Debian: g++-mingw-w64-i686-posix).
# No emulator: 32-bit Wine is not installed on these machines, so the 32-bit binaries are
# built and checked statically (export and import tables, import libraries), never run.
#   cmake --preset windows-x86
set(PROFSHIM_MINGW_TRIPLE i686-w64-mingw32)
set(CMAKE_SYSTEM_PROCESSOR X86)
include("${CMAKE_CURRENT_LIST_DIR}/toolchain-mingw-common.cmake")
