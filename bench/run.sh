#!/usr/bin/env bash
# Times `govscore score` end to end (load → score → rank → CSV) on N generated
# records, beside the same scoring as a DuckDB query over the same NDJSON file.
#   bench/run.sh [N ...]        default: 10000 100000 1000000
# For each N: the median wall time of 5 runs, records/s, peak RSS
# (/usr/bin/time -v), DuckDB's median, and their ratio; and a check that both
# give every record the same score and rank. DuckDB comes from the npm
# package @duckdb/node-api (installed into bench/node_modules on first run);
# without node it is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${*:-10000 100000 1000000}
runs=5

cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DGOVSCORE_BUILD_TESTS=OFF >/dev/null
cmake --build build-bench -j2 --target govscore >/dev/null
govscore=build-bench/govscore
duckdb=""
if command -v node >/dev/null; then
  [ -d bench/node_modules/@duckdb/node-api ] || (cd bench && npm install --no-audit --no-fund --silent >/dev/null)
  duckdb=yes
fi
mkdir -p bench/data

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
printf '%10s %12s %12s %10s %12s %8s\n' records govscore_s records/s peak_MiB duckdb_s ratio
for n in $sizes; do
  file=bench/data/$n.ndjson
  [ -f "$file" ] || python3 bench/generate.py "$n" "$file"
  times=()
  peak=0
  for _ in $(seq $runs); do
    /usr/bin/time -f "%e %M" -o bench/data/time.txt "$govscore" score --rules rules/dazu-2020.yaml "$file" -f csv -o bench/data/out.csv
    read -r t m < bench/data/time.txt
    times+=("$t")
    [ "$m" -gt "$peak" ] && peak=$m
  done
  ours=$(printf '%s\n' "${times[@]}" | median)
  rate=$(awk -v n="$n" -v t="$ours" 'BEGIN {printf "%.0f", (t > 0 ? n / t : 0)}')
  theirs=- ratio=-
  if [ -n "$duckdb" ]; then
    theirs=$(node bench/duckdb.mjs "$PWD/$file" "$PWD/bench/data/duckdb.csv" $runs)
    ratio=$(awk -v a="$ours" -v b="$theirs" 'BEGIN {printf "%.2f", a / b}')
    "$govscore" score --rules rules/dazu-2020.yaml "$file" -f json -o bench/data/out.json
    python3 bench/compare.py bench/data/out.json bench/data/duckdb.csv >&2
  fi
  printf '%10s %12s %12s %10s %12s %8s\n' "$n" "$ours" "$rate" "$((peak / 1024))" "$theirs" "$ratio"
done
