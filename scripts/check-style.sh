#!/usr/bin/env bash
# The habits the repository enforces (run by scripts/run-tests.sh; CONTRIBUTING.md):
#   clang-format  every tracked C++ file matches .clang-format (clang-format --dry-run -Werror)
#   clang-tidy    src/ and tools/ (and their headers in include/, src/, tools/) are clean under
#                 .clang-tidy; parallel, and a unit unchanged since a clean run is not run again
#                 (scripts/lib/clang_tidy_cached.py)
#   ShellCheck    every shell script in scripts/, .ci/ and tests/
#
# Usage: scripts/check-style.sh [--fix] [--no-tidy | --tidy-only] [--build-dir DIR] [-j N] [--help]
#   --fix          rewrite instead of check: clang-tidy's fixes, then clang-format -i.
#                  (shellcheck findings are fixed by hand.) Review the diff, then run again.
#   --no-tidy      skip clang-tidy (it needs a configured build; the others need none)
#   --tidy-only    clang-tidy alone (the test command runs it in the background)
#   --build-dir    where compile_commands.json is (default build/dev; cmake --preset dev)
#   -j N           parallel clang-tidy jobs (default: the number of cores)
# Exit status: 0 clean, 1 findings, 2 bad usage.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { sed -n '2,17s/^# \{0,1\}//p' "$0"; }
fix=0 tidy=1 others=1 build_dir=build/dev jobs=$(nproc 2>/dev/null || echo 2)
while (($#)); do
  case $1 in
    --fix) fix=1 ;;
    --no-tidy) tidy=0 ;;
    --tidy-only) others=0 ;;
    --build-dir | -j)
      [[ $# -ge 2 ]] || { usage >&2; exit 2; }
      if [[ $1 == -j ]]; then jobs=$2; else build_dir=$2; fi
      shift
      ;;
    -h | --help) usage; exit 0 ;;
    *) echo "check-style: unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

status=0
mapfile -t cxx_files < <(git ls-files '*.cpp' '*.hpp' '*.h' '*.cc')
mapfile -t shell_files < <(git ls-files 'scripts/*.sh' 'scripts/*.bash' '.ci/*' 'tests/*.sh')

if ((tidy)); then
  if ((fix)); then
    echo "== clang-tidy --fix (src/, tools/)"
    python3 scripts/lib/clang_tidy_cached.py --build-dir "$build_dir" -j "$jobs" --fix || status=1
  else
    echo "== clang-tidy (src/, tools/, their headers)"
    python3 scripts/lib/clang_tidy_cached.py --build-dir "$build_dir" -j "$jobs" || status=1
  fi
fi

if ((!others)); then
  exit "$status"
fi

if ((fix)); then
  echo "== clang-format -i (${#cxx_files[@]} files)"
  clang-format -i "${cxx_files[@]}"
else
  echo "== clang-format --dry-run -Werror (${#cxx_files[@]} files)"
  # One run over every file; each difference is reported as FILE:LINE:COL: error: ...
  format_status=0
  format_output=$(clang-format --dry-run -Werror "${cxx_files[@]}" 2>&1) || format_status=$?
  mapfile -t unformatted < <(sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: error: .*/\1/p' \
    <<<"$format_output" | sort -u)
  if ((format_status != 0 && ${#unformatted[@]} == 0)); then
    echo "$format_output"
    echo "clang-format: failed (exit $format_status)"
    status=1
  fi
  if ((${#unformatted[@]})); then
    printf 'clang-format: %s differs from .clang-format\n' "${unformatted[@]}"
    echo "clang-format: ${#unformatted[@]} of ${#cxx_files[@]} files differ (scripts/check-style.sh --fix)"
    status=1
  else
    echo "clang-format: ${#cxx_files[@]} files clean"
  fi
fi

echo "== shellcheck (${#shell_files[@]} files)"
if shellcheck -x "${shell_files[@]}"; then
  echo "shellcheck: ${#shell_files[@]} files clean"
else
  status=1
fi
exit "$status"
