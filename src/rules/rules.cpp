#include "govscore/rules.hpp"

#include <yaml-cpp/yaml.h>

#include <cctype>
#include <filesystem>
#include <map>
#include <set>

#include "govscore/calendar.hpp"
#include "govscore/limits.hpp"
#include "util/text.hpp"
#include "util/yaml_source.hpp"
#include "rules/tier_reader.hpp"

namespace govscore {
namespace {

// A diagnostic quoted inside another's message, worded in the same language.
Message quoted_diagnostic(const Diagnostic& d) {
  std::string place = d.file;
  if (d.line > 0) {
    place += ":" + std::to_string(d.line);
    if (d.column > 0) place += ":" + std::to_string(d.column);
  }
  Message reason = d.what.empty() ? Message::verbatim(d.message) : d.what;
  if (d.severity == Severity::kWarning)
    return place.empty() ? tr("warning: {0}", reason) : tr("{0}: warning: {1}", place, reason);
  return place.empty() ? tr("error: {0}", reason) : tr("{0}: error: {1}", place, reason);
}

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
      error(root, tr("a rule file is a mapping with id, title, source, decimals and targets"));
      return rules;
    }
    if (root["records"] && !root["targets"]) {
      error(root, tr("this is a records file, not a rule file (it has \"records\"); give the rule file with --rules"));
      return rules;
    }
    check_keys(root, {"id", "title", "source", "decimals", "calendar", "facts", "targets", "lists"}, tr("rule file"));
    if (auto c = root["calendar"]) read_calendar(c, rules);
    calendar_ = rules.calendar;
    if (auto f = root["facts"]) read_facts(f, rules.facts);
    facts_ = &rules.facts;
    rules.id = required_string(root, "id", tr("rule file"));
    rules.title = required_string(root, "title", tr("rule file"));
    rules.source = optional_string(root, "source");
    if (auto d = root["decimals"]) {
      auto value = number(d, Message::verbatim("decimals"));
      if (value && (value->decimals() != 0 || *value < 0 || *value > Exact::kMaxDecimals))
        error(d, tr("decimals must be a whole number from 0 to {0}", Exact::kMaxDecimals));
      else if (value)
        rules.decimals = static_cast<int>(*value->integer());
    }
    YAML::Node targets = root["targets"];
    if (!targets) {
      error(root, tr("rule file: missing \"targets\""));
    } else if (!targets.IsSequence() || targets.size() == 0) {
      error(targets, tr("targets must be a non-empty list"));
    } else {
      std::map<std::string, int> seen;
      for (const auto& node : targets) {
        Target t = read_target(node);
        if (!t.id.empty() && !seen.emplace(t.id, line(node)).second)
          error(node, tr("duplicate target id \"{0}\" (first on line {1})", t.id, seen[t.id]));
        rules.targets.push_back(std::move(t));
      }
    }
    for_each_item(root, "lists", tr("rule file"), [&](const YAML::Node& item) { read_named_list(item, rules); });
    return rules;
  }

 private:
  Target read_target(const YAML::Node& node) {
    Target t;
    if (!node.IsMap()) {
      error(node, tr("a target is a mapping with id, title, base, pass_score, veto, deductions, bonus, bands"));
      return t;
    }
    check_keys(node, {"id", "title", "base", "pass_score", "veto", "deductions", "bonus", "bands", "tiers"},
               tr("target"));
    t.id = required_string(node, "id", tr("target"));
    t.title = required_string(node, "title", tr("target \"{0}\"", t.id));
    const Message where = tr("target \"{0}\"", t.id);
    target_where_ = where;
    const std::size_t errors_before = diag_.error_count();
    if (auto n = node["base"]) {
      if (auto v = number(n, tr("{0}: base", where))) {
        if (*v <= 0) error(n, tr("{0}: base must be > 0", where));
        t.base = *v;
      }
    }
    if (auto n = node["pass_score"]) {
      if (auto v = number(n, tr("{0}: pass_score", where))) {
        if (*v < 0 || *v > t.base)
          error(n, tr("{0}: pass_score must be between 0 and base ({1})", where, t.base.str()));
        t.pass_score = *v;
      }
    }
    names_.clear();
    for_each_item(node, "veto", where, [&](const YAML::Node& item) {
      check_keys(item, {"id", "title", "when", "evidence"}, tr("veto"));
      Veto v;
      const Message what = read_name(item, tr("veto"), where, v.id, v.title);
      if (auto n = item["when"]) v.when = expression(n, tr("{0}: when", what), ValueType::kBool);
      // evidence: one text for both outcomes, or {fired: …, clear: …}.
      if (auto n = item["evidence"]) {
        if (!item["when"]) error(n, tr("{0}: evidence needs a when: condition", what));
        if (n.IsMap()) {
          check_keys(n, {"fired", "clear"}, tr("evidence"));
          if (auto f = n["fired"]) v.evidence_fired = evidence(f, tr("{0}: evidence: fired", what));
          if (auto c = n["clear"]) v.evidence_clear = evidence(c, tr("{0}: evidence: clear", what));
        } else {
          v.evidence_fired = v.evidence_clear = evidence(n, tr("{0}: evidence", what));
        }
      }
      t.veto.push_back(std::move(v));
    });
    for_each_item(node, "deductions", where, [&](const YAML::Node& item) { t.deductions.push_back(read_indicator(item, where)); });
    if (t.deductions.size() > limits::kMaxDeductionIndicators)
      error(node["deductions"], tr("{0}: {1} deduction indicators; a target may have at most {2}", where,
                                   t.deductions.size(), limits::kMaxDeductionIndicators));
    if (auto n = node["bonus"]) t.bonus = read_bonus(n, t, where);
    for_each_item(node, "bands", where, [&](const YAML::Node& item) { t.bands.push_back(read_band(item, where)); });
    if (auto n = node["tiers"])
      t.tiers = read_tiers(n, where,
                           {[&](const YAML::Node& at, const Message& m) { error(at, m); },
                            [&](const YAML::Node& at, const Message& w) { return number(at, w); },
                            [&](const YAML::Node& at, const std::vector<std::string>& keys, const Message& w) {
                              check_keys(at, keys, w);
                            }});

    // A max that failed to load would make the sum misleading: warn only
    // about a target that is otherwise sound.
    if (!t.deductions.empty() && diag_.error_count() == errors_before) {
      Exact total = 0;
      for (const auto& i : t.deductions) total += i.max;
      if (total != t.base)
        warning(node["deductions"],
                tr("{0}: deduction maxima add up to {1}, not base {2}", where, total.str(), t.base.str()));
    }
    return t;
  }

  Indicator read_indicator(const YAML::Node& item, const Message& where) {
    Indicator ind;
    ind.place = place(item);
    check_keys(item, {"id", "title", "max", "requires_public_services", "parts", "points"}, tr("deduction"));
    const Message what = read_name(item, tr("deduction"), where, ind.id, ind.title);
    ind.max = positive(item, "max", what, /*required=*/true).value_or(Exact(0));
    if (auto n = item["requires_public_services"])
      ind.requires_public_services = boolean(n, tr("{0}: requires_public_services", what));
    for_each_item(item, "parts", what, [&](const YAML::Node& p) {
      check_keys(p, {"id", "title", "factor", "points"}, tr("part"));
      Part part;
      const Message part_what = read_name(p, tr("part"), what, part.id, part.title);
      part.factor = positive(p, "factor", part_what, false).value_or(Exact(1));
      if (auto n = p["points"]) part.points = expression(n, tr("{0}: points", part_what), ValueType::kNumber);
      ind.parts.push_back(std::move(part));
    });
    if (auto n = item["points"]) {
      if (!ind.parts.empty())
        error(n, tr("{0}: an indicator with parts takes points: on its parts", what));
      else
        ind.points = expression(n, tr("{0}: points", what), ValueType::kNumber);
    }
    return ind;
  }

  Bonus read_bonus(const YAML::Node& node, const Target& t, const Message& where) {
    Bonus b;
    if (!node.IsMap()) {
      error(node, tr("{0}: bonus is a mapping with max, above, rescaled, items", where));
      return b;
    }
    check_keys(node, {"max", "above", "rescaled", "items"}, tr("bonus"));
    b.max = positive(node, "max", tr("{0}: bonus", where), true).value_or(Exact(0));
    if (auto n = node["above"]) {
      if (auto v = number(n, tr("{0}: bonus: above", where))) {
        if (*v < 0 || *v > t.base)
          error(n, tr("{0}: bonus: gate \"above\" must be between 0 and base ({1})", where, t.base.str()));
        b.above = *v;
      }
    }
    if (auto n = node["rescaled"]) b.rescaled = boolean(n, tr("{0}: bonus: rescaled", where));
    for_each_item(node, "items", tr("{0}: bonus", where), [&](const YAML::Node& item) {
      check_keys(item, {"id", "title", "max"}, tr("bonus item"));
      BonusItem bi;
      const Message item_what = read_name(item, tr("bonus item"), where, bi.id, bi.title);
      bi.max = positive(item, "max", item_what, true).value_or(Exact(0));
      b.items.push_back(std::move(bi));
    });
    return b;
  }

  Band read_band(const YAML::Node& item, const Message& where) {
    Band band;
    check_keys(item, {"title", "at_least", "below"}, tr("band"));
    band.title = required_string(item, "title", tr("{0}: band", where));
    const Message what = tr("{0}: band \"{1}\"", where, band.title);
    if (auto n = item["at_least"]) {
      if (auto v = number(n, tr("{0}: at_least", what))) band.at_least = *v;
    } else {
      error(item, tr("{0}: missing \"at_least\"", what));
    }
    if (auto n = item["below"]) {
      if (auto v = number(n, tr("{0}: below", what))) {
        if (*v <= band.at_least) error(n, tr("{0}: below must be greater than at_least", what));
        band.below = *v;
      }
    }
    return band;
  }

  // facts: {probes_total: number, homepage_last_update: date, …}
  void read_facts(const YAML::Node& node, FactList& facts) {
    if (!node.IsMap()) {
      error(node, tr("facts must be a mapping of fact name → type (number, bool or date)"));
      return;
    }
    for (const auto& kv : node) {
      std::string name = kv.first.Scalar();
      bool valid_name = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0]));
      for (char c : name)
        valid_name = valid_name && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80);
      if (!valid_name || name == "and" || name == "or" || name == "not" || name == "true" || name == "false") {
        error(kv.first,
              tr("fact name \"{0}\" must be letters, digits and _ (not starting with a digit, not a keyword)", name));
        continue;
      }
      if (kv.second.IsMap() && kv.second["list"]) {
        read_list_fact(name, kv.second, facts);
        continue;
      }
      auto type = kv.second.IsScalar() ? parse_type_name(kv.second.Scalar()) : std::nullopt;
      if (!type) {
        error(kv.second, tr("fact \"{0}\": type must be number, bool, date or {list: {FIELD: TYPE, …}}", name));
        continue;
      }
      facts.push_back({name, *type, {}});
    }
  }

  // messages: {list: {received: date, answered: date}} — a list of events
  // whose fields are numbers, booleans or dates.
  void read_list_fact(const std::string& name, const YAML::Node& node, FactList& facts) {
    check_keys(node, {"list"}, tr("fact \"{0}\"", name));
    YAML::Node fields = node["list"];
    if (!fields.IsMap() || fields.size() == 0) {
      error(fields, tr("fact \"{0}\": list must be a mapping of field name → type (number, bool or date)", name));
      return;
    }
    FactDeclaration decl{name, ValueType::kList, {}};
    for (const auto& kv : fields) {
      std::string field = kv.first.Scalar();
      auto type = kv.second.IsScalar() ? parse_type_name(kv.second.Scalar()) : std::nullopt;
      if (!type) {
        error(kv.second, tr("fact \"{0}\": field \"{1}\": type must be number, bool or date", name, field));
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
      error(node, tr("calendar must name a built-in calendar (cn-official) or a calendar file"));
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
        error(node, tr("calendar: no built-in calendar \"{0}\"{1} (a calendar file is named by its path, e.g. "
                       "calendars/{0}.yaml)",
                       name, text::did_you_mean_message(name, builtin_calendar_ids())));
      return;
    }
    std::filesystem::path file = std::filesystem::path(file_).parent_path() / name;
    CalendarLoad load = load_calendar(file.lexically_normal().generic_string());
    if (load.diagnostics.has_errors()) {
      error(node, tr("calendar: \"{0}\" could not be loaded: {1}", name,
                     quoted_diagnostic(load.diagnostics.items().front())));
      return;
    }
    rules.calendar = load.calendar;
    calendar_failed_ = false;
  }

  // lists: [{id, title, target, when, by}]
  void read_named_list(const YAML::Node& item, RuleSet& rules) {
    check_keys(item, {"id", "title", "target", "when", "by"}, tr("list"));
    NamedList list;
    list.id = required_string(item, "id", tr("list"));
    list.title = required_string(item, "title", tr("list \"{0}\"", list.id));
    const Message what = tr("list \"{0}\"", list.id);
    for (const auto& earlier : rules.lists)
      if (!list.id.empty() && earlier.id == list.id) error(item, tr("{0}: duplicate list id", what));
    std::string target = required_string(item, "target", what);
    if (!target.empty()) {
      if (auto index = rules.target_index(target)) {
        list.target = *index;
      } else {
        std::vector<std::string> ids;
        for (const auto& t : rules.targets) ids.push_back(t.id);
        error(item["target"],
              tr("{0}: unknown target \"{1}\"{2}", what, target, text::did_you_mean_message(target, ids)));
      }
    }
    if (auto n = item["when"])
      list.when = expression(n, tr("{0}: when", what), ValueType::kBool);
    else
      error(item, tr("{0}: missing \"when\"", what));
    if (auto n = item["by"]) {
      std::string by = n.IsScalar() ? n.Scalar() : "";
      if (by == "group") list.by = NamedList::By::kGroup;
      else if (by == "region") list.by = NamedList::By::kRegion;
      else
        error(n, tr("{0}: by must be group or region", what));
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

  std::optional<Expression> expression(const YAML::Node& n, const Message& what, ValueType expected) {
    if (!n.IsScalar()) {
      error(n, tr("{0} must be an expression (text)", what));
      return std::nullopt;
    }
    if (n.Scalar().size() > limits::kMaxExpressionBytes) {
      error(n, tr("{0} is {1} bytes; an expression may be at most {2}", what, n.Scalar().size(),
                  limits::kMaxExpressionBytes));
      return std::nullopt;
    }
    Message message;
    int col = 1;
    auto e = Expression::parse(n.Scalar(), *facts_, expected, message, col, calendar_);
    // A `calendar:` that failed to load is reported once, at the key, not at every working_days().
    if (!e && calendar_failed_ && message.str().rfind("working_days() needs a calendar", 0) == 0) return e;
    if (!e) {
      auto [l, c] = inside(n, col);
      diag_.error(file_, l, c, tr("{0}: {1}", what, message));
    }
    return e;
  }

  std::optional<Template> evidence(const YAML::Node& n, const Message& what) {
    if (!n.IsScalar()) {
      error(n, tr("{0} must be a text", what));
      return std::nullopt;
    }
    Message message;
    int col = 1;
    auto t = Template::parse(n.Scalar(), *facts_, message, col, calendar_);
    if (!t) {
      auto [l, c] = inside(n, col);
      diag_.error(file_, l, c, tr("{0}: {1}", what, message));
    }
    return t;
  }

  // The id and title of a veto, indicator, part or bonus item, claimed within
  // the target. Returns how messages name it: `target "w": deduction "内容更新"`.
  Message read_name(const YAML::Node& item, const Message& kind, const Message& where, std::string& id,
                    std::string& title) {
    id = required_string(item, "id", tr("{0}: {1}", where, kind));
    title = required_string(item, "title", tr("{0}: {1} \"{2}\"", where, kind, id));
    claim_names(item, id, title, target_where_);
    return tr("{0}: {1} \"{2}\"", where, kind, title.empty() ? id : title);
  }

  // Every id and title within a target names one thing: records refer to
  // indicators, parts, vetoes and bonus items by either.
  void claim_names(const YAML::Node& node, const std::string& id, const std::string& title, const Message& where) {
    for (const auto& name : {id, title}) {
      if (name.empty()) continue;
      auto [it, fresh] = names_.emplace(name, line(node));
      if (!fresh && !(name == title && title == id))
        error(node, tr("{0}: duplicate id or title \"{1}\" (first on line {2})", where, name, it->second));
    }
  }

  template <typename Fn>
  void for_each_item(const YAML::Node& parent, const char* key, const Message& where, Fn fn) {
    YAML::Node list = parent[key];
    if (!list || list.IsNull()) return;
    if (!list.IsSequence()) {
      error(list, tr("{0}: {1} must be a list", where, key));
      return;
    }
    for (const auto& item : list) {
      if (!item.IsMap()) {
        error(item, tr("{0}: each entry of {1} is a mapping", where, key));
        continue;
      }
      fn(item);
    }
  }

  void check_keys(const YAML::Node& node, const std::vector<std::string>& allowed, const Message& what) {
    for (const auto& kv : node) {
      std::string key = kv.first.Scalar();
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
        error(kv.first, tr("unknown key \"{0}\" in {1}{2}", key, what, text::did_you_mean_message(key, allowed)));
    }
  }

  std::string required_string(const YAML::Node& node, const char* key, const Message& what) {
    YAML::Node n = node[key];
    if (!n || n.IsNull()) {
      error(node, tr("{0}: missing \"{1}\"", what, key));
      return "";
    }
    if (!n.IsScalar() || n.Scalar().empty()) {
      error(n, tr("{0}: \"{1}\" must be a non-empty text", what, key));
      return "";
    }
    return n.Scalar();
  }

  std::string optional_string(const YAML::Node& node, const char* key) {
    YAML::Node n = node[key];
    if (!n || n.IsNull()) return "";
    if (!n.IsScalar()) {
      error(n, tr("\"{0}\" must be a text", key));
      return "";
    }
    return n.Scalar();
  }

  std::optional<Exact> number(const YAML::Node& n, const Message& what) {
    auto v = n.IsScalar() ? Exact::parse(n.Scalar()) : std::nullopt;
    if (!v) {
      error(n, tr("{0} must be a number, not \"{1}\"", what,
                  n.IsScalar() ? Message::verbatim(n.Scalar()) : tr("a list or mapping")));
      return std::nullopt;
    }
    if (*v > Exact(Exact::kMaxMagnitude) || *v < Exact(-Exact::kMaxMagnitude)) {
      error(n, tr("{0} is out of range (at most {1})", what, Exact::kMaxMagnitude));
      return std::nullopt;
    }
    if (!v->decimals() || *v->decimals() > Exact::kMaxDecimals) {
      error(n, tr("{0} has more than {1} decimals", what, Exact::kMaxDecimals));
      return std::nullopt;
    }
    return v;
  }

  std::optional<Exact> positive(const YAML::Node& node, const char* key, const Message& what, bool required) {
    YAML::Node n = node[key];
    if (!n) {
      if (required) error(node, tr("{0}: missing \"{1}\"", what, key));
      return std::nullopt;
    }
    auto v = number(n, tr("{0}: {1}", what, key));
    if (v && *v <= 0) {
      error(n, tr("{0}: {1} must be > 0", what, key));
      return std::nullopt;
    }
    return v;
  }

  bool boolean(const YAML::Node& n, const Message& what) {
    bool value = false;
    if (n.IsScalar() && YAML::convert<bool>::decode(n, value)) return value;  // true/false, yes/no, on/off
    error(n, tr("{0} must be true or false", what));
    return false;
  }

  static int line(const YAML::Node& n) { return n.Mark().line + 1; }
  static SourcePlace place(const YAML::Node& n) { return {n.Mark().line + 1, n.Mark().column + 1}; }

  // `message`: a std::string (English only) or a Message.
  template <class Text>
  void error(const YAML::Node& n, Text message) {
    diag_.error(file_, n.Mark().line + 1, lines_.column(n.Mark()), std::move(message));
  }
  template <class Text>
  void warning(const YAML::Node& n, Text message) {
    diag_.warning(file_, n.Mark().line + 1, lines_.column(n.Mark()), std::move(message));
  }

  std::string file_;
  yaml_source::Lines lines_;
  Diagnostics& diag_;
  std::map<std::string, int> names_;  // id/title → line, within the current target
  Message target_where_;              // how messages name the current target: target "website"
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

RulesLoad load_rules_text(const std::string& content, const std::string& path) {
  RulesLoad out;
  out.text = content;
  if (content.size() > limits::kMaxRuleFileBytes) {
    out.diagnostics.error(
        path, 0, 0, tr("is {0} bytes; a rule file may be at most {1} bytes", content.size(), limits::kMaxRuleFileBytes));
    return out;
  }
  auto root = yaml_source::parse(content, path, yaml_source::FileKind::kRules, out.diagnostics);
  if (!root) return out;
  if (!*root || root->IsNull()) {
    out.diagnostics.error(path, 0, 0, tr("the rule file is empty"));
    return out;
  }
  RuleReader reader(path, content, out.diagnostics);
  RuleSet rules = reader.read(*root);
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
