#include "govscore/rules.hpp"

#include <yaml-cpp/yaml.h>

#include <cctype>
#include <filesystem>
#include <map>
#include <set>

#include "govscore/calendar.hpp"
#include "govscore/limits.hpp"
#include "util/text.hpp"
#include "rules/tiers.hpp"

namespace govscore {
namespace {

// The lines of a rule file, to turn yaml-cpp's marks (0-based, columns in
// bytes) into the character columns editors and our JSON messages show.
class SourceLines {
 public:
  explicit SourceLines(const std::string& content) {
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

// Walks the YAML tree of one rule file, filling a RuleSet and recording every
// problem with its place. yaml-cpp marks count from 0; messages count from 1.
class RuleReader {
 public:
  RuleReader(std::string file, const std::string& content, Diagnostics& diagnostics)
      : file_(std::move(file)), lines_(content), diag_(diagnostics) {}

  RuleSet read(const YAML::Node& root) {
    RuleSet rules;
    rules.file = file_;
    if (!root.IsMap()) {
      error(root, "a rule file is a mapping with id, title, source, decimals and targets");
      return rules;
    }
    if (root["records"] && !root["targets"]) {
      error(root, "this is a records file, not a rule file (it has \"records\"); give the rule file with --rules");
      return rules;
    }
    check_keys(root, {"id", "title", "source", "decimals", "calendar", "facts", "targets", "lists"}, "rule file");
    if (auto c = root["calendar"]) read_calendar(c, rules);
    calendar_ = rules.calendar;
    if (auto f = root["facts"]) read_facts(f, rules.facts);
    facts_ = &rules.facts;
    rules.id = required_string(root, "id", "rule file");
    rules.title = required_string(root, "title", "rule file");
    rules.source = optional_string(root, "source");
    if (auto d = root["decimals"]) {
      auto value = number(d, "decimals");
      if (value && (value->decimals() != 0 || *value < 0 || *value > Exact::kMaxDecimals))
        error(d, "decimals must be a whole number from 0 to " + std::to_string(Exact::kMaxDecimals));
      else if (value)
        rules.decimals = static_cast<int>(value->numerator());
    }
    YAML::Node targets = root["targets"];
    if (!targets) {
      error(root, "rule file: missing \"targets\"");
    } else if (!targets.IsSequence() || targets.size() == 0) {
      error(targets, "targets must be a non-empty list");
    } else {
      std::map<std::string, int> seen;
      for (const auto& node : targets) {
        Target t = read_target(node);
        if (!t.id.empty() && !seen.emplace(t.id, line(node)).second)
          error(node, "duplicate target id \"" + t.id + "\" (first on line " + std::to_string(seen[t.id]) + ")");
        rules.targets.push_back(std::move(t));
      }
    }
    for_each_item(root, "lists", "rule file", [&](const YAML::Node& item) { read_named_list(item, rules); });
    return rules;
  }

 private:
  Target read_target(const YAML::Node& node) {
    Target t;
    if (!node.IsMap()) {
      error(node, "a target is a mapping with id, title, base, pass_score, veto, deductions, bonus, bands");
      return t;
    }
    check_keys(node, {"id", "title", "base", "pass_score", "veto", "deductions", "bonus", "bands", "tiers"}, "target");
    t.id = required_string(node, "id", "target");
    t.title = required_string(node, "title", "target \"" + t.id + "\"");
    std::string where = "target \"" + t.id + "\"";
    const std::size_t errors_before = diag_.error_count();
    if (auto n = node["base"]) {
      if (auto v = number(n, where + ": base")) {
        if (*v <= 0) error(n, where + ": base must be > 0");
        t.base = *v;
      }
    }
    if (auto n = node["pass_score"]) {
      if (auto v = number(n, where + ": pass_score")) {
        if (*v < 0 || *v > t.base) error(n, where + ": pass_score must be between 0 and base (" + t.base.str() + ")");
        t.pass_score = *v;
      }
    }
    names_.clear();
    for_each_item(node, "veto", where, [&](const YAML::Node& item) {
      check_keys(item, {"id", "title", "when", "evidence"}, "veto");
      Veto v;
      std::string what = read_name(item, "veto", where, v.id, v.title);
      if (auto n = item["when"]) v.when = expression(n, what + ": when", ValueType::kBool);
      // evidence: one text for both outcomes, or {fired: …, clear: …}.
      if (auto n = item["evidence"]) {
        if (!item["when"]) error(n, what + ": evidence needs a when: condition");
        if (n.IsMap()) {
          check_keys(n, {"fired", "clear"}, "evidence");
          if (auto f = n["fired"]) v.evidence_fired = evidence(f, what + ": evidence: fired");
          if (auto c = n["clear"]) v.evidence_clear = evidence(c, what + ": evidence: clear");
        } else {
          v.evidence_fired = v.evidence_clear = evidence(n, what + ": evidence");
        }
      }
      t.veto.push_back(std::move(v));
    });
    for_each_item(node, "deductions", where, [&](const YAML::Node& item) { t.deductions.push_back(read_indicator(item, where)); });
    if (t.deductions.size() > limits::kMaxDeductionIndicators)
      error(node["deductions"], where + ": " + std::to_string(t.deductions.size()) + " deduction indicators; a target may have at most " +
                                    std::to_string(limits::kMaxDeductionIndicators));
    if (auto n = node["bonus"]) t.bonus = read_bonus(n, t, where);
    for_each_item(node, "bands", where, [&](const YAML::Node& item) { t.bands.push_back(read_band(item, where)); });
    if (auto n = node["tiers"])
      t.tiers = read_tiers(n, where, {[&](const YAML::Node& at, const std::string& m) { error(at, m); },
                                      [&](const YAML::Node& at, const std::string& w) { return number(at, w); },
                                      [&](const YAML::Node& at, const std::vector<std::string>& keys,
                                          const std::string& w) { check_keys(at, keys, w); }});

    // A max that failed to load would make the sum misleading: warn only
    // about a target that is otherwise sound.
    if (!t.deductions.empty() && diag_.error_count() == errors_before) {
      Exact total = 0;
      for (const auto& i : t.deductions) total += i.max;
      if (total != t.base)
        warning(node["deductions"], where + ": deduction maxima add up to " + total.str() + ", not base " + t.base.str());
    }
    return t;
  }

  Indicator read_indicator(const YAML::Node& item, const std::string& where) {
    Indicator ind;
    ind.place = place(item);
    check_keys(item, {"id", "title", "max", "requires_public_services", "parts", "points"}, "deduction");
    std::string what = read_name(item, "deduction", where, ind.id, ind.title);
    ind.max = positive(item, "max", what, /*required=*/true).value_or(Exact(0));
    if (auto n = item["requires_public_services"]) ind.requires_public_services = boolean(n, what + ": requires_public_services");
    for_each_item(item, "parts", what, [&](const YAML::Node& p) {
      check_keys(p, {"id", "title", "factor", "points"}, "part");
      Part part;
      std::string part_what = read_name(p, "part", what, part.id, part.title);
      part.factor = positive(p, "factor", part_what, false).value_or(Exact(1));
      if (auto n = p["points"]) part.points = expression(n, part_what + ": points", ValueType::kNumber);
      ind.parts.push_back(std::move(part));
    });
    if (auto n = item["points"]) {
      if (!ind.parts.empty()) error(n, what + ": an indicator with parts takes points: on its parts");
      else ind.points = expression(n, what + ": points", ValueType::kNumber);
    }
    return ind;
  }

  Bonus read_bonus(const YAML::Node& node, const Target& t, const std::string& where) {
    Bonus b;
    if (!node.IsMap()) {
      error(node, where + ": bonus is a mapping with max, above, rescaled, items");
      return b;
    }
    check_keys(node, {"max", "above", "rescaled", "items"}, "bonus");
    b.max = positive(node, "max", where + ": bonus", true).value_or(Exact(0));
    if (auto n = node["above"]) {
      if (auto v = number(n, where + ": bonus: above")) {
        if (*v < 0 || *v > t.base) error(n, where + ": bonus: gate \"above\" must be between 0 and base (" + t.base.str() + ")");
        b.above = *v;
      }
    }
    if (auto n = node["rescaled"]) b.rescaled = boolean(n, where + ": bonus: rescaled");
    for_each_item(node, "items", where + ": bonus", [&](const YAML::Node& item) {
      check_keys(item, {"id", "title", "max"}, "bonus item");
      BonusItem bi;
      std::string item_what = read_name(item, "bonus item", where, bi.id, bi.title);
      bi.max = positive(item, "max", item_what, true).value_or(Exact(0));
      b.items.push_back(std::move(bi));
    });
    return b;
  }

  Band read_band(const YAML::Node& item, const std::string& where) {
    Band band;
    check_keys(item, {"title", "at_least", "below"}, "band");
    band.title = required_string(item, "title", where + ": band");
    std::string what = where + ": band \"" + band.title + "\"";
    if (auto n = item["at_least"]) {
      if (auto v = number(n, what + ": at_least")) band.at_least = *v;
    } else {
      error(item, what + ": missing \"at_least\"");
    }
    if (auto n = item["below"]) {
      if (auto v = number(n, what + ": below")) {
        if (*v <= band.at_least) error(n, what + ": below must be greater than at_least");
        band.below = *v;
      }
    }
    return band;
  }

  // facts: {probes_total: number, homepage_last_update: date, …}
  void read_facts(const YAML::Node& node, FactList& facts) {
    if (!node.IsMap()) {
      error(node, "facts must be a mapping of fact name → type (number, bool or date)");
      return;
    }
    for (const auto& kv : node) {
      std::string name = kv.first.Scalar();
      bool valid_name = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0]));
      for (char c : name)
        valid_name = valid_name && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80);
      if (!valid_name || name == "and" || name == "or" || name == "not" || name == "true" || name == "false") {
        error(kv.first, "fact name \"" + name + "\" must be letters, digits and _ (not starting with a digit, not a keyword)");
        continue;
      }
      if (kv.second.IsMap() && kv.second["list"]) {
        read_list_fact(name, kv.second, facts);
        continue;
      }
      auto type = kv.second.IsScalar() ? parse_type_name(kv.second.Scalar()) : std::nullopt;
      if (!type) {
        error(kv.second, "fact \"" + name + "\": type must be number, bool, date or {list: {FIELD: TYPE, …}}");
        continue;
      }
      facts.push_back({name, *type, {}});
    }
  }

