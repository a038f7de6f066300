// The terminal writer: each annex table under its title, columns aligned
// by display width (a Chinese character takes two columns).
#include <algorithm>
#include <ostream>
#include <sstream>

#include "govscore/report.hpp"
#include "util/text.hpp"

namespace govscore {
namespace {

std::string pad(const std::string& s, std::size_t width, bool right) {
  std::size_t w = text::display_width(s);
  std::string fill(width > w ? width - w : 0, ' ');
  return right ? fill + s : s + fill;
}

}  // namespace

std::optional<Format> parse_format(const std::string& name) {
  if (name == "table") return Format::kTable;
  if (name == "csv") return Format::kCsv;
  if (name == "json") return Format::kJson;
  if (name == "md" || name == "markdown") return Format::kMarkdown;
  return std::nullopt;
}

void write_text(std::ostream& out, const std::vector<AnnexTable>& tables) {
  bool first = true;
  for (const auto& table : tables) {
    if (!first) out << "\n";
    first = false;
    out << table.title << "\n";
    std::vector<std::size_t> widths;
    for (const auto& c : table.columns) widths.push_back(text::display_width(c.one_row()));
    table.for_each_row([&](const AnnexRow& row) {
      for (std::size_t i = 0; i < row.cells.size(); ++i) widths[i] = std::max(widths[i], text::display_width(row.cells[i]));
    });
    auto line = [&](const std::vector<std::string>& cells) {
      for (std::size_t i = 0; i < cells.size(); ++i) {
        bool last = i + 1 == cells.size();
        if (i) out << "  ";
        if (last && !table.columns[i].numeric) out << cells[i];  // no trailing blanks
        else out << pad(cells[i], widths[i], table.columns[i].numeric);
      }
      out << "\n";
    };
    std::vector<std::string> head;
    for (const auto& c : table.columns) head.push_back(c.one_row());
    line(head);
    std::size_t total = 0;
    for (auto w : widths) total += w;
    out << std::string(total + 2 * (widths.size() - 1), '-') << "\n";
    table.for_each_row([&](const AnnexRow& row) { line(row.cells); });
  }
}

std::string render_text(const std::vector<AnnexTable>& tables) {
  std::ostringstream out;
  write_text(out, tables);
  return out.str();
}

}  // namespace govscore
