# Writes one runnable test script for ctest (bindings/CMakeLists.txt, at build time):
#   cmake -DPROLOGUE=prologue.vbs -DBODY=methods.vbs -DOUT=<build>/.../methods.vbs -P assemble.cmake
# OUT is PROLOGUE's text followed by BODY's: the shared helpers come first, with the
# script's Option Explicit, and the script's own lines follow.
foreach(var IN ITEMS PROLOGUE BODY OUT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "assemble.cmake: -D${var}=... is missing")
  endif()
endforeach()
file(READ "${PROLOGUE}" prologue)
file(READ "${BODY}" body)
get_filename_component(prologue_name "${PROLOGUE}" NAME)
get_filename_component(body_name "${BODY}" NAME)
file(WRITE "${OUT}"
  "' Written by the build from tests/vbscript/${prologue_name} and ${body_name}: edit those.\n"
  "${prologue}${body}")
