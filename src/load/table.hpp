// A spreadsheet as rows of text cells, and the readers that make one from
// CSV and XLSX (internal header).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "govscore/error.hpp"
#include "load/raw_record.hpp"

namespace govscore {

// A spreadsheet as read from CSV or XLSX: rows of text cells, each with its
// place (line and column for CSV; row and column number for XLSX).
struct TableCell {
  std::string text;
  RawPlace place;
  bool numeric = false;  // an XLSX number cell (CSV cells are all text)
  // XLSX: the merged range the cell lies in ("D5:D6"), empty when none;
  // `merged_copy` when its text is the range's first cell's, not its own.
  std::string merged;
  bool merged_copy = false;
};
struct Table {
  std::vector<std::vector<TableCell>> rows;  // rows[0] is the header
};

// Whether a cell's text is blank: empty, or only spaces, tabs, line breaks
// and ideographic spaces (U+3000).
[[nodiscard]] bool is_blank_text(std::string_view text);
// Whether a row holds nothing: every cell blank or a merged range's copy.
// Readers skip such rows (Excel exports trailing ",,," rows).
[[nodiscard]] bool is_blank_row(const std::vector<TableCell>& row);

// Reads a CSV file (UTF-8 with or without BOM, or GBK/GB18030, detected and
// converted) into a table; problems go to `diagnostics`.
Table read_csv(const std::string& content, const std::string& path, Diagnostics& diagnostics);

// Reads one sheet (the first, or `sheet` by name) of an .xlsx workbook whose
// bytes are `content`; `path` names it in messages.
Table read_xlsx_sheet(const std::string& content, const std::string& path, const std::string& sheet,
                      Diagnostics& diagnostics);

}  // namespace govscore
