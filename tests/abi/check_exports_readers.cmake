# exports.def has two readers: CMake's (cmake/ExportsDef.cmake, for the build, which needs no
# Python) and tools/exports_def.py (for the Python checks). Both must read the same names, in
# the file's order, public and PRIVATE alike.
#   cmake -DPYTHON=... -DREADER=tools/exports_def.py -DDEF=exports.def
#         -DPUBLIC_FILE=... -DPRIVATE_FILE=... -P check_exports_readers.cmake
# PUBLIC_FILE and PRIVATE_FILE hold CMake's reading, one name a line.
set(failed FALSE)
foreach(kind IN ITEMS public private)
  set(flag "")
  set(cmake_file "${PUBLIC_FILE}")
  if(kind STREQUAL "private")
    set(flag "--private")
    set(cmake_file "${PRIVATE_FILE}")
  endif()
  execute_process(COMMAND "${PYTHON}" "${READER}" names ${flag} "${DEF}"
                  OUTPUT_VARIABLE python_names RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${READER} names ${flag} failed (${rc})")
  endif()
  file(READ "${cmake_file}" cmake_names)
  string(STRIP "${python_names}" python_names)
  string(STRIP "${cmake_names}" cmake_names)
  if(NOT python_names STREQUAL cmake_names)
    message(SEND_ERROR "the ${kind} names differ:\nCMake reads:\n${cmake_names}\n"
                       "tools/exports_def.py reads:\n${python_names}")
    set(failed TRUE)
  endif()
endforeach()
if(NOT failed)
  message(STATUS "both readers of exports.def read the same public and PRIVATE names")
endif()
