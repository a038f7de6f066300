#include "govscore/report.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <functional>
#include <memory>
#include <mutex>
#include <ostream>
#include <sstream>
#include <thread>
#include <nlohmann/json.hpp>

#include "govscore/records.hpp"
#include "govscore/rules.hpp"
#include "govscore/score.hpp"
#include "util/text.hpp"

namespace govscore {
namespace {

// The heading of a column as the annex prints it: a part is shown under its
// indicator ("内容更新/周扫描") in one-row formats.
std::string heading(const Column& c) { return c.group.empty() ? c.title : c.group + "/" + c.title; }

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
    char* p = room(2 * s.size() + 3);  // the most a quoted cell and its comma take
    if (!first) *p++ = ',';
    // Copied as it is scanned (cells are a few bytes: a call to memcpy cost
    // more than the copy); written again, quoted, in the rare cell that
    // needs quotes.
    char* const start = p;
    bool plain = true;
    for (char c : s) {
      plain = plain && c != ',' && c != '"' && c != '\r' && c != '\n';
      *p++ = c;
    }
    if (!plain) {
      p = start;
      *p++ = '"';
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

std::string markdown_cell(const std::string& s) {
  std::string out;
  for (char ch : s) {
    if (ch == '|') out += "\\|";
    else if (ch == '\n' || ch == '\r') out += ' ';
    else out += ch;
  }
  return out;
}

std::string pad(const std::string& s, std::size_t width, bool right) {
  std::size_t w = text::display_width(s);
  std::string fill(width > w ? width - w : 0, ' ');
  return right ? fill + s : s + fill;
}

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

// From this many rows a CSV table is made on two cores, in blocks of this
// many rows.
constexpr std::size_t kTwoCoreRows = 20000;
constexpr std::size_t kBlockRows = 4096;

// Makes the CSV lines of a large table on two cores and writes them in
// order. Rows are shared out in blocks as each core comes free (halves
// would not do: the rows at the bottom of a ranking carry the most
// deductions and take twice as long to make); this core writes each block
// as soon as it and every block before it are made.
void write_csv_rows_on_two_cores(std::ostream& out, const AnnexTable& table) {
  const std::size_t rows = table.row_count();
  const std::size_t blocks = (rows + kBlockRows - 1) / kBlockRows;
  std::vector<CsvText> made(blocks);
  std::vector<char> ready(blocks, 0);  // guarded by `mutex`
  std::mutex mutex;
  std::condition_variable block_ready;
  std::atomic<std::size_t> next{0};
  // Makes blocks until none is left; `after_each` runs after each one.
  auto make_blocks = [&](auto after_each) {
    for (std::size_t b = next.fetch_add(1); b < blocks; b = next.fetch_add(1)) {
      CsvText text(kBlockRows * 128);
      append_csv_rows(table, b * kBlockRows, std::min(rows, (b + 1) * kBlockRows), [&]() -> CsvText& { return text; });
      {
        std::lock_guard<std::mutex> lock(mutex);
        made[b] = std::move(text);
        ready[b] = 1;
      }
      block_ready.notify_one();
      after_each();
    }
  };
  std::thread other([&] { make_blocks([] {}); });
  std::size_t written = 0;
  auto write_ready = [&](bool wait) {
    std::unique_lock<std::mutex> lock(mutex);
    while (written < blocks) {
      if (!ready[written]) {
        if (!wait) return;
        block_ready.wait(lock, [&] { return ready[written] != 0; });
      }
      CsvText text = std::move(made[written++]);
      lock.unlock();
      text.write_to(out);
      lock.lock();
    }
  };
  make_blocks([&] { write_ready(/*wait=*/false); });
  write_ready(/*wait=*/true);
  other.join();
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
    for (const auto& c : table.columns) widths.push_back(text::display_width(heading(c)));
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
    for (const auto& c : table.columns) head.push_back(heading(c));
    line(head);
    std::size_t total = 0;
    for (auto w : widths) total += w;
    out << std::string(total + 2 * (widths.size() - 1), '-') << "\n";
    table.for_each_row([&](const AnnexRow& row) { line(row.cells); });
  }
}

void write_csv(std::ostream& out, const std::vector<AnnexTable>& tables) {
  // Lines are gathered into a buffer and written 64 KiB at a time: a
  // stream call per cell was most of the time to write a million rows.
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
    for (const auto& c : table.columns) head.push_back(heading(c));
    append_csv_line(buffer, head);
    if (table.row_count() >= kTwoCoreRows) {
      buffer.write_to(out);
      buffer.clear();
      write_csv_rows_on_two_cores(out, table);
      continue;
    }
    append_csv_rows(table, 0, table.row_count(), [&]() -> CsvText& {
      flush_if_full();
      return buffer;
    });
  }
  buffer.write_to(out);
}

void write_markdown_table(std::ostream& out, const AnnexTable& table) {
  out << "|";
  for (const auto& c : table.columns) out << " " << markdown_cell(heading(c)) << " |";
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

std::string render_text(const std::vector<AnnexTable>& tables) {
  std::ostringstream out;
  write_text(out, tables);
  return out.str();
}

std::string render_csv(const std::vector<AnnexTable>& tables) {
  std::ostringstream out;
  write_csv(out, tables);
  return out.str();
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

std::string render_json(const RuleSet& rules, const Batch& batch, const std::vector<Result>& ranked,
                        const std::string& target) {
  using json = nlohmann::ordered_json;
  // Numbers are written from their exact decimal text, never through a
  // double, so 88.9 is 88.9 in every run.
  auto number = [](const Exact& e, int places) { return json::parse(e.fixed(places)); };
  // Exact when it has a finite decimal form (deductions, 0.5 factors); a
  // rescale such as 100/90 is given to 6 decimals.
  auto exact = [](const Exact& e) { return json::parse(e.decimals() ? e.str() : e.fixed(6)); };
  json results = json::array();
  for (const auto& r : ranked) {
    const Record& rec = batch.records[r.record];
    const Target& t = rules.targets[rec.target];
    if (!target.empty() && t.id != target) continue;
    json j;
    j["id"] = rec.id;
    j["name"] = rec.name;
    j["owner"] = rec.owner;
    j["target"] = t.id;
    j["region"] = rec.region;
    j["group"] = rec.group;
    j["platform"] = rec.platform;
    j["score"] = r.has_score() ? number(*r.score(), rules.decimals) : json(nullptr);
    j["passed"] = r.passed;
    j["result"] = r.verdict();
    j["rank"] = r.rank() ? json(*r.rank()) : json(nullptr);
    json vetoes = json::array();
    for (auto v : rec.vetoes) vetoes.push_back(t.veto_title(v));
    j["vetoes"] = vetoes;
    json deductions = json::object();
    json not_assessed = json::array();
    bool scored = r.has_score();
    // Recomputed when score() did not keep it: cheap, and held one at a time.
    std::shared_ptr<const Trace> trace = r.trace ? r.trace : score_record(rules, rec).trace;
    for (const auto& it : trace->indicators) {
      const auto& title = t.deductions[it.indicator].title;
      if (it.assessed) deductions[title] = exact(it.deducted);
      else not_assessed.push_back(title);
    }
    j["deductions"] = deductions;
    j["bonus"] = scored && t.bonus ? exact(trace->bonus->counted) : (scored ? json(0) : json(nullptr));
    j["not_assessed"] = not_assessed;
    j["scale"] = scored ? exact(trace->scale) : json(nullptr);
    results.push_back(std::move(j));
  }
  json out;
  out["rules"] = rules.id;
  out["period"] = batch.period;
  out["results"] = std::move(results);
  return out.dump(2) + "\n";
}

namespace {
// The temporary file being written, for a signal handler to remove (see
// pending_temporary_file). A fixed buffer: a handler may not allocate.
char g_pending[4096];
}  // namespace

const char* pending_temporary_file() { return g_pending; }

void replace_atomically(const std::string& path, const std::function<void(const std::string& temp)>& fill) {
  std::string dir = ".";
  std::string base = path;
  if (auto slash = path.rfind('/'); slash != std::string::npos) {
    dir = slash == 0 ? "/" : path.substr(0, slash);
    base = path.substr(slash + 1);
  }
  std::string temp = dir + "/." + base + ".tmp-XXXXXX";
  std::vector<char> name(temp.begin(), temp.end());
  name.push_back('\0');
  if (name.size() >= sizeof g_pending) throw Error(path + ": cannot write: the path is too long");
  int fd = mkstemp(name.data());
  if (fd < 0) throw Error(path + ": cannot write: " + std::strerror(errno));
  std::memcpy(g_pending, name.data(), name.size());
  ::close(fd);
  temp = name.data();
  auto fail = [&](const std::string& what, int err) {
    ::unlink(temp.c_str());
    g_pending[0] = '\0';
    throw Error(path + ": " + what + (err ? std::string(": ") + std::strerror(err) : std::string()));
  };
  try {
    fill(temp);
  } catch (const Error& e) {
    fail(e.what(), 0);
  }
  // mkstemp creates the file 0600; give it the usual 0666 less umask.
  mode_t mask = umask(0);
  umask(mask);
  if (::chmod(temp.c_str(), 0666 & ~mask) != 0) fail("cannot set permissions", errno);
  fd = ::open(temp.c_str(), O_RDONLY);
  if (fd < 0 || ::fsync(fd) != 0) {
    int err = errno;
    if (fd >= 0) ::close(fd);
    fail("cannot flush", err);
  }
  ::close(fd);
  // The file being replaced is held open across the rename, which then only
  // moves names: freeing the old file's blocks (15 ms for a national
  // quarter's table) falls to whoever lets go of it last — a thread of its
  // own, while the caller goes on.
  const int replaced = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);  // NONBLOCK: a FIFO must not wait
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    if (replaced >= 0) ::close(replaced);
    fail("cannot replace", err);
  }
  if (replaced >= 0) std::thread([replaced] { ::close(replaced); }).detach();
  g_pending[0] = '\0';
}

void write_file_atomically(const std::string& path, const std::string& content) {
  replace_atomically(path, [&](const std::string& temp) {
    int fd = ::open(temp.c_str(), O_WRONLY | O_TRUNC);
    if (fd < 0) throw Error(std::string("cannot write: ") + std::strerror(errno));
    std::size_t written = 0;
    while (written < content.size()) {
      ssize_t n = ::write(fd, content.data() + written, content.size() - written);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        int err = errno;
        ::close(fd);
        throw Error(std::string("cannot write: ") + std::strerror(err));
      }
      written += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0) throw Error(std::string("cannot close: ") + std::strerror(errno));
  });
}

}  // namespace govscore
