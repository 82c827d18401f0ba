# What a Windows administrator deploys (Group Policy, SCCM, `msiexec /i ... /qn`): the
# Windows Installer package build/windows-x64/package/profshim-<version>-x64.msi, and
# -x86.msi in build/windows-x86, made by every build of the windows presets (target
# profshim_msi) with wixl (Debian: wixl) and msibuild (Debian: msitools):
#
#   [ProgramFiles64Folder]profshim\  (x86: [ProgramFilesFolder], the 32-bit Program Files)
#     LICENSE.txt                    the MIT license, CRLF, as in the zip
#     bin\profshim.dll               stripped, as in the zip
#     bin\profshim.exe               the CLI; this folder is appended to the system PATH
#     bin\profileinfo-samples.txt    what `profshim.exe demo` reads
#     vb\ProfShim.bas                the VB6 / VBA module
#     csharp\ProfShim.cs             the C# file
#   HKLM\Software\Classes\...        the COM class, its ProgIDs, its type library and
#                                    interfaces: the keys DllRegisterServer writes, as Registry
#                                    table rows in the package's own bitness (cmake/profshim.wxs.in)
#
# wixl 0.101 (Debian 12) has no Class, TypeLib or Environment element. The COM keys are
# Registry rows, which Windows Installer writes and removes itself (no self-registration
# custom action, nothing runs the DLL). PATH is the Environment table, added to wixl's
# package by msibuild with the two standard actions that use it: Name "=-*PATH" is the
# machine's PATH (*), set at install (=) and taken back at uninstall (-); Value "[BINDIR];[~]"
# puts the folder in front of what PATH holds ([~]), so the uninstall takes away that part
# only. In front, not behind: Wine's msiexec takes an appended part away but leaves its ';',
# and windows.msi wants PATH as it was. Nothing of Windows is named profshim.exe or
# profshim.dll, so going first shadows nothing.
#
# Component GUIDs are derived from the component's name and the bitness (SHA-1 UUIDs under
# a fixed namespace): the same in every build of a version and the next, as Windows
# Installer's component rules want. The x64 and x86 packages are two products (each its own
# UpgradeCode), and a newer version of either replaces the older one (MajorUpgrade).
#
# tests/windows (windows.msi) installs, uses and uninstalls each package in a fresh Wine
# prefix, and upgrades it to the same package built as the next patch version.

find_program(PROFSHIM_WIXL wixl NO_CMAKE_FIND_ROOT_PATH
  DOC "wixl, which builds the .msi (Debian: wixl)")
find_program(PROFSHIM_MSIBUILD msibuild NO_CMAKE_FIND_ROOT_PATH
  DOC "msibuild, which adds the Environment table to the .msi (Debian: msitools)")
if(NOT PROFSHIM_WIXL OR NOT PROFSHIM_MSIBUILD OR NOT TARGET profshim_cli)
  message(WARNING "No .msi: it needs wixl (${PROFSHIM_WIXL}), msibuild (${PROFSHIM_MSIBUILD}) "
    "and the CLI (PROFSHIM_BUILD_CLI). Run tools/setup (Debian: wixl msitools); windows.msi fails until then.")
  return()
endif()

if(CMAKE_SIZEOF_VOID_P EQUAL 8)
  set(PROFSHIM_MSI_ARCH x64)
  set(PROFSHIM_MSI_PROGRAM_FILES ProgramFiles64Folder)
  set(PROFSHIM_MSI_WIN64 yes)
  set(PROFSHIM_MSI_TYPELIB_PLATFORM win64)
else()
  set(PROFSHIM_MSI_ARCH x86)
  set(PROFSHIM_MSI_PROGRAM_FILES ProgramFilesFolder)
  set(PROFSHIM_MSI_WIN64 no)
  set(PROFSHIM_MSI_TYPELIB_PLATFORM win32)
endif()
set(PROFSHIM_MSI_FILE_NAME "profshim-${PROJECT_VERSION}-${PROFSHIM_MSI_ARCH}.msi")
set(PROFSHIM_MSI "${PROFSHIM_PACKAGE_DIRECTORY}/${PROFSHIM_MSI_FILE_NAME}")

# Never change this namespace: every GUID of the packages derives from it.
set(_psh_msi_namespace "6b1f0d3c-5c7a-4e0b-9a58-2f3c1d7e9b41")
string(UUID PROFSHIM_MSI_UPGRADE_CODE NAMESPACE "${_psh_msi_namespace}"
       NAME "UpgradeCode/${PROFSHIM_MSI_ARCH}" TYPE SHA1 UPPER)
