#include "govscore/score.hpp"

#include "govscore/records.hpp"
#include "govscore/rules.hpp"

namespace govscore {
namespace {

std::vector<IndicatorTrace> trace_indicators(const Target& t, const Record& r, const RuleSet& rules) {
  std::vector<IndicatorTrace> out;
  for (std::size_t i = 0; i < t.deductions.size(); ++i) {
    const Indicator& ind = t.deductions[i];
    IndicatorTrace it;
    it.indicator = i;
    it.max = ind.max;
    it.assessed = r.assessed(rules, i);
    for (std::size_t p = 0; p < ind.parts.size(); ++p) {
      PartTrace pt;
      pt.part = p;
      pt.factor = ind.parts[p].factor;
      it.parts.push_back(pt);
    }
    out.push_back(std::move(it));
  }
  for (const auto& e : r.deductions) {
    IndicatorTrace& it = out[e.indicator];
    it.entered = true;
    if (e.part) {
      PartTrace& pt = it.parts[*e.part];
      pt.entered = true;
      pt.raw = e.points;
      pt.points = e.points * pt.factor;
      it.raw += pt.points;
    } else {
      it.raw = e.points;
    }
  }
  // The cap applies to the indicator as a whole, after the factors: one
  // problem is never deducted beyond what the indicator is worth.
  for (auto& it : out) it.deducted = it.assessed ? min(it.raw, it.max) : Exact(0);
  return out;
}

BonusTrace trace_bonus(const Bonus& b, const Record& r) {
  BonusTrace bt;
  if (r.bonus_total) {
    bt.entered = true;
    bt.raw = *r.bonus_total;
  }
  for (const auto& e : r.bonus_items) {
    bt.entered = true;
    bt.item_raw.emplace_back(e.item, e.points);
    bt.raw += min(e.points, b.items[e.item].max);
  }
  bt.capped = min(bt.raw, b.max);
  return bt;
}

}  // namespace

Result score_record(const RuleSet& rules, const Record& record) {
  const Target& t = rules.targets[record.target];
  Result result;
  result.vetoes = record.vetoes;
  auto trace = std::make_shared<Trace>();  // empty for a vetoed or pass/fail-only record
  result.trace = trace;
  // A veto ends the assessment (国办秘函〔2019〕19号: "nothing else is scored"),
  // so a vetoed record has no score at all rather than a misleading 0.
  if (result.vetoed()) return result;
  if (!t.scored()) {
    result.passed = true;
    return result;
  }
  Trace& tr = *trace;
  tr.indicators = trace_indicators(t, record, rules);
  for (const auto& it : tr.indicators) {
    if (it.assessed) tr.deducted += it.deducted;
    else tr.not_assessed += it.max;
  }
  tr.out_of = t.base - tr.not_assessed;
  tr.scale = t.base / tr.out_of;  // loader guarantees out_of > 0
  tr.deduction_score = (tr.out_of - tr.deducted) * tr.scale;
  Exact bonus = 0;
  if (t.bonus) {
    BonusTrace bt = trace_bonus(*t.bonus, record);
    bt.gate_passed = !t.bonus->above || tr.deduction_score > *t.bonus->above;
    bt.counted = bt.gate_passed ? bt.capped : Exact(0);
    bonus = bt.counted;
    if (bt.entered) result.bonus = bt.counted;
    tr.bonus = bt;
  }
  // Dazu puts the bonus inside the rescale bracket, [90 − … + 加分] × 100 ÷ 90;
  // the national scheme rescales part 2 and adds part 3 after.
  bool bonus_inside = t.bonus && t.bonus->rescaled;
  tr.exact_score = bonus_inside ? (tr.out_of - tr.deducted + bonus) * tr.scale : tr.deduction_score + bonus;
  result.score = tr.exact_score.round(rules.decimals);
  // The verdict follows the score as published (rounded): a table never
  // shows 60.0 beside 不合格.
  result.passed = *result.score >= t.pass_score;
  return result;
}

std::vector<Result> score(const RuleSet& rules, const Batch& batch, bool keep_traces) {
  std::vector<Result> results;
  results.reserve(batch.records.size());
  for (std::size_t i = 0; i < batch.records.size(); ++i) {
    results.push_back(score_record(rules, batch.records[i]));
    results.back().record = i;
    if (!keep_traces) results.back().trace.reset();
  }
  return results;
}

}  // namespace govscore
