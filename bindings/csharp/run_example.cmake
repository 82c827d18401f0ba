# Runner for run_readme_example.cmake: compiles the C# example (OUT) with ProfShim.cs by
# mcs and runs it with mono against this build's library. Needs MCS, MONO, PROFSHIM_CS,
# LIBDIR. Sets `output`.
get_filename_component(_exe "${OUT}" NAME_WE)
get_filename_component(_dir "${OUT}" DIRECTORY)
set(_exe "${_dir}/${_exe}.exe")
execute_process(
  COMMAND "${MCS}" -nologo -warnaserror+ -unsafe+ -langversion:7.2 -target:exe "-out:${_exe}" "${OUT}" "${PROFSHIM_CS}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "mcs could not compile the README example:\n${out}")
endif()
set(ENV{LD_LIBRARY_PATH} "${LIBDIR}")
execute_process(COMMAND "${MONO}" --debug "${_exe}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE output ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the README example exited with ${rc}:\n${output}${err}")
endif()
