# exports.def is the one list of profshim's exports. This module reads it so that every
# other place (the Linux version script, the export-table tests) is made from it, never
# written by hand.

# profshim_read_exports(<public_var> <private_var> <def_file>)
#   public_var:  the names every build exports (profshim.h section 1), in the file's order.
#   private_var: names marked PRIVATE (the COM entry points), Windows only.
# The grammar, as tools/exports_def.py reads it for the Python tools: ';' starts a comment;
# the line EXPORTS starts the list; each line after it is one name (a C identifier, with an
# optional @N ordinal), optionally followed by PRIVATE; lines before EXPORTS are the linker's.
# CMake reads it itself so that configuring the library and the CLI needs no Python (the
# demo installs a compiler, CMake and GSL only); ctest abi.exports_def_readers_agree checks
# that both readers give the same names.
function(profshim_read_exports public_var private_var def_file)
  file(READ "${def_file}" text)
  string(REGEX REPLACE ";[^\n]*" "" text "${text}")   # comments, before ';' splits lists
  string(REPLACE "\n" ";" lines "${text}")
  set(public_names "")
  set(private_names "")
  set(in_exports FALSE)
  set(number 0)
  foreach(line IN LISTS lines)
    math(EXPR number "${number} + 1")
    string(STRIP "${line}" line)
    if(line STREQUAL "")
      continue()
    elseif(line STREQUAL "EXPORTS")
      set(in_exports TRUE)
    elseif(in_exports)
      if(NOT line MATCHES "^([A-Za-z_][A-Za-z0-9_]*)(@[0-9]+)?([ \t]+PRIVATE)?$")
        message(FATAL_ERROR "${def_file}:${number}: cannot read export line '${line}'")
      endif()
      if(CMAKE_MATCH_3)
        list(APPEND private_names "${CMAKE_MATCH_1}")
      else()
        list(APPEND public_names "${CMAKE_MATCH_1}")
      endif()
    endif()
  endforeach()
  if(NOT public_names)
    message(FATAL_ERROR "${def_file}: no exported names")
  endif()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${def_file}")
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
