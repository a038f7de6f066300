#include "util/text.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include <sys/stat.h>

#include "govscore/error.hpp"

namespace govscore::text {
namespace {

// Decodes one code point at s[i], advancing i; invalid bytes decode as
// themselves (one column) so widths stay sane on bad input.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  auto b = static_cast<unsigned char>(s[i]);
  int extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : 0;
  if (extra > 0 && i + static_cast<std::size_t>(extra) >= s.size()) {
    ++i;  // truncated sequence
    return b;
  }
  char32_t cp = extra == 0 ? b : (b & (0x3F >> extra));
  ++i;
  for (int k = 0; k < extra && i < s.size(); ++k, ++i)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
  return cp;
}

bool is_wide(char32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
         (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
         (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD) ||
         cp == 0x2014 || cp == 0x2026;  // — and … print wide in Chinese fonts
}

std::vector<char32_t> code_points(std::string_view s) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < s.size();) out.push_back(next_code_point(s, i));
  return out;
}

std::size_t edit_distance(const std::vector<char32_t>& a, const std::vector<char32_t>& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::size_t display_width(std::string_view utf8) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < utf8.size();) width += is_wide(next_code_point(utf8, i)) ? 2 : 1;
  return width;
}

std::string nearest(std::string_view word, const std::vector<std::string>& candidates) {
  auto w = code_points(word);
  std::string best;
  std::size_t best_distance = 0;
  for (const auto& c : candidates) {
    auto cp = code_points(c);
    std::size_t d = edit_distance(w, cp);
    // Plausible typo: at most a third of the longer name, and at least one.
    std::size_t limit = std::max<std::size_t>(1, std::max(w.size(), cp.size()) / 3);
    if (d <= limit && (best.empty() || d < best_distance)) {
      best = c;
      best_distance = d;
    }
  }
  return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  std::string n = nearest(word, candidates);
  return n.empty() ? "" : " (did you mean \"" + n + "\"?)";
}

Message did_you_mean_message(std::string_view word, const std::vector<std::string>& candidates) {
  std::string n = nearest(word, candidates);
  return n.empty() ? Message::verbatim("") : tr(" (did you mean \"{0}\"?)", n);
}

std::size_t count_line_ends(std::string_view s) {
  // Bytes compared in 64 lanes of 8-bit counts, 255 rounds at a time (so no
  // count can overflow), which compilers turn into vector code.
  constexpr std::size_t kLanes = 64;
  constexpr std::size_t kRounds = 255;
  const char* p = s.data();
  std::size_t left = s.size();
  std::size_t total = 0;
  for (; left >= kLanes * kRounds; left -= kLanes * kRounds) {
    std::uint8_t counts[kLanes] = {};
    for (std::size_t round = 0; round < kRounds; ++round, p += kLanes)
      for (std::size_t lane = 0; lane < kLanes; ++lane) counts[lane] += p[lane] == '\n';
    for (std::size_t lane = 0; lane < kLanes; ++lane) total += counts[lane];
  }
  return total + static_cast<std::size_t>(std::count(p, p + left, '\n'));
}

LineColumn line_column(std::string_view content, std::size_t offset) {
  LineColumn lc;
  offset = std::min(offset, content.size());
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (content[i] == '\n') {
      ++lc.line;
      line_start = i + 1;
    }
  }
  // Columns count characters, not bytes, so they match what an editor shows.
  for (std::size_t i = line_start; i < offset;) {
    next_code_point(content, i);
    ++lc.column;
  }
  return lc;
}

void LineIndex::build() {
  starts_.push_back(0);
  for (const char* p = content_.data(); (p = static_cast<const char*>(std::memchr(p, '\n', content_.data() + content_.size() - p)));)
    starts_.push_back(static_cast<std::size_t>(++p - content_.data()));
}

int LineIndex::line_of(std::size_t offset) {
  if (starts_.empty()) build();
  offset = std::min(offset, content_.size());
  return static_cast<int>(std::upper_bound(starts_.begin(), starts_.end(), offset) - starts_.begin());
}

