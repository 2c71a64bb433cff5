# Packaging tests, run by CTest as `cmake -P` (registered in tests/consumer/consumer_tests.cmake).
# They reuse the build under test instead of building closeio-cpp again: `install` installs that
# build (static in the dev preset, shared in the shared preset) once into WORK_DIR/prefix, and the
# consumers are small projects built against it. Only `fetch_content` builds the library again
# (that is what FetchContent does). Each STEP works only inside WORK_DIR:
#
#   install        cmake --install BUILD_DIR --prefix WORK_DIR/prefix, and check the tree
#   tools_rpath    the installed tools start without LD_LIBRARY_PATH (install RPATH)
#   find_package   build and run tests/consumer/find_package against WORK_DIR/prefix
#   pkg_config     build tests/consumer/pkg_config/main.cpp with `pkg-config closeio` and run it
#   fetch_content  build and run tests/consumer/fetch_content: FetchContent of this checkout's
#                  HEAD commit through a file:// git URL (the add_subdirectory path as well),
#                  with CLOSEIO_BUILD_TESTING_SUPPORT OFF: the library alone is built again
#
# Inputs (-D): STEP, SOURCE_DIR, BUILD_DIR, WORK_DIR, SHARED, GENERATOR, CXX_COMPILER,
# BUILD_TYPE, LAUNCHER (optional compiler launcher, e.g. ccache), PKG_CONFIG, LIBDIR, TOOLS,
# UNITY (build the consumers, and the FetchContent copy of the library, as unity builds).
cmake_minimum_required(VERSION 3.21)

foreach(_var STEP SOURCE_DIR WORK_DIR GENERATOR CXX_COMPILER)
  if(NOT DEFINED ${_var} OR "${${_var}}" STREQUAL "")
    message(FATAL_ERROR "run_consumer_test.cmake: -D${_var}=... is required")
  endif()
endforeach()
if(NOT SHARED)
  set(SHARED OFF)
endif()
if(NOT BUILD_TYPE)
  set(BUILD_TYPE Release)
endif()
if(NOT LIBDIR)
  set(LIBDIR lib)
endif()

set(PREFIX "${WORK_DIR}/prefix")
set(CONSUMER_DIR "${SOURCE_DIR}/tests/consumer")
set(COMMON_ARGS -G "${GENERATOR}" "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}"
                "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}")
if(LAUNCHER)
  list(APPEND COMMON_ARGS "-DCMAKE_CXX_COMPILER_LAUNCHER=${LAUNCHER}")
endif()
if(UNITY)
  list(APPEND COMMON_ARGS "-DCMAKE_UNITY_BUILD=ON")
endif()
set(BUILD_ARGS --config "${BUILD_TYPE}" --parallel 2)

# run(<description> COMMAND...): runs a command, echoes its output, stops the test on failure.
function(run description)
  message(STATUS "consumer test: ${description}")
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "consumer test: ${description} failed (${rc})")
  endif()
endfunction()

# find_app(<out> <build dir>): single-config generators put app in the build dir, multi-config
# ones in <config>/.
function(find_app out dir)
  find_program(_app app PATHS "${dir}" "${dir}/${BUILD_TYPE}" NO_DEFAULT_PATH NO_CACHE REQUIRED)
  set(${out} "${_app}" PARENT_SCOPE)
endfunction()

if(STEP STREQUAL "install")
  if(NOT BUILD_DIR)
    message(FATAL_ERROR "run_consumer_test.cmake: -DBUILD_DIR=... is required")
  endif()
  # A fresh prefix, so files that are no longer installed cannot hide a packaging bug.
  file(REMOVE_RECURSE "${PREFIX}")
  run("install ${BUILD_DIR} into ${PREFIX}"
      "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}" --config "${BUILD_TYPE}")
  set(_expected include/closeio/closeio.hpp include/closeio/testing/mock_outcomes_connection.hpp
                ${LIBDIR}/cmake/closeio/closeioConfig.cmake
                ${LIBDIR}/cmake/closeio/closeioConfigVersion.cmake
                ${LIBDIR}/pkgconfig/closeio.pc ${LIBDIR}/pkgconfig/closeio-testing.pc)
  if(TOOLS)
    list(APPEND _expected bin/closeio-outcomes bin/closeio-fake-server
                          share/closeio/sample-outcomes.json)
  endif()
  if(SHARED)
    list(APPEND _expected ${LIBDIR}/libcloseio.so ${LIBDIR}/libcloseio.so.0 ${LIBDIR}/libcloseio.a
                          ${LIBDIR}/cmake/closeio/closeio-static-targets.cmake)
  else()
    list(APPEND _expected ${LIBDIR}/libcloseio.a)
  endif()
  foreach(_file IN LISTS _expected)
    if(NOT EXISTS "${PREFIX}/${_file}")
      message(FATAL_ERROR "consumer test: ${_file} was not installed")
    endif()
  endforeach()

elseif(STEP STREQUAL "tools_rpath")
  # A dynamic loader that cannot find libcloseio.so.0 or libcloseio_testing.so.0 exits 127
  # before main(); --help then proves the libraries were found through the RPATH alone.
  unset(ENV{LD_LIBRARY_PATH})
  foreach(_tool closeio-outcomes closeio-fake-server)
    execute_process(COMMAND "${PREFIX}/bin/${_tool}" --help RESULT_VARIABLE rc
                    OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "consumer test: ${PREFIX}/bin/${_tool} --help exited ${rc} "
                          "without LD_LIBRARY_PATH:\n${err}")
    endif()
    message(STATUS "consumer test: ${_tool} --help runs without LD_LIBRARY_PATH")
  endforeach()