foreach(_psh_component License Dll Cli ComRegistration VbModule CSharpFile)
  string(UUID PROFSHIM_MSI_GUID_${_psh_component} NAMESPACE "${_psh_msi_namespace}"
         NAME "Component/${PROFSHIM_MSI_ARCH}/${_psh_component}" TYPE SHA1 UPPER)
endforeach()

# The files go in as the zip has them: the DLL and the EXE stripped (their exports stay),
# the license with CRLF (cmake/WindowsPackage.cmake wrote it). wixl reads them from its
# working folder, where they are copied.
set(_psh_msi_stage "${PROJECT_BINARY_DIR}/msi")
set(_psh_msi_sources
  "${PROJECT_BINARY_DIR}/LICENSE.txt" "${PROJECT_SOURCE_DIR}/examples/profileinfo-samples.txt"
  "${PROJECT_SOURCE_DIR}/bindings/vb/ProfShim.bas" "${PROJECT_SOURCE_DIR}/bindings/csharp/ProfShim.cs")
configure_file("${CMAKE_CURRENT_LIST_DIR}/profshim.wxs.in" "${_psh_msi_stage}/profshim.wxs" @ONLY)

# The Environment table (idt: column names, column types, table name and key columns).
string(JOIN "\n" _psh_environment_idt
  "Environment\tName\tValue\tComponent_"
  "s72\tl255\tL255\ts72"
  "Environment\tEnvironment"
  "PATH\t=-*PATH\t[BINDIR];[~]\tCli"
  "")
file(WRITE "${_psh_msi_stage}/Environment.idt" "${_psh_environment_idt}")
# The standard actions at their standard places in InstallExecuteSequence.
set(_psh_environment_actions
  -q "INSERT INTO `InstallExecuteSequence` (`Action`, `Sequence`) VALUES ('RemoveEnvironmentStrings', 3300)"
  -q "INSERT INTO `InstallExecuteSequence` (`Action`, `Sequence`) VALUES ('WriteEnvironmentStrings', 5200)")

# The files, once, for both packages below.
set(_psh_msi_binaries "${_psh_msi_stage}/profshim.dll" "${_psh_msi_stage}/profshim.exe")
add_custom_command(OUTPUT ${_psh_msi_binaries}
  COMMAND "${CMAKE_COMMAND}" -E copy "$<TARGET_FILE:profshim>" "$<TARGET_FILE:profshim_cli>"
          ${_psh_msi_sources} "${_psh_msi_stage}"
  COMMAND "${CMAKE_STRIP}" ${_psh_msi_binaries}
  DEPENDS profshim profshim_cli ${_psh_msi_sources}
  VERBATIM)

# _psh_msi(VERSION OUTPUT): the package of that version, made in the stage folder and moved
# to OUTPUT when complete.
function(_psh_msi version output)
  get_filename_component(_name "${output}" NAME)
  get_filename_component(_dir "${output}" DIRECTORY)
  add_custom_command(OUTPUT "${output}"
    COMMAND "${CMAKE_COMMAND}" -E make_directory "${_dir}"
    COMMAND "${PROFSHIM_WIXL}" --arch ${PROFSHIM_MSI_ARCH} -D Version=${version}
            -o "${_psh_msi_stage}/${_name}" "${_psh_msi_stage}/profshim.wxs"
    COMMAND "${PROFSHIM_MSIBUILD}" "${_psh_msi_stage}/${_name}"
            -i "${_psh_msi_stage}/Environment.idt" ${_psh_environment_actions}
    COMMAND "${CMAKE_COMMAND}" -E rename "${_psh_msi_stage}/${_name}" "${output}"
    DEPENDS ${_psh_msi_binaries} "${_psh_msi_stage}/profshim.wxs" "${_psh_msi_stage}/Environment.idt"
    WORKING_DIRECTORY "${_psh_msi_stage}"
    COMMENT "wixl: ${_name}"
    VERBATIM)
endfunction()

_psh_msi(${PROJECT_VERSION} "${PROFSHIM_MSI}")
# For windows.msi's upgrade step only: the same package as the next patch version.
math(EXPR _psh_next_patch "${PROJECT_VERSION_PATCH} + 1")
set(PROFSHIM_MSI_NEXT_VERSION "${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR}.${_psh_next_patch}")
set(PROFSHIM_MSI_NEXT "${_psh_msi_stage}/upgrade-test/profshim-${PROFSHIM_MSI_NEXT_VERSION}-${PROFSHIM_MSI_ARCH}.msi")
_psh_msi(${PROFSHIM_MSI_NEXT_VERSION} "${PROFSHIM_MSI_NEXT}")
add_custom_target(profshim_msi ALL DEPENDS "${PROFSHIM_MSI}" "${PROFSHIM_MSI_NEXT}")
