#!/usr/bin/env bash
# Times the archive on N generated records (default 1 000 000): `score` as the
# yardstick, `archive add` of one quarter into a fresh file, `compare` of two
# archived quarters and `rollup` of four — the figures of docs/performance.md,
# "The archive". Medians of 3 runs (/usr/bin/time), with the archive's size.
#   bench/archive.sh [N]            (GOVSCORE=build/govscore bench/archive.sh: no build)
# bench/run.sh is the DuckDB comparison and measures something else.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
runs=3

# GOVSCORE=path/to/govscore times a Release binary already built instead.
govscore=${GOVSCORE:-}
if [ -z "$govscore" ]; then
  cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DGOVSCORE_BUILD_TESTS=OFF >/dev/null
  cmake --build build-bench -j2 --target govscore >/dev/null
  govscore=build-bench/govscore
fi
mkdir -p bench/data
file=bench/data/$n.ndjson
[ -f "$file" ] || python3 bench/generate.py "$n" "$file"
# Four quarters: the same units, the period changed on the first line.
for q in 2 3 4; do
  [ -f "bench/data/$n-q$q.ndjson" ] || sed "1s/\"period\":\"2021Q1\"/\"period\":\"2021Q$q\"/" "$file" > "bench/data/$n-q$q.ndjson"
done
db=bench/data/archive-$n.db

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# timed LABEL SETUP COMMAND…: the median wall time of $runs runs of COMMAND,
# each after SETUP (not timed).
timed() {
  local label=$1 setup=$2
  shift 2
  local times=()
  for _ in $(seq $runs); do
    eval "$setup"
    /usr/bin/time -f "%e %M" -o bench/data/time.txt "$@" 2>/dev/null >/dev/null
    read -r t m < bench/data/time.txt
    times+=("$t")
  done
  printf '%-44s %8s s  %6s MiB\n' "$label" "$(printf '%s\n' "${times[@]}" | median)" "$((m / 1024))"
}
fresh() { rm -f "$db" "$db-wal" "$db-shm"; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "records: $n"
timed "score -f csv -o (the yardstick)" ":" "$govscore" score --rules rules/dazu-2020.yaml "$file" -f csv -o bench/data/out.csv
timed "archive add (one quarter, fresh file)" fresh "$govscore" archive add --db "$db" --rules rules/dazu-2020.yaml "$file"
fresh
"$govscore" archive add --db "$db" --rules rules/dazu-2020.yaml "$file" 2>/dev/null
for q in 2 3 4; do "$govscore" archive add --db "$db" --rules rules/dazu-2020.yaml "bench/data/$n-q$q.ndjson" 2>/dev/null; done
echo "archive of 4 quarters: $(du -m "$db" | cut -f1) MiB"
timed "compare 2021Q2 with 2021Q1 -f csv -o" ":" "$govscore" compare --db "$db" --period 2021Q2 -f csv -o bench/data/compare.csv
timed "compare … -f json -o" ":" "$govscore" compare --db "$db" --period 2021Q2 -f json -o bench/data/compare.json
timed "rollup of 4 quarters -f csv -o" ":" "$govscore" rollup --db "$db" --periods 2021Q1,2021Q2,2021Q3,2021Q4 -f csv -o bench/data/rollup.csv
timed "recheck 2021Q1 --deadline -f csv -o" ":" "$govscore" recheck --db "$db" --period 2021Q1 --deadline 2021-07-15 -f csv -o bench/data/recheck.csv
