// Staff sheets as they are (internal header): which target and period a
// sheet is of — from its columns, the command line, the sheet's name, its
// title rows or the file's name — and workbooks holding several sheets of
// records. See docs/record-files.md, "Spreadsheets".
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "govscore/error.hpp"
#include "load/raw_record.hpp"
#include "load/table.hpp"

namespace govscore {

struct RuleSet;
struct LoadOptions;

// The quarters a text names, in govscore's form and in the order they
// appear, each once: "2024Q3" for 2024Q3, 2024q3, 2024年第三季度,
// 2024年三季度, 2024年第3季度 (a year of four digits not inside a longer
// number). Empty when it names none.
[[nodiscard]] std::vector<std::string> periods_named_in(std::string_view text);

// A period as staff write it in govscore's form: "2024年第三季度" (or any
// form periods_named_in reads, spaces around it aside) → "2024Q3"; any other
// text is returned as it is, for the loader to judge.
[[nodiscard]] std::string standard_period(std::string_view text);

// The one target a sheet's name or title names: its id (the whole name),
// its title, or 网站 / 新媒体 when the target's title has that word
// ("2024年第三季度政府网站检查情况统计表" → the target titled 政府网站…).
// None when it names no target, or more than one.
[[nodiscard]] std::optional<std::size_t> target_named_in(std::string_view text, const RuleSet& rules);

// What the table reader is told about a sheet, and tells back.
struct SheetInfo {
  std::string name;        // the sheet's name (XLSX), or the file's name (CSV): may name the target
  std::string id_prefix;   // put before ids made from 序号 or row numbers ("网站-"); empty: none
  std::string where;       // put before the sheet's own messages ("sheet \"网站\": "); empty: none
  // Told back:
  bool target_unknown = false;     // no target column, and nothing else names the sheet's target
  bool has_period_column = false;  // a 检查期 column
};

// Reads a table of records (one sheet) into `file`, as table_records does,
// with what `info` says of the sheet; see SheetInfo for what it tells back.
// A sheet whose target cannot be told gives no records.
void table_records_into(RawFile& file, const Table& table, const RuleSet& rules, const LoadOptions& options,
                        SheetInfo& info, Diagnostics& diagnostics);

// Whether a table has a heading row of records: a row with a 名称 (name,
// 网站名称, 账号名称) heading.
[[nodiscard]] bool has_records_heading(const Table& table);

// Reads a CSV file or an XLSX workbook into raw records: a CSV's one table;
// every sheet of a workbook with a heading row of records (or only
// LoadOptions::sheet), skipping the others with a warning; their event
// lists attached. Sheets' targets and the file's period as the functions
// above tell them; what cannot be told is said in one message per file.
// `one_of_several` (the run reads more than one CSV or XLSX file): the ids
// made from 序号 or row numbers begin with the file's name ("网站-1" from
// 网站.csv), so that two files numbered 1…n do not clash; the file's own
// event lists still name its units as they are numbered in it.
[[nodiscard]] RawFile sheet_records(const std::string& content, const std::string& path, const RuleSet& rules,
                                    const LoadOptions& options, bool one_of_several, Diagnostics& diagnostics);

}  // namespace govscore
