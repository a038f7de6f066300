// Explanations in words: why a unit got its score (the trace, step by step,
// e.g. "周扫描 10 × 0.5 = 5", "(90 − 10) × 100 ÷ 90 = 88.888… → 88.9"), and
// a rule set as an indicator tree a reader can check against the scheme.
#pragma once

#include <string>

#include "govscore/message.hpp"

namespace govscore {

struct RuleSet;
struct Batch;
struct Result;

// How an explanation is worded.
struct ExplainOptions {
  Language language = Language::kEnglish;  // of the words; figures and the rule file's titles are as they are
};

// The trace of `result` (a result of a record of `batch`) in words, one step
// per line, ending with the score, the verdict and the rank.
[[nodiscard]] std::string explain(const RuleSet& rules, const Batch& batch, const Result& result,
                                  const ExplainOptions& options = {});

// The indicator tree of every target with its points, factors, caps, gate and
// rescale rule, as `govscore rules` prints it.
[[nodiscard]] std::string describe(const RuleSet& rules, const ExplainOptions& options = {});

}  // namespace govscore
