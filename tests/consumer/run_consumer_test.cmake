# Packaging tests, run by CTest as `cmake -P` (registered at the end of tests/CMakeLists.txt).
# Each STEP works only inside WORK_DIR, a directory of the outer build tree:
#
#   install         configure, build and install closeio-cpp (SHARED=ON|OFF) to WORK_DIR/prefix
#   find_package    build and run tests/consumer/find_package against WORK_DIR/prefix
#   pkg_config      build tests/consumer/pkg_config/main.cpp with `pkg-config closeio` and run it
#   add_subdirectory  build and run tests/consumer/add_subdirectory (vendored source tree)
#
# Inputs (-D): STEP, SOURCE_DIR, WORK_DIR, SHARED, GENERATOR, CXX_COMPILER, PKG_CONFIG.
cmake_minimum_required(VERSION 3.21)

foreach(_var STEP SOURCE_DIR WORK_DIR GENERATOR CXX_COMPILER)
  if(NOT DEFINED ${_var} OR "${${_var}}" STREQUAL "")
    message(FATAL_ERROR "run_consumer_test.cmake: -D${_var}=... is required")
  endif()
endforeach()
if(NOT SHARED)
  set(SHARED OFF)
endif()

set(PREFIX "${WORK_DIR}/prefix")
set(CONSUMER_DIR "${SOURCE_DIR}/tests/consumer")
# Nested builds: Release, nothing but the libraries, two jobs (CI machines have two cores).
set(COMMON_ARGS -G "${GENERATOR}" "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}"
                -DCMAKE_BUILD_TYPE=Release)
set(BUILD_ARGS --config Release --parallel 2)

# run(<description> COMMAND...): runs a command, echoes its output, stops the test on failure.
function(run description)
  message(STATUS "consumer test: ${description}")
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "consumer test: ${description} failed (${rc})")
  endif()
endfunction()

if(STEP STREQUAL "install")
  # The inner build dir is kept between runs (an incremental rebuild is cheap); the prefix is
  # not, so files that are no longer installed cannot hide a packaging bug.
  file(REMOVE_RECURSE "${PREFIX}")
  run("configure closeio-cpp (BUILD_SHARED_LIBS=${SHARED})"
      "${CMAKE_COMMAND}" -S "${SOURCE_DIR}" -B "${WORK_DIR}/build" ${COMMON_ARGS}
      "-DBUILD_SHARED_LIBS=${SHARED}" "-DCMAKE_INSTALL_PREFIX=${PREFIX}"
      -DCMAKE_INSTALL_LIBDIR=lib -DCLOSEIO_BUILD_TESTS=OFF -DCLOSEIO_BUILD_EXAMPLES=OFF
      -DCLOSEIO_BUILD_TOOLS=OFF -DCLOSEIO_BUILD_BENCHMARKS=OFF -DCLOSEIO_BUILD_FUZZERS=OFF
      -DCLOSEIO_BUILD_TESTING_SUPPORT=ON -DCLOSEIO_INSTALL=ON)
  run("build closeio-cpp" "${CMAKE_COMMAND}" --build "${WORK_DIR}/build" ${BUILD_ARGS})
  run("install closeio-cpp" "${CMAKE_COMMAND}" --install "${WORK_DIR}/build" --config Release)
  foreach(_file include/closeio/closeio.hpp include/closeio/testing/mock_outcomes_connection.hpp
                lib/cmake/closeio/closeioConfig.cmake lib/cmake/closeio/closeioConfigVersion.cmake
                lib/pkgconfig/closeio.pc)
    if(NOT EXISTS "${PREFIX}/${_file}")
      message(FATAL_ERROR "consumer test: ${_file} was not installed")
    endif()
  endforeach()

