# The ABI of this build's libprofshim.so against 1.1.0's (libprofshim-1.1.0.abi), by
# libabigail's abidiff. Fails on every change that breaks a caller built against 1.0 or 1.1:
# a function removed, a function's type changed, a type it reaches changed (psh_report's
# layout), the SONAME changed. Passes additions: --no-added-syms takes added functions
# out of the comparison, so they neither show nor count.
#   cmake -DABIDIFF=... -DREADELF=... -DBASELINE=... -DLIBRARY=... -P check_abidiff.cmake
#
# abidiff's exit status is a set of bits: 1 an error, 2 a usage error, 4 an ABI change,
# 8 an incompatible change. Bit 8 alone is not "breaks callers": abidiff sets it for removed
# symbols only, and a field inserted in the middle of psh_report is bit 4 alone. So any bit
# fails: with the additions left out, every change that remains is a change to something
# 1.1.0's callers use, and abidiff's own "harmless" changes (a typedef renamed, an enum
# value added) are filtered out by default and set no bit.
if(NOT ABIDIFF)
  message(FATAL_ERROR "abidiff not found: install Debian's abigail-tools (tools/setup)")
endif()

# abidiff reads the types from the library's DWARF; without it only the symbols would be
# compared and a changed psh_report would pass (--fail-no-debug-info does not catch that
# when the other side is an ABI file, in libabigail 2.2).
execute_process(COMMAND "${READELF}" -S --wide "${LIBRARY}"
                OUTPUT_VARIABLE sections RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT sections MATCHES "\\.debug_info")
  message(FATAL_ERROR "${LIBRARY} has no debug info (.debug_info): build it with -g "
                      "(the default preset, RelWithDebInfo)")
endif()

execute_process(COMMAND "${ABIDIFF}" --no-added-syms "${BASELINE}" "${LIBRARY}"
                OUTPUT_VARIABLE report ERROR_VARIABLE report RESULT_VARIABLE status)
message("${report}")
if(NOT status MATCHES "^[0-9]+$")
  message(FATAL_ERROR "abidiff did not run: ${status}")
endif()
set(meaning "")
foreach(bit_name IN ITEMS "1;an error" "2;a usage error" "4;an ABI change" "8;an incompatible change")
  list(GET bit_name 0 bit)
  list(GET bit_name 1 name)
  math(EXPR set "${status} & ${bit}")
  if(set)
    list(APPEND meaning "${name} (${bit})")
  endif()
endforeach()
if(status EQUAL 0)
  message(STATUS "abidiff: no change that breaks 1.1.0's callers")
else()
  list(JOIN meaning ", " meaning)
  message(FATAL_ERROR "abidiff exited ${status}: ${meaning}. This build breaks callers "
                      "of 1.1.0; see tests/abi/libabigail/README.md")
endif()
