#!/usr/bin/env bash
# Bounded libFuzzer run over the response decoders and error-body parser (clang, preset "fuzz").
#   scripts/run-fuzz.sh [SECONDS]     default 60
# New interesting inputs go to build/fuzz/corpus-work; the seed corpus in fuzz/corpus is read-only.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
jobs=$(nproc 2>/dev/null || echo 2)

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$jobs" --target closeio_decode_fuzzer
mkdir -p build/fuzz/corpus-work
build/fuzz/fuzz/closeio_decode_fuzzer -max_total_time="$seconds" -rss_limit_mb=2048 \
  -max_len=262144 -print_final_stats=1 build/fuzz/corpus-work fuzz/corpus 2>&1 | tail -n 20
echo "fuzz: ${seconds}s without a crash"
