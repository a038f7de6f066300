// Explanations in words: why a unit got its score (the trace, step by step,
// e.g. "周扫描 10 × 0.5 = 5", "(90 − 10) × 100 ÷ 90 = 88.888… → 88.9"), and
// a rule set as an indicator tree a reader can check against the scheme.
#pragma once

#include <string>

namespace govscore {

struct RuleSet;
struct Batch;
struct Result;

// The trace of `result` (a result of a record of `batch`) in words, one step
// per line, ending with the score, the verdict and the rank.
[[nodiscard]] std::string explain(const RuleSet& rules, const Batch& batch, const Result& result);

// The indicator tree of every target with its points, factors, caps, gate and
// rescale rule, as `govscore rules` prints it.
[[nodiscard]] std::string describe(const RuleSet& rules);

}  // namespace govscore
