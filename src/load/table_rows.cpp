// What counts as an empty cell or row in a sheet (table.hpp).
#include "load/raw_record.hpp"
#include "load/table.hpp"

namespace govscore {

bool is_blank_text(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    if (text.compare(i, 3, "\xE3\x80\x80") == 0) {  // U+3000 ideographic space
      i += 2;
      continue;
    }
    return false;
  }
  return true;
}

bool is_blank_row(const std::vector<TableCell>& row) {
  for (const auto& cell : row)
    if (!cell.merged_copy && !is_blank_text(cell.text)) return false;
  return true;
}

}  // namespace govscore
