// Tiers (等次): how a half-year or annual assessment grades units over
// several quarters — by mean-score thresholds or by shares of the ranking —
// as a target of the rule file defines them (docs/rule-files.md, "Tiers").
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "govscore/exact.hpp"

namespace govscore {

// One tier. A target's tiers are all of one kind: each has `at_least` (a
// unit whose rounded mean score is at least it, and below the tier before),
// or each has `share` (this tier's part of the ranking, 0 < share ≤ 1); the
// last may have neither and then takes every unit left.
struct Tier {
  std::string title;              // as the bulletin words it: 第一等次
  std::optional<Exact> at_least;
  std::optional<Exact> share;
};

// The tier of each unit. `means` are the units' rounded mean scores in
// ranking order (best first) and `ranks` their competition ranks (1, 1, 3);
// units without a mean (vetoed in every quarter) get no tier. By shares, a
// unit of rank r is in the first tier whose cumulative share × the number
// of ranked units is at least r, so units that tie are never split.
// Returns, per unit, an index into `tiers` or nullopt.
[[nodiscard]] std::vector<std::optional<std::size_t>> assign_tiers(const std::vector<Tier>& tiers,
                                                                   const std::vector<std::optional<Exact>>& means,
                                                                   const std::vector<std::optional<long>>& ranks);

}  // namespace govscore
