# The Python wheel, with this build's native library inside (included from the top-level
# CMakeLists.txt, for every build): target profshim_wheel makes
#   <build>/package/profshim-<version>-py3-none-<platform>.whl
# manylinux_2_17_x86_64.manylinux2014_x86_64 (libprofshim.so.1, whose needs setup.py reads
# and check_wheel.py checks against that policy) in a Linux build, win_amd64 / win32 (profshim.dll) in
# windows-x64 / windows-x86. build_wheel.cmake stages a copy of bindings/python with the
# library in it and runs `python3 -m build --no-isolation --wheel`: nothing is downloaded.
# The platform tag comes from the library's own header (setup.py); the name expected here
# must agree, or the build fails.

# A host Python that has the build frontend and the backend (Debian: python3-build,
# python3-setuptools, python3-wheel). pyenv's or a venv's python3 on PATH may lack them.
if(NOT PROFSHIM_WHEEL_PYTHON)
  find_program(_psh_path_python3 NAMES python3 NO_CACHE NO_CMAKE_FIND_ROOT_PATH)
  foreach(_psh_py IN ITEMS /usr/bin/python3 ${_psh_path_python3})
    if(EXISTS "${_psh_py}")
      execute_process(COMMAND "${_psh_py}" -c "import build, setuptools, wheel"
                      RESULT_VARIABLE _psh_rc OUTPUT_QUIET ERROR_QUIET)
      if(_psh_rc EQUAL 0)
        set(PROFSHIM_WHEEL_PYTHON "${_psh_py}" CACHE FILEPATH
            "A Python 3 with build, setuptools and wheel, to make the wheel")
        break()
      endif()
    endif()
  endforeach()
endif()

if(WIN32 AND CMAKE_SIZEOF_VOID_P EQUAL 8)
  set(_psh_wheel_platform win_amd64)
elseif(WIN32)
  set(_psh_wheel_platform win32)
elseif(CMAKE_SYSTEM_NAME STREQUAL "Linux" AND CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64)$")
  set(_psh_wheel_platform manylinux_2_17_x86_64.manylinux2014_x86_64)
else()
  set(_psh_wheel_platform "")
endif()

if(PROFSHIM_WHEEL_PYTHON AND _psh_wheel_platform)
  set(PROFSHIM_WHEEL
      "${PROJECT_BINARY_DIR}/package/profshim-${PROJECT_VERSION}-py3-none-${_psh_wheel_platform}.whl")
  if(WIN32)
    set(_psh_wheel_lib "$<TARGET_FILE:profshim>")            # profshim.dll
  else()
    set(_psh_wheel_lib "$<TARGET_SONAME_FILE:profshim>")     # libprofshim.so.1
  endif()
  file(GLOB_RECURSE _psh_wheel_sources CONFIGURE_DEPENDS
       "${CMAKE_CURRENT_LIST_DIR}/src/*.py" "${CMAKE_CURRENT_LIST_DIR}/src/py.typed")
  list(APPEND _psh_wheel_sources "${CMAKE_CURRENT_LIST_DIR}/README.md")
  add_custom_command(OUTPUT "${PROFSHIM_WHEEL}"
    COMMAND ${CMAKE_COMMAND}
      "-DPYTHON=${PROFSHIM_WHEEL_PYTHON}" "-DSOURCE=${CMAKE_CURRENT_LIST_DIR}"
      "-DLICENSE=${PROJECT_SOURCE_DIR}/LICENSE" "-DLIBRARY=${_psh_wheel_lib}"
      "-DSTRIP=${CMAKE_STRIP}" "-DVERSION=${PROJECT_VERSION}"
      "-DSTAGE=${PROJECT_BINARY_DIR}/python-wheel" "-DWHEEL=${PROFSHIM_WHEEL}"
      -P "${CMAKE_CURRENT_LIST_DIR}/build_wheel.cmake"
    DEPENDS profshim ${_psh_wheel_sources} "${PROJECT_SOURCE_DIR}/LICENSE"
            "${CMAKE_CURRENT_LIST_DIR}/pyproject.toml" "${CMAKE_CURRENT_LIST_DIR}/setup.py"
            "${CMAKE_CURRENT_LIST_DIR}/build_wheel.cmake"
    COMMENT "python3 -m build: ${PROFSHIM_WHEEL}"
    VERBATIM)
  add_custom_target(profshim_wheel ALL DEPENDS "${PROFSHIM_WHEEL}")
else()
  set(PROFSHIM_WHEEL "")
  message(STATUS "profshim: no wheel (needs a python3 with build, setuptools and wheel, "
                 "and a platform the wheel knows; run tools/setup)")
endif()
