# Fails unless every public header (include/closeio/**/*.hpp) has a `@file` doc comment.
# Doxygen does not warn about an undocumented file, but it leaves out every free function,
# typedef and macro of one, so a header without `@file` would vanish from the reference silently.
#
#   cmake -DINCLUDE_DIR=<repo>/include -P docs/check_file_comments.cmake
cmake_minimum_required(VERSION 3.16)
if(NOT INCLUDE_DIR)
  message(FATAL_ERROR "check_file_comments.cmake: -DINCLUDE_DIR=... is required")
endif()
file(GLOB_RECURSE _headers RELATIVE "${INCLUDE_DIR}" "${INCLUDE_DIR}/closeio/*.hpp")
list(SORT _headers)
set(_missing "")
foreach(_header IN LISTS _headers)
  file(READ "${INCLUDE_DIR}/${_header}" _text)
  if(NOT _text MATCHES "///[ \t]*[@\\\\]file")
    list(APPEND _missing "${_header}")
  endif()
endforeach()
list(LENGTH _headers _count)
if(_count EQUAL 0)
  message(FATAL_ERROR "no public header found under ${INCLUDE_DIR}/closeio")
endif()
if(_missing)
  list(JOIN _missing "\n  " _list)
  message(FATAL_ERROR "public headers without a `/// @file` comment (one line saying what the "
                      "header holds):\n  ${_list}")
endif()
message(STATUS "${_count} public headers, each with a @file comment")
