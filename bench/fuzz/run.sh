#!/usr/bin/env bash
# Builds the fuzz targets with Debian's clang and runs each for SECONDS, one after the
# other (on a shared machine: one core each time), seeded with the test files and
# bench/fuzz/seeds. Exits non-zero at the first crash, sanitizer report, leak or hang;
# the input that caused it is in BUILD/artifacts/.
#   bench/fuzz/run.sh [SECONDS=600] [BUILD=build-fuzz]   (make test runs it with 30 s)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seconds=${1:-600}
build=${2:-$root/build-fuzz}

CC=clang CXX=clang++ cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build"
mkdir -p "$build/artifacts"

run() {
  local target=$1 seeds=$2; shift 2
  mkdir -p "$build/corpus/$target"
  echo "fuzz: $target for $seconds s"
  # The corpus grows in the first directory; the seeds are read only.
  local status=0
  "$build/$target" "$build/corpus/$target" "$seeds" "$@" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 -artifact_prefix="$build/artifacts/$target-" \
    >"$build/$target.log" 2>&1 || status=$?
  grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)|^stat::(number_of_executed_units|average_exec_per_sec|peak_rss)' "$build/$target.log" || true
  if ((status)); then
    tail -n 60 "$build/$target.log" >&2
    echo "fuzz: $target failed (exit $status); the input is in $build/artifacts/" >&2
    return 1
  fi
}
run edexml_reader_fuzz "$here/seeds/edexml" "$root/tests/data/edexml" -dict="$here/edexml.dict"
run results_csv_fuzz "$here/seeds/csv"
echo "fuzz: no crash, leak or hang in $seconds s per target"
