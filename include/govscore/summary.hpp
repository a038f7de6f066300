// Summary figures of a bulletin (通报): per target the units checked, passed
// and failed, pass and check rates, vetoes by indicator; the regional table;
// score bands with the names in rank order; the failing list; per-unit
// findings. Computed from ranked results, never typed in.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "govscore/exact.hpp"
#include "govscore/rank.hpp"

namespace govscore {

struct RuleSet;
struct Batch;

// A percentage as bulletins print it: two decimals, half-up ("99.38").
[[nodiscard]] std::string percent(long part, long whole);

struct TargetSummary {
  std::size_t target = 0;
  long checked = 0;
  long passed = 0;
  long failed = 0;
  long failed_on_score = 0;                   // 不合格 without a veto
  std::optional<long> registered;             // 在册, from the records file
  std::vector<std::pair<std::string, long>> vetoes;  // veto title → units, rule-file order, only those > 0

  [[nodiscard]] std::string pass_rate() const { return percent(passed, checked); }   // "99.38"
  [[nodiscard]] std::optional<std::string> check_rate() const;                      // checked ÷ registered
};

// One target's columns in the regional table: a count per group (市级门户,
// 市级部门, 县级门户 …, in order of first appearance; a single unnamed column
// when records carry no group), then the failing units, then 在册 when the
// records file gives registered counts by region.
struct RegionColumns {
  std::size_t target = 0;
  std::vector<std::string> groups;
  bool registered = false;
};

struct RegionCounts {
  std::vector<long> by_group;  // parallel to RegionColumns::groups
  long failed = 0;
  std::optional<long> registered;
  [[nodiscard]] long checked() const;
};

struct RegionRow {
  std::string region;                  // "（未填地区）" for records without one, when others have one
  std::vector<RegionCounts> targets;   // parallel to RegionTable::columns
};

struct RegionTable {
  std::vector<RegionColumns> columns;
  std::vector<RegionRow> rows;         // regions in order of first appearance; none when no record names one
  RegionRow total;                     // the sum of the rows, region "合计"
};

// One score band of one target, e.g. 110分及以上（17个）：江北区政府、…
// A band that lies wholly under the pass line (its `below` ≤ pass_score)
// also lists the vetoed units, after the scored ones: they are 不合格 too,
// so the band and the figures agree on how many failed.
struct BandList {
  std::size_t target = 0;
  std::string title;                   // the band's title
  std::string group;                   // empty, or the group it is split by
  std::vector<std::size_t> records;    // in rank order
};

// A unit that failed, and why: the veto titles, or "得分低于60分".
struct Failure {
  std::size_t record = 0;
  std::string reason;
  std::optional<Exact> score;  // rounded; none when vetoed
};

// A named list of the rule file (名单, RuleSet::lists): the units whose facts
// put it on the list, in records-file order, split per group or region
// (in order of first appearance) when the list is declared `by` one.
struct NamedListResult {
  struct Part {
    std::string heading;               // the group or region; empty when not split
    std::vector<std::size_t> records;  // indices into Batch::records
  };
  std::size_t list = 0;                // index into RuleSet::lists
  std::vector<Part> parts;             // one with an empty heading when not split; none when empty
  [[nodiscard]] std::size_t count() const;
};

// Every named list of the rule file, in rule-file order (empty ones too).
[[nodiscard]] std::vector<NamedListResult> collect_named_lists(const RuleSet& rules, const Batch& batch);

struct Summary {
  std::vector<TargetSummary> targets;  // rule-file order, those with records
  RegionTable regions;
  std::vector<BandList> bands;
  std::vector<Failure> failures;       // table order
  std::vector<std::size_t> with_findings;  // records that carry findings, table order
  std::vector<NamedListResult> lists;  // the rule file's named lists
};

// Computes every figure from results as rank() returns them. With
// RankWithin::kGroup the band lists are split by group.
[[nodiscard]] Summary summarize(const RuleSet& rules, const Batch& batch, const std::vector<Result>& ranked,
                                RankWithin within = RankWithin::kTarget);

}  // namespace govscore
