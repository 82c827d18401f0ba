# check_exports.cmake - profshim.h section 1: the built binary exports exactly the names of
# exports.def, and (ELF) its SONAME is libprofshim.so.1.
#
#   cmake -DLIBRARY=<built library> -DEXPORTS_FILE=<one name a line, made from exports.def>
#         -DFORMAT=ELF|PE [-DNM=<nm>] [-DOBJDUMP=<objdump>] [-DEXPECTED_SONAME=<soname>]
#         [-DOPTIONAL_EXPORTS=<names that may also be exported, ;-separated>]
#         -P check_exports.cmake
#
# Reading the export table is per format (ELF: nm -D --defined-only; PE: the
# "[Ordinal/Name Pointer] Table" of objdump -p); comparing it with the list is not. Exits
# non-zero, naming every missing and every unexpected name, when they differ.
cmake_minimum_required(VERSION 3.25)

foreach(var LIBRARY EXPORTS_FILE FORMAT)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "check_exports: ${var} is required")
  endif()
endforeach()
if(NOT EXISTS "${LIBRARY}")
  message(FATAL_ERROR "check_exports: no library at ${LIBRARY}")
endif()
if(NOT NM)
  set(NM nm)
endif()
if(NOT OBJDUMP)
  set(OBJDUMP objdump)
endif()

# ---- Generic part: compare two lists of names ------------------------------------------------
# psh_compare_names(<what> <actual-list-var> <expected-list-var> <optional-list-var>)
function(psh_compare_names what actual_var expected_var optional_var)
  set(actual "${${actual_var}}")
  set(expected "${${expected_var}}")
  set(optional "${${optional_var}}")
  list(REMOVE_DUPLICATES actual)
  set(missing "")
  foreach(name IN LISTS expected)
    if(NOT name IN_LIST actual)
      list(APPEND missing "${name}")
    endif()
  endforeach()
  set(unexpected "")
  foreach(name IN LISTS actual)
    if(NOT name IN_LIST expected AND NOT name IN_LIST optional)
      list(APPEND unexpected "${name}")
    endif()
  endforeach()
  list(LENGTH actual n_actual)
  list(LENGTH expected n_expected)
  if(missing OR unexpected)
    list(JOIN missing " " missing_text)
    list(JOIN unexpected " " unexpected_text)
    message(FATAL_ERROR
      "${what}: the export table differs from exports.def\n"
      "  missing from the library: ${missing_text}\n"
      "  unexpected export: ${unexpected_text}\n"
      "  (${n_actual} exported, ${n_expected} listed)")
  endif()
  message(STATUS "${what}: exports exactly the ${n_expected} names of exports.def")
endfunction()

# ---- The expected names ----------------------------------------------------------------------
file(STRINGS "${EXPORTS_FILE}" expected_lines)
set(expected "")
foreach(line IN LISTS expected_lines)
  string(STRIP "${line}" line)
  if(NOT line STREQUAL "")
    list(APPEND expected "${line}")
  endif()
endforeach()
if(NOT expected)
  message(FATAL_ERROR "check_exports: ${EXPORTS_FILE} lists no names")
endif()
if(NOT DEFINED OPTIONAL_EXPORTS)
  set(OPTIONAL_EXPORTS "")
endif()

# ---- Per-format part: the names the binary exports -------------------------------------------
set(actual "")
if(FORMAT STREQUAL "ELF")
  execute_process(COMMAND "${NM}" -D --defined-only "${LIBRARY}"
                  OUTPUT_VARIABLE nm_out ERROR_VARIABLE nm_err RESULT_VARIABLE nm_rc)
  if(NOT nm_rc EQUAL 0)
    message(FATAL_ERROR "check_exports: ${NM} -D --defined-only failed (${nm_rc}): ${nm_err}")
  endif()
  string(REPLACE "\n" ";" nm_lines "${nm_out}")
  set(version_nodes "")
  foreach(line IN LISTS nm_lines)
    if(line MATCHES "^[0-9a-fA-F]* *([A-Za-z]) ([^ ]+)$")
      set(type "${CMAKE_MATCH_1}")
      set(name "${CMAKE_MATCH_2}")
      string(REGEX REPLACE "@.*$" "" name "${name}")   # psh_check@@PROFSHIM_1 -> psh_check
      if(type STREQUAL "A")
        list(APPEND version_nodes "${name}")            # a version node (PROFSHIM_1), not an export
      else()
        list(APPEND actual "${name}")
      endif()
    elseif(NOT line STREQUAL "")
      message(FATAL_ERROR "check_exports: cannot read nm line '${line}'")
    endif()
  endforeach()
  if(version_nodes)
    message(STATUS "version nodes: ${version_nodes}")
  endif()
  if(DEFINED EXPECTED_SONAME AND NOT EXPECTED_SONAME STREQUAL "")
    execute_process(COMMAND "${OBJDUMP}" -p "${LIBRARY}"
                    OUTPUT_VARIABLE od_out ERROR_VARIABLE od_err RESULT_VARIABLE od_rc)
    if(NOT od_rc EQUAL 0)
      message(FATAL_ERROR "check_exports: ${OBJDUMP} -p failed (${od_rc}): ${od_err}")
    endif()
    if(NOT od_out MATCHES "\n *SONAME +([^ \n]+)")
      message(FATAL_ERROR "check_exports: ${LIBRARY} has no SONAME (expected ${EXPECTED_SONAME})")
    endif()
    if(NOT CMAKE_MATCH_1 STREQUAL EXPECTED_SONAME)
      message(FATAL_ERROR "check_exports: SONAME is ${CMAKE_MATCH_1}, expected ${EXPECTED_SONAME}")
    endif()
    message(STATUS "SONAME ${CMAKE_MATCH_1}")
  endif()
elseif(FORMAT STREQUAL "PE")
  execute_process(COMMAND "${OBJDUMP}" -p "${LIBRARY}"
                  OUTPUT_VARIABLE od_out ERROR_VARIABLE od_err RESULT_VARIABLE od_rc)
  if(NOT od_rc EQUAL 0)
    message(FATAL_ERROR "check_exports: ${OBJDUMP} -p failed (${od_rc}): ${od_err}")
  endif()
  string(REPLACE "\n" ";" od_lines "${od_out}")
  set(in_table FALSE)
  foreach(line IN LISTS od_lines)
    if(line MATCHES "^\\[Ordinal/Name Pointer\\] Table")
      set(in_table TRUE)
    elseif(in_table)
      # "\t[   0] psh_check", or in newer binutils "\t[   0] +base[   1] 0000 psh_check"
      if(line MATCHES "^[ \t]*\\[ *[0-9]+\\] (\\+base\\[ *[0-9]+\\] +[0-9a-fA-F]+ +)?([^ \t]+)")
        list(APPEND actual "${CMAKE_MATCH_2}")
      elseif(line MATCHES "^[ \t]*$")
        set(in_table FALSE)
      endif()
    endif()
  endforeach()
else()
  message(FATAL_ERROR "check_exports: FORMAT must be ELF or PE, not '${FORMAT}'")
endif()

psh_compare_names("${LIBRARY}" actual expected OPTIONAL_EXPORTS)
