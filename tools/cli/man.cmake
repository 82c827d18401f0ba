# Writes profshim(1) from the CLI's own help, with help2man (Debian help2man): the program's
# --help and --version make the page's top, its usage lines (what `profshim` alone writes)
# the SYNOPSIS, and each command's `profshim help COMMAND` a part of its COMMANDS section:
# the page says what the program says and nothing else.
#   cmake -DEXE=profshim -DHELP2MAN=help2man -DOUT=profshim.1 -DINCLUDE=commands.h2m -P man.cmake
cmake_minimum_required(VERSION 3.25)

execute_process(COMMAND "${EXE}" help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${EXE} help: exit status ${rc}")
endif()
# The commands are the lines "  NAME  summary" after "Commands:", up to a blank line.
string(REGEX MATCH "Commands:\n(  [^\n]+\n)+" listed "${help}")
string(REGEX MATCHALL "\n  [a-z]+ " names "${listed}")

# "usage: profshim check ...", then "       profshim rewrite ...": a line each.
execute_process(COMMAND "${EXE}" ERROR_VARIABLE usage RESULT_VARIABLE rc)
string(REGEX MATCHALL "\n(usage: |       )profshim [^\n]*" lines "${usage}")
if(NOT lines)
  message(FATAL_ERROR "${EXE} alone wrote no usage lines: ${usage}")
endif()
set(roff "[SYNOPSIS]\n")
foreach(line IN LISTS lines)
  string(REGEX REPLACE "^\n(usage: |       )" "" line "${line}")
  string(REPLACE "\\" "\\e" line "${line}")
  string(APPEND roff "${line}\n.br\n")
endforeach()

string(APPEND roff "[COMMANDS]\n")
foreach(name IN LISTS names)
  string(STRIP "${name}" name)
  execute_process(COMMAND "${EXE}" help ${name} OUTPUT_VARIABLE text RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${EXE} help ${name}: exit status ${rc}")
  endif()
  # As written, in a no-fill block: a backslash is \e, and a line may not start with a
  # control character ('.' or ').
  string(REPLACE "\\" "\\e" text "${text}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  string(APPEND roff ".SS ${name}\n.nf\n${text}.fi\n")
endforeach()
file(WRITE "${INCLUDE}" "${roff}")

# The page's version is the program's, without the library's that --version adds.
execute_process(COMMAND "${EXE}" --version OUTPUT_VARIABLE version)
if(NOT version MATCHES "^profshim ([0-9]+\\.[0-9]+\\.[0-9]+)")
  message(FATAL_ERROR "${EXE} --version: ${version}")
endif()
execute_process(
  COMMAND "${HELP2MAN}" --no-info --section=1 "--version-string=${CMAKE_MATCH_1}"
          "--name=check and fix the ProfileInfo strings given to CDO 1.21 Session.Logon"
          "--include=${INCLUDE}" "--output=${OUT}" "${EXE}"
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "help2man: exit status ${rc}")
endif()
