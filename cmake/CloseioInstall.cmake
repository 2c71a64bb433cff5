# Install rules: headers, libraries, the CMake package (closeioConfig.cmake + exported targets)
# and pkg-config files. Included from the top-level CMakeLists.txt when CLOSEIO_INSTALL is ON.
#
# Install components, so packagers can split runtime / -dev / testing packages:
#   closeio_runtime      the shared library (libcloseio.so.MAJOR and its real file)
#   closeio_development  public headers, static archive or .so namelink, CMake and .pc files
#   closeio_testing      closeio::testing (FakeCloseServer, MockOutcomesConnection): headers,
#                        .so namelink or archive, CMake and .pc files
#   closeio_testing_runtime  libcloseio_testing.so.MAJOR (shared builds)
#   closeio_tools        closeio-outcomes, closeio-fake-server and its sample data
# A plain `cmake --install <build>` installs them all; cmake/CloseioPackaging.cmake makes one
# Debian package of each (cpack).
include(CMakePackageConfigHelpers)

set(CLOSEIO_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/closeio"
    CACHE STRING "Where closeioConfig.cmake is installed, relative to the prefix")
mark_as_advanced(CLOSEIO_INSTALL_CMAKEDIR)

# --- Core library ------------------------------------------------------------------------------
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/closeio"
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
        COMPONENT closeio_development
        FILES_MATCHING PATTERN "*.hpp"
        PATTERN "testing" EXCLUDE   # the testing and mocks headers belong to closeio_testing
        PATTERN "mocks" EXCLUDE)
install(TARGETS closeio EXPORT closeio-targets
        RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT closeio_runtime
        LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT closeio_runtime
                NAMELINK_COMPONENT closeio_development
        ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT closeio_development)
install(EXPORT closeio-targets
        NAMESPACE closeio::
        FILE closeio-targets.cmake
        DESTINATION "${CLOSEIO_INSTALL_CMAKEDIR}"
        COMPONENT closeio_development)
# A shared build ships the static archive too (closeio::closeio_static, COMPONENTS static).
if(TARGET closeio_static)
  install(TARGETS closeio_static EXPORT closeio-static-targets
          ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT closeio_development)
  install(EXPORT closeio-static-targets
          NAMESPACE closeio::
          FILE closeio-static-targets.cmake
          DESTINATION "${CLOSEIO_INSTALL_CMAKEDIR}"
          COMPONENT closeio_development)
endif()

# --- Optional testing component ----------------------------------------------------------------
# A separate export set, so consumers that do not ask for COMPONENTS testing never need GTest.
if(TARGET closeio_testing)
  install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/closeio/testing"
          DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/closeio"
          COMPONENT closeio_testing
          FILES_MATCHING PATTERN "*.hpp")
  # closeio::mocks (header-only gmock mocks, include/closeio/mocks) travels with the testing
  # component: it is what needs GTest.
  install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/closeio/mocks"
          DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/closeio"
          COMPONENT closeio_testing
          FILES_MATCHING PATTERN "*.hpp")
  install(TARGETS closeio_mocks EXPORT closeio-testing-targets)
  install(TARGETS closeio_testing EXPORT closeio-testing-targets
          RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT closeio_testing
          LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT closeio_testing_runtime
                  NAMELINK_COMPONENT closeio_testing
          ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT closeio_testing)
  install(EXPORT closeio-testing-targets
          NAMESPACE closeio::
          FILE closeio-testing-targets.cmake
          DESTINATION "${CLOSEIO_INSTALL_CMAKEDIR}"
          COMPONENT closeio_testing)
endif()

# --- Tools ---------------------------------------------------------------------------------------
# Installed here rather than next to their targets so every install rule lives in one file. An
# install RPATH relative to the executable ($ORIGIN/../lib) lets a shared build installed in any
# prefix run them without LD_LIBRARY_PATH; the library directory of a package or a prefix moves
# with them. CMAKE_INSTALL_RPATH, when given, wins.
set(_closeio_tools "")
foreach(_tool closeio-outcomes closeio-fake-server)
  if(TARGET ${_tool})
    list(APPEND _closeio_tools ${_tool})
  endif()
endforeach()
if(_closeio_tools)
  if(NOT DEFINED CMAKE_INSTALL_RPATH AND NOT APPLE AND NOT WIN32)
    file(RELATIVE_PATH _closeio_bin_to_lib "/${CMAKE_INSTALL_BINDIR}" "/${CMAKE_INSTALL_LIBDIR}")
    if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
      set(_closeio_bin_to_lib "${CMAKE_INSTALL_LIBDIR}")
    else()
      set(_closeio_bin_to_lib "$ORIGIN/${_closeio_bin_to_lib}")
    endif()
    set_target_properties(${_closeio_tools} PROPERTIES INSTALL_RPATH "${_closeio_bin_to_lib}")
  endif()
  install(TARGETS ${_closeio_tools} RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}"
          COMPONENT closeio_tools)