std::size_t LineIndex::start_of(int line) {
  if (starts_.empty()) build();
  return starts_[static_cast<std::size_t>(line - 1)];
}

LineColumn LineIndex::at(std::size_t offset) {
  offset = std::min(offset, content_.size());
  int line = line_of(offset);
  std::size_t start = starts_[static_cast<std::size_t>(line - 1)];
  int column = 1;
  // Places asked for in file order on one long line are counted on from
  // the last one, not from the line's start each time.
  if (last_line_ == line && last_offset_ <= offset) {
    start = last_offset_;
    column = last_column_;
  }
  column += line_column(content_.substr(start, offset - start), offset - start).column - 1;
  last_line_ = line;
  last_offset_ = offset;
  last_column_ = column;
  return {line, column};
}

std::size_t character_count(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::optional<ForbiddenCharacter> forbidden_character(std::string_view s, bool line_breaks) {
  // Every forbidden character starts with one of these bytes; most texts
  // have none, and are passed over at one comparison a byte.
  auto may_start = [](unsigned char b) { return b < 0x20 || b == 0x7F || b == 0xC2 || b == 0xD8 || b == 0xE2; };
  std::size_t i = 0;
  while (i < s.size() && !may_start(static_cast<unsigned char>(s[i]))) ++i;
  if (i == s.size()) return std::nullopt;
  std::size_t position = 1;
  for (std::size_t k = 0; k < s.size();) {
    const char32_t c = next_code_point(s, k);
    const bool control = (c < 0x20 && c != '\t' && !(line_breaks && (c == '\n' || c == '\r'))) || (c >= 0x7F && c <= 0x9F);
    const bool bidi = c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    if (control || bidi) {
      char code[16];
      std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
      return ForbiddenCharacter{code, position};
    }
    ++position;
  }
  return std::nullopt;
}

bool valid_utf8(std::string_view s, std::size_t* bad_offset) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto b = static_cast<unsigned char>(s[i]);
    std::size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    bool ok = n != 0 && i + n <= s.size() && !(n == 2 && b < 0xC2) && !(n == 4 && b > 0xF4);
    for (std::size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok && n == 3) {
      auto b1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(b == 0xE0 && b1 < 0xA0) && !(b == 0xED && b1 >= 0xA0);  // overlong, surrogates
    }
    if (ok && n == 4) {
      auto b1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(b == 0xF0 && b1 < 0x90) && !(b == 0xF4 && b1 >= 0x90);
    }
    if (!ok) {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    i += n;
  }
  return true;
}

std::string read_file(const std::string& path, std::size_t max_bytes) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) throw Error(tr("is a directory, not a file"));
  if (::stat(path.c_str(), &st) == 0 && static_cast<std::size_t>(st.st_size) > max_bytes)
    throw Error(tr("is {0} bytes; at most {1} bytes are read", std::to_string(st.st_size), max_bytes));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(tr("cannot open: {0}", std::strerror(errno)));
  // Read straight into one buffer with room for simdjson's padding, so the
  // JSON reader needs no second copy (records from a pipe are read here;
  // records files are mapped, see file_text.hpp).
  std::string content;
  std::size_t expected = S_ISREG(st.st_mode) ? static_cast<std::size_t>(st.st_size) : 0;
  content.reserve(expected + kReadPadding);
  char chunk[1 << 16];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    content.append(chunk, static_cast<std::size_t>(in.gcount()));
    if (content.size() > max_bytes) throw Error(tr("is over {0} bytes; at most {0} bytes are read", max_bytes));
  }
  if (in.bad()) throw Error(tr("cannot read: {0}", std::strerror(errno)));
  // Zero the padding beyond the end: readers may look at it, never use it.
  std::size_t size = content.size();
  content.append(kReadPadding, '\0');
  content.resize(size);
  return content;
}

std::string markup_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
        out += c;
    }
  }
  return out;
}

}  // namespace govscore::text
