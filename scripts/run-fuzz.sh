#!/usr/bin/env bash
# Bounded libFuzzer run over the response decoders and error-body parser (clang, preset "fuzz").
#   scripts/run-fuzz.sh [SECONDS]     fuzz for SECONDS (default 60)
#   scripts/run-fuzz.sh --runs N      fuzz N inputs (the test command's fixed amount of work)
# New interesting inputs go to build/fuzz/corpus-work; the seed corpus in fuzz/corpus is read-only.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ${1:-} == --runs ]]; then
  [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || { echo "run-fuzz: --runs needs a positive number" >&2; exit 2; }
  limit=(-runs="$2") done_message="$2 inputs without a crash"
else
  [[ ${1:-60} =~ ^[1-9][0-9]*$ ]] || { echo "run-fuzz: SECONDS must be a positive number" >&2; exit 2; }
  limit=(-max_total_time="${1:-60}") done_message="${1:-60}s without a crash"
fi
jobs=$(nproc 2>/dev/null || echo 2)

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$jobs" --target closeio_decode_fuzzer
mkdir -p build/fuzz/corpus-work
build/fuzz/fuzz/closeio_decode_fuzzer "${limit[@]}" -rss_limit_mb=2048 \
  -max_len=262144 -print_final_stats=1 build/fuzz/corpus-work fuzz/corpus 2>&1 | tail -n 20
echo "fuzz: $done_message"
