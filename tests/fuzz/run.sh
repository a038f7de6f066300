#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (AddressSanitizer + UBSan) and runs
# each for SECONDS (default 30), seeded from samples/, rules/ and tests/data/.
#   tests/fuzz/run.sh [SECONDS] [TARGET...]
# A crash leaves crash-* files in the build folder; copy each into
# tests/data/fuzz-regressions/TARGET/ so the normal test suite replays it.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-30}
shift || true
targets=${*:-rules records expression score xlsx csv}

# The targets' build folder: build-fuzz, configured here at -O1 with line
# tables only, as OSS-Fuzz builds its targets; or GOVSCORE_FUZZ_BUILD, a
# folder already configured with clang and -DGOVSCORE_FUZZ=ON (CI's
# sanitizer build, whose library the targets then share).
build=${GOVSCORE_FUZZ_BUILD:-build-fuzz}
if [ -z "${GOVSCORE_FUZZ_BUILD:-}" ]; then
  cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only -DNDEBUG" -DGOVSCORE_FUZZ=ON -DGOVSCORE_BUILD_TESTS=OFF >/dev/null
elif ! grep -q '^GOVSCORE_FUZZ:BOOL=ON$' "$build/CMakeCache.txt" 2>/dev/null; then
  echo "run.sh: $build is not configured with -DGOVSCORE_FUZZ=ON (and clang)" >&2
  exit 2
fi
cmake --build "$build" -j2 --target $(for t in $targets; do printf '%s_fuzz ' "$t"; done) >/dev/null

seed() {  # seed TARGET: a corpus folder with the project's own inputs
  local dir=$build/corpus/$1
  mkdir -p "$dir"
  case $1 in
    rules) cp rules/*.yaml tests/data/bad/*.yaml "$dir"/ ;;
    records)
      for f in samples/*.json tests/data/bad/*.json tests/data/spreadsheet/websites.json; do printf '\000' | cat - "$f" > "$dir/$(basename "$f")"; done
      for f in tests/data/bad/*.ndjson; do printf '\001' | cat - "$f" > "$dir/$(basename "$f")"; done
      for f in tests/data/spreadsheet/*.csv tests/data/bad/*.csv; do printf '\002' | cat - "$f" > "$dir/$(basename "$f")"; done
      printf '\003' | cat - tests/data/spreadsheet/websites.xlsx > "$dir/websites.xlsx"
      printf '\004' | cat - samples/national-facts-2022q1.json > "$dir/national-facts.json" ;;
    expression) grep -ho 'when: .*\|points: .*' rules/*.yaml | sed 's/^[a-z]*: //' | split -l 1 - "$dir/expr-" ;;
    xlsx)  # each workbook as it is (the zip fuzzed) and as its parts (the XML fuzzed)
      for f in tests/data/spreadsheet/*.xlsx tests/data/bad/*.xlsx; do
        case $f in *zip-bomb*) continue ;; esac  # 0.6 s a run: the corpus test has it
        printf '\000' | cat - "$f" > "$dir/$(basename "$f")"
        python3 tests/fuzz/xlsx_parts.py "$f" > "$dir/parts-$(basename "$f")" 2>/dev/null || rm -f "$dir/parts-$(basename "$f")"
      done ;;
    csv) cp tests/data/spreadsheet/*.csv tests/data/bad/*.csv "$dir"/ ;;
    score)
      for r in rules/*.yaml; do
        for s in samples/dazu-2021q1.json samples/national-2022q1.json; do
          { cat "$r"; printf '\n---records---\n'; cat "$s"; } > "$dir/$(basename "$r" .yaml)-$(basename "$s")"
        done
      done ;;
  esac
  if [ -d "tests/data/fuzz-regressions/$1" ]; then cp tests/data/fuzz-regressions/"$1"/* "$dir"/ 2>/dev/null || true; fi
}

# fuzz TARGET: runs it for SECONDS; prints its figures, or why it failed.
fuzz() {
  if ! (cd "$build" && "./tests/fuzz/${1}_fuzz" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=20 \
        -print_final_stats=1 "corpus/$1" 2> "fuzz-$1.log"); then
    echo "fuzz target $1 failed: see $build/fuzz-$1.log and $build/crash-*" >&2
    tail -30 "$build/fuzz-$1.log" >&2
    return 1
  fi
  echo "$1: $(grep -E "stat::number_of_executed_units" "$build/fuzz-$1.log" | tail -1)" >&2
}

# A libFuzzer run uses one core: the targets run two at a time.
status=0
set -- $targets
while [ $# -gt 0 ]; do
  seed "$1"
  echo "fuzzing $1${2:+ and $2} for ${seconds}s" >&2
  fuzz "$1" &
  first=$!
  second=
  if [ $# -gt 1 ]; then
    seed "$2"
    fuzz "$2" &
    second=$!
  fi
  wait "$first" || status=1
  if [ -n "$second" ]; then wait "$second" || status=1; fi
  shift $(( $# > 1 ? 2 : 1 ))
done
exit $status
