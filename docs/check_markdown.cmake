# Checks that a Markdown file (README.md, CONTRIBUTING.md, docs/mainpage.md, docs/architecture.md,
# docs/guides/*.md) shows only code that compiles and cites only files that exist. Run by the
# `docs_readme`, `docs_contributing`, `docs_mainpage`, `docs_architecture` and
# `docs_guide_<name>` CTest tests (docs/CMakeLists.txt):
#
#   cmake -DMARKDOWN=<file.md> -DSOURCE_DIR=<repo> -DWORK_DIR=<scratch dir> -DCXX=<compiler>
#         -DINCLUDE_DIRS=<dir|dir|...> [-DIMPLICIT_INCLUDE_DIRS=<dir|...>]
#         [-DREQUIRE_CPP_BLOCKS=ON] -P docs/check_markdown.cmake
#
# 1. Every ```cpp block compiles (`-std=c++17 -fsyntax-only`, the project's warnings, as errors)
#    against the in-tree headers. The convention, also stated in docs/guides/tests.md:
#    - a block with an `#include` line is a complete translation unit, compiled as written;
#    - any other block is a fragment: it is compiled as the body of
#        void fragment(closeio::OutcomesClient& client, const std::string& id)
#      after `#include <closeio/closeio.hpp>`, <iostream>, <string> and <thread>. So a fragment
#      may use `client` (a client) and `id` (an outcome id) without declaring them.
# 2. Every repository file the text cites exists: link targets that are not URLs, resolved
#    against the Markdown file's own directory as GitHub resolves them (`../../LICENSE` from a
#    guide; a link must not leave the repository), and inline `code` spans that look like a
#    repo-relative path, resolved against the repository root (contain a `/` or end in a source or
#    document extension; `<closeio/x.hpp>` means include/closeio/x.hpp). Spans with spaces,
#    `::`, `=`, `<`, `$` or `~`, absolute paths, URLs, CIDR ranges (`127.0.0.0/8`), commands run
#    from the current directory (`./tour`), build outputs (`build/...`), alternatives of
#    upper-case names (`CLOSEIO_VERSION_MAJOR/MINOR`) and bare extensions (`.cpp`) are not paths
#    of the repository: skipped.
#
# Every failure is printed before the script fails, so one run shows every problem.
cmake_minimum_required(VERSION 3.16)
cmake_policy(SET CMP0057 NEW)  # if(IN_LIST)

foreach(_var MARKDOWN SOURCE_DIR WORK_DIR CXX)
  if(NOT DEFINED ${_var} OR "${${_var}}" STREQUAL "")
    message(FATAL_ERROR "check_markdown.cmake: -D${_var}=... is required")
  endif()
endforeach()
string(REPLACE "|" ";" _include_dirs "${INCLUDE_DIRS}")
list(REMOVE_DUPLICATES _include_dirs)
string(REPLACE "|" ";" _implicit_dirs "${IMPLICIT_INCLUDE_DIRS}")
get_filename_component(_source_dir_abs "${SOURCE_DIR}" ABSOLUTE)
get_filename_component(_md_abs "${MARKDOWN}" ABSOLUTE)
get_filename_component(_md_dir "${_md_abs}" DIRECTORY)
file(RELATIVE_PATH _md_name "${_source_dir_abs}" "${_md_abs}")  # messages name docs/guides/x.md

# CMake lists split on `;` and treat `[`/`]` specially, so protect them while walking lines.
file(READ "${MARKDOWN}" _text)
string(REPLACE ";" "@SEMI@" _text "${_text}")
string(REPLACE "[" "@LB@" _text "${_text}")
string(REPLACE "]" "@RB@" _text "${_text}")
string(REPLACE "\n" ";" _lines "${_text}")

