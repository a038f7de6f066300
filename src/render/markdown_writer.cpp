// The Markdown writer: a "### title" and a pipe table per annex.
#include <ostream>
#include <sstream>

#include "govscore/report.hpp"

namespace govscore {
namespace {

std::string markdown_cell(const std::string& s) {
  std::string out;
  for (char ch : s) {
    if (ch == '|') out += "\\|";
    else if (ch == '\n' || ch == '\r') out += ' ';
    else out += ch;
  }
  return out;
}

}  // namespace

void write_markdown_table(std::ostream& out, const AnnexTable& table) {
  out << "|";
  for (const auto& c : table.columns) out << " " << markdown_cell(c.one_row()) << " |";
  out << "\n|";
  for (const auto& c : table.columns) out << (c.numeric ? " ---: |" : " --- |");
  out << "\n";
  table.for_each_row([&](const AnnexRow& row) {
    out << "|";
    for (const auto& cell : row.cells) out << " " << markdown_cell(cell) << " |";
    out << "\n";
  });
}

void write_markdown(std::ostream& out, const std::vector<AnnexTable>& tables) {
  bool first = true;
  for (const auto& table : tables) {
    if (!first) out << "\n";
    first = false;
    out << "### " << markdown_cell(table.title) << "\n\n";
    write_markdown_table(out, table);
  }
}

std::string render_markdown(const std::vector<AnnexTable>& tables) {
  std::ostringstream out;
  write_markdown(out, tables);
  return out.str();
}

std::string render_markdown_table(const AnnexTable& table) {
  std::ostringstream out;
  write_markdown_table(out, table);
  return out.str();
}

}  // namespace govscore
