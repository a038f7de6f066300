// CSV records as Excel and WPS write them: UTF-8 (with or without BOM) or,
// by default on Chinese Windows, GBK/GB18030 — detected and converted with
// glibc's iconv. RFC 4180 quoting, CRLF or LF.
#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>

#include "govscore/limits.hpp"
#include "load/raw_record.hpp"
#include "load/table.hpp"
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

// UTF-16, which Excel writes as "Unicode Text" and some tools as CSV: a
// byte-order mark, or NUL bytes (which neither UTF-8 nor GBK text has) in
// the high half of most of the first characters. Empty when it is not.
Message utf16_kind(const std::string& raw) {
  if (raw.compare(0, 2, "\xFF\xFE") == 0) return tr("little-endian, with a byte-order mark");
  if (raw.compare(0, 2, "\xFE\xFF") == 0) return tr("big-endian, with a byte-order mark");
  std::size_t scanned = std::min<std::size_t>(raw.size(), 65536) & ~std::size_t{1};
  std::size_t even = 0;
  std::size_t odd = 0;
  for (std::size_t i = 0; i < scanned; i += 2) {
    even += raw[i] == '\0';
    odd += raw[i + 1] == '\0';
  }
  // A stray NUL in a text file is not UTF-16: most characters of a sheet
  // (digits, commas, line ends) are ASCII, one NUL byte each in UTF-16.
  if (scanned == 0 || (even + odd) * 10 < scanned) return Message();
  if (odd * 10 >= (even + odd) * 9) return tr("little-endian, without a byte-order mark");
  if (even * 10 >= (even + odd) * 9) return tr("big-endian, without a byte-order mark");
  return Message();
}

std::string hex_byte(char byte) {
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(byte));
  return hex;
}

}  // namespace

Table read_csv(const std::string& raw, const std::string& path, Diagnostics& diag) {
  Table table;
  std::string content;
  std::size_t bad_utf8 = 0;
  if (Message kind = utf16_kind(raw); !kind.empty()) {
    diag.error(path, 0, 0,
               tr("the file is UTF-16 ({0}), which govscore does not read: save it as UTF-8 or GBK CSV (Excel: "
                  "\"CSV UTF-8\" or \"CSV\"; WPS: CSV)",
                  kind));
    return table;
  }
  if (raw.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    content = raw.substr(3);
    if (!text::valid_utf8(content, &bad_utf8)) {
      auto lc = text::line_column(raw, bad_utf8 + 3);
      diag.error(path, lc.line, 0, tr("starts with a UTF-8 BOM but byte {0} is not UTF-8", bad_utf8 + 3));
      return table;
    }
  } else if (text::valid_utf8(raw, &bad_utf8)) {
    content = raw;
  } else {
    std::size_t bad_gbk = 0;
    if (!gb18030_to_utf8(raw, content, bad_gbk)) {
      // Say where the file's own encoding stops: a GBK export with one
      // broken character on line 801 is reported there, and a UTF-8 file
      // with a stray byte where that byte is. A file is taken for GBK when
      // its first non-ASCII byte is not UTF-8 (GBK reads UTF-8's Chinese as
      // other characters for a while, so how far it gets says little).
      bool utf8_before = std::any_of(raw.begin(), raw.begin() + static_cast<std::ptrdiff_t>(bad_utf8),
                                     [](char b) { return (static_cast<unsigned char>(b) & 0x80) != 0; });
      if (!utf8_before && bad_gbk > bad_utf8) {
        // GBK never uses a line-end byte inside a character, so lines are
        // counted in the original bytes; columns in the converted text.
        int line = 1 + static_cast<int>(std::count(raw.begin(), raw.begin() + static_cast<std::ptrdiff_t>(bad_gbk), '\n'));
        std::string_view converted(content);
        auto start = converted.rfind('\n');
        converted = start == std::string_view::npos ? converted : converted.substr(start + 1);
        int column = text::line_column(converted, converted.size()).column;
        diag.error(
            path, line, column,
            tr("neither UTF-8 nor GBK/GB18030: the file reads as GBK up to byte {0} here, which is not GBK; save the "
               "sheet as CSV UTF-8 or CSV (GBK)",
               hex_byte(raw[bad_gbk])));
      } else {
        auto lc = text::line_column(raw, bad_utf8);
        diag.error(
            path, lc.line, lc.column,
            tr("neither UTF-8 nor GBK/GB18030: the file reads as UTF-8 up to byte {0} here, which is not UTF-8; save "
               "the sheet as CSV UTF-8 or CSV (GBK)",
               hex_byte(raw[bad_utf8])));
      }
      return table;
    }
  }

  // RFC 4180: quoted cells may hold commas, quotes ("") and line breaks.
  std::vector<TableCell> row;
  TableCell cell;
  int line = 1;
  std::size_t line_start = 0;
  // Columns count characters from the line's start, counted once as the
  // scan moves on (not again from the line's start for every cell).
  std::size_t counted_to = 0;
  int characters = 0;
  bool quoted = false;
  bool cell_started = false;
  auto column_at = [&](std::size_t i) {
    if (counted_to < line_start) {
      counted_to = line_start;
      characters = 0;
    }
    for (; counted_to < i; ++counted_to) characters += (static_cast<unsigned char>(content[counted_to]) & 0xC0) != 0x80;
    return characters + 1;
  };
  auto start_cell = [&](std::size_t i) {
    cell = TableCell();
    cell.place = {line, column_at(i)};
    cell_started = true;
  };
  auto add_cell = [&]() {
    if (row.size() == static_cast<std::size_t>(limits::kMaxSheetColumns)) {
      diag.error(path, cell.place.line, cell.place.column,
                 tr("more than {0} cells in one row (XFD, the last column of a sheet)", limits::kMaxSheetColumns));
      return false;
    }
    row.push_back(std::move(cell));
    cell_started = false;
    return true;
  };
  auto end_row = [&]() {
    if (!is_blank_row(row)) table.rows.push_back(std::move(row));  // a blank or ",,," row is skipped
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
        diag.error(path, cell.place.line, cell.place.column, tr("a quoted cell is never closed (missing \")"));
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
      if (!add_cell()) return table;
    } else if (c == '\n' || c == '\r') {  // CRLF, LF, or CR alone (Excel for Mac's "CSV (Macintosh)")
      if (c == '\r' && i + 1 < content.size() && content[i + 1] == '\n') ++i;
      if (!add_cell()) return table;
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
