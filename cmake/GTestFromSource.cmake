# GoogleTest for a cross build (the Windows presets): built here, for the target, from
# Debian's GoogleTest sources (package googletest, /usr/src/googletest), never downloaded.
# Gives the same targets as find_package(GTest): GTest::gtest, GTest::gtest_main (and
# GTest::gmock, GTest::gmock_main), built only when a test links them.
#
# Tests are discovered when ctest runs (DISCOVERY_MODE PRE_TEST), through
# CMAKE_CROSSCOMPILING_EMULATOR, so building never starts Wine.
set(PROFSHIM_GTEST_SOURCE_DIR "/usr/src/googletest" CACHE PATH
    "GoogleTest sources for cross builds (Debian: apt-get install googletest)")
if(NOT EXISTS "${PROFSHIM_GTEST_SOURCE_DIR}/CMakeLists.txt")
  message(FATAL_ERROR "No GoogleTest sources in ${PROFSHIM_GTEST_SOURCE_DIR} "
                      "(Debian: apt-get install googletest, or set PROFSHIM_GTEST_SOURCE_DIR)")
endif()

set(INSTALL_GTEST OFF CACHE BOOL "" FORCE)            # never in the package
set(gtest_force_shared_crt ON CACHE BOOL "" FORCE)    # MSVC only; harmless for MinGW
set(gtest_disable_pthreads ON CACHE BOOL "" FORCE)    # Windows threads, no libwinpthread
add_subdirectory("${PROFSHIM_GTEST_SOURCE_DIR}" "${PROJECT_BINARY_DIR}/_deps/googletest"
                 EXCLUDE_FROM_ALL SYSTEM)

set(CMAKE_GTEST_DISCOVER_TESTS_DISCOVERY_MODE PRE_TEST)
