# Microsoft.GSL for a mingw-w64 cross build (see cmake/toolchain-mingw-common.cmake).
# The GSL is header-only; the host's copy (Debian libmsgsl-dev, /usr/include/gsl) is
# copied alone into the build tree, so that the cross compiler never sees /usr/include.
if(TARGET Microsoft.GSL::GSL)
  return()
endif()
find_path(PROFSHIM_HOST_GSL_INCLUDE_DIR gsl/span
          PATHS /usr/include /usr/local/include
          NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH)
if(NOT PROFSHIM_HOST_GSL_INCLUDE_DIR)
  set(Microsoft.GSL_FOUND FALSE)
  set(Microsoft.GSL_NOT_FOUND_MESSAGE "gsl/span not found under /usr/include (install libmsgsl-dev)")
  return()
endif()
set(_psh_gsl_stage "${CMAKE_BINARY_DIR}/_deps/gsl-include")
file(COPY "${PROFSHIM_HOST_GSL_INCLUDE_DIR}/gsl" DESTINATION "${_psh_gsl_stage}")
add_library(Microsoft.GSL::GSL INTERFACE IMPORTED)
set_target_properties(Microsoft.GSL::GSL PROPERTIES
  INTERFACE_COMPILE_FEATURES cxx_std_14
  INTERFACE_INCLUDE_DIRECTORIES "${_psh_gsl_stage}")
set(Microsoft.GSL_FOUND TRUE)
