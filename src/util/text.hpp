// Small text utilities shared by loaders and writers (internal header).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "govscore/message.hpp"

namespace govscore::text {

// Columns a UTF-8 string occupies in a terminal: East Asian wide and
// full-width characters (汉字, 全角 punctuation) count 2, others 1.
[[nodiscard]] std::size_t display_width(std::string_view utf8);

// The candidate closest to `word` by edit distance over code points, when it
// is close enough to be a plausible typo; empty otherwise.
[[nodiscard]] std::string nearest(std::string_view word, const std::vector<std::string>& candidates);

// " (did you mean "x"?)" for nearest(), or "" when there is none.
[[nodiscard]] std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);
// The same as a Message (an empty verbatim one when there is none).
[[nodiscard]] Message did_you_mean_message(std::string_view word, const std::vector<std::string>& candidates);

// The line ends ('\n') in `s`, counted in vector lanes (std::count widens
// every byte to a 64-bit sum).
[[nodiscard]] std::size_t count_line_ends(std::string_view s);

// 1-based line and column (in code points) of a byte offset in `content`.
struct LineColumn {
  int line = 1;
  int column = 1;
};
[[nodiscard]] LineColumn line_column(std::string_view content, std::size_t offset);

// Byte offsets → line:column in one text, with the line starts indexed once
// (on first use) so that each lookup is a binary search.
class LineIndex {
 public:
  explicit LineIndex(std::string_view content) : content_(content) {}
  [[nodiscard]] LineColumn at(std::size_t offset);
  [[nodiscard]] int line_of(std::size_t offset);
  // The offset at which `line` (1-based, at most the number of lines) starts.
  [[nodiscard]] std::size_t start_of(int line);

 private:
  void build();
  std::string_view content_;
  std::vector<std::size_t> starts_;
  int last_line_ = 0;  // the place at() gave last
  std::size_t last_offset_ = 0;
  int last_column_ = 1;
};

// A character no text field may hold, found in valid UTF-8 `s`: a C0
// control other than tab (and other than CR and LF when `line_breaks`),
// NUL, DEL, a C1 control, or a bidirectional control (U+061C, U+200E,
// U+200F, U+202A–U+202E, U+2066–U+2069), which could hide or reorder what
// a reader sees. Returns it as "U+202E" and its position in characters
// (from 1), or nullopt when there is none.
struct ForbiddenCharacter {
  std::string code;
  std::size_t position = 0;
};
[[nodiscard]] std::optional<ForbiddenCharacter> forbidden_character(std::string_view s, bool line_breaks = false);

// How many characters (code points) valid UTF-8 `s` has.
[[nodiscard]] std::size_t character_count(std::string_view s);

// Whether `s` is valid UTF-8; when not, `bad_offset` is the first bad byte.
[[nodiscard]] bool valid_utf8(std::string_view s, std::size_t* bad_offset = nullptr);

// `text` as the content of an XML or HTML element or attribute: & < > " '
// written as entities, and the C0 controls neither format admits (all but
// tab, line feed and carriage return) left out.
[[nodiscard]] std::string markup_text(std::string_view text);

// Reads a whole file; throws govscore::Error ("cannot open: reason", or "is
// N bytes; at most M") when it cannot or when it is larger than `max_bytes`.
// The caller names the file.
// The returned string has at least kReadPadding bytes of spare capacity.
inline constexpr std::size_t kReadPadding = 64;
[[nodiscard]] std::string read_file(const std::string& path, std::size_t max_bytes);

}  // namespace govscore::text
