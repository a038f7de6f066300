// Ranking: competition ranking (1, 1, 3) of scored results on their rounded
// score, within each target (or each target + group), as the published
// tables rank; and the order in which tables list the results.
#pragma once

#include <vector>

#include "govscore/score.hpp"

namespace govscore {

struct RuleSet;
struct Batch;

enum class RankWithin {
  kTarget,  // one ranking per target
  kGroup,   // one ranking per target and group (区县政府 / 市政府部门 …)
};

// Returns the results in table order — targets in rule-file order, groups
// (with kGroup) in order of first appearance, then by rank, ties in input
// order — with Result::rank set. Vetoed records rank below every scored one,
// sharing the rank after the last scored. Results of pass/fail-only targets
// keep input order and get no rank. Deterministic: equal inputs give equal
// outputs. Runs on the caller's thread, reordering `results` in place.
[[nodiscard]] std::vector<Result> rank(const RuleSet& rules, const Batch& batch, std::vector<Result> results,
                                       RankWithin within = RankWithin::kTarget);

}  // namespace govscore
