# CPACK_POST_BUILD_SCRIPTS of cmake/WindowsPackage.cmake: runs in cpack after the zip is
# made; gives each of its folders an entry of mode 0755 and each file 0644 (programs 0755),
# so that `unzip` under any umask leaves it readable by every account (tools/zip_modes.py).
foreach(_f IN LISTS CPACK_PACKAGE_FILES)
  if(_f MATCHES "\\.zip$")
    execute_process(COMMAND "${CPACK_PROFSHIM_PYTHON}" "${CPACK_PROFSHIM_ZIP_MODES}" normalise "${_f}"
                    RESULT_VARIABLE _rc)
    if(NOT _rc EQUAL 0)
      message(FATAL_ERROR "tools/zip_modes.py could not rewrite ${_f} (${_rc})")
    endif()
  endif()
endforeach()
