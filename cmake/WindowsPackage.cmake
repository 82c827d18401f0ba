# What a Windows user downloads: after the build, `cmake --build --preset windows-x64
# --target package` (or cpack in the build folder) makes
# build/windows-x64/package/profshim-<version>-win64.zip, and -win32.zip for windows-x86:
#
#   profshim-<version>-win64/
#     README.txt                 what is inside, how to call it, how to link it
#     exports.def                the exported names
#     bin/profshim.dll           the library (imports Windows' own DLLs only)
#     bin/profshim.exe           the command-line tool
#     include/profshim.h         the one header
#     lib/libprofshim.dll.a      import library for MinGW (gcc, clang)
#     lib/profshim.lib           import library for MSVC (made from exports.def by dlltool)
#     lib/cmake/profshim/        find_package(profshim) for CMake users
#
# tests/windows (windows.package) makes the zip, unpacks it and checks all of that.

if(CMAKE_SIZEOF_VOID_P EQUAL 8)
  set(_psh_arch win64)
else()
  set(_psh_arch win32)
endif()

set(PROFSHIM_PACKAGE_FILE_NAME "profshim-${PROJECT_VERSION}-${_psh_arch}")
set(PROFSHIM_PACKAGE_DIRECTORY "${PROJECT_BINARY_DIR}/package")

install(FILES "${PROJECT_SOURCE_DIR}/exports.def" DESTINATION .)
configure_file("${CMAKE_CURRENT_LIST_DIR}/windows-README.txt.in"
               "${PROJECT_BINARY_DIR}/windows-README.txt" @ONLY NEWLINE_STYLE CRLF)
install(FILES "${PROJECT_BINARY_DIR}/windows-README.txt" DESTINATION . RENAME README.txt)
if(TARGET profshim_cli)
  install(TARGETS profshim_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

# cpack packs what the build made; it does not build (no "preinstall" build of all), so
# that windows.package never compiles in the middle of a test run. Build first.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY TRUE)

set(CPACK_GENERATOR ZIP)
set(CPACK_PACKAGE_NAME profshim)
set(CPACK_PACKAGE_VENDOR "profshim")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_FILE_NAME "${PROFSHIM_PACKAGE_FILE_NAME}")
set(CPACK_PACKAGE_DIRECTORY "${PROFSHIM_PACKAGE_DIRECTORY}")
set(CPACK_INCLUDE_TOPLEVEL_DIRECTORY ON)
set(CPACK_STRIP_FILES ON)   # the DLL and the EXE lose their symbol tables, not their exports
# pkg-config is not a Windows tool, and the .pc file would name this machine's install
# prefix: it stays out of the zip.
set(CPACK_PRE_BUILD_SCRIPTS "${CMAKE_CURRENT_LIST_DIR}/WindowsPackagePrune.cmake")
include(CPack)
