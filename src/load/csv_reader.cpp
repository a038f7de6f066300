// CSV records as Excel and WPS write them: UTF-8 (with or without BOM) or,
// by default on Chinese Windows, GBK/GB18030 — detected and converted with
// glibc's iconv. RFC 4180 quoting, CRLF or LF.
#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>

#include "load/raw_record.hpp"
#include "util/text.hpp"

namespace govscore {
namespace {

// Converts GB18030 (a superset of GBK) to UTF-8. On failure returns false
// and sets `bad` to the offset of the first byte that is not GB18030.
bool gb18030_to_utf8(const std::string& in, std::string& out, std::size_t& bad) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    bad = 0;
    return false;
  }
  out.assign(in.size() * 2 + 16, '\0');
  char* src = const_cast<char*>(in.data());  // iconv's interface is not const-correct
  std::size_t src_left = in.size();
  char* dst = out.data();
  std::size_t dst_left = out.size();
  bool ok = true;
  while (src_left > 0) {
    if (iconv(cd, &src, &src_left, &dst, &dst_left) == static_cast<std::size_t>(-1)) {
      if (errno == E2BIG) {
        std::size_t used = static_cast<std::size_t>(dst - out.data());
        out.resize(out.size() * 2);
        dst = out.data() + used;
        dst_left = out.size() - used;
        continue;
      }
      ok = false;  // EILSEQ or EINVAL (truncated at the end)
      bad = static_cast<std::size_t>(src - in.data());
      break;
    }
  }
  out.resize(static_cast<std::size_t>(dst - out.data()));
  iconv_close(cd);
  return ok;
}

}  // namespace

Table read_csv(const std::string& raw, const std::string& path, Diagnostics& diag) {
  Table table;
  std::string content;
  std::size_t bad_utf8 = 0;
  if (raw.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    content = raw.substr(3);
    if (!text::valid_utf8(content, &bad_utf8)) {
      auto lc = text::line_column(raw, bad_utf8 + 3);
      diag.error(path, lc.line, 0, "starts with a UTF-8 BOM but byte " + std::to_string(bad_utf8 + 3) + " is not UTF-8");
      return table;
    }
  } else if (text::valid_utf8(raw, &bad_utf8)) {
    content = raw;
  } else {
    std::size_t bad_gbk = 0;
    if (!gb18030_to_utf8(raw, content, bad_gbk)) {
      // Name the first byte that is not UTF-8: a file that is neither is
      // almost always UTF-8 with a stray byte pasted in.
      std::size_t line = 1;
      for (std::size_t i = 0; i < bad_utf8; ++i) line += raw[i] == '\n';
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(raw[bad_utf8]));
      diag.error(path, static_cast<int>(line), 0,
                 "neither UTF-8 nor GBK/GB18030: byte " + std::to_string(bad_utf8) + " (" + hex + ") on line " +
                     std::to_string(line) + " is not UTF-8, and byte " + std::to_string(bad_gbk) +
                     " is not GBK; save the sheet as CSV UTF-8 or CSV (GBK)");
      return table;
    }
  }

  // RFC 4180: quoted cells may hold commas, quotes ("") and line breaks.
  std::vector<TableCell> row;
  TableCell cell;
  int line = 1;
  std::size_t line_start = 0;
  bool quoted = false;
  bool cell_started = false;
  auto start_cell = [&](std::size_t i) {
    cell = TableCell();
    cell.place = {line, text::line_column(std::string_view(content).substr(line_start, i - line_start), i - line_start).column};
    cell_started = true;
  };
  auto end_row = [&]() {
    bool blank = row.size() <= 1 && (row.empty() || row[0].text.empty());
    if (!blank) table.rows.push_back(std::move(row));
    row.clear();
  };
  for (std::size_t i = 0; i <= content.size(); ++i) {
    char c = i < content.size() ? content[i] : '\n';
    if (!cell_started) start_cell(i);
    if (quoted) {
      if (c == '"' && i + 1 < content.size() && content[i + 1] == '"') {
        cell.text += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else if (i == content.size()) {
        diag.error(path, cell.place.line, cell.place.column, "a quoted cell is never closed (missing \")");
        return table;
      } else {
        if (c == '\n') {
          ++line;
          line_start = i + 1;
        }
        cell.text += c;
      }
      continue;
    }
    if (c == '"' && cell.text.empty()) {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(cell));
      cell_started = false;
    } else if (c == '\n' || (c == '\r' && i + 1 < content.size() && content[i + 1] == '\n')) {
      if (c == '\r') ++i;
      row.push_back(std::move(cell));
      cell_started = false;
      end_row();
      ++line;
      line_start = i + 1;
    } else {
      cell.text += c;
    }
  }
  return table;
}

}  // namespace govscore