  // messages: {list: {received: date, answered: date}} — a list of events
  // whose fields are numbers, booleans or dates.
  void read_list_fact(const std::string& name, const YAML::Node& node, FactList& facts) {
    check_keys(node, {"list"}, "fact \"" + name + "\"");
    YAML::Node fields = node["list"];
    if (!fields.IsMap() || fields.size() == 0) {
      error(fields, "fact \"" + name + "\": list must be a mapping of field name → type (number, bool or date)");
      return;
    }
    FactDeclaration decl{name, ValueType::kList, {}};
    for (const auto& kv : fields) {
      std::string field = kv.first.Scalar();
      auto type = kv.second.IsScalar() ? parse_type_name(kv.second.Scalar()) : std::nullopt;
      if (!type) {
        error(kv.second, "fact \"" + name + "\": field \"" + field + "\": type must be number, bool or date");
        continue;
      }
      decl.fields.push_back({field, *type, {}});
    }
    facts.push_back(std::move(decl));
  }

  // calendar: cn-official (built in), or a calendar file's path relative to
  // the rule file (calendars/my-city.yaml).
  void read_calendar(const YAML::Node& node, RuleSet& rules) {
    if (!node.IsScalar() || node.Scalar().empty()) {
      error(node, "calendar must name a built-in calendar (cn-official) or a calendar file");
      return;
    }
    const std::string& name = node.Scalar();
    rules.calendar_name = name;
    calendar_failed_ = true;  // until it loads
    bool path = name.find('/') != std::string::npos || name.find('\\') != std::string::npos ||
                (name.size() > 5 && (name.compare(name.size() - 5, 5, ".yaml") == 0 || name.compare(name.size() - 4, 4, ".yml") == 0));
    if (!path) {
      rules.calendar = builtin_calendar(name);
      calendar_failed_ = !rules.calendar;
      if (!rules.calendar)
        error(node, "calendar: no built-in calendar \"" + name + "\"" + text::did_you_mean(name, builtin_calendar_ids()) +
                        " (a calendar file is named by its path, e.g. calendars/" + name + ".yaml)");
      return;
    }
    std::filesystem::path file = std::filesystem::path(file_).parent_path() / name;
    CalendarLoad load = load_calendar(file.lexically_normal().generic_string());
    if (load.diagnostics.has_errors()) {
      error(node, "calendar: \"" + name + "\" could not be loaded: " + load.diagnostics.items().front().str());
      return;
    }
    rules.calendar = load.calendar;
    calendar_failed_ = false;
  }

