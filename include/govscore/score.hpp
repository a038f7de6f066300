// Scoring: one record + its target's rules → score, verdict and a trace of
// where every point went. Pure: no I/O, no state, the same record always
// gives the same result.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "govscore/exact.hpp"
#include "govscore/millionths.hpp"

namespace govscore {

struct RuleSet;
struct Record;
struct Batch;

// One part of an indicator as scored: raw × factor.
struct PartTrace {
  std::size_t part = 0;    // index into Indicator::parts
  bool entered = false;    // points were given for it
  Exact raw = 0;
  Exact factor = 1;
  Exact points = 0;        // raw × factor
};

// One deduction indicator as scored.
struct IndicatorTrace {
  std::size_t indicator = 0;  // index into Target::deductions
  bool assessed = true;       // false: 不考核, its max leaves the base
  bool entered = false;       // any points were given for it
  std::vector<PartTrace> parts;
  Exact raw = 0;              // entered points, or Σ parts × factor
  Exact max = 0;
  Exact deducted = 0;         // min(raw, max)
  [[nodiscard]] bool capped() const { return raw > max; }
};

// The bonus as scored: entered → capped (items, then the whole) → gate.
struct BonusTrace {
  bool entered = false;
  Exact raw = 0;              // as entered (items already capped one by one)
  Exact capped = 0;           // min(raw, max)
  bool gate_passed = true;    // no gate, or the deduction score is above it
  Exact counted = 0;          // what enters the score
  std::vector<std::pair<std::size_t, Exact>> item_raw;  // item index → entered
};

// Where every point went. For a vetoed record only `vetoes` is meaningful.
struct Trace {
  std::vector<IndicatorTrace> indicators;  // in rule-file order
  Exact deducted = 0;         // Σ deducted over assessed indicators
  Exact not_assessed = 0;     // Σ max of not-assessed indicators
  Exact out_of = 0;           // base − not_assessed
  Exact scale = 1;            // base ÷ out_of (1 when all are assessed)
  Exact deduction_score = 0;  // (out_of − deducted) × scale
  std::optional<BonusTrace> bonus;
  Exact exact_score = 0;      // before rounding
};

// The outcome for one record. Copyable, and small: a national quarter
// holds a million results. Its vetoes are the record's (Record::vetoes).
struct Result {
  std::uint32_t record = 0;  // index into Batch::records
  // The record's target (index into RuleSet::targets), which tables group
  // by: the same as batch.records[record].target.
  std::uint32_t target = 0;
  bool passed = false;
  // Where every point went; kept by score_record() and by score() unless
  // asked not to (a national quarter does not need a million traces held
  // at once — explain and the JSON writer recompute one when they need it).
  std::shared_ptr<const Trace> trace;

  // Any of the record's veto indicators fired (Record::vetoes says which).
  [[nodiscard]] bool vetoed() const { return vetoed_; }
  // Rounded; none when vetoed or unscored.
  [[nodiscard]] std::optional<Exact> score() const;
  [[nodiscard]] bool has_score() const { return has_score_; }
  // The bonus counted, when one was entered.
  [[nodiscard]] std::optional<Exact> bonus() const;
  [[nodiscard]] bool has_bonus() const { return has_bonus_; }
  // Set by rank(); none for pass/fail-only targets.
  [[nodiscard]] std::optional<std::size_t> rank() const;
  // The rounded score in its compact form: orders and compares as the
  // score does (for ranking without a fraction per result). 0 when there
  // is no score.
  [[nodiscard]] Millionths score_millionths() const { return score_; }
  // The bonus counted; 0 when none was entered.
  [[nodiscard]] Millionths bonus_millionths() const { return Millionths(bonus_); }
  // "合格" or "不合格", as the published tables print it.
  [[nodiscard]] const char* verdict() const { return passed ? "合格" : "不合格"; }

  void set_vetoed(bool vetoed) { vetoed_ = vetoed; }
  // Precondition: at most Exact::kMaxDecimals decimals (else ArithmeticOverflow).
  void set_score(const Exact& score);
  // Precondition: as set_score, and |bonus| < 9.2·10¹² (64-bit millionths;
  // a bonus is at most its max ≤ 10⁹), else ArithmeticOverflow.
  void set_bonus(const Exact& bonus);
  void set_rank(std::optional<std::size_t> rank);

 private:
  Millionths score_;
  std::int64_t bonus_ = 0;  // millionths
  std::uint32_t rank_ = 0;  // 0: none
  bool vetoed_ = false;
  bool has_score_ = false;
  bool has_bonus_ = false;
};

// Scores one record. Preconditions: `record` was loaded against `rules`.
[[nodiscard]] Result score_record(const RuleSet& rules, const Record& record);

// Scores every record of the batch, in input order (Result::record = i),
// keeping each trace when `keep_traces`. Runs on the caller's thread and,
// when `jobs` ≠ 1, on up to jobs − 1 threads of its own that end before it
// returns (0: one per core); the results are the same at any count.
[[nodiscard]] std::vector<Result> score(const RuleSet& rules, const Batch& batch, bool keep_traces = true,
                                        unsigned jobs = 1);

}  // namespace govscore
