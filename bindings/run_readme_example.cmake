# Runs a README example exactly as printed, and checks what it prints.
#
#   cmake -DREADME=<README.md> -DSECTION="Calling from C#" -DFENCE=csharp
#         -DOUT=<file to write the example to> -DCOMMENT=<"//" or "'">
#         -DPRINT=<regex of a printing statement> -DRUN=<path of a runner script>
#         -P run_readme_example.cmake
#
# The first ```FENCE block under "## SECTION" is written to OUT; the runner script RUN is
# then included (it sets the variable `output` to what the example printed). Each printing
# statement's trailing comment says what it prints, in order; a comment ending in "..."
# gives the start of the line only. The test fails unless every line matches.

foreach(v README SECTION FENCE OUT COMMENT PRINT RUN)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "run_readme_example.cmake: -D${v}= is missing")
  endif()
endforeach()

file(READ "${README}" text)
string(FIND "${text}" "\n## ${SECTION}\n" at)
if(at EQUAL -1)
  message(FATAL_ERROR "${README}: no '## ${SECTION}' section")
endif()
string(SUBSTRING "${text}" ${at} -1 text)
string(SUBSTRING "${text}" 4 -1 text)
string(FIND "${text}" "\n## " end)
if(NOT end EQUAL -1)
  string(SUBSTRING "${text}" 0 ${end} text)
endif()
string(FIND "${text}" "```${FENCE}\n" start)
if(start EQUAL -1)
  message(FATAL_ERROR "${README}: '## ${SECTION}' has no ```${FENCE} block")
endif()
string(LENGTH "```${FENCE}\n" fence_len)
math(EXPR start "${start} + ${fence_len}")
string(SUBSTRING "${text}" ${start} -1 text)
string(FIND "${text}" "```" stop)
string(SUBSTRING "${text}" 0 ${stop} example)
file(WRITE "${OUT}" "${example}")

# What each printing statement says it prints. Lines are split by hand: CMake lists would
# also split at every ';'.
set(expected "")
string(REPLACE ";" "<semicolon>" example "${example}")
string(REPLACE "\n" ";" lines "${example}")
foreach(line IN LISTS lines)
  if(line MATCHES "${PRINT}" AND line MATCHES "${COMMENT} *([^ ].*)$")
    string(STRIP "${CMAKE_MATCH_1}" want)
    list(APPEND expected "${want}")
  endif()
endforeach()
list(LENGTH expected n_expected)
if(n_expected EQUAL 0)
  message(FATAL_ERROR "the example has no printing statement with a comment to check")
endif()

set(output "")
include("${RUN}")

string(REPLACE "\r" "" output "${output}")
message("${output}")
string(REPLACE ";" "<semicolon>" output "${output}")
string(REGEX REPLACE "\n$" "" output "${output}")
string(REPLACE "\n" ";" got "${output}")
list(LENGTH got n_got)
set(failed 0)
if(NOT n_got EQUAL n_expected)
  message("FAILED: the example printed ${n_got} lines, its comments promise ${n_expected}")
  set(failed 1)
else()
  math(EXPR last "${n_got} - 1")
  foreach(i RANGE ${last})
    list(GET expected ${i} want)
    list(GET got ${i} line)
    string(REPLACE "<semicolon>" ";" want "${want}")
    string(REPLACE "<semicolon>" ";" line "${line}")
    if(want MATCHES "^(.*)\\.\\.\\.$")
      string(STRIP "${CMAKE_MATCH_1}" prefix)
      string(FIND "${line}" "${prefix}" pos)
      if(NOT pos EQUAL 0)
        message("FAILED: line ${i}: <${line}> does not start with <${prefix}>")
        set(failed 1)
      endif()
    elseif(NOT line STREQUAL want)
      message("FAILED: line ${i}: <${line}>, the comment says <${want}>")
      set(failed 1)
    endif()
  endforeach()
endif()
if(failed)
  message(FATAL_ERROR "README example '${SECTION}' does not print what it says")
endif()
message("README example '${SECTION}': ${n_got} lines as documented")
