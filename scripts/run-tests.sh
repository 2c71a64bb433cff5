#!/usr/bin/env bash
# The test command (CI runs it as .ci/run). Installs what is missing, builds, and runs:
#   1. style checks: clang-format and shellcheck at once; clang-tidy in the background at a low
#      priority (it fills the cores the tests leave idle), waited for at the end
#   2. preset shared (Debug, benchmarks on): the suite against the shared library (unit,
#      end-to-end, CLI, examples, docs, benchmark smoke), the install, find_package,
#      pkg-config and FetchContent consumers, the tools' install RPATH and the Debian packages
#   3. wire conformance: the examples and every operation through Stoplight Prism against
#      Close's OpenAPI files (tests/conformance/run-conformance.sh)
#   4. preset asan: AddressSanitizer + UndefinedBehaviorSanitizer over the suite (static library)
#   5. preset tsan: ThreadSanitizer over every end-to-end test
#   6. preset fuzz: a bounded libFuzzer run
# Every configuration is a unity build (CMakePresets.json), and ccache is used when installed.
# Exits non-zero on the first failure; prints how long each step took.
#
# Usage: scripts/run-tests.sh [--quick] [--help]
#   --quick   the edit-compile-test loop: clang-format, shellcheck, then preset dev (static
#             library) and its suite without the consumer tests
#   --help    this text
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { sed -n '2,19s/^# \{0,1\}//p' "$0"; }
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
# shellcheck disable=SC2317  # called from the EXIT trap
summary() {
  local status=${1:-$?}
  end_step
  printf '\n== timings\n'
  printf '%s\n' "${timings[@]}"
  printf '%4d s  total (exit %d)\n' $((SECONDS - started)) "$status"
}
trap summary EXIT

step "install missing packages"
scripts/install-deps.sh

# Tests spend much of their time waiting on sockets and child processes, so twice as many as
# there are cores keeps both cores busy (measured: 58 s instead of 87 s for the suite).
test_jobs=$((jobs * 2))

if ((quick)); then
  step "style: clang-format, shellcheck"
  scripts/check-style.sh --no-tidy
  step "main build and test suite (preset dev)"
  cmake --preset dev >/dev/null
  cmake --build --preset dev -j "$jobs"
  ctest --preset dev -j "$test_jobs" -LE consumer
  exit 0
fi

# The shared configuration is Debug here (the preset's RelWithDebInfo is for the packages a user
# builds): optimising doubles its compile time and the suite's checks do not depend on it. -g1
# (line tables only, as in the sanitizer presets) keeps file:line in every trace and compiles
# about 16% faster than full debug information.
step "configure (preset shared, Debug, with benchmarks)"
cmake --preset shared -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 \
  -DCLOSEIO_BUILD_BENCHMARKS=ON >/dev/null

step "style: clang-format, shellcheck (clang-tidy continues in the background)"
tidy_log=build/shared/clang-tidy.log
# Its own process group (setsid), so that a failure elsewhere stops it and its clang-tidy children.
setsid nice -n 19 scripts/check-style.sh --tidy-only --build-dir build/shared >"$tidy_log" 2>&1 &
tidy_pid=$!
# shellcheck disable=SC2317  # called from the EXIT trap
stop_tidy() { kill -- "-$tidy_pid" 2>/dev/null || true; }
trap 'status=$?; stop_tidy; summary "$status"' EXIT
scripts/check-style.sh --no-tidy

step "shared library: the suite, consumers, install RPATH, Debian packages (preset shared)"
cmake --build --preset shared -j "$jobs"
ctest --preset shared -j "$test_jobs"

step "wire conformance through Stoplight Prism (build/shared)"
tests/conformance/run-conformance.sh --build-dir build/shared

step "AddressSanitizer + UndefinedBehaviorSanitizer over the suite (preset asan)"
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$jobs"
ctest --preset asan -j "$test_jobs"

step "ThreadSanitizer over every end-to-end test (preset tsan)"
cmake --preset tsan >/dev/null
cmake --build --preset tsan -j "$jobs" --target closeio_e2e_tests
ctest --preset tsan -j "$test_jobs"

if [[ -f fuzz/CMakeLists.txt ]]; then
  step "bounded fuzz run (preset fuzz)"
  scripts/run-fuzz.sh
fi

step "clang-tidy (started with the style checks)"
tidy_status=0
wait "$tidy_pid" || tidy_status=$?
trap summary EXIT
cat "$tidy_log"
exit "$tidy_status"
