# Runner for bindings/run_readme_example.cmake: runs the README's VBScript example (OUT)
# with cscript under Wine, through run.sh. Needs RUN_SH and EMULATOR. Sets `output`.
execute_process(COMMAND bash "${RUN_SH}" "${EMULATOR}" script "${OUT}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE output ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cscript ran the README example with exit status ${rc}:\n${output}${err}")
endif()
