# For a mingw-w64 cross build (see cmake/toolchain-mingw-common.cmake): a header-only
# library that Debian installs under /usr/include, which must never be on a mingw include
# path (glibc's headers live there too). psh_host_headers() copies just that library's
# folder of headers into the build tree and makes an imported target of the copy; the
# package configs beside this file call it for the GSL, CLI11 and nlohmann-json.
#   psh_host_headers(PACKAGE TARGET PROBE DEB)
#   PACKAGE: the find_package name; TARGET: the imported target; PROBE: a header, relative
#   to the include folder, whose first path component is the folder copied; DEB: the Debian
#   package that has it, for the message when it is missing.
macro(psh_host_headers _package _target _probe _deb)
  if(NOT TARGET ${_target})
    find_path(PROFSHIM_HOST_${_package}_INCLUDE_DIR ${_probe}
              PATHS /usr/include /usr/local/include
              NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH)
    if(NOT PROFSHIM_HOST_${_package}_INCLUDE_DIR)
      set(${_package}_FOUND FALSE)
      set(${_package}_NOT_FOUND_MESSAGE "${_probe} not found under /usr/include (install ${_deb})")
      return()
    endif()
    string(REGEX REPLACE "/.*" "" _psh_folder "${_probe}")
    set(_psh_stage "${CMAKE_BINARY_DIR}/_deps/${_package}-include")
    file(COPY "${PROFSHIM_HOST_${_package}_INCLUDE_DIR}/${_psh_folder}" DESTINATION "${_psh_stage}")
    add_library(${_target} INTERFACE IMPORTED)
    set_target_properties(${_target} PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${_psh_stage}")
  endif()
  set(${_package}_FOUND TRUE)
endmacro()
