#!/usr/bin/env bash
# The test command (CI runs it as .ci/run). Installs what is missing, builds, and runs:
#   1. style checks: clang-format and shellcheck
#   2. preset shared (Debug, benchmarks on): the suite against the shared library (unit,
#      end-to-end, CLI, examples, docs, benchmark smoke), the install, find_package,
#      pkg-config and FetchContent consumers, the tools' install RPATH and the Debian packages
#   3. wire conformance: the examples and every operation through Stoplight Prism against
#      Close's OpenAPI files (tests/conformance/run-conformance.sh)
#   4. preset asan: AddressSanitizer + UndefinedBehaviorSanitizer over the suite (static library)
#   5. preset tsan: ThreadSanitizer over every end-to-end and unit test
#   6. preset fuzz: a bounded libFuzzer run (60,000 inputs)
#   7. clang-tidy over src/, include/ and tools/
# The asan and tsan builds, the fuzz run and clang-tidy start at the beginning, in the
# background at lower priorities, and fill the CPU the foreground steps leave idle.
# Every configuration is a unity build (CMakePresets.json), and ccache is used when installed.
# Exits non-zero on the first failure; prints how long each step took.
#
# Usage: scripts/run-tests.sh [--quick] [--help]
#   --quick   the edit-compile-test loop: clang-format, shellcheck, then preset dev (static
#             library) and its suite without the consumer tests
#   --help    this text
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; }
jobs=$(nproc 2>/dev/null || echo 2)

# One background stage of the full command (see start_stage below); not for direct use.
run_stage() {
  local began=$SECONDS
  case $1 in
    asan-build)
      cmake --preset asan >/dev/null
      cmake --build --preset asan -j "$jobs"
      ;;
    tsan-build)
      cmake --preset tsan >/dev/null
      cmake --build --preset tsan -j "$jobs" --target closeio_e2e_tests closeio_unit_tests
      ;;
    # A fixed number of inputs rather than a time: the stage runs at a low priority, so a time
    # limit would test less on a busy machine. 60,000 inputs take about 20 s on one free core;
    # `scripts/run-fuzz.sh SECONDS` fuzzes longer.
    fuzz) scripts/run-fuzz.sh --runs 60000 ;;
    tidy) scripts/check-style.sh --tidy-only --build-dir build/shared ;;
    *) echo "run-tests: unknown stage: $1" >&2; return 2 ;;
  esac
  echo "stage $1: done in $((SECONDS - began)) s"
}

quick=0
while (($#)); do
  case $1 in
    --quick) quick=1 ;;
    --stage) run_stage "$2"; exit ;;
    -h | --help) usage; exit 0 ;;
    *) echo "run-tests: unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
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
# about 16% faster than full debug information. The GoogleTest binaries run as 8 shards each,
# as in the sanitizer presets (cmake/CloseioGTests.cmake): a process per case cost 21.8 CPU-s
# for the 313 end-to-end cases against 4.7 in 8 shards, 20.8 against 13.2 for the CLI's 169,
# 9.3 against 0.2 for the 198 unit cases (dev build, `ctest -L <label>` against the shards run by
# hand). `--quick` and the dev preset keep a CTest test per case.
step "configure (preset shared, Debug, with benchmarks)"
cmake --preset shared -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 \
  -DCLOSEIO_BUILD_BENCHMARKS=ON -DCLOSEIO_TEST_SHARDS=8 >/dev/null

# The builds the later steps need, and the checks nothing waits for, start now in the background,
# each in its own process group at a lower priority than the step in the foreground: they take
# the CPU the tests leave idle (the suite waits on sockets and child processes much of the time)
# and give it back at once when a build or a test in the foreground wants it. The earlier a step
# needs one, the higher its priority. A step that needs one waits for it, and a failure there
# prints that stage's log and fails the command. Logs: build/ci-logs/<stage>.log.
mkdir -p build/ci-logs
declare -A stage_pid=()
# shellcheck disable=SC2317  # called from the EXIT trap
stop_stages() {
  local pid
  for pid in "${stage_pid[@]}"; do kill -- "-$pid" 2>/dev/null || true; done
}
trap 'status=$?; stop_stages; summary "$status"' EXIT
# Job control (set -m) puts each stage in its own process group, so that stop_stages ends it with
# everything it started, while it stays in this session: with the kernel's autogroup scheduling,
# a new session (setsid) would get a CPU share of its own, equal to the foreground's, whatever
# its nice level.
start_stage() {  # name nice-level
  set -m
  nice -n "$2" scripts/run-tests.sh --stage "$1" </dev/null >"build/ci-logs/$1.log" 2>&1 &
  stage_pid[$1]=$!
  set +m
}
await_stage() {  # name: waits for it, shows how it ended, fails the command if it failed
  local status=0
  wait "${stage_pid[$1]}" || status=$?
  unset "stage_pid[$1]"
  if ((status)); then
    cat "build/ci-logs/$1.log"
    echo "run-tests: background stage '$1' failed (exit $status)" >&2
    exit "$status"
  fi
  tail -n "${2:-1}" "build/ci-logs/$1.log"
}
start_stage asan-build 5
start_stage tsan-build 10
[[ -f fuzz/CMakeLists.txt ]] && start_stage fuzz 12
start_stage tidy 15

step "style: clang-format, shellcheck"
scripts/check-style.sh --no-tidy

step "shared library: the suite, consumers, install RPATH, Debian packages (preset shared)"
cmake --build --preset shared -j "$jobs"
ctest --preset shared -j "$test_jobs"

step "wire conformance through Stoplight Prism (build/shared)"
tests/conformance/run-conformance.sh --build-dir build/shared

step "AddressSanitizer + UndefinedBehaviorSanitizer over the suite (preset asan)"
await_stage asan-build
ctest --preset asan -j "$test_jobs"

step "ThreadSanitizer over every end-to-end and unit test (preset tsan)"
await_stage tsan-build
ctest --preset tsan -j "$test_jobs"

if [[ -n ${stage_pid[fuzz]:-} ]]; then
  step "bounded fuzz run (preset fuzz, started in the background)"
  await_stage fuzz 12
fi

step "clang-tidy (started in the background)"
await_stage tidy 3
