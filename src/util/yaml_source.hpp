// YAML files as govscore reads them (internal header): rule files and
// calendar files are parsed behind the same guards, and their problems are
// placed and worded alike.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "govscore/error.hpp"
#include "util/text.hpp"

namespace govscore::yaml_source {

// Which kind of file is read, for the words of its messages.
enum class FileKind { kRules, kCalendar };

// The lines of a YAML file, to turn yaml-cpp's marks (0-based, columns in
// bytes) into the character columns editors and our JSON messages show.
class Lines {
 public:
  explicit Lines(const std::string& content) {
    std::size_t start = 0;
    while (start <= content.size()) {
      std::size_t end = content.find('\n', start);
      if (end == std::string::npos) end = content.size();
      lines_.emplace_back(content.data() + start, end - start);
      start = end + 1;
    }
  }
  // Line `line` (0-based), or empty when there is none.
  [[nodiscard]] std::string_view line(int line) const {
    return line >= 0 && static_cast<std::size_t>(line) < lines_.size() ? lines_[static_cast<std::size_t>(line)]
                                                                          : std::string_view();
  }
  // The 1-based character column of a mark.
  [[nodiscard]] int column(const YAML::Mark& mark) const {
    if (mark.line < 0 || static_cast<std::size_t>(mark.line) >= lines_.size()) return mark.column + 1;
    return text::line_column(line(mark.line), static_cast<std::size_t>(std::max(0, mark.column))).column;
  }

 private:
  std::vector<std::string_view> lines_;
};

// Parses `content`, the text of the file `path`: first refuses what could
// exhaust yaml-cpp — anchors and aliases (which expand exponentially,
// "billion laughs") and nesting deeper than limits::kMaxYamlDepth — and
// text that is not UTF-8; then reports every key written twice in one
// mapping. Returns the root (a null node for an empty file, for the caller
// to word), or nullopt when the text cannot be parsed; every problem is an
// error in `diag` with its line and column. The caller checks the size.
[[nodiscard]] std::optional<YAML::Node> parse(const std::string& content, const std::string& path, FileKind kind,
                                              Diagnostics& diag);

}  // namespace govscore::yaml_source
