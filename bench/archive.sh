#!/usr/bin/env bash
# Times the archive on N generated records (default 1 000 000): `score` as the
# yardstick, `archive add` of one quarter into a fresh file, then — after
# archiving four quarters of the same units — `compare` of two quarters, a
# four-quarter `rollup` and a `recheck`: the figures of docs/performance.md,
# "The archive". Each figure is the median of 3 runs (/usr/bin/time): wall
# and CPU (user + sys) seconds, CPU as a multiple of score's, peak RSS, and
# the load average when it was taken (the machine is shared: CPU seconds and
# ratios hold better than wall seconds).
#   bench/archive.sh [N]                       (builds a Release binary in build-bench)
#   GOVSCORE=build/govscore bench/archive.sh   (times a Release binary already built)
#   BASELINE=old/govscore bench/archive.sh     (each step also by another binary, in turn
#                                               with this one, and the ratio of their CPU)
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
baseline=${BASELINE:-}
mkdir -p bench/data
file=bench/data/$n.ndjson
[ -f "$file" ] || python3 bench/generate.py "$n" "$file"
# Four quarters: the same units, the period changed on the first line.
for q in 2 3 4; do
  [ -f "bench/data/$n-q$q.ndjson" ] || sed "1s/\"period\":\"2021Q1\"/\"period\":\"2021Q$q\"/" "$file" > "bench/data/$n-q$q.ndjson"
done
db=bench/data/archive-$n.db
scratch=bench/data/scratch-$n.db

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
load() { cut -d' ' -f1 /proc/loadavg; }
fresh() { rm -f "$1" "$1-wal" "$1-shm"; }
score_cpu=""

# run_once BINARY ARGS…: one run; appends "wall cpu rss_kib" to bench/data/runs.txt.
run_once() {
  /usr/bin/time -f "%e %U %S %M" -o bench/data/time.txt "$@" >/dev/null 2>&1
  awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' bench/data/time.txt >> bench/data/runs.txt
}
# figures FILE: "wall_median cpu_median peak_MiB" of the runs in FILE.
figures() {
  echo "$(cut -d' ' -f1 "$1" | median) $(cut -d' ' -f2 "$1" | median) $(($(cut -d' ' -f3 "$1" | sort -n | tail -1) / 1024))"
}
# timed LABEL SETUP ARGS…: $runs runs of `govscore ARGS…` (and of the
# baseline's, in turn), each after SETUP (not timed); {db} in SETUP and ARGS
# is a scratch archive of the binary's own.
timed() {
  local label=$1 setup=$2
  shift 2
  : > bench/data/runs-new.txt
  : > bench/data/runs-old.txt
  for _ in $(seq $runs); do
    for who in new old; do
      local bin=$govscore
      if [ "$who" = old ]; then
        [ -n "$baseline" ] || continue
        bin=$baseline
      fi
      local own=$scratch-$who
      eval "${setup//\{db\}/$own}"
      : > bench/data/runs.txt
      run_once "$bin" "${@//\{db\}/$own}"
      cat bench/data/runs.txt >> "bench/data/runs-$who.txt"
    done
  done
  read -r wall cpu peak < <(figures bench/data/runs-new.txt)
  [ -n "$score_cpu" ] || score_cpu=$cpu
  local line
  line=$(printf '%-38s %7s s wall %7s s CPU %5s × score %6s MiB  load %s' "$label" "$wall" "$cpu" \
    "$(awk -v a="$cpu" -v b="$score_cpu" 'BEGIN {printf "%.2f", a / b}')" "$peak" "$(load)")
  if [ -n "$baseline" ]; then
    read -r owall ocpu opeak < <(figures bench/data/runs-old.txt)
    line+=$(printf '  | baseline %7s s CPU %6s MiB, this ÷ baseline %s' "$ocpu" "$opeak" \
      "$(awk -v a="$cpu" -v b="$ocpu" 'BEGIN {printf "%.2f", a / b}')")
  fi
  echo "$line"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); shared with other builders"
echo "uptime: $(uptime)"
echo "records: $n; binary: $govscore${baseline:+; baseline: $baseline}"
timed "score -f csv -o (the yardstick)" ":" score --rules rules/dazu-2020.yaml "$file" -f csv -o bench/data/out.csv
timed "archive add (one quarter, fresh file)" 'fresh {db}' archive add --db "{db}" --rules rules/dazu-2020.yaml "$file"
fresh "$scratch-new"
fresh "$scratch-old"
fresh "$db"
for f in "$file" "bench/data/$n-q2.ndjson" "bench/data/$n-q3.ndjson" "bench/data/$n-q4.ndjson"; do
  "$govscore" archive add --db "$db" --rules rules/dazu-2020.yaml "$f" 2>/dev/null
done
echo "archive of 4 quarters: $(du -m "$db" | cut -f1) MiB"
timed "compare 2021Q2 with 2021Q1 -f csv -o" ":" compare --db "$db" --period 2021Q2 -f csv -o bench/data/compare.csv
timed "compare … -f json -o" ":" compare --db "$db" --period 2021Q2 -f json -o bench/data/compare.json
timed "rollup of 4 quarters -f csv -o" ":" rollup --db "$db" --periods 2021Q1,2021Q2,2021Q3,2021Q4 -f csv -o bench/data/rollup.csv
timed "recheck 2021Q1 --deadline -f csv -o" ":" recheck --db "$db" --period 2021Q1 --deadline 2021-07-15 -f csv -o bench/data/recheck.csv
echo "uptime: $(uptime)"
