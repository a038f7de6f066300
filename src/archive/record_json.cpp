#include "archive/record_json.hpp"

#include <algorithm>

#include "govscore/error.hpp"
#include "govscore/records.hpp"
#include "govscore/rules.hpp"

namespace govscore::archive {

void append_json_string(std::string& out, std::string_view text) {
  static const char kHex[] = "0123456789abcdef";
  out += '"';
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20) {
      out += "\\u00";
      out += kHex[u >> 4];
      out += kHex[u & 0xF];
    } else {
      out += c;
    }
  }
  out += '"';
}

namespace {

// Builds one JSON object, keys in the order they are added.
class ObjectWriter {
 public:
  explicit ObjectWriter(std::string& out) : out_(out) { out_ += '{'; }
  std::string& key(std::string_view name) {
    if (!first_) out_ += ',';
    first_ = false;
    append_json_string(out_, name);
    out_ += ':';
    return out_;
  }
  void text(std::string_view name, std::string_view value) { append_json_string(key(name), value); }
  void text_if(std::string_view name, std::string_view value) {
    if (!value.empty()) text(name, value);
  }
  void number(std::string_view name, const Exact& value) { key(name) += value.str(); }
  void integer(std::string_view name, long value) { key(name) += std::to_string(value); }
  void boolean(std::string_view name, bool value) { key(name) += value ? "true" : "false"; }
  void close() { out_ += '}'; }

 private:
  std::string& out_;
  bool first_ = true;
};

const std::string& indicator_or_part_title(const Target& t, std::size_t indicator, const std::optional<std::size_t>& part) {
  const Indicator& ind = t.deductions[indicator];
  return part ? ind.parts[*part].title : ind.title;
}

bool derived(const RecordDetails& d, Evidence::Kind kind, std::size_t index, const std::optional<std::size_t>& part) {
  return std::any_of(d.evidence.begin(), d.evidence.end(), [&](const Evidence& e) {
    return e.kind == kind && e.use == Evidence::Use::kApplied && e.index == index && e.part == part;
  });
}

// A fact as the records file gives it; a list fact as its array of event
// objects, each event's fields named as `decl` declares them (a field not
// given is left out, as it was).
void write_fact(std::string& out, const FactValue& fact, const FactDeclaration& decl) {
  if (fact.null) {
    out += "null";
    return;
  }
  const Value& v = fact.value;
  switch (v.type) {
    case ValueType::kNumber: out += v.number.str(); break;
    case ValueType::kBool: out += v.boolean ? "true" : "false"; break;
    case ValueType::kDate: append_json_string(out, calendar::format_date(v.date)); break;
    case ValueType::kList: {
      out += '[';
      bool first_event = true;
      for (const auto& event : v.events->events) {
        if (!first_event) out += ',';
        first_event = false;
        out += '{';
        bool first_field = true;
        for (std::size_t f = 0; f < event.size() && f < decl.fields.size(); ++f) {
          if (!event[f]) continue;
          if (!first_field) out += ',';
          first_field = false;
          append_json_string(out, decl.fields[f].name);
          out += ':';
          write_fact(out, *event[f], decl.fields[f]);
        }
        out += '}';
      }
      out += ']';
      break;
    }
  }
}

}  // namespace

std::string record_json(const RuleSet& rules, const Record& r) {
  const Target& t = rules.targets[r.target];
  const RecordDetails& d = r.details();
  std::string out;
  out.reserve(256);
  ObjectWriter o(out);
  o.text("id", r.id);
  o.text("name", r.name);
  o.text_if("owner", r.owner);
  o.text("target", t.id);
  o.text_if("platform", r.platform);
  o.text_if("region", r.region);
  o.text_if("group", r.group);
  if (!r.public_services) o.boolean("public_services", false);
  bool any_not_assessed = false;
  for (std::size_t i = 0; i < t.deductions.size(); ++i) {
    if (!r.listed_not_assessed(i)) continue;
    std::string& s = any_not_assessed ? out : o.key("not_assessed");
    s += any_not_assessed ? ',' : '[';
    append_json_string(s, t.deductions[i].title);
    any_not_assessed = true;
  }
  if (any_not_assessed) out += ']';

  std::vector<std::size_t> vetoes;
  for (auto v : r.vetoes)
    if (v == kUnnamedVeto || !derived(d, Evidence::Kind::kVeto, v, std::nullopt)) vetoes.push_back(v);
  if (vetoes.size() == 1 && vetoes[0] == kUnnamedVeto) {
    o.boolean("veto", true);
  } else if (!vetoes.empty()) {
    std::string& s = o.key("veto");
    s += '[';
    bool first = true;
    for (auto v : vetoes) {
      if (v == kUnnamedVeto) continue;
      if (!first) s += ',';
      first = false;
      append_json_string(s, t.veto[v].title);
    }
    s += ']';
  }

  // Entered points only: findings carry their own, facts derive theirs.
  bool any_deduction = false;
  for (const auto& e : r.deductions) {
    bool from_findings = std::any_of(d.findings.begin(), d.findings.end(), [&](const Finding& f) {
      return f.scored && f.indicator == e.indicator && f.part == e.part;
    });
    if (from_findings || derived(d, Evidence::Kind::kPoints, e.indicator, e.part)) continue;
    std::string& s = any_deduction ? out : o.key("deductions");
    s += any_deduction ? ',' : '{';
    append_json_string(s, indicator_or_part_title(t, e.indicator, e.part));
    s += ':';
    s += e.points.str();
    any_deduction = true;
  }
  if (any_deduction) out += '}';

  if (auto total = r.bonus_total()) {
    o.number("bonus", *total);
  } else if (!d.bonus_items.empty()) {
    std::string& s = o.key("bonus");
    s += '{';
    for (std::size_t i = 0; i < d.bonus_items.size(); ++i) {
      if (i) s += ',';
      append_json_string(s, t.bonus->items[d.bonus_items[i].item].title);
      s += ':';
      s += d.bonus_items[i].points.str();
    }
    s += '}';
  }
  o.text_if("note", d.note);
  if (!d.findings.empty()) {
    std::string& s = o.key("findings");
    s += '[';
    for (std::size_t i = 0; i < d.findings.size(); ++i) {
      const Finding& f = d.findings[i];
      if (i) s += ',';
      ObjectWriter fo(s);
      if (f.scored) {  // a problem in words only has its title alone
        fo.text("indicator", indicator_or_part_title(t, f.indicator, f.part));
        fo.number("points", f.points);
      }
      fo.text_if("title", f.title);
      fo.text_if("url", f.url);
      fo.text_if("note", f.note);
      fo.text_if("found", f.found);
      fo.close();
    }
    s += ']';
  }
  if (!d.facts.empty()) {
    std::string& s = o.key("facts");
    s += '{';
    bool first = true;
    for (std::size_t i = 0; i < d.facts.size() && i < rules.facts.size(); ++i) {
      if (!d.facts[i]) continue;
      if (!first) s += ',';
      first = false;
      append_json_string(s, rules.facts[i].name);
      s += ':';
      write_fact(s, *d.facts[i], rules.facts[i]);
    }
    s += '}';
  }
  if (d.published) {
    const Published& p = *d.published;
    std::string& s = o.key("published");
    ObjectWriter po(s);
    if (p.score) po.number("score", *p.score);
    else po.key("score") += "null";
    po.text_if("result", p.result);
    if (p.rank) po.integer("rank", *p.rank);
    else po.key("rank") += "null";
    if (p.veto) po.boolean("veto", *p.veto);
    po.close();
  }
  o.close();
  return out;
}

