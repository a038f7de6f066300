#include "govscore/rank.hpp"

#include <algorithm>
#include <map>
#include <string>

#include "govscore/records.hpp"
#include "govscore/rules.hpp"

namespace govscore {

std::vector<Result> rank(const RuleSet& rules, const Batch& batch, std::vector<Result> results, RankWithin within) {
  // The ranking pool of each result: its target, and its group when asked,
  // numbered in order of first appearance so tables follow the input.
  std::map<std::pair<std::size_t, std::string>, std::size_t> group_order;
  auto pool_of = [&](const Result& r) {
    const Record& rec = batch.records[r.record];
    std::string group = within == RankWithin::kGroup ? rec.group : std::string();
    auto it = group_order.emplace(std::make_pair(rec.target, group), group_order.size()).first;
    return std::make_pair(rec.target, it->second);
  };
  std::vector<std::pair<std::size_t, std::size_t>> pools;
  pools.reserve(results.size());
  for (const auto& r : results) pools.push_back(pool_of(r));

  // A sort key per result: its pool; scored before unscored; the rounded
  // score (an exact decimal, so scaled to an integer without loss), best
  // first; and its input position, so that ties keep input order.
  struct Key {
    std::pair<std::size_t, std::size_t> pool;
    bool unscored = false;
    Int128 score = 0;  // score × 10^decimals
    std::size_t index = 0;
  };
  Int128 scale = 1;
  for (int i = 0; i < rules.decimals; ++i) scale *= 10;
  std::vector<Key> keys(results.size());
  for (std::size_t i = 0; i < results.size(); ++i) {
    const Result& r = results[i];
    keys[i].pool = pools[i];
    keys[i].unscored = !r.score;
    if (r.score) keys[i].score = r.score->numerator() * (scale / r.score->denominator());
    keys[i].index = i;
  }
  std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
    if (a.pool != b.pool) return a.pool < b.pool;
    if (a.unscored != b.unscored) return b.unscored;
    if (a.score != b.score) return a.score > b.score;
    return a.index < b.index;
  });
  // Put the results in that order in place, following each cycle of the
  // permutation, so a million results are never held twice.
  std::vector<bool> placed(results.size(), false);
  for (std::size_t start = 0; start < keys.size(); ++start) {
    if (placed[start]) continue;
    Result held = std::move(results[start]);
    std::size_t at = start;
    for (;;) {
      placed[at] = true;
      std::size_t from = keys[at].index;
      if (from == start) {
        results[at] = std::move(held);
        break;
      }
      results[at] = std::move(results[from]);
      at = from;
    }
  }

  std::size_t pool_start = 0;
  for (std::size_t k = 0; k < results.size(); ++k) {
    Result& r = results[k];
    if (k > 0 && keys[k].pool != keys[k - 1].pool) pool_start = k;
    std::size_t position = k - pool_start + 1;
    if (rules.targets[batch.records[r.record].target].scored()) {
      const Result* previous = k > pool_start ? &results[k - 1] : nullptr;
      bool tie = previous && ((r.score && previous->score && *r.score == *previous->score) ||
                              (!r.score && !previous->score));
      r.rank = tie ? previous->rank : std::optional<std::size_t>(position);
    }
  }
  return results;
}

}  // namespace govscore