elseif(STEP STREQUAL "find_package")
  set(_build "${WORK_DIR}/find_package")
  file(REMOVE_RECURSE "${_build}")
  # CMAKE_FIND_USE_PACKAGE_REGISTRY=OFF and an explicit prefix: only our install may be found.
  run("configure the find_package consumer"
      "${CMAKE_COMMAND}" -S "${CONSUMER_DIR}/find_package" -B "${_build}" ${COMMON_ARGS}
      "-DCMAKE_PREFIX_PATH=${PREFIX}" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
  run("build the find_package consumer" "${CMAKE_COMMAND}" --build "${_build}" ${BUILD_ARGS})
  # Single-config generators put app in the build dir, multi-config ones in Release/.
  find_program(_app app PATHS "${_build}" "${_build}/Release" NO_DEFAULT_PATH REQUIRED)
  run("run the find_package consumer" "${_app}")

elseif(STEP STREQUAL "pkg_config")
  if(NOT PKG_CONFIG)
    message(FATAL_ERROR "run_consumer_test.cmake: -DPKG_CONFIG=<pkg-config> is required")
  endif()
  set(_build "${WORK_DIR}/pkg_config")
  file(REMOVE_RECURSE "${_build}")
  file(MAKE_DIRECTORY "${_build}")
  set(ENV{PKG_CONFIG_PATH} "${PREFIX}/lib/pkgconfig")
  # pkg_flags(<out> args...): the output of `pkg-config args...` as a list; fails the test on error.
  function(pkg_flags out)
    execute_process(COMMAND "${PKG_CONFIG}" ${ARGN} OUTPUT_VARIABLE flags
                    OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE rc)
    list(JOIN ARGN " " args)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "consumer test: pkg-config ${args} failed")
    endif()
    message(STATUS "consumer test: pkg-config ${args}: ${flags}")
    separate_arguments(flags UNIX_COMMAND "${flags}")
    set(${out} "${flags}" PARENT_SCOPE)
  endfunction()

  if(SHARED)
    pkg_flags(_flags --cflags --libs closeio)
    if("-lcurl" IN_LIST _flags)
      message(FATAL_ERROR "consumer test: libcurl leaked into the shared link line (Requires:)")
    endif()
  else()
    # A static archive is linked with `pkg-config --static`, which adds its Requires.private
    # (libcurl) and, recursively, libcurl's own Libs.private. Debian's libcurl4-openssl-dev does
    # not install the -dev packages those name (libnghttp2, libssh2, ...), so first check that
    # libcurl alone links that way here; where it cannot, that is the platform's limitation, not
    # ours, and the test checks closeio.pc's Requires.private and links with the documented
    # fallback `pkg-config --libs closeio libcurl` instead.
    pkg_flags(_flags --static --cflags --libs closeio)
    if(NOT "-lcurl" IN_LIST _flags)
      message(FATAL_ERROR "consumer test: pkg-config --static closeio does not bring in libcurl")
    endif()
    pkg_flags(_curl_static --static --libs libcurl)
    file(WRITE "${_build}/probe.cpp" "int main() { return 0; }\n")
    execute_process(COMMAND "${CXX_COMPILER}" "${_build}/probe.cpp" -o "${_build}/probe"
                            ${_curl_static}
                    RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
    if(NOT rc EQUAL 0)
      message(STATUS "consumer test: `pkg-config --static libcurl` cannot link on this system; "
                     "using `pkg-config --libs closeio libcurl`")
      pkg_flags(_flags --cflags --libs closeio libcurl)
    endif()
  endif()
  set(_rpath "")
  if(SHARED)
    set(_rpath "-Wl,-rpath,${PREFIX}/lib")  # find the installed libcloseio.so when run
  endif()
  run("build the pkg-config consumer"
      "${CXX_COMPILER}" -std=c++17 "${CONSUMER_DIR}/pkg_config/main.cpp" -o "${_build}/app"
      ${_flags} ${_rpath})
  run("run the pkg-config consumer" "${_build}/app")

elseif(STEP STREQUAL "add_subdirectory")
  set(_build "${WORK_DIR}/build")
  run("configure the add_subdirectory consumer"
      "${CMAKE_COMMAND}" -S "${CONSUMER_DIR}/add_subdirectory" -B "${_build}" ${COMMON_ARGS}
      "-DCLOSEIO_SOURCE_DIR=${SOURCE_DIR}")
  run("build the add_subdirectory consumer" "${CMAKE_COMMAND}" --build "${_build}" ${BUILD_ARGS})
  find_program(_app app PATHS "${_build}" "${_build}/Release" NO_DEFAULT_PATH REQUIRED)
  run("run the add_subdirectory consumer" "${_app}")

else()
  message(FATAL_ERROR "run_consumer_test.cmake: unknown STEP '${STEP}'")
endif()
