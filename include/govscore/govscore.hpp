// govscore's library in one include: the flow of a quarter, each step in
// its own header.
//
//   load_rules (rules.hpp)       a YAML rule file → RuleSet, or diagnostics
//   load_records (records.hpp)   JSON, NDJSON, CSV, XLSX → Batch, or diagnostics
//   score (score.hpp)            Batch → one Result per record, with its trace
//   rank (rank.hpp)              Results → ranked, as published annexes rank
//   render: report.hpp (table, CSV, Markdown, JSON), xlsx.hpp, html.hpp,
//           docx.hpp, summary.hpp / bulletin.hpp (the 通报's figures and lists),
//           explain.hpp (a unit's trace in words), audit.hpp (a published
//           table checked)
//   write_file_atomically (output_file.hpp)   whole or not at all
//   the archive of quarters (archive.hpp, history.hpp; not in the web build)
//
// Contracts that hold across the library:
// - Nothing prints and nothing exits. Bad input gives Diagnostics with the
//   place (file, line, column, record, field) and the reason; only functions
//   whose contract says so throw govscore::Error (e.g. writing a file).
// - Same inputs, same bytes out, at any LoadOptions::jobs / thread count.
// - Threads: none, unless a caller asks with `jobs` other than 1; threads the
//   library starts end before the call returns.
// - Lifetimes: a Record's texts (id, name, owner …) and its deductions are
//   views into storage that its Batch holds (the records file itself,
//   memory-mapped, or copies), so they live as long as the Batch or a copy
//   of it does. A records file changed or cut short by another program
//   while it is loaded, or while a Batch that maps it lives, is outside
//   the contract (docs/limits.md): a mapped file cut short can end the
//   process (SIGBUS).
// - Exact decimals throughout (exact.hpp, millionths.hpp); no binary
//   floating point in a score.
#pragma once

#include "govscore/annex.hpp"
#include "govscore/audit.hpp"
#include "govscore/bulletin.hpp"
#include "govscore/bulletin_outline.hpp"
#include "govscore/calendar.hpp"
#include "govscore/docx.hpp"
#include "govscore/error.hpp"
#include "govscore/exact.hpp"
#include "govscore/explain.hpp"
#include "govscore/expression.hpp"
#include "govscore/html.hpp"
#include "govscore/limits.hpp"
#include "govscore/millionths.hpp"
#include "govscore/output_file.hpp"
#include "govscore/rank.hpp"
#include "govscore/records.hpp"
#include "govscore/report.hpp"
#include "govscore/rules.hpp"
#include "govscore/score.hpp"
#include "govscore/summary.hpp"
#include "govscore/tiers.hpp"
#include "govscore/version.hpp"
#include "govscore/xlsx.hpp"
// Declared everywhere; defined only where the archive is built (not in the
// WebAssembly module, which has no SQLite).
#include "govscore/archive.hpp"
#include "govscore/history.hpp"
