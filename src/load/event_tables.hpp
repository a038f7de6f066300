// Lists of events from spreadsheets (internal): a list fact's events come
// from a table of their own — a sheet named after the fact in the records
// workbook, or a CSV file beside the records file (records.csv →
// records.messages.csv) — one row per event, keyed by the unit's id.
// docs/record-files.md, "Lists of events from spreadsheets".
#pragma once

#include <string>

#include "govscore/error.hpp"
#include "load/raw_record.hpp"
#include "load/table.hpp"

namespace govscore {

struct FactDeclaration;

// Gives every record of `raw` the events `events` lists for its id, as the
// fact `fact` (a list of objects, as JSON would give it; an empty list for a
// record without rows). The header row names the unit's id (`id`, `编号`)
// and the fact's fields; each problem of the table itself — an unknown
// heading, a row without an id or with an id no record has — goes to
// `diagnostics` at its cell in `file`, after `label` (e.g. `sheet
// "messages": `). Problems of an event's values are found later, by the
// checks every record gets, and are placed at the unit's own row.
void attach_event_table(RawFile& raw, const Table& events, const FactDeclaration& fact, const std::string& file,
                        const Message& label, Diagnostics& diagnostics);

struct RuleSet;

// For each list fact of `rules`: the sheet of that name in the workbook whose
// bytes are `content` (none: the fact is left out, as it is from a sheet
// without that column).
void attach_event_sheets(RawFile& raw, const std::string& content, const RuleSet& rules, Diagnostics& diagnostics);

// For each list fact of `rules`: the CSV file beside `path` named after it
// (records.csv → records.messages.csv), when there is one.
void attach_event_files(RawFile& raw, const std::string& path, const RuleSet& rules, Diagnostics& diagnostics);

}  // namespace govscore
