# Packaging / consumer tests (label `consumer`), included from tests/CMakeLists.txt.
#
# (Tools are added after tests/, so CLOSEIO_BUILD_TOOLS says whether they exist.)
# They use the build under test itself: `consumer.install` installs it once (a fixture) into
# ${CMAKE_BINARY_DIR}/consumer/prefix, and small downstream projects are built against that
# prefix: find_package(closeio ... COMPONENTS testing [static]) and pkg-config. The FetchContent
# consumer is the one test that compiles the library again (as a unity build when this one is);
# a shared build adds the tools' install RPATH and the Debian packages (cpack, unpacked with
# dpkg-deb, a find_package consumer and the packaged tools run against the emulator).
# Everything stays under the build tree (parallel-safe). `ctest -LE consumer` skips them.
if(NOT (CLOSEIO_BUILD_TESTING_SUPPORT AND CLOSEIO_INSTALL))
  return()
endif()
find_package(PkgConfig QUIET)
set(_script ${CMAKE_CURRENT_LIST_DIR}/run_consumer_test.cmake)
set(_shared OFF)
if(BUILD_SHARED_LIBS)
  set(_shared ON)
endif()
set(_build_type "${CMAKE_BUILD_TYPE}")
if(NOT _build_type)
  set(_build_type Release)
endif()
set(_args -DSOURCE_DIR=${PROJECT_SOURCE_DIR} -DBUILD_DIR=${PROJECT_BINARY_DIR} -DSHARED=${_shared}
          -DGENERATOR=${CMAKE_GENERATOR} -DCXX_COMPILER=${CMAKE_CXX_COMPILER}
          -DBUILD_TYPE=${_build_type} -DLAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER}
          -DLIBDIR=${CMAKE_INSTALL_LIBDIR} -DTOOLS=${CLOSEIO_BUILD_TOOLS}
          -DUNITY=${CMAKE_UNITY_BUILD})
# The tests of the installed prefix share WORK_DIR; the FetchContent test has its own.
set(_prefix_args ${_args} -DWORK_DIR=${CMAKE_BINARY_DIR}/consumer)
add_test(NAME consumer.install COMMAND ${CMAKE_COMMAND} ${_prefix_args} -DSTEP=install -P ${_script})
set_tests_properties(consumer.install PROPERTIES FIXTURES_SETUP closeio_prefix)
set(_tests find_package)
if(PKG_CONFIG_EXECUTABLE)
  list(APPEND _tests pkg_config)
endif()
if(BUILD_SHARED_LIBS AND CLOSEIO_BUILD_TOOLS)
  list(APPEND _tests tools_rpath)
endif()
foreach(_step IN LISTS _tests)
  add_test(NAME consumer.${_step}
           COMMAND ${CMAKE_COMMAND} ${_prefix_args} -DPKG_CONFIG=${PKG_CONFIG_EXECUTABLE} -DSTEP=${_step}
                   -P ${_script})
  set_tests_properties(consumer.${_step} PROPERTIES FIXTURES_REQUIRED closeio_prefix)
endforeach()
set_tests_properties(consumer.install PROPERTIES LABELS consumer TIMEOUT 300)
list(TRANSFORM _tests PREPEND consumer.)
set_tests_properties(${_tests} PROPERTIES LABELS consumer TIMEOUT 300)

# FetchContent of this checkout (the nested project builds the library alone, static: see
# tests/consumer/fetch_content/CMakeLists.txt).
add_test(NAME consumer.fetch_content
         COMMAND ${CMAKE_COMMAND} ${_args} -DWORK_DIR=${CMAKE_BINARY_DIR}/consumer-fetch_content
                 -DSTEP=fetch_content -P ${_script})
# PROCESSORS 2: the nested build runs two compile jobs, so `ctest -j` can budget for it.
set_tests_properties(consumer.fetch_content PROPERTIES LABELS consumer TIMEOUT 600 PROCESSORS 2)

# Debian packages, from the shared build (the one a distribution ships).
find_program(CLOSEIO_DPKG_DEB dpkg-deb)
mark_as_advanced(CLOSEIO_DPKG_DEB)
if(BUILD_SHARED_LIBS AND CLOSEIO_DPKG_DEB AND CLOSEIO_BUILD_TOOLS)
  add_test(NAME consumer.debian_packages
           COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/debian_packages_test.sh
                   --build-dir ${PROJECT_BINARY_DIR} --work-dir ${CMAKE_BINARY_DIR}/consumer-debian
                   --source-dir ${PROJECT_SOURCE_DIR} --cpack ${CMAKE_CPACK_COMMAND}
                   --cmake ${CMAKE_COMMAND} --build-type ${_build_type})
  set_tests_properties(consumer.debian_packages PROPERTIES LABELS consumer TIMEOUT 600)
endif()
