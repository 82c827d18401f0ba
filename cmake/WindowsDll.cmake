# The Windows side of profshim.dll (used by shim/CMakeLists.txt when WIN32).
#
# exports.def is the one list of exported names, and it names them undecorated. On x64
# that is all the linker needs. On x86 every export is __stdcall, so the compiler names
# psh_check `_psh_check@12` (4 bytes per parameter). To export it as plain "psh_check"
# while the import libraries still offer `_psh_check@12` (what a C or C++ caller compiled
# against profshim.h looks for), the DLL is linked with a copy of exports.def whose names
# carry their @N, with --kill-at: the export table loses the @N, the import library keeps it.

# profshim_stdcall_arg_bytes(<out_var> <header> <name>): the @N of <name>, from its
# prototype in <header>. Every parameter of the contract is 4 bytes on x86 (a pointer,
# int32_t or uint32_t); anything else is a configure error rather than a silent guess.
# A wrong N cannot slip through either: the DLL is linked with --disable-stdcall-fixup.
function(profshim_stdcall_arg_bytes out_var header name)
  file(READ "${header}" text)
  string(REGEX REPLACE "/\\*([^*]|\\*+[^*/])*\\*+/" "" text "${text}") # comments
  if(NOT text MATCHES "PSH_CALL[ \t\r\n]+${name}[ \t\r\n]*\\(([^)]*)\\)")
    message(FATAL_ERROR "${header}: no PSH_CALL prototype for ${name}")
  endif()
  string(STRIP "${CMAKE_MATCH_1}" params)
  if(params STREQUAL "" OR params STREQUAL "void")
    set(${out_var} 0 PARENT_SCOPE)
    return()
  endif()
  string(REPLACE "," ";" params "${params}")
  set(bytes 0)
  foreach(p IN LISTS params)
    string(STRIP "${p}" p)
    if(p MATCHES "\\*" OR p MATCHES "^(const[ \t]+)?u?int32_t[ \t]")
      math(EXPR bytes "${bytes} + 4")
    else()
      message(FATAL_ERROR "${header}: ${name}: cannot size the parameter '${p}' for __stdcall")
    endif()
  endforeach()
  set(${out_var} ${bytes} PARENT_SCOPE)
endfunction()

# profshim_write_stdcall_def(<out_def> <header> PUBLIC <names...> PRIVATE <names...>):
# a module-definition file naming each export with its @N, for x86.
function(profshim_write_stdcall_def out_def header)
  cmake_parse_arguments(PARSE_ARGV 2 arg "" "" "PUBLIC;PRIVATE")
  set(body "; Generated from exports.def and profshim.h by cmake/WindowsDll.cmake; do not edit.\n")
  string(APPEND body "; x86 only: link with --kill-at, so the DLL exports the names without @N.\n")
  string(APPEND body "LIBRARY profshim\nEXPORTS\n")
  foreach(name IN LISTS arg_PUBLIC)
    profshim_stdcall_arg_bytes(n "${header}" ${name})
    string(APPEND body "    ${name}@${n}\n")
  endforeach()
  # The COM entry points (PRIVATE: in the export table, not in the import libraries) are
  # __stdcall too, with the sizes of their Windows SDK prototypes.
  set(com_DllGetClassObject 12)
  set(com_DllCanUnloadNow 0)
  set(com_DllRegisterServer 0)
  set(com_DllUnregisterServer 0)
  set(com_DllInstall 8)
  foreach(name IN LISTS arg_PRIVATE)
    if(NOT DEFINED com_${name})
      message(FATAL_ERROR "profshim_write_stdcall_def: PRIVATE export ${name} has no known @N")
    endif()
    string(APPEND body "    ${name}@${com_${name}} PRIVATE\n")
  endforeach()
  file(CONFIGURE OUTPUT "${out_def}" CONTENT "${body}" @ONLY)
endfunction()
