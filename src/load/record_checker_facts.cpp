// The record checker's rules about facts (record_checker.hpp): each fact
// read as its declaration says, the rule file's conditions applied to them,
// and what they made of the record (vetoes, points, named lists) kept as
// evidence for the trace.
#include <algorithm>

#include "govscore/calendar.hpp"
#include "govscore/rules.hpp"
#include "load/event_tables.hpp"
#include "load/record_checker.hpp"
#include "util/text.hpp"

namespace govscore {

void RecordChecker::read_facts(const RawValue& v) {
  if (v.kind != RawValue::Kind::kObject) {
    error(v.place, tr("{0}: facts must be an object of fact name → value", subject()));
    return;
  }
  details_.facts.assign(rules_.facts.size(), std::nullopt);
  std::vector<std::string> names;
  for (const auto& f : rules_.facts) names.push_back(f.name);
  for (const auto& e : v.entries) {
    auto it = std::find(names.begin(), names.end(), e.key);
    Message where = tr("{0}: facts: \"{1}\"", subject(), e.key);
    if (it == names.end()) {
      error(e.place, tr("{0}: unknown fact{1}{2}", where, text::did_you_mean_message(e.key, names),
                        names.empty() ? tr(" (rules {0} declare no facts)", rules_.id) : Message()));
      continue;
    }
    const FactDeclaration& decl = rules_.facts[static_cast<std::size_t>(it - names.begin())];
    auto fv = decl.type == ValueType::kList ? event_list(decl, e.value, where) : fact_value(decl, e.value, where);
    if (fv) details_.facts[static_cast<std::size_t>(it - names.begin())] = *fv;
  }
}

std::optional<FactValue> RecordChecker::fact_value(const FactDeclaration& decl, const RawValue& v, const Message& where,
    bool event_field) {
  FactValue fv;
  fv.value.type = decl.type;
  if (v.kind == RawValue::Kind::kNull) {
    fv.null = true;
  } else if (decl.type == ValueType::kNumber && v.kind == RawValue::Kind::kNumber && Exact::parse(v.text)) {
    fv.value.number = *Exact::parse(v.text);
    if (fv.value.number > Exact(Exact::kMaxMagnitude) || fv.value.number < Exact(-Exact::kMaxMagnitude)) {
      error(v.place, tr("{0}: {1} is out of range", where, v.text));
      return std::nullopt;
    }
  } else if (decl.type == ValueType::kBool && v.kind == RawValue::Kind::kBool) {
    fv.value.boolean = v.text == "true";
  } else if (decl.type == ValueType::kDate && v.kind == RawValue::Kind::kText && calendar::parse_date(v.text)) {
    fv.value.date = *calendar::parse_date(v.text);
    if (!event_field && check_point_ && fv.value.date > *check_point_) {
      error(v.place, tr("{0}: {1} is after the check point {2}; a fact can only be dated up to it", where, v.text,
                        calendar::format_date(*check_point_)));
      return std::nullopt;
    }
  } else {
    Message expected = decl.type == ValueType::kDate   ? tr("a date (YYYY-MM-DD)")
                       : decl.type == ValueType::kBool ? tr("true or false")
                                                       : tr("a number");
    error(v.place, tr("{0} must be {1}{2}", where, expected, v.text.empty() ? Message() : tr(", not {0}", shown(v))));
    return std::nullopt;
  }
  return fv;
}

std::optional<FactValue> RecordChecker::event_list(const FactDeclaration& decl, const RawValue& v, const Message& where) {
  FactValue fv;
  fv.value.type = ValueType::kList;
  if (v.kind == RawValue::Kind::kNull) {
    fv.null = true;
    return fv;
  }
  if (v.kind != RawValue::Kind::kList) {
    error(v.place, tr("{0} must be a list of events ([{\"{1}\": …}, …]){2}", where, decl.fields.front().name,
                      v.text.empty() ? Message() : tr(", not {0}", shown(v))));
    return std::nullopt;
  }
  auto list = std::make_shared<EventList>();
  std::vector<std::string> names;
  for (const auto& f : decl.fields) names.push_back(f.name);
  std::string joined;
  for (const auto& n : names) joined += (joined.empty() ? "" : ", ") + n;
  bool ok = true;
  for (std::size_t i = 0; i < v.entries.size(); ++i) {
    const RawValue& item = v.entries[i].value;
    Message event_where = tr("{0} #{1}", where, i + 1);
    if (item.kind != RawValue::Kind::kObject) {
      error(item.place, tr("{0} must be an object of {1}", event_where, joined));
      ok = false;
      continue;
    }
    FactValues event(decl.fields.size());
    for (const auto& e : item.entries) {
      auto it = std::find(names.begin(), names.end(), e.key);
      Message field_where = tr("{0}: \"{1}\"", event_where, e.key);
      if (it == names.end()) {
        error(e.place,
              tr("{0}: unknown field of {1}{2}", field_where, decl.name, text::did_you_mean_message(e.key, names)));
        ok = false;
        continue;
      }
      std::size_t index = static_cast<std::size_t>(it - names.begin());
      auto value = fact_value(decl.fields[index], e.value, field_where, /*event_field=*/true);
      if (!value) ok = false;
      else event[index] = *value;
    }
    list->events.push_back(std::move(event));
  }
  if (!ok) return std::nullopt;
  fv.value.events = std::move(list);
  return fv;
}

std::string RecordChecker::shown(const RawValue& v) {
  return v.kind == RawValue::Kind::kText ? "\"" + std::string(v.text) + "\"" : std::string(v.text);
}

Message RecordChecker::fact_values(const Expression& e) const {
  Message out = Message::verbatim("");
  for (auto i : e.facts()) {
    const auto& f = details_.facts[i];
    Message value =
        !f ? tr("(not given)") : f->null ? Message::verbatim("null") : value_words(f->value);
    out = out.id().empty() && out.is_verbatim() ? tr("{0} = {1}", rules_.facts[i].name, value)
                                                : tr("{0}, {1} = {2}", out, rules_.facts[i].name, value);
  }
  return out;
}

bool RecordChecker::problem(const EvaluationProblem& p, const Message& rule, const RawField& facts) {
  Message why;
  const std::string fact_name = p.fact ? rules_.facts[*p.fact].name : std::string();
  switch (p.kind) {
    case EvaluationProblem::Kind::kMissingFact:
      why = tr("needs fact \"{0}\", which this record does not give", fact_name);
      break;
    case EvaluationProblem::Kind::kNullFact:
      if (p.field) {
        const std::string& field = rules_.facts[*p.fact].fields[*p.field].name;
        why = tr("needs {0}, which is null or not given there (guard it with has({1}))", event_field_name(p), field);
      } else {
        why = tr("needs fact \"{0}\", which is null here (guard it with has({0}))", fact_name);
      }
      break;
    case EvaluationProblem::Kind::kDivisionByZero:
      why = tr("divides by zero with this record's facts");
      break;
    case EvaluationProblem::Kind::kOverflow:
      why = tr("gives a number too large to compute with this record's facts");
      break;
    case EvaluationProblem::Kind::kEmptyList:
      why = tr("takes max() or min() over {0}, which has no events here (guard it with count({0}) > 0)", fact_name);
      break;
    case EvaluationProblem::Kind::kNoCheckPoint: return false;  // reported once for the file
    case EvaluationProblem::Kind::kOutsideCalendar: {
      // Never skipped: a working-day count outside the notices would be a guess.
      Message source = p.field  ? tr(" ({0})", event_field_name(p))
                       : p.fact ? tr(" (fact {0})", fact_name)
                                : Message();
      error(facts.value.place,
            tr("{0}: {1} counts working days to {2}{3}, in {4}, a year calendar {5} does not cover ({6})", subject(),
               rule, calendar::format_date(p.day), source, p.year, rules_.calendar_name,
               rules_.calendar->years_text()));
      return false;
    }
  }
  // --missing-facts=skip is for facts a record lacks; a division by zero
  // or an overflow is the rule's or the data's to fix, never skipped.
  const bool missing = p.kind == EvaluationProblem::Kind::kMissingFact || p.kind == EvaluationProblem::Kind::kNullFact;
  if (skip_missing_ && missing) return true;
  error(facts.value.place,
        tr("{0}: {1} {2}{3}", subject(), rule, why,
           missing ? tr(" (or run with --missing-facts=skip)") : tr("; fix the facts or the rule")));
  return false;
}

std::string RecordChecker::event_field_name(const EvaluationProblem& p) const {
  const FactDeclaration& list = rules_.facts[*p.fact];
  return list.name + " #" + std::to_string(p.event + 1) + ": " + list.fields[*p.field].name;
}

Message RecordChecker::skipped_text(const EvaluationProblem& p, const FactList& facts) const {
  if (p.kind == EvaluationProblem::Kind::kDivisionByZero)
    return tr("not evaluated: division by zero; counted as not triggered");
  if (p.kind == EvaluationProblem::Kind::kOverflow)
    return tr("not evaluated: a number grew too large; counted as not triggered");
  if (p.kind == EvaluationProblem::Kind::kEmptyList)
    return tr("not evaluated: {0} has no events for max()/min(); counted as not triggered", facts[*p.fact].name);
  if (p.field)
    return tr("not evaluated: {0} is null; counted as not triggered (--missing-facts=skip)", event_field_name(p));
  if (p.kind == EvaluationProblem::Kind::kNullFact)
    return tr("not evaluated: fact {0} is null; counted as not triggered (--missing-facts=skip)",
              facts[*p.fact].name);
  return tr("not evaluated: fact {0} missing; counted as not triggered (--missing-facts=skip)", facts[*p.fact].name);
}

Message RecordChecker::tallies_text(const Expression::Outcome& outcome) const {
  Message out = Message::verbatim("");
  for (const auto& tally : outcome.tallies) out = tr("{0}; {1}", out, describe_tally(tally, rules_.facts, details_.facts));
  return out;
}

void RecordChecker::place_on_lists(const RawField& facts, const Batch& batch, Record& r) {
  for (std::size_t l = 0; l < rules_.lists.size(); ++l) {
    const NamedList& list = rules_.lists[l];
    if (list.target != r.target || !list.when) continue;
    auto outcome = list.when->evaluate(details_.facts, batch.as_of);
    if (outcome.problem) {
      problem(*outcome.problem, tr("list \"{0}\" (when)", list.id), facts);
      continue;
    }
    if (outcome.value->boolean) details_.lists.push_back(l);
  }
}

void RecordChecker::apply_conditions(const RawField& facts, const Target& t, Batch& batch, Record& r) {
  if (rules_.uses_dates() && !batch.as_of) {
    file_wide({FileWideNote::Kind::kNoCheckPoint, facts.value.place, "", subject()}, batch);
    return;
  }
  for (std::size_t v = 0; v < t.veto.size(); ++v) {
    const Veto& veto = t.veto[v];
    if (!veto.when) continue;
    Evidence ev;
    ev.kind = Evidence::Kind::kVeto;
    ev.index = v;
    auto outcome = veto.when->evaluate(details_.facts, batch.as_of);
    if (outcome.problem) {
      if (!problem(*outcome.problem, tr("{0} (when)", veto.title), facts)) continue;
      ev.use = Evidence::Use::kSkipped;
      ev.words = skipped_text(*outcome.problem, rules_.facts);
      ev.text = ev.words.str();
    } else {
      bool fired = outcome.value->boolean;
      ev.use = fired ? Evidence::Use::kApplied : Evidence::Use::kNotFired;
      const auto& words = fired ? veto.evidence_fired : veto.evidence_clear;
      ev.words = tr("{0}{1}",
                    words ? Message::verbatim(words->render(details_.facts, batch.as_of))
                          : tr("{0} with {1}", veto.when->text(), fact_values(*veto.when)),
                    tallies_text(outcome));
      ev.text = ev.words.str();
      if (fired && std::find(r.vetoes.begin(), r.vetoes.end(), v) == r.vetoes.end()) r.vetoes.push_back(v);
    }
    details_.evidence.push_back(ev);
  }
  for (std::size_t i = 0; i < t.deductions.size(); ++i) {
    const Indicator& ind = t.deductions[i];
    if (ind.points) derive_points(*ind.points, i, std::nullopt, ind.title, facts, batch, r);
    for (std::size_t p = 0; p < ind.parts.size(); ++p)
      if (ind.parts[p].points) derive_points(*ind.parts[p].points, i, p, ind.parts[p].title, facts, batch, r);
  }
  place_on_lists(facts, batch, r);
}

void RecordChecker::derive_points(const Expression& e, std::size_t indicator, std::optional<std::size_t> part, const std::string& title,
    const RawField& facts, const Batch& batch, Record& r) {
  if (!r.assessed(rules_, indicator)) return;  // 不考核: no points either way
  Evidence ev;
  ev.kind = Evidence::Kind::kPoints;
  ev.index = indicator;
  ev.part = part;
  auto outcome = e.evaluate(details_.facts, batch.as_of);
  if (outcome.problem) {
    if (!problem(*outcome.problem, tr("{0} (points)", title), facts)) return;
    ev.use = Evidence::Use::kSkipped;
    ev.words = skipped_text(*outcome.problem, rules_.facts);
    ev.text = ev.words.str();
    details_.evidence.push_back(ev);
    return;
  }
  ev.points = outcome.value->number;
  ev.words =
      tr("{0} with {1} = {2}{3}", e.text(), fact_values(e), value_words(*outcome.value), tallies_text(outcome));
  ev.text = ev.words.str();
  if (ev.points.is_negative()) {
    error(facts.value.place, tr("{0}: {1} (points): {2}, below 0", subject(), title, ev.words));
    return;
  }
  bool manual = std::any_of(points_.begin(), points_.end(),
                            [&](const PointsEntry& p) { return p.indicator == indicator && p.part == part; });
  if (manual) {
    ev.use = Evidence::Use::kOverridden;
  } else if (ev.points.is_zero()) {
    ev.use = Evidence::Use::kNotFired;
  } else {
    ev.use = Evidence::Use::kApplied;
    points_.push_back(entry_of(indicator, part, ev.points));
    deduction_places_.push_back(facts.value.place);
  }
  details_.evidence.push_back(ev);
}

}  // namespace govscore
