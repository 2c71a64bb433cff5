# Debian packages with CPack, one per install component (cmake/CloseioInstall.cmake):
#
#   libcloseio0            closeio_runtime          libcloseio.so.0 (SONAME libcloseio.so.0)
#   libcloseio-dev         closeio_development      headers, libcloseio.so, libcloseio.a, CMake
#                                                   package, closeio.pc
#   libcloseio-testing0    closeio_testing_runtime  libcloseio_testing.so.0
#   libcloseio-testing-dev closeio_testing          closeio::testing headers, CMake and .pc files
#   closeio-tools          closeio_tools            closeio-outcomes, closeio-fake-server,
#                                                   share/closeio/sample-outcomes.json
#
# Build them from a shared build installed to /usr (the `shared` preset does both):
#   cmake --preset shared && cmake --build --preset shared && cpack --config build/shared/CPackConfig.cmake -B build/packages
# Shared-library dependencies come from dpkg-shlibdeps; the rest are listed below.
set(CPACK_PACKAGE_NAME closeio)
set(CPACK_PACKAGE_VENDOR "closeio-cpp")
set(CPACK_PACKAGE_CONTACT "closeio-cpp maintainers <maintainers@closeio-cpp.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_GENERATOR DEB)
set(CPACK_STRIP_FILES OFF)  # RelWithDebInfo stays debuggable; packagers strip with dh tools

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_GROUPING IGNORE)  # one package per component
set(CPACK_COMPONENTS_ALL closeio_runtime closeio_development)
if(TARGET closeio_testing)
  get_target_property(_closeio_testing_type closeio_testing TYPE)
  if(_closeio_testing_type STREQUAL "SHARED_LIBRARY")
    list(APPEND CPACK_COMPONENTS_ALL closeio_testing_runtime)
  endif()
  list(APPEND CPACK_COMPONENTS_ALL closeio_testing)
endif()
if(TARGET closeio-outcomes OR TARGET closeio-fake-server)
  list(APPEND CPACK_COMPONENTS_ALL closeio_tools)
endif()

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # name_version_arch.deb
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Our own libraries are not in any installed package yet: tell dpkg-shlibdeps where they are; the
# Depends on them are written below with the exact version.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS
    "${PROJECT_BINARY_DIR}/src" "${PROJECT_BINARY_DIR}/src/testing")
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY "=")
set(_closeio_deb_version "${PROJECT_VERSION}-${CPACK_DEBIAN_PACKAGE_RELEASE}")
set(_closeio_same "(= ${_closeio_deb_version})")

set(CPACK_DEBIAN_CLOSEIO_RUNTIME_PACKAGE_NAME "libcloseio${PROJECT_VERSION_MAJOR}")
set(CPACK_DEBIAN_CLOSEIO_RUNTIME_DESCRIPTION
    "${PROJECT_DESCRIPTION} (shared library)\n Typed C++17 client for Close's Outcomes API over libcurl.")

set(CPACK_DEBIAN_CLOSEIO_DEVELOPMENT_PACKAGE_NAME "libcloseio-dev")
set(CPACK_DEBIAN_CLOSEIO_DEVELOPMENT_PACKAGE_SECTION libdevel)
# libcurl, libcrypto (libssl-dev) and nlohmann/json are needed only to link the static archive (closeio::closeio_static,
# pkg-config --static); the shared library's users need nothing but libcloseio0.
set(CPACK_DEBIAN_CLOSEIO_DEVELOPMENT_PACKAGE_DEPENDS
    "libcloseio${PROJECT_VERSION_MAJOR} ${_closeio_same}, libcurl4-openssl-dev | libcurl-dev, libssl-dev, nlohmann-json3-dev (>= 3.9)")
set(CPACK_DEBIAN_CLOSEIO_DEVELOPMENT_DESCRIPTION
    "${PROJECT_DESCRIPTION} (development files)\n Headers, libcloseio.so and libcloseio.a, the CMake package (find_package(closeio))\n and the pkg-config file closeio.pc.")

set(CPACK_DEBIAN_CLOSEIO_TESTING_RUNTIME_PACKAGE_NAME "libcloseio-testing${PROJECT_VERSION_MAJOR}")
set(CPACK_DEBIAN_CLOSEIO_TESTING_RUNTIME_PACKAGE_DEPENDS "libcloseio${PROJECT_VERSION_MAJOR} ${_closeio_same}")
set(CPACK_DEBIAN_CLOSEIO_TESTING_RUNTIME_DESCRIPTION
    "${PROJECT_DESCRIPTION} (local Close emulator library)\n closeio::testing::FakeCloseServer, used by closeio-fake-server and tests.")

set(CPACK_DEBIAN_CLOSEIO_TESTING_PACKAGE_NAME "libcloseio-testing-dev")
set(CPACK_DEBIAN_CLOSEIO_TESTING_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_CLOSEIO_TESTING_PACKAGE_DEPENDS
    "libcloseio-dev ${_closeio_same}, libcloseio-testing${PROJECT_VERSION_MAJOR} ${_closeio_same}, libgmock-dev, libgtest-dev")
set(CPACK_DEBIAN_CLOSEIO_TESTING_DESCRIPTION
    "${PROJECT_DESCRIPTION} (test support)\n A local Close emulator and a gmock connection mock: find_package(closeio\n COMPONENTS testing), pkg-config closeio-testing.")

set(CPACK_DEBIAN_CLOSEIO_TOOLS_PACKAGE_NAME "closeio-tools")
set(CPACK_DEBIAN_CLOSEIO_TOOLS_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_CLOSEIO_TOOLS_PACKAGE_DEPENDS "libcloseio${PROJECT_VERSION_MAJOR} ${_closeio_same}")
if(_closeio_testing_type STREQUAL "SHARED_LIBRARY")
  string(APPEND CPACK_DEBIAN_CLOSEIO_TOOLS_PACKAGE_DEPENDS
         ", libcloseio-testing${PROJECT_VERSION_MAJOR} ${_closeio_same}")
endif()
set(CPACK_DEBIAN_CLOSEIO_TOOLS_DESCRIPTION
    "Close Outcomes command-line tool and local emulator\n closeio-outcomes manages a Close organization's outcomes from the shell;\n closeio-fake-server runs the local Close emulator (sample data in\n /usr/share/closeio).")

include(CPack)
