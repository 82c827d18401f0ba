# The NuGet package ProfShim.<version>.nupkg (included from the top-level CMakeLists.txt in
# the Linux build, which has Mono's mcs): the assembly ProfShim.dll is built here (target
# profshim_csharp_assembly, part of the build); the package also carries the Windows DLLs,
# which the windows-x64 and windows-x86 presets build, so it is packed on demand:
#   cmake --build --preset default --target profshim_nupkg
# after those two builds; ctest bindings.csharp.nuget packs it the same way and tests it.
# nupkg.py packs it to NuGet's documented layout and checks each library's machine.

find_program(PROFSHIM_MCS NAMES mcs)
if(NOT PROFSHIM_NUPKG_PYTHON)
  find_program(PROFSHIM_NUPKG_PYTHON NAMES python3)
endif()
if(NOT PROFSHIM_MCS OR NOT PROFSHIM_NUPKG_PYTHON)
  set(PROFSHIM_NUPKG "")
  message(STATUS "profshim: no NuGet package (needs mcs from mono-mcs, and python3)")
  return()
endif()

set(PROFSHIM_WIN64_DLL "${PROJECT_SOURCE_DIR}/build/windows-x64/shim/profshim.dll" CACHE FILEPATH
    "profshim.dll of the windows-x64 build, for the NuGet package's runtimes/win-x64")
set(PROFSHIM_WIN32_DLL "${PROJECT_SOURCE_DIR}/build/windows-x86/shim/profshim.dll" CACHE FILEPATH
    "profshim.dll of the windows-x86 build, for the NuGet package's runtimes/win-x86")
find_program(PROFSHIM_MINGW64_STRIP NAMES x86_64-w64-mingw32-strip)
find_program(PROFSHIM_MINGW32_STRIP NAMES i686-w64-mingw32-strip)

set(_psh_cs_dir "${PROJECT_BINARY_DIR}/csharp-assembly")
configure_file("${CMAKE_CURRENT_LIST_DIR}/AssemblyInfo.cs.in" "${_psh_cs_dir}/AssemblyInfo.cs" @ONLY)
add_custom_command(OUTPUT "${_psh_cs_dir}/ProfShim.dll" "${_psh_cs_dir}/ProfShim.xml"
  # -nowarn:1591: not every enum member and constant has an XML comment of its own.
  COMMAND "${PROFSHIM_MCS}" -nologo -warnaserror+ -nowarn:1591 -unsafe+ -langversion:7.2 -optimize+
          -target:library "-out:${_psh_cs_dir}/ProfShim.dll" "-doc:${_psh_cs_dir}/ProfShim.xml"
          "${CMAKE_CURRENT_LIST_DIR}/ProfShim.cs" "${_psh_cs_dir}/AssemblyInfo.cs"
  DEPENDS "${CMAKE_CURRENT_LIST_DIR}/ProfShim.cs" "${_psh_cs_dir}/AssemblyInfo.cs"
  COMMENT "mcs: ProfShim.dll, the NuGet package's assembly"
  VERBATIM)
add_custom_target(profshim_csharp_assembly ALL
  DEPENDS "${_psh_cs_dir}/ProfShim.dll" "${_psh_cs_dir}/ProfShim.xml")

set(PROFSHIM_NUPKG "${PROJECT_BINARY_DIR}/package/ProfShim.${PROJECT_VERSION}.nupkg")
set(PROFSHIM_NUPKG_PACK_ARGS
  --out "${PROFSHIM_NUPKG}" --version "${PROJECT_VERSION}" --license "${PROJECT_SOURCE_DIR}/LICENSE"
  --assembly "${_psh_cs_dir}/ProfShim.dll" --doc "${_psh_cs_dir}/ProfShim.xml"
  --native "linux-x64=$<TARGET_SONAME_FILE:profshim>" --strip "linux-x64=${CMAKE_STRIP}"
  --native "win-x64=${PROFSHIM_WIN64_DLL}" --strip "win-x64=${PROFSHIM_MINGW64_STRIP}"
  --native "win-x86=${PROFSHIM_WIN32_DLL}" --strip "win-x86=${PROFSHIM_MINGW32_STRIP}")
add_custom_target(profshim_nupkg
  COMMAND "${PROFSHIM_NUPKG_PYTHON}" "${CMAKE_CURRENT_LIST_DIR}/nupkg.py" ${PROFSHIM_NUPKG_PACK_ARGS}
  DEPENDS profshim profshim_csharp_assembly
  COMMENT "Packing ${PROFSHIM_NUPKG}"
  VERBATIM)
