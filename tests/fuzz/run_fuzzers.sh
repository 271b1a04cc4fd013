#!/usr/bin/env bash
# Builds the fuzz targets with clang (libFuzzer, ASan, UBSan) and runs each
# for a bounded time from seeds made by fuzz_seeds. Fails on any finding.
#
#   run_fuzzers.sh SOURCE_DIR BUILD_DIR SECONDS_PER_TARGET
set -euo pipefail
SOURCE=$1 BUILD=$2 SECONDS_PER_TARGET=$3

# Our libraries are instrumented too (coverage and sanitizers), not only the
# targets' own files.
cmake -S "$SOURCE" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ -DMEDIATION_FUZZ=ON \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined" >/dev/null
cmake --build "$BUILD" --parallel 2 --target request_fuzzer event_fuzzer fuzz_seeds

CORPUS="$BUILD/corpus"
mkdir -p "$CORPUS/request" "$CORPUS/event"
"$BUILD/tests/fuzz/fuzz_seeds" "$CORPUS/request" "$CORPUS/event"
for target in request event; do
  echo "fuzzing ${target}_fuzzer for ${SECONDS_PER_TARGET}s"
  log="$BUILD/${target}_fuzzer.log"
  # Crash reproducers land in $BUILD (artifact_prefix).
  if ! "$BUILD/tests/fuzz/${target}_fuzzer" -max_total_time="$SECONDS_PER_TARGET" \
      -max_len=65536 -rss_limit_mb=4096 -print_final_stats=1 \
      -artifact_prefix="$BUILD/${target}-" "$CORPUS/$target" >"$log" 2>&1; then
    tail -80 "$log"
    echo "FAIL: ${target}_fuzzer found a bug (reproducer in $BUILD)"
    exit 1
  fi
  grep -E '^(Done|stat::number_of_executed_units|stat::new_units_added)' "$log"
done
echo "fuzzers ran clean"