elseif(STEP STREQUAL "find_package")
  set(_build "${WORK_DIR}/find_package")
  file(REMOVE_RECURSE "${_build}")
  # CMAKE_FIND_USE_PACKAGE_REGISTRY=OFF and an explicit prefix: only our install may be found.
  # A shared install also carries the static archive (COMPONENTS static): build that app too.
  run("configure the find_package consumer"
      "${CMAKE_COMMAND}" -S "${CONSUMER_DIR}/find_package" -B "${_build}" ${COMMON_ARGS}
      "-DCMAKE_PREFIX_PATH=${PREFIX}" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
      "-DCLOSEIO_EXPECT_STATIC_COMPONENT=${SHARED}")
  run("build the find_package consumer" "${CMAKE_COMMAND}" --build "${_build}" ${BUILD_ARGS})
  find_app(_app "${_build}")
  run("run the find_package consumer" "${_app}")
  if(SHARED)
    find_program(_static_app app_static PATHS "${_build}" "${_build}/${BUILD_TYPE}"
                 NO_DEFAULT_PATH NO_CACHE REQUIRED)
    run("run the find_package consumer of closeio::closeio_static" "${_static_app}")
  endif()

elseif(STEP STREQUAL "pkg_config")
  if(NOT PKG_CONFIG)
    message(FATAL_ERROR "run_consumer_test.cmake: -DPKG_CONFIG=<pkg-config> is required")
  endif()
  set(_build "${WORK_DIR}/pkg_config")
  file(REMOVE_RECURSE "${_build}")
  file(MAKE_DIRECTORY "${_build}")
  set(ENV{PKG_CONFIG_PATH} "${PREFIX}/${LIBDIR}/pkgconfig")
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
    if("-lcrypto" IN_LIST _flags)
      message(FATAL_ERROR "consumer test: libcrypto leaked into the shared link line (Requires:)")
    endif()
  else()
    # A static archive is linked with `pkg-config --static`, which adds its Requires.private
    # (libcurl) and, recursively, libcurl's own Libs.private. Debian's libcurl4-openssl-dev does
    # not install the -dev packages those name (libnghttp2, libssh2, ...), so first check that
    # libcurl alone links that way here; where it cannot, that is the platform's limitation, not
    # ours, and the test checks closeio.pc's Requires.private and links with the documented
    # fallback `pkg-config --libs closeio libcurl libcrypto` instead (libcrypto: webhook
    # signatures; libcurl.so links it too, but a program may not rely on a library's own needs).
    pkg_flags(_flags --static --cflags --libs closeio)
    if(NOT "-lcurl" IN_LIST _flags)
      message(FATAL_ERROR "consumer test: pkg-config --static closeio does not bring in libcurl")
    endif()
    if(NOT "-lcrypto" IN_LIST _flags)
      message(FATAL_ERROR "consumer test: pkg-config --static closeio does not bring in libcrypto")
    endif()
    pkg_flags(_curl_static --static --libs libcurl)
    file(WRITE "${_build}/probe.cpp" "int main() { return 0; }\n")
    execute_process(COMMAND "${CXX_COMPILER}" "${_build}/probe.cpp" -o "${_build}/probe"
                            ${_curl_static}
                    RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
    if(NOT rc EQUAL 0)
      message(STATUS "consumer test: `pkg-config --static libcurl` cannot link on this system; "
                     "using `pkg-config --libs closeio libcurl libcrypto`")
      pkg_flags(_flags --cflags --libs closeio libcurl libcrypto)
    endif()
  endif()
  set(_rpath "")
  if(SHARED)
    set(_rpath "-Wl,-rpath,${PREFIX}/${LIBDIR}")  # find the installed libcloseio.so when run
  endif()
  run("build the pkg-config consumer"
      "${CXX_COMPILER}" -std=c++17 "${CONSUMER_DIR}/pkg_config/main.cpp" -o "${_build}/app"
      ${_flags} ${_rpath})
  run("run the pkg-config consumer" "${_build}/app")

elseif(STEP STREQUAL "fetch_content")
  find_package(Git REQUIRED)
  execute_process(COMMAND "${GIT_EXECUTABLE}" -C "${SOURCE_DIR}" rev-parse HEAD
                  OUTPUT_VARIABLE _commit OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "consumer test: ${SOURCE_DIR} is not a git checkout; FetchContent "
                        "needs one (clone the repository to run this test)")
  endif()
  execute_process(COMMAND "${GIT_EXECUTABLE}" -C "${SOURCE_DIR}" status --porcelain
                  OUTPUT_VARIABLE _dirty OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(_dirty)
    message(STATUS "consumer test: note: FetchContent builds commit ${_commit}; uncommitted "
                   "changes in ${SOURCE_DIR} are not part of this test")
  endif()
  set(_build "${WORK_DIR}/build")
  # The build directory is kept between runs: FetchContent checks out a new commit when HEAD
  # moved, and an unchanged commit rebuilds nothing.
  run("configure the FetchContent consumer (closeio at ${_commit})"
      "${CMAKE_COMMAND}" -S "${CONSUMER_DIR}/fetch_content" -B "${_build}" ${COMMON_ARGS}
      "-DCLOSEIO_GIT_URL=file://${SOURCE_DIR}" "-DCLOSEIO_GIT_TAG=${_commit}")
  run("build the FetchContent consumer" "${CMAKE_COMMAND}" --build "${_build}" ${BUILD_ARGS})
  find_app(_app "${_build}")
  run("run the FetchContent consumer" "${_app}")

else()
  message(FATAL_ERROR "run_consumer_test.cmake: unknown STEP '${STEP}'")
endif()