  // lists: [{id, title, target, when, by}]
  void read_named_list(const YAML::Node& item, RuleSet& rules) {
    check_keys(item, {"id", "title", "target", "when", "by"}, "list");
    NamedList list;
    list.id = required_string(item, "id", "list");
    list.title = required_string(item, "title", "list \"" + list.id + "\"");
    std::string what = "list \"" + list.id + "\"";
    for (const auto& earlier : rules.lists)
      if (!list.id.empty() && earlier.id == list.id) error(item, what + ": duplicate list id");
    std::string target = required_string(item, "target", what);
    if (!target.empty()) {
      if (auto index = rules.target_index(target)) {
        list.target = *index;
      } else {
        std::vector<std::string> ids;
        for (const auto& t : rules.targets) ids.push_back(t.id);
        error(item["target"], what + ": unknown target \"" + target + "\"" + text::did_you_mean(target, ids));
      }
    }
    if (auto n = item["when"]) list.when = expression(n, what + ": when", ValueType::kBool);
    else error(item, what + ": missing \"when\"");
    if (auto n = item["by"]) {
      std::string by = n.IsScalar() ? n.Scalar() : "";
      if (by == "group") list.by = NamedList::By::kGroup;
      else if (by == "region") list.by = NamedList::By::kRegion;
      else error(n, what + ": by must be group or region");
    }
    rules.lists.push_back(std::move(list));
  }

