# Used by bench/run only while the top-level CMakeLists.txt has no PROFSHIM_BUILD_BENCH
# line yet: given as CMAKE_PROJECT_profshim_INCLUDE, it is read right after the top-level
# project() and adds bench/ as `add_subdirectory(bench)` would. (bench/ names the library
# only through generator expressions, so it may come before shim/.)
if(PROFSHIM_BUILD_BENCH)
  add_subdirectory("${CMAKE_CURRENT_LIST_DIR}/.." "${CMAKE_BINARY_DIR}/bench")
endif()
