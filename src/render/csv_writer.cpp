// The CSV writer: annex tables as RFC 4180 text that Excel and WPS open as
// Chinese (UTF-8 with a byte-order mark, CRLF).
#include <algorithm>
#include <cstring>
#include <memory>
#include <ostream>
#include <sstream>

#include "govscore/report.hpp"
#include "util/parallel.hpp"

namespace govscore {
namespace {

// CSV text being made: a byte buffer that each cell is copied into with one
// check for room. std::string's appends (a capacity check, a size and a
// terminator each, and a library call to copy a few bytes) cost more than
// the copying: a national quarter's table has fifteen million cells.
class CsvText {
 public:
  explicit CsvText(std::size_t capacity = 0) { room(capacity); }
  // A cell, after a comma unless it is the line's first; quoted when it
  // holds a comma, quote or line break (quotes doubled).
  void cell(std::string_view s, bool first) {
    char* p = room(2 * s.size() + 4);  // the most a quoted, neutralised cell and its comma take
    if (!first) *p++ = ',';
    // A text a spreadsheet program would run as a formula (=, +, -, @ first)
    // is written after an apostrophe, which Excel and WPS show as text.
    const bool formula = !s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@') && !numeral(s);
    // Copied as it is scanned (cells are a few bytes: a call to memcpy cost
    // more than the copy); written again, quoted, in the rare cell that
    // needs quotes.
    char* const start = p;
    if (formula) *p++ = '\'';
    bool plain = true;
    for (char c : s) {
      plain = plain && c != ',' && c != '"' && c != '\r' && c != '\n';
      *p++ = c;
    }
    if (!plain) {
      p = start;
      *p++ = '"';
      if (formula) *p++ = '\'';
      for (char ch : s) {
        if (ch == '"') *p++ = '"';
        *p++ = ch;
      }
      *p++ = '"';
    }
    size_ = static_cast<std::size_t>(p - data_.get());
  }
  void append(std::string_view s) {
    std::memcpy(room(s.size()), s.data(), s.size());
    size_ += s.size();
  }
  [[nodiscard]] std::size_t size() const { return size_; }
  void clear() { size_ = 0; }
  void write_to(std::ostream& out) const { out.write(data_.get(), static_cast<std::streamsize>(size_)); }

 private:
  // "-5", "+1.5": a signed number, which stays as it is.
  static bool numeral(std::string_view s) {
    if (s.size() < 2 || (s[0] != '-' && s[0] != '+')) return false;
    return s.find_first_not_of("0123456789.", 1) == std::string_view::npos && s[1] != '.';
  }
  // Where the next `n` bytes go, after making room for them.
  char* room(std::size_t n) {
    if (capacity_ - size_ < n) {
      const std::size_t capacity = std::max(2 * capacity_, size_ + n);
      auto bigger = std::make_unique<char[]>(capacity);
      if (size_ > 0) std::memcpy(bigger.get(), data_.get(), size_);
      data_ = std::move(bigger);
      capacity_ = capacity;
    }
    return data_.get() + size_;
  }
  std::unique_ptr<char[]> data_;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

// Writes each row it is given as a CSV line into the text that
// `text_for_line()` returns at the row's start (which may flush or start
// a text): cells go straight from the records into the text.
template <typename TextForLine>
class CsvLines : public RowSink {
 public:
  explicit CsvLines(TextForLine text_for_line) : text_for_line_(std::move(text_for_line)) {}
  void begin(bool) override {
    out_ = &text_for_line_();
    first_ = true;
  }
  void cell(std::string_view text) override {
    out_->cell(text, first_);
    first_ = false;
  }
  void end() override { out_->append("\r\n"); }

 private:
  TextForLine text_for_line_;
  CsvText* out_ = nullptr;
  bool first_ = true;
};

// Appends one CSV line (a heading) the way CsvLines writes rows.
void append_csv_line(CsvText& out, const std::vector<std::string>& cells) {
  auto to_out = [&out]() -> CsvText& { return out; };
  CsvLines<decltype(to_out)> line(to_out);
  line.begin(false);
  for (const auto& cell : cells) line.cell(cell);
  line.end();
}

// Appends rows [from, to) of `table` as CSV lines (see CsvLines).
template <typename TextForLine>
void append_csv_rows(const AnnexTable& table, std::size_t from, std::size_t to, TextForLine text_for_line) {
  CsvLines<TextForLine> lines(std::move(text_for_line));
  for (std::size_t i = from; i < to; ++i) table.emit_row(i, lines);
}

// From this many rows a CSV table's lines are made in parallel, in blocks
// of this many rows.
constexpr std::size_t kParallelRows = 20000;
constexpr std::size_t kBlockRows = 4096;

// Makes the CSV lines of a large table in blocks on up to `jobs` threads
// and writes them in order, each as soon as it and every block before it
// are made.
void write_csv_rows_in_parallel(std::ostream& out, const AnnexTable& table, unsigned jobs) {
  const std::size_t rows = table.row_count();
  const std::size_t blocks = (rows + kBlockRows - 1) / kBlockRows;
  std::vector<CsvText> made(blocks);
  parallel::for_each_ordered(
      blocks, jobs,
      [&](std::size_t b, unsigned) {
        CsvText text(kBlockRows * 128);
        append_csv_rows(table, b * kBlockRows, std::min(rows, (b + 1) * kBlockRows), [&]() -> CsvText& { return text; });
        made[b] = std::move(text);
      },
      [&](std::size_t b) {
        made[b].write_to(out);
        made[b] = CsvText();
      });
}

}  // namespace

void write_csv(std::ostream& out, const std::vector<AnnexTable>& tables, unsigned jobs) {
  // Lines are gathered into a buffer and written 64 KiB at a time, not a
  // stream call per cell: a national quarter's table has fifteen million.
  CsvText buffer(std::size_t{64} << 10);
  buffer.append("\xEF\xBB\xBF");
  auto flush_if_full = [&] {
    if (buffer.size() < (std::size_t{64} << 10)) return;
    buffer.write_to(out);
    buffer.clear();
  };
  bool titled = tables.size() > 1;
  for (std::size_t t = 0; t < tables.size(); ++t) {
    const auto& table = tables[t];
    if (t > 0) buffer.append("\r\n");
    if (titled) append_csv_line(buffer, {table.title});
    std::vector<std::string> head;
    for (const auto& c : table.columns) head.push_back(c.one_row());
    append_csv_line(buffer, head);
    if (jobs != 1 && table.row_count() >= kParallelRows) {
      buffer.write_to(out);
      buffer.clear();
      write_csv_rows_in_parallel(out, table, jobs);
      continue;
    }
    append_csv_rows(table, 0, table.row_count(), [&]() -> CsvText& {
      flush_if_full();
      return buffer;
    });
  }
  buffer.write_to(out);
}

std::string render_csv(const std::vector<AnnexTable>& tables) {
  std::ostringstream out;
  write_csv(out, tables);
  return out.str();
}

}  // namespace govscore
