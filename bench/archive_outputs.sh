#!/usr/bin/env bash
# Writes every history output (compare, recheck, rollup in each format, and
# report --db in each report format) for the samples and two generated
# quarters into OUT, so that a change to the archive can be checked to keep
# them byte for byte:
#   GOVSCORE=old/govscore bench/archive_outputs.sh before
#   GOVSCORE=new/govscore bench/archive_outputs.sh after
#   diff -r before after
# Quarters: the three Dazu quarters of tests/data/archive; each other sample
# archived twice (as given and with its period moved on); 20 000 and 20 011
# generated records (bench/generate.py seeds by N, so they differ, and share
# ids) as 2021Q1 and 2021Q2.
set -euo pipefail
cd "$(dirname "$0")/.."
govscore=${GOVSCORE:-build/govscore}
out=${1:?usage: bench/archive_outputs.sh OUT_DIR}
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

add() {  # add DB RULES RECORDS
  "$govscore" archive add --db "$1" --rules "$2" "$3" >/dev/null 2>&1
}
# every NAME DB COMMAND…: the command in each history format.
every() {
  local name=$1 db=$2
  shift 2
  for f in table csv md json; do
    "$govscore" "$@" --db "$db" -f "$f" >"$out/$name.$f" 2>"$out/$name.$f.err" || echo "exit $?" >>"$out/$name.$f.err"
  done
}

# Dazu: three quarters changed by hand.
db=$work/dazu.db
for q in samples/dazu-2021q1.json tests/data/archive/dazu-2021q2.json tests/data/archive/dazu-2021q3.json; do
  add "$db" rules/dazu-2020.yaml "$q"
done
every dazu-compare-q2 "$db" compare --period 2021Q2
every dazu-compare-q3-q1 "$db" compare --period 2021Q3 --against 2021Q1
every dazu-compare-q2-name "$db" compare --period 2021Q2 --match name
every dazu-recheck-q1 "$db" recheck --period 2021Q1 --deadline 2021-07-15
every dazu-recheck-q2 "$db" recheck --period 2021Q2
every dazu-recheck-q3 "$db" recheck --period 2021Q3 --deadline 2021-12-31
every dazu-rollup "$db" rollup --periods 2021Q1,2021Q2,2021Q3
every dazu-rollup-tiers "$db" rollup --periods 2021Q1,2021Q2,2021Q3 --rules tests/data/archive/dazu-2020-tiers.yaml
for ext in md html docx xlsx; do
  "$govscore" report --db "$db" -r rules/dazu-2020.yaml tests/data/archive/dazu-2021q2.json -o "$out/dazu-report-q2.$ext" \
    >/dev/null 2>&1
done
# A .docx or .xlsx is a zip: compare what it holds, not its bytes alone.
for ext in docx xlsx; do
  (mkdir -p "$out/dazu-report-q2.$ext.d" && cd "$out/dazu-report-q2.$ext.d" && unzip -q -o "../dazu-report-q2.$ext")
done

# Each other sample, archived as given and again as the next period.
sample() {  # sample NAME RULES RECORDS PERIOD NEXT
  local name=$1 rules=$2 records=$3 period=$4 next=$5
  local db=$work/$name.db
  add "$db" "$rules" "$records"
  sed "0,/\"period\": *\"$period\"/s//\"period\": \"$next\"/" "$records" >"$work/$name-next.json"
  add "$db" "$rules" "$work/$name-next.json"
  every "$name-compare" "$db" compare --period "$next"
  every "$name-recheck" "$db" recheck --period "$period" --deadline 2030-01-15
  every "$name-rollup" "$db" rollup --periods "$period,$next"
}
sample chongqing rules/chongqing-2022.yaml samples/chongqing-2022q2.json 2022Q2 2022Q3
sample national rules/national-2019.yaml samples/national-2022q1.json 2022Q1 2022Q2
sample national-facts rules/national-2019.yaml samples/national-facts-2022q1.json 2022Q1 2022Q2
sample replies samples/replies-2024q1.rules.yaml samples/replies-2024q1.json 2024Q1 2024Q2
sample dazu-published rules/dazu-2020.yaml samples/dazu-2021q1-published.json 2021Q1 2021Q2

# Generated: two different quarters sharing ids (w…, m…).
db=$work/generated.db
python3 bench/generate.py 20000 "$work/q1.ndjson"
python3 bench/generate.py 20011 "$work/q2.ndjson"
sed -i '1s/"period":"2021Q1"/"period":"2021Q2"/' "$work/q2.ndjson"
add "$db" rules/dazu-2020.yaml "$work/q1.ndjson"
add "$db" rules/dazu-2020.yaml "$work/q2.ndjson"
every generated-compare "$db" compare --period 2021Q2
every generated-compare-name "$db" compare --period 2021Q2 --match name
every generated-recheck "$db" recheck --period 2021Q1 --deadline 2021-07-15
every generated-rollup "$db" rollup --periods 2021Q1,2021Q2 --rules tests/data/archive/dazu-2020-tiers.yaml
ls "$out" | wc -l
