# What a Windows user downloads: after the build, `cmake --build --preset windows-x64
# --target package` (or cpack in the build folder) makes
# build/windows-x64/package/profshim-<version>-win64.zip, and -win32.zip for windows-x86:
#
#   profshim-<version>-win64/
#     README.txt                 what is inside, how each kind of caller starts
#     LICENSE.txt                the MIT license (the repository's LICENSE, CRLF)
#     exports.def                the exported names
#     bin/profshim.dll           the library (imports Windows' own DLLs only)
#     bin/profshim.exe           the command-line tool
#     bin/profileinfo-samples.txt  the samples `profshim.exe demo` reads from beside itself
#     include/profshim.h         the one header
#     lib/libprofshim.dll.a      import library for MinGW (gcc, clang)
#     lib/profshim.lib           import library for MSVC (made from exports.def by dlltool)
#     lib/cmake/profshim/        find_package(profshim) for CMake users
#     vb/ProfShim.bas            the VB6 / VBA module (Declares and helpers)
#     csharp/ProfShim.cs         the C# file (P/Invoke), for a project that adds it
#     python/profshim-<version>-py3-none-win_amd64.whl   the Python package, with the DLL
#
# tests/windows (windows.package) makes the zip, unpacks it and checks all of that.

# This build's bitness by its Windows names: the zip's (win64, win32) and the machine's
# (x64, x86: Wine's programs of that bitness, tests/cdo).
if(CMAKE_SIZEOF_VOID_P EQUAL 8)
  set(_psh_arch win64)
  set(PROFSHIM_WINDOWS_MACHINE x64)
else()
  set(_psh_arch win32)
  set(PROFSHIM_WINDOWS_MACHINE x86)
endif()

set(PROFSHIM_PACKAGE_FILE_NAME "profshim-${PROJECT_VERSION}-${_psh_arch}")
math(EXPR PROFSHIM_BITS "${CMAKE_SIZEOF_VOID_P} * 8")
if(PROFSHIM_WHEEL)
  get_filename_component(PROFSHIM_WHEEL_NAME "${PROFSHIM_WHEEL}" NAME)
else()
  set(PROFSHIM_WHEEL_NAME "(no wheel: the build found no python3 -m build)")
endif()
set(PROFSHIM_PACKAGE_DIRECTORY "${PROJECT_BINARY_DIR}/package")

install(FILES "${PROJECT_SOURCE_DIR}/exports.def" DESTINATION .)
configure_file("${CMAKE_CURRENT_LIST_DIR}/windows-README.txt.in"
               "${PROJECT_BINARY_DIR}/windows-README.txt" @ONLY NEWLINE_STYLE CRLF)
install(FILES "${PROJECT_BINARY_DIR}/windows-README.txt" DESTINATION . RENAME README.txt)
if(TARGET profshim_cli)
  install(TARGETS profshim_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  # Beside the exe, where `profshim.exe demo` looks for it first.
  install(FILES "${PROJECT_SOURCE_DIR}/examples/profileinfo-samples.txt" DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

# Text for Notepad: the license with CRLF line ends (VB's module has them already).
file(READ "${PROJECT_SOURCE_DIR}/LICENSE" _psh_license)
string(REPLACE "\r\n" "\n" _psh_license "${_psh_license}")
string(REPLACE "\n" "\r\n" _psh_license "${_psh_license}")
file(WRITE "${PROJECT_BINARY_DIR}/LICENSE.txt" "${_psh_license}")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/LICENSE")
install(FILES "${PROJECT_BINARY_DIR}/LICENSE.txt" DESTINATION .)

# Every other caller's way in: the VB module, the C# file, the Python wheel of this
# bitness (bindings/python/wheel.cmake, built with the DLL).
install(FILES "${PROJECT_SOURCE_DIR}/bindings/vb/ProfShim.bas" DESTINATION vb)
install(FILES "${PROJECT_SOURCE_DIR}/bindings/csharp/ProfShim.cs" DESTINATION csharp)
if(PROFSHIM_WHEEL)
  install(FILES "${PROFSHIM_WHEEL}" DESTINATION python)
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
# cpack's zip has no entry for its top folder, which `unzip` under umask 077 then makes 0700:
# tools/zip_modes.py gives every folder an entry of 0755 and every file 0644 (programs 0755).
find_program(PROFSHIM_HOST_PYTHON3 NAMES python3 REQUIRED NO_CMAKE_FIND_ROOT_PATH)
set(CPACK_PROFSHIM_PYTHON "${PROFSHIM_HOST_PYTHON3}")
set(CPACK_PROFSHIM_ZIP_MODES "${PROJECT_SOURCE_DIR}/tools/zip_modes.py")
set(CPACK_POST_BUILD_SCRIPTS "${CMAKE_CURRENT_LIST_DIR}/WindowsPackageModes.cmake")
include(CPack)