endif()
if(TARGET closeio-fake-server)
  install(FILES "${PROJECT_SOURCE_DIR}/tools/fake-server/sample-outcomes.json"
                "${PROJECT_SOURCE_DIR}/tools/fake-server/sample-activities.json"
          DESTINATION "${CMAKE_INSTALL_DATADIR}/closeio"
          COMPONENT closeio_tools)
endif()

# --- CMake package files -----------------------------------------------------------------------
# Private dependencies only reach a consumer's link line through a static library
# ($<LINK_ONLY:CURL::libcurl> and friends in the exported INTERFACE_LINK_LIBRARIES), so the
# config file looks for them only when the installed libraries are static.
get_target_property(_closeio_type closeio TYPE)
if(_closeio_type STREQUAL "STATIC_LIBRARY")
  set(CLOSEIO_CONFIG_STATIC ON)
else()
  set(CLOSEIO_CONFIG_STATIC OFF)
endif()
set(CLOSEIO_CONFIG_TESTING_STATIC OFF)
if(TARGET closeio_testing)
  get_target_property(_closeio_testing_type closeio_testing TYPE)
  if(_closeio_testing_type STREQUAL "STATIC_LIBRARY")
    set(CLOSEIO_CONFIG_TESTING_STATIC ON)
  endif()
endif()

configure_package_config_file(
  "${CMAKE_CURRENT_LIST_DIR}/closeioConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/closeioConfig.cmake"
  INSTALL_DESTINATION "${CLOSEIO_INSTALL_CMAKEDIR}"
  NO_SET_AND_CHECK_MACRO)
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/closeioConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}"
  COMPATIBILITY SameMajorVersion)
install(FILES "${PROJECT_BINARY_DIR}/closeioConfig.cmake"
              "${PROJECT_BINARY_DIR}/closeioConfigVersion.cmake"
        DESTINATION "${CLOSEIO_INSTALL_CMAKEDIR}"
        COMPONENT closeio_development)

# --- pkg-config --------------------------------------------------------------------------------
# The .pc files locate the prefix from their own directory (${pcfiledir}), so the tree stays
# correct after `cmake --install --prefix <elsewhere>` or when copied; absolute GNUInstallDirs
# values are used as they are.
function(_closeio_pc_dir out dir)
  if(IS_ABSOLUTE "${dir}")
    set(${out} "${dir}" PARENT_SCOPE)
  else()
    set(${out} "\${prefix}/${dir}" PARENT_SCOPE)
  endif()
endfunction()
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(CLOSEIO_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH _closeio_up "/_/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/_")  # e.g. "../.."
  string(REGEX REPLACE "/$" "" _closeio_up "${_closeio_up}")
  set(CLOSEIO_PC_PREFIX "\${pcfiledir}/${_closeio_up}")
endif()
_closeio_pc_dir(CLOSEIO_PC_LIBDIR "${CMAKE_INSTALL_LIBDIR}")
_closeio_pc_dir(CLOSEIO_PC_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}")
# CLOSEIO_SHARED is a PUBLIC compile definition of the shared library (dllimport on Windows).
set(CLOSEIO_PC_CFLAGS "")
if(NOT CLOSEIO_CONFIG_STATIC)
  set(CLOSEIO_PC_CFLAGS " -DCLOSEIO_SHARED")
endif()
# Threads::Threads as a linker flag, for `pkg-config --static` users of the archive. Empty with
# glibc >= 2.34, where pthreads live in libc.
set(CLOSEIO_PC_LIBS_PRIVATE "")
if(CMAKE_THREAD_LIBS_INIT)
  set(CLOSEIO_PC_LIBS_PRIVATE "Libs.private: ${CMAKE_THREAD_LIBS_INIT}")
endif()

configure_file("${CMAKE_CURRENT_LIST_DIR}/closeio.pc.in" "${PROJECT_BINARY_DIR}/closeio.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/closeio.pc"
        DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig"
        COMPONENT closeio_development)
if(TARGET closeio_testing)
  configure_file("${CMAKE_CURRENT_LIST_DIR}/closeio-testing.pc.in"
                 "${PROJECT_BINARY_DIR}/closeio-testing.pc" @ONLY)
  install(FILES "${PROJECT_BINARY_DIR}/closeio-testing.pc"
          DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig"
          COMPONENT closeio_testing)
endif()
