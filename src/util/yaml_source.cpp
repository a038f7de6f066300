#include "util/yaml_source.hpp"

#include <map>

#include "govscore/limits.hpp"

namespace govscore::yaml_source {
namespace {

// yaml-cpp's reason for a parse error as a Message: its reasons are fixed
// texts (ErrorMsg in yaml-cpp/exceptions.h), so the catalog can word them;
// one not listed here stays as yaml-cpp wrote it.
Message yaml_reason(const std::string& reason) {
  static const Message kKnown[] = {
      tr("end of map not found"),
      tr("end of map flow not found"),
      tr("end of sequence not found"),
      tr("end of sequence flow not found"),
      tr("unknown token"),
      tr("illegal document indicator in scalar"),
      tr("illegal EOF in scalar"),
      tr("illegal character in scalar"),
      tr("illegal tab when looking for indentation"),
      tr("illegal flow end"),
      tr("illegal block entry"),
      tr("illegal map key"),
      tr("illegal map value"),
      tr("bad character found while scanning hex number"),
      tr("unexpected character in block scalar"),
      tr("cannot set zero indentation for a block scalar"),
      tr("cannot assign multiple tags to the same node"),
      tr("YAML directives must have exactly one argument"),
      tr("YAML major version too large"),
      tr("repeated YAML directive"),
      tr("TAG directives must have exactly two arguments"),
      tr("repeated TAG directive"),
      tr("illegal character found while scanning tag handle"),
      tr("tag handle with no suffix"),
      tr("end of verbatim tag not found"),
      tr("invalid character in single-quoted string"),
  };
  for (const Message& known : kKnown)
    if (known.id() == reason) return known;
  auto after = [&](std::string_view prefix) {
    return reason.rfind(prefix, 0) == 0 ? std::optional<std::string>(reason.substr(prefix.size())) : std::nullopt;
  };
  if (auto rest = after("unknown escape character: ")) return tr("unknown escape character: {0}", *rest);
  if (auto rest = after("invalid unicode: ")) return tr("invalid unicode: {0}", *rest);
  if (auto rest = after("bad YAML version: ")) return tr("bad YAML version: {0}", *rest);
  return Message::verbatim(reason);
}

// Refuses, before yaml-cpp sees them, inputs that could exhaust it:
// anchors and aliases (which expand exponentially, "billion laughs"), and
// nesting deep enough to exhaust its recursive parser's stack. Returns
// whether the text is safe to parse.
bool safe(const std::string& content, const std::string& path, FileKind kind, Diagnostics& diag) {
  int depth = 0;
  char quote = 0;
  bool line_start = true;
  char previous = '\n';  // the last non-blank character
  auto fail = [&](std::size_t i, Message why) {
    auto lc = text::line_column(content, i);
    diag.error(path, lc.line, lc.column, why);
    return false;
  };
  for (std::size_t i = 0; i < content.size(); ++i) {
    char c = content[i];
    if (c == '\n') {
      line_start = true;
      previous = '\n';
      if (quote == '#') quote = 0;
      continue;
    }
    if (line_start) {
      std::size_t indent = 0;
      while (i + indent < content.size() && content[i + indent] == ' ') ++indent;
      if (indent > static_cast<std::size_t>(4 * limits::kMaxYamlDepth))
        return fail(i, kind == FileKind::kRules
                           ? tr("indented {0} columns; rule files nest at most {1} levels", indent, limits::kMaxYamlDepth)
                           : tr("indented {0} columns; calendar files nest at most {1} levels", indent,
                                limits::kMaxYamlDepth));
      line_start = false;
    }
    if (quote) {
      if (quote != '#' && c == quote) quote = 0;
      continue;
    }
    bool node_start = previous == '\n' || previous == ':' || previous == ',' || previous == '[' || previous == '{' ||
                      previous == '-' || previous == '?';
    if (c == '"' || c == '\'') {
      if (node_start) quote = c;
    } else if (c == '#' && (i == 0 || content[i - 1] == ' ' || content[i - 1] == '\t' || previous == '\n')) {
      quote = '#';
    } else if ((c == '&' || c == '*') && node_start && i + 1 < content.size() && content[i + 1] != ' ' &&
               content[i + 1] != '\n') {
      return fail(i, kind == FileKind::kRules
                         ? tr("YAML anchors and aliases (& and *) are not allowed in rule files; write each item out")
                         : tr("YAML anchors and aliases (& and *) are not allowed in calendar files; write each item out"));
    } else if (c == '[' || c == '{') {
      if (++depth > limits::kMaxYamlDepth) return fail(i, tr("nested deeper than {0} levels", limits::kMaxYamlDepth));
    } else if (c == ']' || c == '}') {
      --depth;
    }
    if (c != ' ' && c != '\t') previous = c;
  }
  return true;
}

// Reports every key written twice in one mapping, at the second, naming the
// first: yaml-cpp keeps both and a lookup finds only the first, so the
// second would be silently ignored. Nesting is bounded by safe().
void check_duplicate_keys(const YAML::Node& node, const std::string& path, const Lines& lines, Diagnostics& diag) {
  if (node.IsSequence()) {
    for (const auto& item : node) check_duplicate_keys(item, path, lines, diag);
    return;
  }
  if (!node.IsMap()) return;
  std::map<std::string, YAML::Mark> seen;
  for (const auto& pair : node) {
    const YAML::Node& key = pair.first;
    if (key.IsScalar()) {
      auto [it, fresh] = seen.emplace(key.Scalar(), key.Mark());
      if (!fresh)
        diag.error(path, key.Mark().line + 1, lines.column(key.Mark()),
                   tr("duplicate key \"{0}\" (first at line {1}, column {2}); each key may be given once", key.Scalar(),
                      it->second.line + 1, lines.column(it->second)));
    }
    check_duplicate_keys(pair.second, path, lines, diag);
  }
}

}  // namespace

std::optional<YAML::Node> parse(const std::string& content, const std::string& path, FileKind kind, Diagnostics& diag) {
  if (!safe(content, path, kind, diag)) return std::nullopt;
  std::size_t bad = 0;
  if (!text::valid_utf8(content, &bad)) {
    auto lc = text::line_column(content, bad);
    diag.error(path, lc.line, lc.column,
               kind == FileKind::kRules ? tr("not valid UTF-8 (byte {0}); save the rule file as UTF-8", bad)
                                        : tr("not valid UTF-8 (byte {0}); save the calendar file as UTF-8", bad));
    return std::nullopt;
  }
  const Lines lines(content);
  YAML::Node root;
  try {
    root = YAML::Load(content);
  } catch (const YAML::Exception& e) {
    // yaml-cpp's words for a tab in the indentation are cryptic; say it plainly.
    std::string_view line = lines.line(e.mark.line);
    Message hint;
    if (line.substr(0, line.find_first_not_of(" \t")).find('\t') != std::string_view::npos)
      hint = tr(" (this line is indented with a tab; YAML indents with spaces)");
    diag.error(path, e.mark.line + 1, lines.column(e.mark), tr("YAML: {0}{1}", yaml_reason(e.msg), hint));
    return std::nullopt;
  }
  check_duplicate_keys(root, path, lines, diag);
  return root;
}

}  // namespace govscore::yaml_source