  // The place of character `column` (1-based) inside a scalar's text: the
  // node's own place, past an opening quote.
  std::pair<int, int> inside(const YAML::Node& n, int column_in_text) {
    int line = n.Mark().line + 1;
    int col = lines_.column(n.Mark());
    std::string_view l = lines_.line(n.Mark().line);
    std::size_t byte = static_cast<std::size_t>(std::max(0, n.Mark().column));
    bool quoted = byte < l.size() && (l[byte] == '"' || l[byte] == '\'');
    bool block = byte < l.size() && (l[byte] == '|' || l[byte] == '>');
    if (block) return {line, col};
    return {line, col + (quoted ? 1 : 0) + column_in_text - 1};
  }

  std::optional<Expression> expression(const YAML::Node& n, const std::string& what, ValueType expected) {
    if (!n.IsScalar()) {
      error(n, what + " must be an expression (text)");
      return std::nullopt;
    }
    if (n.Scalar().size() > limits::kMaxExpressionBytes) {
      error(n, what + " is " + std::to_string(n.Scalar().size()) + " bytes; an expression may be at most " +
                   std::to_string(limits::kMaxExpressionBytes));
      return std::nullopt;
    }
    std::string message;
    int col = 1;
    auto e = Expression::parse(n.Scalar(), *facts_, expected, message, col, calendar_);
    // A `calendar:` that failed to load is reported once, at the key, not at every working_days().
    if (!e && calendar_failed_ && message.rfind("working_days() needs a calendar", 0) == 0) return e;
    if (!e) {
      auto [l, c] = inside(n, col);
      diag_.error(file_, l, c, what + ": " + message);
    }
    return e;
  }

