# CPACK_PRE_BUILD_SCRIPTS of cmake/WindowsPackage.cmake: runs in cpack after the files are
# staged and before the zip is made; drops what does not belong in a Windows zip.
file(GLOB_RECURSE _psh_pc "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*.pc")
foreach(_f IN LISTS _psh_pc)
  file(REMOVE "${_f}")
  get_filename_component(_d "${_f}" DIRECTORY)
  file(GLOB _left "${_d}/*")
  if(NOT _left)
    file(REMOVE_RECURSE "${_d}")
  endif()
endforeach()
