#!/usr/bin/env python3
"""Checks that govscore (its --format json output) and DuckDB (bench/duckdb.mjs's
CSV) give every record the same score and rank. Exit 1 on the first difference."""
import csv
import json
import sys

with open(sys.argv[1], encoding="utf-8") as f:
    ours = {r["id"]: (r["score"], r["rank"]) for r in json.load(f)["results"]}
with open(sys.argv[2], encoding="utf-8") as f:
    theirs = {r["id"]: (None if r["score"] in ("", "NULL") else float(r["score"]), int(r["rank"])) for r in csv.DictReader(f)}
if ours.keys() != theirs.keys():
    sys.exit(f"different records: {len(ours)} vs {len(theirs)}")
for key, (score, rank) in ours.items():
    other_score, other_rank = theirs[key]
    if (score is None) != (other_score is None) or (score is not None and abs(score - other_score) > 1e-9) or rank != other_rank:
        sys.exit(f"{key}: govscore {score} #{rank}, DuckDB {other_score} #{other_rank}")
print(f"same scores and ranks for {len(ours)} records")