  std::optional<Template> evidence(const YAML::Node& n, const std::string& what) {
    if (!n.IsScalar()) {
      error(n, what + " must be a text");
      return std::nullopt;
    }
    std::string message;
    int col = 1;
    auto t = Template::parse(n.Scalar(), *facts_, message, col, calendar_);
    if (!t) {
      auto [l, c] = inside(n, col);
      diag_.error(file_, l, c, what + ": " + message);
    }
    return t;
  }

  // The id and title of a veto, indicator, part or bonus item, claimed within
  // the target. Returns how messages name it: `target "w": deduction "内容更新"`.
  std::string read_name(const YAML::Node& item, const std::string& kind, const std::string& where, std::string& id,
                        std::string& title) {
    id = required_string(item, "id", where + ": " + kind);
    title = required_string(item, "title", where + ": " + kind + " \"" + id + "\"");
    claim_names(item, id, title, where.substr(0, where.find(": ")));
    return where + ": " + kind + " \"" + (title.empty() ? id : title) + "\"";
  }

  // Every id and title within a target names one thing: records refer to
  // indicators, parts, vetoes and bonus items by either.
  void claim_names(const YAML::Node& node, const std::string& id, const std::string& title, const std::string& where) {
    for (const auto& name : {id, title}) {
      if (name.empty()) continue;
      auto [it, fresh] = names_.emplace(name, line(node));
      if (!fresh && !(name == title && title == id))
        error(node, where + ": duplicate id or title \"" + name + "\" (first on line " + std::to_string(it->second) + ")");
    }
  }

  template <typename Fn>
  void for_each_item(const YAML::Node& parent, const char* key, const std::string& where, Fn fn) {
    YAML::Node list = parent[key];
    if (!list || list.IsNull()) return;
    if (!list.IsSequence()) {
      error(list, where + ": " + key + " must be a list");
      return;
    }
    for (const auto& item : list) {
      if (!item.IsMap()) {
        error(item, where + ": each entry of " + key + " is a mapping");
        continue;
      }
      fn(item);
    }
  }

  void check_keys(const YAML::Node& node, const std::vector<std::string>& allowed, const std::string& what) {
    for (const auto& kv : node) {
      std::string key = kv.first.Scalar();
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
        error(kv.first, "unknown key \"" + key + "\" in " + what + text::did_you_mean(key, allowed));
    }
  }

  std::string required_string(const YAML::Node& node, const char* key, const std::string& what) {
    YAML::Node n = node[key];
    if (!n || n.IsNull()) {
      error(node, what + ": missing \"" + key + "\"");
      return "";
    }
    if (!n.IsScalar() || n.Scalar().empty()) {
      error(n, what + ": \"" + key + "\" must be a non-empty text");
      return "";
    }
    return n.Scalar();
  }

  std::string optional_string(const YAML::Node& node, const char* key) {
    YAML::Node n = node[key];
    if (!n || n.IsNull()) return "";
    if (!n.IsScalar()) {
      error(n, std::string("\"") + key + "\" must be a text");
      return "";
    }
    return n.Scalar();
  }

