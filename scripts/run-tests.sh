#!/usr/bin/env bash
# The test command (CI runs it as .ci/run). Installs what is missing, builds, and runs:
#   1. style checks: clang-format, clang-tidy, shellcheck (scripts/check-style.sh)
#   2. preset dev: the suite (unit, end-to-end, CLI, examples, docs, benchmark smoke; install,
#      find_package, pkg-config and FetchContent consumers of a static build)
#   3. wire conformance: the examples and every operation through Stoplight Prism against
#      Close's OpenAPI file (tests/conformance/run-conformance.sh)
#   4. preset shared: the suite again against the shared library, the tools' install RPATH,
#      and the Debian packages (cpack, unpacked, a consumer and the tools run from them)
#   5. preset asan: AddressSanitizer + UndefinedBehaviorSanitizer over the suite
#   6. preset tsan: ThreadSanitizer over every end-to-end test
#   7. preset fuzz: a bounded libFuzzer run
# Exits non-zero on the first failure; prints how long each step took.
#
# Usage: scripts/run-tests.sh [--quick] [--help]
#   --quick   steps 1 and 2 only, without clang-tidy and the consumer tests (the edit-compile-
#             test loop)
#   --help    this text
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { sed -n '2,20s/^# \{0,1\}//p' "$0"; }
quick=0
for arg in "$@"; do
  case $arg in
    --quick) quick=1 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "run-tests: unknown argument: $arg" >&2; usage >&2; exit 2 ;;
  esac
done
jobs=$(nproc 2>/dev/null || echo 2)
# ccache rewrites paths under the checkout to relative ones, so a clone in another folder (CI's)
# reuses what an earlier build of the same sources compiled.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}"

started=$SECONDS
timings=()
step_name="" step_started=0
step() {
  end_step
  step_name=$*
  step_started=$SECONDS
  printf '\n== %s\n' "$step_name"
}
end_step() {
  if [[ -n $step_name ]]; then
    timings+=("$(printf '%4d s  %s' $((SECONDS - step_started)) "$step_name")")
  fi
  step_name=""
}
summary() {
  local status=$?
  end_step
  printf '\n== timings\n'
  printf '%s\n' "${timings[@]}"
  printf '%4d s  total (exit %d)\n' $((SECONDS - started)) "$status"
}
trap summary EXIT

step "install missing packages"
scripts/install-deps.sh

step "configure (preset dev)"
cmake --preset dev >/dev/null

step "style: clang-format, shellcheck$( ((quick)) || echo ', clang-tidy')"
if ((quick)); then
  scripts/check-style.sh --no-tidy
else
  scripts/check-style.sh
fi

step "main build and test suite (preset dev)"
cmake --build --preset dev -j "$jobs"
if ((quick)); then
  ctest --preset dev -j "$jobs" -LE consumer
  exit 0
fi
ctest --preset dev -j "$jobs"

step "wire conformance through Stoplight Prism (build/dev)"
tests/conformance/run-conformance.sh --build-dir build/dev

step "shared library: suite, install RPATH, Debian packages (preset shared)"
cmake --preset shared >/dev/null
cmake --build --preset shared -j "$jobs"
ctest --preset shared -j "$jobs"

step "AddressSanitizer + UndefinedBehaviorSanitizer over the suite (preset asan)"
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$jobs"
ctest --preset asan -j "$jobs"

step "ThreadSanitizer over every end-to-end test (preset tsan)"
cmake --preset tsan >/dev/null
cmake --build --preset tsan -j "$jobs" --target closeio_e2e_tests
ctest --preset tsan -j "$jobs"

if [[ -f fuzz/CMakeLists.txt ]]; then
  step "bounded fuzz run (preset fuzz)"
  scripts/run-fuzz.sh
fi
