#include "govscore/report.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <functional>
#include <ostream>
#include <sstream>
#include <thread>
#include <nlohmann/json.hpp>

#include "govscore/records.hpp"
#include "govscore/rules.hpp"
#include "govscore/score.hpp"
#include "text.hpp"

namespace govscore {
namespace {

// The heading of a column as the annex prints it: a part is shown under its
// indicator ("内容更新/周扫描") in one-row formats.
std::string heading(const Column& c) { return c.group.empty() ? c.title : c.group + "/" + c.title; }

// Appends a CSV cell, quoted when it holds a comma, quote or line break.
void append_csv_cell(std::string& out, const std::string& s) {
  if (std::none_of(s.begin(), s.end(), [](char c) { return c == ',' || c == '"' || c == '\r' || c == '\n'; })) {
    out += s;
    return;
  }
  out += '"';
  for (char ch : s) {
    if (ch == '"') out += '"';
    out += ch;
  }
  out += '"';
}

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

void append_csv_line(std::string& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) out += ',';
    append_csv_cell(out, cells[i]);
  }
  out += "\r\n";
}

// Appends rows [from, to) of `table` as CSV lines, each to the buffer
// `buffer_for_line()` returns then (which may flush or start a buffer).
template <typename BufferForLine>
void append_csv_rows(const AnnexTable& table, std::size_t from, std::size_t to, BufferForLine buffer_for_line) {
  AnnexRow scratch;
  for (std::size_t i = from; i < to; ++i) append_csv_line(buffer_for_line(), table.row(i, scratch).cells);
}

// From this many rows a CSV table is made on two cores.
constexpr std::size_t kTwoCoreRows = 20000;

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
  std::string buffer = "\xEF\xBB\xBF";
  auto flush_if_full = [&] {
    if (buffer.size() < (std::size_t{64} << 10)) return;
    out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    buffer.clear();
  };
  bool titled = tables.size() > 1;
  for (std::size_t t = 0; t < tables.size(); ++t) {
    const auto& table = tables[t];
    if (t > 0) buffer += "\r\n";
    if (titled) {
      append_csv_cell(buffer, table.title);
      buffer += "\r\n";
    }
    std::vector<std::string> head;
    for (const auto& c : table.columns) head.push_back(heading(c));
    append_csv_line(buffer, head);
    // A large table: its second half is made on the other core, into 1 MiB
    // chunks of its own (one growing string would copy itself over and
    // over), while this core makes and writes the first.
    const std::size_t rows = table.row_count();
    const std::size_t half = rows >= kTwoCoreRows ? rows / 2 : rows;
    constexpr std::size_t kChunk = std::size_t{1} << 20;
    std::vector<std::string> second_half;
    std::thread other;
    if (half < rows)
      other = std::thread([&] {
        append_csv_rows(table, half, rows, [&]() -> std::string& {
          if (second_half.empty() || second_half.back().size() >= kChunk)
            second_half.emplace_back().reserve(kChunk + (std::size_t{64} << 10));
          return second_half.back();
        });
      });
    append_csv_rows(table, 0, half, [&]() -> std::string& {
      flush_if_full();
      return buffer;
    });
    if (other.joinable()) {
      other.join();
      out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      buffer.clear();
      for (const auto& chunk : second_half) out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    }
  }
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
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
  if (::rename(temp.c_str(), path.c_str()) != 0) fail("cannot replace", errno);
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