std::string header_json(const RuleSet& rules, const Batch& batch) {
  std::string out;
  ObjectWriter o(out);
  o.text("period", batch.period);
  if (!batch.window_from.empty() || !batch.window_to.empty()) {
    ObjectWriter w(o.key("window"));
    w.text_if("from", batch.window_from);
    w.text_if("to", batch.window_to);
    w.close();
  }
  auto counts = [&](std::string& s, const std::map<std::size_t, long>& by_target) {
    ObjectWriter c(s);
    for (const auto& [target, n] : by_target) c.integer(rules.targets[target].id, n);
    c.close();
  };
  if (!batch.registered.empty()) counts(o.key("registered"), batch.registered);
  if (!batch.registered_by_region.empty()) {
    ObjectWriter r(o.key("registered_by_region"));
    for (const auto& [region, by_target] : batch.registered_by_region) counts(r.key(region), by_target);
    r.close();
  }
  if (!batch.published_summary.empty()) {
    ObjectWriter p(o.key("published_summary"));
    for (const auto& [target, ps] : batch.published_summary) {
      ObjectWriter f(p.key(rules.targets[target].id));
      if (ps.registered) f.integer("registered", *ps.registered);
      if (ps.checked) f.integer("checked", *ps.checked);
      if (ps.passed) f.integer("passed", *ps.passed);
      if (ps.failed) f.integer("failed", *ps.failed);
      if (ps.pass_rate) f.number("pass_rate", *ps.pass_rate);
      if (ps.check_rate) f.number("check_rate", *ps.check_rate);
      f.close();
    }
    p.close();
  }
  o.close();
  return out;
}

std::vector<std::pair<std::string, Exact>> parse_points_object(std::string_view json) {
  std::vector<std::pair<std::string, Exact>> out;
  std::size_t i = 0;
  auto fail = [&] { return Error("not an object of names to numbers: " + std::string(json.substr(0, 80))); };
  auto expect = [&](char c) {
    if (i >= json.size() || json[i] != c) throw fail();
    ++i;
  };
  expect('{');
  if (i < json.size() && json[i] == '}') return out;
  for (;;) {
    expect('"');
    std::string name;
    while (i < json.size() && json[i] != '"') {
      if (json[i] != '\\') {
        name += json[i++];
        continue;
      }
      if (++i >= json.size()) throw fail();
      if (json[i] == 'u') {  // only \u00XX, for control characters
        if (i + 4 >= json.size()) throw fail();
        name += static_cast<char>(std::stoi(std::string(json.substr(i + 3, 2)), nullptr, 16));
        i += 5;
      } else {
        name += json[i++];
      }
    }
    expect('"');
    expect(':');
    std::size_t end = json.find_first_of(",}", i);
    if (end == std::string_view::npos) throw fail();
    auto points = Exact::parse(json.substr(i, end - i));
    if (!points) throw fail();
    out.emplace_back(std::move(name), *points);
    i = end;
    if (json[i] == '}') return out;
    ++i;
  }
}

std::string records_document(const std::string& header, const std::string& records_lines) {
  // header is an object with at least "period": its closing brace makes room.
  std::string out = header.substr(0, header.size() - 1);
  out += ",\"records\":[\n";
  out += records_lines;
  out += "]}\n";
  return out;
}

}  // namespace govscore::archive
