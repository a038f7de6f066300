#include "govscore/rank.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <thread>

#include "govscore/records.hpp"
#include "govscore/rules.hpp"
#include "fresh_memory.hpp"

namespace govscore {

std::vector<Result> rank(const RuleSet& rules, const Batch& batch, std::vector<Result> results, RankWithin within) {
  // With kGroup, each result's group numbered per target in order of first
  // appearance, so tables follow the input (views: no string per result).
  std::vector<std::uint32_t> group_number(within == RankWithin::kGroup ? results.size() : 0);
  if (within == RankWithin::kGroup) {
    std::map<std::pair<std::size_t, std::string_view>, std::uint32_t> order;
    for (std::size_t i = 0; i < results.size(); ++i) {
      const Record& rec = batch.records[results[i].record];
      auto key = std::make_pair(rec.target, std::string_view(rec.group));
      group_number[i] = order.emplace(key, static_cast<std::uint32_t>(order.size())).first->second;
    }
  }

  // A sort key per result: its pool (target, group); scored before
  // unscored; the rounded score (an exact decimal, so scaled to an integer
  // without loss), best first; and its input position, so that ties keep
  // input order.
  struct Key {
    Int128 score = 0;  // score × 10⁶
    std::uint32_t target = 0;
    std::uint32_t group = 0;
    std::uint32_t index = 0;
    bool unscored = false;
    [[nodiscard]] bool same_pool(const Key& o) const { return target == o.target && group == o.group; }
  };
  std::vector<Key> keys;
  fresh_memory::reserve(keys, results.size());
  keys.resize(results.size());
  for (std::size_t i = 0; i < results.size(); ++i) {
    const Result& r = results[i];
    Key& k = keys[i];
    k.target = r.target;
    k.group = group_number.empty() ? 0 : group_number[i];
    k.unscored = !r.has_score();
    k.score = r.score_millionths();
    k.index = static_cast<std::uint32_t>(i);
  }
  auto before = [](const Key& a, const Key& b) {
    if (a.target != b.target) return a.target < b.target;
    if (a.group != b.group) return a.group < b.group;
    if (a.unscored != b.unscored) return b.unscored;
    if (a.score != b.score) return a.score > b.score;
    return a.index < b.index;
  };
  if (keys.size() < 100000) {
    std::sort(keys.begin(), keys.end(), before);
  } else {
    // Each half sorted on its own core, then merged: the order is total, so
    // the result is the same as one sort's.
    const auto middle = keys.begin() + static_cast<std::ptrdiff_t>(keys.size() / 2);
    std::thread other([&] { std::sort(middle, keys.end(), before); });
    std::sort(keys.begin(), middle, before);
    other.join();
    std::inplace_merge(keys.begin(), middle, keys.end(), before);
  }
  // Gather the results into that order, each core filling half of the
  // new array (results are 80 bytes: holding them twice for a moment costs
  // less than following the permutation's cycles in place, which waits
  // for a far-away result at every step on one core).
  std::vector<Result> ordered;
  fresh_memory::reserve(ordered, results.size());
  ordered.resize(results.size());
  auto gather = [&](std::size_t from, std::size_t to) {
    constexpr std::size_t kAhead = 16;
    for (std::size_t k = from; k < to; ++k) {
      if (k + kAhead < to) __builtin_prefetch(&results[keys[k + kAhead].index]);
      ordered[k] = std::move(results[keys[k].index]);
    }
  };
  if (keys.size() < 100000) {
    gather(0, keys.size());
  } else {
    std::thread other(gather, keys.size() / 2, keys.size());
    gather(0, keys.size() / 2);
    other.join();
  }
  results = std::vector<Result>();  // moved from: its memory goes back now
  results.swap(ordered);

  std::size_t pool_start = 0;
  for (std::size_t k = 0; k < results.size(); ++k) {
    Result& r = results[k];
    if (k > 0 && !keys[k].same_pool(keys[k - 1])) pool_start = k;
    std::size_t position = k - pool_start + 1;
    if (rules.targets[keys[k].target].scored()) {
      // Equal keys but for the input position: the same score, or both unscored.
      const bool tie = k > pool_start && keys[k].unscored == keys[k - 1].unscored && keys[k].score == keys[k - 1].score;
      r.set_rank(tie ? results[k - 1].rank() : std::optional<std::size_t>(position));
    }
  }
  return results;
}

}  // namespace govscore
