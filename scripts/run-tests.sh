#!/usr/bin/env bash
# The test command: installs what is missing, builds, and runs the whole suite — the unit and
# end-to-end tests, then the sanitizer builds and a bounded fuzz run. Exits non-zero on any failure.
#   scripts/run-tests.sh            everything
#   scripts/run-tests.sh --quick    only the main build's tests
set -euo pipefail
cd "$(dirname "$0")/.."

quick=0
[[ "${1:-}" == "--quick" ]] && quick=1
jobs=$(nproc 2>/dev/null || echo 2)

scripts/install-deps.sh

step() { printf '\n== %s\n' "$*"; }

step "main build and test suite (preset dev)"
cmake --preset dev >/dev/null
cmake --build --preset dev -j "$jobs"
ctest --preset dev -j "$jobs"

if ((quick)); then
  exit 0
fi

step "AddressSanitizer + UndefinedBehaviorSanitizer over the whole suite (preset asan)"
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$jobs"
ctest --preset asan -j "$jobs"

step "ThreadSanitizer over the shared-client thread tests (preset tsan)"
cmake --preset tsan >/dev/null
cmake --build --preset tsan -j "$jobs" --target closeio_e2e_tests
ctest --preset tsan -j "$jobs"

if [[ -f fuzz/CMakeLists.txt ]]; then
  step "bounded fuzz run (preset fuzz)"
  scripts/run-fuzz.sh
fi