  std::optional<Exact> number(const YAML::Node& n, const std::string& what) {
    auto v = n.IsScalar() ? Exact::parse(n.Scalar()) : std::nullopt;
    if (!v) {
      error(n, what + " must be a number, not \"" + (n.IsScalar() ? n.Scalar() : std::string("a list or mapping")) + "\"");
      return std::nullopt;
    }
    if (v->numerator() > Exact::kMaxMagnitude * v->denominator() ||
        -v->numerator() > Exact::kMaxMagnitude * v->denominator()) {
      error(n, what + " is out of range (at most " + std::to_string(Exact::kMaxMagnitude) + ")");
      return std::nullopt;
    }
    if (!v->decimals() || *v->decimals() > Exact::kMaxDecimals) {
      error(n, what + " has more than " + std::to_string(Exact::kMaxDecimals) + " decimals");
      return std::nullopt;
    }
    return v;
  }

  std::optional<Exact> positive(const YAML::Node& node, const char* key, const std::string& what, bool required) {
    YAML::Node n = node[key];
    if (!n) {
      if (required) error(node, what + ": missing \"" + key + "\"");
      return std::nullopt;
    }
    auto v = number(n, what + ": " + key);
    if (v && *v <= 0) {
      error(n, what + ": " + key + " must be > 0");
      return std::nullopt;
    }
    return v;
  }

  bool boolean(const YAML::Node& n, const std::string& what) {
    bool value = false;
    if (n.IsScalar() && YAML::convert<bool>::decode(n, value)) return value;  // true/false, yes/no, on/off
    error(n, what + " must be true or false");
    return false;
  }

  static int line(const YAML::Node& n) { return n.Mark().line + 1; }
  static SourcePlace place(const YAML::Node& n) { return {n.Mark().line + 1, n.Mark().column + 1}; }

  void error(const YAML::Node& n, const std::string& message) {
    diag_.error(file_, n.Mark().line + 1, lines_.column(n.Mark()), message);
  }
  void warning(const YAML::Node& n, const std::string& message) {
    diag_.warning(file_, n.Mark().line + 1, lines_.column(n.Mark()), message);
  }

  std::string file_;
  SourceLines lines_;
  Diagnostics& diag_;
  std::map<std::string, int> names_;  // id/title → line, within the current target
  const FactList* facts_ = nullptr;   // the rule file's declared facts
  std::shared_ptr<const WorkCalendar> calendar_;  // the rule file's calendar, for working_days()
  bool calendar_failed_ = false;                  // `calendar:` given but not loaded (reported at the key)
};

}  // namespace

const std::string& Target::veto_title(std::size_t index) const {
  static const std::string kUnnamed = "单项否决";
  return index < veto.size() ? veto[index].title : kUnnamed;
}

std::string Target::veto_titles(const std::vector<std::size_t>& vetoes, const std::string& separator) const {
  std::string out;
  for (auto v : vetoes) out += (out.empty() ? "" : separator) + veto_title(v);
  return out;
}

const Target* RuleSet::find_target(const std::string& target_id) const {
  for (const auto& t : targets)
    if (t.id == target_id) return &t;
  return nullptr;
}

bool RuleSet::uses_dates() const {
  for (const auto& t : targets) {
    for (const auto& v : t.veto)
      if (v.when && v.when->uses_dates()) return true;
    for (const auto& i : t.deductions) {
      if (i.points && i.points->uses_dates()) return true;
      for (const auto& p : i.parts)
        if (p.points && p.points->uses_dates()) return true;
    }
  }
  for (const auto& l : lists)
    if (l.when && l.when->uses_dates()) return true;
  return false;
}

std::optional<std::size_t> RuleSet::target_index(std::string_view target_id) const {
  for (std::size_t i = 0; i < targets.size(); ++i)
    if (targets[i].id == target_id) return i;
  // Staff name a target by the title their sheets use (检查对象 政务新媒体).
  for (std::size_t i = 0; i < targets.size(); ++i)
    if (targets[i].title == target_id) return i;
  return std::nullopt;
}

