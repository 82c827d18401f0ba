# Shared by toolchain-mingw-x86_64.cmake and toolchain-mingw-i686.cmake: cross-compiling
# profshim for Windows with Debian's mingw-w64 "posix" compilers. The including file sets
# PROFSHIM_MINGW_TRIPLE (x86_64-w64-mingw32 or i686-w64-mingw32) first.

set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_VERSION 6.1) # Windows 7 and later

set(CMAKE_C_COMPILER   ${PROFSHIM_MINGW_TRIPLE}-gcc-posix)
set(CMAKE_CXX_COMPILER ${PROFSHIM_MINGW_TRIPLE}-g++-posix)
set(CMAKE_RC_COMPILER  ${PROFSHIM_MINGW_TRIPLE}-windres)
set(CMAKE_AR           /usr/bin/${PROFSHIM_MINGW_TRIPLE}-ar CACHE FILEPATH "")
set(CMAKE_RANLIB       /usr/bin/${PROFSHIM_MINGW_TRIPLE}-ranlib CACHE FILEPATH "")
set(CMAKE_NM           /usr/bin/${PROFSHIM_MINGW_TRIPLE}-nm CACHE FILEPATH "")
set(CMAKE_STRIP        /usr/bin/${PROFSHIM_MINGW_TRIPLE}-strip CACHE FILEPATH "")
set(CMAKE_OBJDUMP      /usr/bin/${PROFSHIM_MINGW_TRIPLE}-objdump CACHE FILEPATH "")
set(CMAKE_DLLTOOL      /usr/bin/${PROFSHIM_MINGW_TRIPLE}-dlltool CACHE FILEPATH "")

# Look for target headers and libraries only in the mingw-w64 tree, for programs on the host.
set(CMAKE_FIND_ROOT_PATH /usr/${PROFSHIM_MINGW_TRIPLE})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# The GSL, CLI11 and nlohmann-json are header-only and target-neutral, but Debian installs
# them under /usr/include, which must never be on a mingw include path (glibc's headers live
# there too). The package configs in mingw/ expose a copy of just their headers each
# (mingw/HostHeaders.cmake).
set(Microsoft.GSL_DIR "${CMAKE_CURRENT_LIST_DIR}/mingw" CACHE PATH "")
set(CLI11_DIR "${CMAKE_CURRENT_LIST_DIR}/mingw" CACHE PATH "")
set(nlohmann_json_DIR "${CMAKE_CURRENT_LIST_DIR}/mingw" CACHE PATH "")

# Every program and the DLL link libgcc, libstdc++ and winpthread statically, so that
# they need nothing but Windows' own DLLs (no libstdc++-6.dll, libgcc_s_*.dll,
# libwinpthread-1.dll next to them). shim/CMakeLists.txt repeats this for the DLL.
set(CMAKE_EXE_LINKER_FLAGS_INIT    "-static")
set(CMAKE_SHARED_LINKER_FLAGS_INIT "-static")
set(CMAKE_MODULE_LINKER_FLAGS_INIT "-static")
