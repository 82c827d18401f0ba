# cmake -P script of wheel.cmake: stage bindings/python with the native library and the
# license in a fresh folder, and build the wheel there, offline.
# In: PYTHON SOURCE LICENSE LIBRARY STRIP VERSION STAGE WHEEL.

# The package's version must be the library's (include/profshim.h, via the project).
file(STRINGS "${SOURCE}/src/profshim/__init__.py" _line REGEX "^__version__ = ")
if(NOT _line MATCHES "^__version__ = \"${VERSION}\"")
  message(FATAL_ERROR "bindings/python/src/profshim/__init__.py says ${_line}, "
                      "the library is ${VERSION}: update __version__")
endif()

file(REMOVE_RECURSE "${STAGE}")
file(MAKE_DIRECTORY "${STAGE}/src/profshim")
file(COPY "${SOURCE}/pyproject.toml" "${SOURCE}/setup.py" "${SOURCE}/README.md" DESTINATION "${STAGE}")
file(COPY "${SOURCE}/src/profshim/" DESTINATION "${STAGE}/src/profshim"
     FILES_MATCHING PATTERN "*.py" PATTERN "py.typed" PATTERN "__pycache__" EXCLUDE)
configure_file("${LICENSE}" "${STAGE}/LICENSE" COPYONLY)
# The runtime file itself (libprofshim.so.1 is a symlink in the build tree), stripped as
# the Windows zip's DLL is: symbols for debugging stay in the build tree.
get_filename_component(_name "${LIBRARY}" NAME)
configure_file("${LIBRARY}" "${STAGE}/src/profshim/${_name}" COPYONLY)
if(STRIP)
  execute_process(COMMAND "${STRIP}" "${STAGE}/src/profshim/${_name}" RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "${STRIP} failed on ${_name}")
  endif()
endif()

get_filename_component(_outdir "${WHEEL}" DIRECTORY)
file(REMOVE "${WHEEL}")
execute_process(
  COMMAND "${PYTHON}" -m build --no-isolation --wheel --outdir "${_outdir}" "${STAGE}"
  RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _out)
if(NOT _rc EQUAL 0 OR NOT EXISTS "${WHEEL}")
  message(FATAL_ERROR "python3 -m build did not make ${WHEEL} (exit ${_rc}):\n${_out}")
endif()
