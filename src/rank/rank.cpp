#include "govscore/rank.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <numeric>
#include <string>
#include <string_view>

#include "govscore/records.hpp"
#include "govscore/rules.hpp"
#include "util/fresh_memory.hpp"

namespace govscore {

namespace {

// Results that rank alike: one pool (target, group), scored or not, one
// rounded score. A quarter has a few thousand of them however many results
// it has, so results are ordered by counting them per class — a stable
// counting sort, linear in the results, which keeps ties in input order
// without comparing input positions.
struct RankClass {
  Millionths score;  // 0 when unscored
  std::uint32_t target = 0;
  std::uint32_t group = 0;
  bool unscored = false;
  [[nodiscard]] bool operator==(const RankClass& o) const {
    return score == o.score && target == o.target && group == o.group && unscored == o.unscored;
  }
  [[nodiscard]] bool same_pool(const RankClass& o) const { return target == o.target && group == o.group; }
  // Table order: targets in rule-file order, groups in order of first
  // appearance, scored before unscored, best score first.
  [[nodiscard]] bool before(const RankClass& o) const {
    if (target != o.target) return target < o.target;
    if (group != o.group) return group < o.group;
    if (unscored != o.unscored) return o.unscored;
    return score > o.score;
  }
};

// Numbers the classes of a run, in order of first appearance (open addressing).
class ClassTable {
 public:
  std::uint32_t number(const RankClass& c) {
    if ((classes_.size() + 1) * 2 > slots_.size()) grow();
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t s = hash(c) & mask;; s = (s + 1) & mask) {
      if (slots_[s] == kEmpty) {
        slots_[s] = static_cast<std::uint32_t>(classes_.size());
        classes_.push_back(c);
        return slots_[s];
      }
      if (classes_[slots_[s]] == c) return slots_[s];
    }
  }
  [[nodiscard]] const std::vector<RankClass>& classes() const { return classes_; }

 private:
  static constexpr std::uint32_t kEmpty = UINT32_MAX;
  static std::size_t hash(const RankClass& c) {
    std::uint64_t h =
        c.score.hash() ^ (std::uint64_t{c.target} << 40) ^ (std::uint64_t{c.group} << 8) ^ std::uint64_t{c.unscored};
    h *= 0x9E3779B97F4A7C15ULL;
    return static_cast<std::size_t>(h ^ (h >> 32));
  }
  void grow() {
    slots_.assign(std::max<std::size_t>(64, slots_.size() * 2), kEmpty);
    const std::size_t mask = slots_.size() - 1;
    for (std::uint32_t n = 0; n < classes_.size(); ++n) {
      std::size_t s = hash(classes_[n]) & mask;
      while (slots_[s] != kEmpty) s = (s + 1) & mask;
      slots_[s] = n;
    }
  }
  std::vector<std::uint32_t> slots_;
  std::vector<RankClass> classes_;
};

}  // namespace

std::vector<Result> rank(const RuleSet& rules, const Batch& batch, std::vector<Result> results, RankWithin within) {
  // With kGroup, each result's group numbered per target in order of first
  // appearance, so tables follow the input (views: no string per result).
  std::map<std::pair<std::size_t, std::string_view>, std::uint32_t> group_order;
  auto group_of = [&](const Result& r) -> std::uint32_t {
    if (within != RankWithin::kGroup) return 0;
    const Record& rec = batch.records[r.record];
    auto key = std::make_pair(std::size_t{rec.target}, std::string_view(rec.group));
    return group_order.emplace(key, static_cast<std::uint32_t>(group_order.size())).first->second;
  };

  // Each result's class, and how many results each class has.
  ClassTable table;
  fresh_memory::Vector<std::uint32_t> class_of(results.size());
  std::vector<std::uint32_t> count;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const Result& r = results[i];
    const std::uint32_t c = table.number({r.score_millionths(), r.target, group_of(r), !r.has_score()});
    if (c == count.size()) count.push_back(0);
    ++count[c];
    class_of[i] = c;
  }

  // The classes in table order; where each one's results start in the
  // table, and the competition rank they share: 1 + the results before
  // them in their pool (1, 1, 3). Unscored results (vetoed) share the rank
  // after the last scored; pass/fail-only targets have none.
  const std::vector<RankClass>& classes = table.classes();
  std::vector<std::uint32_t> by_order(classes.size());
  std::iota(by_order.begin(), by_order.end(), 0U);
  std::sort(by_order.begin(), by_order.end(),
            [&](std::uint32_t a, std::uint32_t b) { return classes[a].before(classes[b]); });
  std::vector<std::uint32_t> next(classes.size());
  std::vector<std::uint32_t> class_rank(classes.size());
  std::size_t start = 0;
  std::size_t pool_start = 0;
  for (std::size_t k = 0; k < by_order.size(); ++k) {
    const RankClass& c = classes[by_order[k]];
    if (k == 0 || !c.same_pool(classes[by_order[k - 1]])) pool_start = start;
    next[by_order[k]] = static_cast<std::uint32_t>(start);
    class_rank[by_order[k]] = rules.targets[c.target].scored() ? static_cast<std::uint32_t>(start - pool_start + 1) : 0;
    start += count[by_order[k]];
  }

  // Where each result goes, in input order within its class (ties keep
  // input order), and its rank, set while the results are still in input
  // order (read in turn, not all over memory).
  fresh_memory::Vector<std::uint32_t> order(results.size());
  for (std::size_t i = 0; i < results.size(); ++i) {
    order[next[class_of[i]]++] = static_cast<std::uint32_t>(i);
    const std::uint32_t place = class_rank[class_of[i]];
    results[i].set_rank(place == 0 ? std::nullopt : std::optional<std::size_t>(place));
  }

  // Move the results into that order in place, cycle by cycle: place k
  // takes the result at order[k], whose place then takes its own, until
  // the cycle comes back to k. Places done are marked in `order`. Each
  // step moves a result from far away in memory, so the results the cycle
  // reaches a few steps later are asked for now.
  constexpr std::uint32_t kDone = UINT32_MAX;
  constexpr int kAhead = 8;
  for (std::size_t first = 0; first < results.size(); ++first) {
    if (order[first] == kDone) continue;
    Result held = std::move(results[first]);
    std::size_t ahead = first;
    for (int step = 0; step < kAhead && order[ahead] != kDone; ++step) ahead = order[ahead];
    for (std::size_t k = first;;) {
      const std::uint32_t from = order[k];
      order[k] = kDone;
      results[k] = from == first ? std::move(held) : std::move(results[from]);
      if (from == first) break;
      if (order[ahead] != kDone) {
        ahead = order[ahead];
        __builtin_prefetch(&results[ahead]);
      }
      k = from;
    }
  }
  return results;
}

}  // namespace govscore