// Refuses, before yaml-cpp sees them, inputs that could exhaust it:
// anchors and aliases (which expand exponentially, "billion laughs"), and
// nesting deep enough to exhaust its recursive parser's stack. Returns
// whether the text is safe to parse.
bool safe_yaml(const std::string& content, const std::string& path, Diagnostics& diag) {
  if (content.size() > limits::kMaxRuleFileBytes) {
    diag.error(path, 0, 0, "is " + std::to_string(content.size()) + " bytes; a rule file may be at most " +
                               std::to_string(limits::kMaxRuleFileBytes) + " bytes");
    return false;
  }
  int depth = 0;
  char quote = 0;
  bool line_start = true;
  char previous = '\n';  // the last non-blank character
  auto fail = [&](std::size_t i, const std::string& why) {
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
        return fail(i, "indented " + std::to_string(indent) + " columns; rule files nest at most " +
                           std::to_string(limits::kMaxYamlDepth) + " levels");
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
      return fail(i, "YAML anchors and aliases (& and *) are not allowed in rule files; write each item out");
    } else if (c == '[' || c == '{') {
      if (++depth > limits::kMaxYamlDepth)
        return fail(i, "nested deeper than " + std::to_string(limits::kMaxYamlDepth) + " levels");
    } else if (c == ']' || c == '}') {
      --depth;
    }
    if (c != ' ' && c != '\t') previous = c;
  }
  return true;
}

// Reports every key written twice in one mapping, at the second, naming the
// first: yaml-cpp keeps both and a lookup finds only the first, so the
// second would be silently ignored. Nesting is bounded by safe_yaml.
void check_duplicate_keys(const YAML::Node& node, const std::string& path, const SourceLines& lines, Diagnostics& diag) {
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
                   "duplicate key \"" + key.Scalar() + "\" (first at line " + std::to_string(it->second.line + 1) +
                       ", column " + std::to_string(lines.column(it->second)) + "); each key may be given once");
    }
    check_duplicate_keys(pair.second, path, lines, diag);
  }
}

RulesLoad load_rules_text(const std::string& content, const std::string& path) {
  RulesLoad out;
  if (!safe_yaml(content, path, out.diagnostics)) return out;
  std::size_t bad = 0;
  if (!text::valid_utf8(content, &bad)) {
    auto lc = text::line_column(content, bad);
    out.diagnostics.error(path, lc.line, lc.column,
                          "not valid UTF-8 (byte " + std::to_string(bad) + "); save the rule file as UTF-8");
    return out;
  }
  YAML::Node root;
  try {
    root = YAML::Load(content);
  } catch (const YAML::Exception& e) {
    SourceLines lines(content);
    // yaml-cpp's words for a tab in the indentation are cryptic; say it plainly.
    std::string_view line = lines.line(e.mark.line);
    std::string hint;
    if (line.substr(0, line.find_first_not_of(" \t")).find('\t') != std::string_view::npos)
      hint = " (this line is indented with a tab; YAML indents with spaces)";
    out.diagnostics.error(path, e.mark.line + 1, lines.column(e.mark), "YAML: " + e.msg + hint);
    return out;
  }
  if (!root || root.IsNull()) {
    out.diagnostics.error(path, 0, 0, "the rule file is empty");
    return out;
  }
  check_duplicate_keys(root, path, SourceLines(content), out.diagnostics);
  RuleReader reader(path, content, out.diagnostics);
  RuleSet rules = reader.read(root);
  out.diagnostics.sort_by_place({path});
  if (!out.diagnostics.has_errors()) out.rules = std::move(rules);
  return out;
}

RulesLoad load_rules(const std::string& path) {
  std::string content;
  try {
    content = text::read_file(path, limits::kMaxRuleFileBytes);
  } catch (const Error& e) {
    RulesLoad out;
    out.diagnostics.error(path, 0, 0, e.what());
    return out;
  }
  return load_rules_text(content, path);
}

}  // namespace govscore
