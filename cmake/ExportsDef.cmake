# exports.def is the one list of profshim's exports. This module reads it so that every
# other place (the Linux version script, the export-table tests) is made from it, never
# written by hand.

# profshim_read_exports(<public_var> <private_var> <def_file>)
#   public_var:  the names every build exports (profshim.h section 1).
#   private_var: names marked PRIVATE (the COM entry points), Windows only.
# tools/exports_def.py is the one reader of the file's grammar; CMake asks it.
function(profshim_read_exports public_var private_var def_file)
  set(reader "${PROJECT_SOURCE_DIR}/tools/exports_def.py")
  foreach(kind IN ITEMS public private)
    set(flag "")
    if(kind STREQUAL "private")
      set(flag "--private")
    endif()
    execute_process(COMMAND "${Python3_EXECUTABLE}" "${reader}" names ${flag} "${def_file}"
                    OUTPUT_VARIABLE names ERROR_VARIABLE error RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "${def_file}: ${error}")
    endif()
    string(STRIP "${names}" names)
    string(REPLACE "\n" ";" ${kind}_names "${names}")
  endforeach()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${def_file}" "${reader}")
  set(${public_var} "${public_names}" PARENT_SCOPE)
  set(${private_var} "${private_names}" PARENT_SCOPE)
endfunction()

# profshim_write_version_script(<file> <names...>): an ld version script exporting exactly
# <names> under the version node PROFSHIM_1 and hiding everything else.
function(profshim_write_version_script file)
  set(body "/* Generated from exports.def by cmake/ExportsDef.cmake; do not edit. */\nPROFSHIM_1 {\n  global:\n")
  foreach(name IN LISTS ARGN)
    string(APPEND body "    ${name};\n")
  endforeach()
  string(APPEND body "  local:\n    *;\n};\n")
  file(WRITE "${file}" "${body}")
endfunction()

# profshim_write_names_file(<file> <names...>): one name a line, for the tests.
function(profshim_write_names_file file)
  list(SORT ARGN)
  list(JOIN ARGN "\n" body)
  file(WRITE "${file}" "${body}\n")
endfunction()
