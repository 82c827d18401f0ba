# profshim(1) is made at build time from the program's help and installed by `cmake --install`
# into man1 under the prefix. Installs the build tree into a new PREFIX, then reads the page.
#   cmake -DBUILD=<build tree> -DPREFIX=<new folder> -DMANDIR=share/man -DEXE=<profshim> -P check_man.cmake
cmake_minimum_required(VERSION 3.25)

file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD}" --prefix "${PREFIX}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${rc}):\n${out}")
endif()
set(page "${PREFIX}/${MANDIR}/man1/profshim.1")
if(NOT EXISTS "${page}")
  message(FATAL_ERROR "not installed: ${page}\n${out}")
endif()
file(READ "${page}" roff)

# What the program says is on the page: its version, its usage lines as the SYNOPSIS, the
# exit statuses, and each command's help, options included.
execute_process(COMMAND "${EXE}" --version OUTPUT_VARIABLE version)
string(REGEX MATCH "^profshim [0-9.]+" version "${version}")
set(fail "")
foreach(want ".TH PROFSHIM \"1\"" "${version}" ".SH SYNOPSIS" "profshim rewrite [--json] [--keep-dn] [--exact]"
             "Exit status: 0 when every input is OK" "3 when every line was answered"
             ".SS check" ".SS rewrite" ".SS name" ".SS demo" "PSH_REWRITE_KEEP_DN" "EXCH01\\en/o=Contoso")
  string(FIND "${roff}" "${want}" at)
  if(at EQUAL -1)
    string(APPEND fail "the page does not say: ${want}\n")
  endif()
endforeach()
if(fail)
  message(FATAL_ERROR "${page}:\n${fail}")
endif()
