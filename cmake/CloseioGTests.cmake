# closeio_add_gtests(<target> LABEL <label> [TIMEOUT <seconds>]): registers a GoogleTest binary
# with CTest.
#
# By default every test case is its own CTest test (gtest_discover_tests), so `ctest -j` runs
# them in parallel and a failure names its test. With CLOSEIO_TEST_SHARDS=N (N > 0; the asan and
# tsan presets use 8) the binary is instead registered as N tests, <target>.shard<i>, each running
# one GoogleTest shard (GTEST_TOTAL_SHARDS/GTEST_SHARD_INDEX) of its cases in one process. That is
# for the sanitizer builds: a process start there costs about 0.3 s of CPU (ASan maps its shadow
# memory and registers every global of a 130 MB binary), which one process per case pays ~500
# times; the full test command's shared build uses it too (scripts/run-tests.sh says what it
# saves). A shard's output still names each failed case ([  FAILED  ] lines).
include_guard(GLOBAL)
include(GoogleTest)

set(CLOSEIO_TEST_SHARDS 0 CACHE STRING
    "Register each test binary as this many GoogleTest shards instead of one CTest test per case (0)")

function(closeio_add_gtests target)
  cmake_parse_arguments(ARG "" "LABEL;TIMEOUT" "" ${ARGN})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 1500)  # CTest's default
  endif()
  if(CLOSEIO_TEST_SHARDS GREATER 0)
    math(EXPR _last "${CLOSEIO_TEST_SHARDS} - 1")
    foreach(_index RANGE ${_last})
      set(_name ${target}.shard${_index})
      add_test(NAME ${_name} COMMAND ${target})
      # A shard runs ~1/N of the cases one after the other: give it the cases' timeouts together,
      # bounded by the preset's.
      set_tests_properties(${_name} PROPERTIES
        LABELS ${ARG_LABEL} TIMEOUT 600
        ENVIRONMENT "GTEST_TOTAL_SHARDS=${CLOSEIO_TEST_SHARDS};GTEST_SHARD_INDEX=${_index}")
    endforeach()
  else()
    gtest_discover_tests(${target} NO_PRETTY_VALUES
                         PROPERTIES LABELS ${ARG_LABEL} TIMEOUT ${ARG_TIMEOUT}
                         DISCOVERY_TIMEOUT 60)
  endif()
endfunction()