function(_closeio_restore out text)
  string(REPLACE "@SEMI@" ";" text "${text}")
  string(REPLACE "@LB@" "[" text "${text}")
  string(REPLACE "@RB@" "]" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

set(_failures 0)
set(_blocks 0)
set(_paths 0)
set(_in_fence OFF)
set(_in_cpp OFF)
set(_line_no 0)
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

string(CONCAT _fragment_prologue
       "#include <closeio/closeio.hpp>\n#include <iostream>\n#include <string>\n#include <thread>\n\n"
       "void fragment([[maybe_unused]] closeio::OutcomesClient& client,\n"
       "              [[maybe_unused]] const std::string& id) {\n")

# Compiles one ```cpp block; `first_line` is its first line in the Markdown file.
function(_closeio_compile_block code first_line)
  math(EXPR _n "${_blocks} + 1")
  set(_blocks ${_n} PARENT_SCOPE)
  set(_file "${WORK_DIR}/block_${_n}_line_${first_line}.cpp")
  if(code MATCHES "(^|\n)[ \t]*#[ \t]*include")
    set(_kind "translation unit")
    # A #line directive makes the compiler's messages point at the Markdown file.
    file(WRITE "${_file}" "#line ${first_line} \"${MARKDOWN}\"\n${code}")
  else()
    set(_kind "fragment")
    string(CONCAT _source "${_fragment_prologue}" "#line ${first_line} \"${MARKDOWN}\"\n" "${code}"
                  "}\n")
    file(WRITE "${_file}" "${_source}")
  endif()
  set(_flags -std=c++17 -fsyntax-only -Wall -Wextra -Wpedantic -Werror)
  # The project's own headers are checked with its warnings; dependencies' (GMock) are not.
  # The compiler's own directories (/usr/include) are left out, as CMake does: naming them
  # again would break the C++ library's #include_next.
  foreach(_dir IN LISTS _include_dirs)
    string(FIND "${_dir}/" "${SOURCE_DIR}/" _pos)
    if(_dir STREQUAL "" OR _dir IN_LIST _implicit_dirs)
    elseif(_pos EQUAL 0)
      list(APPEND _flags "-I${_dir}")
    else()
      list(APPEND _flags "-isystem" "${_dir}")
    endif()
  endforeach()
  execute_process(COMMAND "${CXX}" ${_flags} "${_file}" RESULT_VARIABLE _rc
                  OUTPUT_VARIABLE _out ERROR_VARIABLE _out)
  if(NOT _rc EQUAL 0)
    message("${_md_name}:${first_line}: the cpp block (${_kind}) does not compile:\n${_out}")
    math(EXPR _f "${_failures} + 1")
    set(_failures ${_f} PARENT_SCOPE)
  endif()
endfunction()

# Checks that one cited path exists in the repository: `base` is the directory it is relative to
# (the repository root for code spans, the Markdown file's directory for links).
function(_closeio_check_path path line base)
  math(EXPR _n "${_paths} + 1")
  set(_paths ${_n} PARENT_SCOPE)
  get_filename_component(_full "${base}/${path}" ABSOLUTE)
  string(FIND "${_full}/" "${_source_dir_abs}/" _inside)
  if(NOT EXISTS "${_full}" OR NOT _inside EQUAL 0)
    message("${_md_name}:${line}: cites `${path}`, which is not in the repository")
    math(EXPR _f "${_failures} + 1")
    set(_failures ${_f} PARENT_SCOPE)
  endif()
endfunction()

set(_doc_extensions "md|sh|cmake|json|yaml|yml|hpp|cpp|h|txt|in|supp|pc\\.in")
foreach(_line IN LISTS _lines)
  math(EXPR _line_no "${_line_no} + 1")
  if(_line MATCHES "^[ \t]*```")
    if(NOT _in_fence)
      set(_in_fence ON)
      if(_line MATCHES "^[ \t]*```[ \t]*(cpp|c\\+\\+|cxx)[ \t]*$")
        set(_in_cpp ON)
        set(_code "")
        math(EXPR _code_first "${_line_no} + 1")
      endif()
    else()
      if(_in_cpp)
        _closeio_restore(_code "${_code}")
        _closeio_compile_block("${_code}" ${_code_first})
      endif()
      set(_in_fence OFF)
      set(_in_cpp OFF)
    endif()
    continue()
  endif()
  if(_in_fence)
    if(_in_cpp)
      string(APPEND _code "${_line}\n")
    endif()
    continue()
  endif()

  # Link targets: [text](target). URLs and in-page anchors are not files.
  string(REGEX MATCHALL "@RB@\\([^) ]+\\)" _links "${_line}")
  foreach(_link IN LISTS _links)
    string(REGEX REPLACE "^@RB@\\(([^)#]*).*\\)$" "\\1" _target "${_link}")
    if(NOT _target STREQUAL "" AND NOT _target MATCHES "^[A-Za-z][A-Za-z0-9+.-]*:")
      _closeio_check_path("${_target}" ${_line_no} "${_md_dir}")
    endif()
  endforeach()

  # Inline code spans that name a file or directory of the repository.
  string(REGEX MATCHALL "`[^`]+`" _spans "${_line}")
  foreach(_span IN LISTS _spans)
    string(REGEX REPLACE "^`(.*)`$" "\\1" _token "${_span}")
    _closeio_restore(_token "${_token}")
    if(_token MATCHES "^<(closeio/[A-Za-z0-9_./]+)>$")
      _closeio_check_path("include/${CMAKE_MATCH_1}" ${_line_no} "${SOURCE_DIR}")
    elseif(_token MATCHES "^[A-Za-z0-9_.][A-Za-z0-9_./-]*$"
           AND NOT _token MATCHES "^(build|\\.)/"
           AND NOT _token MATCHES "^[A-Z][A-Z0-9_]*/"
           AND NOT _token MATCHES "^[0-9.]+/[0-9]+$"
           AND NOT _token MATCHES "^\\.(${_doc_extensions})$"
           AND (_token MATCHES "/" OR _token MATCHES "\\.(${_doc_extensions})$"))
      _closeio_check_path("${_token}" ${_line_no} "${SOURCE_DIR}")
    endif()
  endforeach()
endforeach()

if(_in_fence)
  message("${_md_name}: a code fence opened and never closed")
  math(EXPR _failures "${_failures} + 1")
endif()
if(_blocks EQUAL 0 AND REQUIRE_CPP_BLOCKS)
  message("${_md_name}: no ```cpp block found; is the fence still spelled ```cpp?")
  math(EXPR _failures "${_failures} + 1")
endif()
message(STATUS "${_md_name}: ${_blocks} cpp blocks compiled, ${_paths} cited paths checked")
if(_failures GREATER 0)
  message(FATAL_ERROR "${_md_name}: ${_failures} problem(s), listed above")
endif()
