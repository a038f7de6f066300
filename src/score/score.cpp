#include "govscore/score.hpp"

#include <algorithm>

#include "govscore/records.hpp"
#include "govscore/rules.hpp"
#include "util/fresh_memory.hpp"
#include "util/parallel.hpp"

namespace govscore {
namespace {

// Fills `out` with the indicators of `r`, reusing its storage: scoring a
// million records with one scratch trace allocates nothing per record.
void trace_indicators(const Target& t, const Record& r, const RuleSet& rules, std::vector<IndicatorTrace>& out) {
  out.resize(t.deductions.size());
  for (std::size_t i = 0; i < t.deductions.size(); ++i) {
    const Indicator& ind = t.deductions[i];
    IndicatorTrace& it = out[i];
    it.indicator = i;
    it.max = ind.max;
    it.assessed = r.assessed(rules, i);
    it.entered = false;
    it.raw = 0;
    it.deducted = 0;
    it.parts.resize(ind.parts.size());
    for (std::size_t p = 0; p < ind.parts.size(); ++p) it.parts[p] = PartTrace{p, false, 0, ind.parts[p].factor, 0};
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
}

BonusTrace trace_bonus(const Bonus& b, const Record& r) {
  BonusTrace bt;
  if (auto total = r.bonus_total()) {
    bt.entered = true;
    bt.raw = *total;
  }
  for (const auto& e : r.details().bonus_items) {
    bt.entered = true;
    bt.item_raw.emplace_back(e.item, e.points);
    bt.raw += min(e.points, b.items[e.item].max);
  }
  bt.capped = min(bt.raw, b.max);
  return bt;
}

// Scores `record` into `tr` (reset first) and returns the result without
// a trace attached.
Result score_into(const RuleSet& rules, const Record& record, Trace& tr) {
  const Target& t = rules.targets[record.target];
  Result result;
  result.target = record.target;
  result.set_vetoed(!record.vetoes.empty());
  // tr.indicators keeps its elements (and their parts' storage) for the
  // next record: trace_indicators overwrites every field. Clearing it here
  // freed and reallocated the parts of every indicator of every record.
  tr.deducted = tr.not_assessed = tr.out_of = tr.deduction_score = tr.exact_score = 0;
  tr.scale = 1;
  tr.bonus.reset();
  // A veto ends the assessment (国办秘函〔2019〕19号: "nothing else is scored"),
  // so a vetoed record has no score at all rather than a misleading 0.
  if (result.vetoed()) {
    tr.indicators.clear();
    return result;
  }
  if (!t.scored()) {
    tr.indicators.clear();
    result.passed = true;
    return result;
  }
  trace_indicators(t, record, rules, tr.indicators);
  for (const auto& it : tr.indicators) {
    if (it.assessed) tr.deducted += it.deducted;
    else tr.not_assessed += it.max;
  }
  tr.out_of = t.base - tr.not_assessed;
  // Most units are assessed on every indicator: a scale of 1 needs no
  // division (and multiplying by 1 is free, see Exact::operator*).
  tr.scale = tr.not_assessed.is_zero() ? Exact(1) : t.base / tr.out_of;  // loader guarantees out_of > 0
  tr.deduction_score = (tr.out_of - tr.deducted) * tr.scale;
  Exact bonus = 0;
  if (t.bonus) {
    BonusTrace bt = trace_bonus(*t.bonus, record);
    bt.gate_passed = !t.bonus->above || tr.deduction_score > *t.bonus->above;
    bt.counted = bt.gate_passed ? bt.capped : Exact(0);
    bonus = bt.counted;
    if (bt.entered) result.set_bonus(bt.counted);
    tr.bonus = bt;
  }
  // Dazu puts the bonus inside the rescale bracket, [90 − … + 加分] × 100 ÷ 90;
  // the national scheme rescales part 2 and adds part 3 after.
  bool bonus_inside = t.bonus && t.bonus->rescaled;
  tr.exact_score = bonus_inside ? (tr.out_of - tr.deducted + bonus) * tr.scale : tr.deduction_score + bonus;
  const Exact score = tr.exact_score.round(rules.decimals);
  result.set_score(score);
  // The verdict follows the score as published (rounded): a table never
  // shows 60.0 beside 不合格.
  result.passed = score >= t.pass_score;
  return result;
}

}  // namespace

std::optional<Exact> Result::score() const {
  return has_score_ ? std::optional<Exact>(score_.exact()) : std::nullopt;
}

std::optional<Exact> Result::bonus() const {
  return has_bonus_ ? std::optional<Exact>(Millionths(bonus_).exact()) : std::nullopt;
}

std::optional<std::size_t> Result::rank() const {
  return rank_ != 0 ? std::optional<std::size_t>(rank_) : std::nullopt;
}

void Result::set_score(const Exact& score) {
  score_ = Millionths::of(score);
  has_score_ = true;
}

void Result::set_bonus(const Exact& bonus) {
  bonus_ = Millionths::of(bonus).count64();
  has_bonus_ = true;
}

void Result::set_rank(std::optional<std::size_t> rank) { rank_ = rank ? static_cast<std::uint32_t>(*rank) : 0; }

Result score_record(const RuleSet& rules, const Record& record) {
  auto trace = std::make_shared<Trace>();  // empty for a vetoed or pass/fail-only record
  Result result = score_into(rules, record, *trace);
  result.trace = trace;
  return result;
}

// A national quarter holds a million results, and fresh memory is most of
// what a run costs (docs/performance.md): a result is one cache line, with
// 32-bit indices, the score and bonus as millionths (a bonus, capped at its
// max ≤ 10⁹, in 64 bits) and its vetoes left to the record.
static_assert(sizeof(void*) != 8 || sizeof(Result) == 64, "a result is one cache line (64-bit targets; wasm32 is smaller)");

std::vector<Result> score(const RuleSet& rules, const Batch& batch, bool keep_traces, unsigned jobs) {
  std::vector<Result> results;
  fresh_memory::reserve(results, batch.records.size(), jobs);
  results.resize(batch.records.size());
  // Results land in their record's slot, so the output is the same at any
  // thread count.
  constexpr std::size_t kBlock = 16384;
  const std::size_t n = batch.records.size();
  const std::size_t blocks = (n + kBlock - 1) / kBlock;
  std::vector<Trace> scratch(parallel::threads_for(jobs, blocks));
  parallel::for_each(blocks, jobs, [&](std::size_t b, unsigned worker) {
    for (std::size_t i = b * kBlock; i < std::min(n, (b + 1) * kBlock); ++i) {
      results[i] = keep_traces ? score_record(rules, batch.records[i]) : score_into(rules, batch.records[i], scratch[worker]);
      results[i].record = static_cast<std::uint32_t>(i);
    }
  });
  return results;
}

}  // namespace govscore
