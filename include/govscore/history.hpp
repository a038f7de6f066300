// Quarters over time, read from the archive (never rescored): compare one
// quarter with an earlier one, list last quarter's failures for re-checking
// (复核名单, 整改清单), and roll several quarters up into a half-year or
// annual assessment with tiers (等次). Each result renders as tables (every
// text format) and as JSON (docs/json-output.md).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "govscore/annex.hpp"
#include "govscore/archive.hpp"
#include "govscore/bulletin.hpp"

namespace govscore {

struct RuleSet;

// ---- archive list --------------------------------------------------------

// The archived quarters (Archive::list), one row each: period, rules,
// rules_sha256, units, rank_within, added_at, govscore_version. `title`
// names the table (the archive file).
[[nodiscard]] AnnexTable quarters_table(const std::vector<QuarterInfo>& quarters, const std::string& title);
// The same as {"quarters": [{…}, …]}, one quarter a line.
[[nodiscard]] std::string render_quarters_json(const std::vector<QuarterInfo>& quarters);

// ---- compare -------------------------------------------------------------

// How a unit fared from the earlier quarter to this one.
enum class CompareStatus {
  kStillFailing,  // 连续不合格: failed then and now
  kRectified,     // 已整改: failed then, passes now
  kNewlyFailing,  // 新增不合格: passed then, fails now
  kStillPassing,  // 保持合格
  kNew,           // 新增: not in the earlier quarter
  kNotChecked,    // 未检查: in the earlier quarter only
};
// The status as bulletins word it: "连续不合格" ….
[[nodiscard]] const char* status_text(CompareStatus status);

enum class MatchBy {
  kId,    // units are the same when their ids are
  kName,  // … when target, name, owner and platform are (sheets renumbered)
};

// Its texts are views into the two quarters compared.
struct ComparedUnit {
  std::string_view id;           // this quarter's, else the earlier one's
  std::string_view previous_id;  // the earlier quarter's, when matched ("" when not)
  std::string_view name;
  std::string_view owner;
  std::string_view target;
  std::string_view platform;
  CompareStatus status = CompareStatus::kNew;
  std::optional<Exact> score, previous_score;
  std::optional<long> rank, previous_rank;
  std::optional<Exact> score_change;  // score − previous_score, when both
  std::optional<long> rank_change;    // previous_rank − rank (up is positive), when both
  // Vetoes fired and indicators deducted in both quarters (同一问题重复出现).
  std::vector<std::string_view> repeated;
  std::string_view note;  // why a unit was left unmatched (ambiguous name match)
};

struct Comparison {
  std::string period;
  std::string against;
  int decimals = 1;  // scores are printed with these (this quarter's rule file)
  MatchBy match = MatchBy::kId;
  // This quarter's units in table order, then those of the earlier quarter
  // only (未检查) in its table order.
  std::vector<ComparedUnit> units;
  // Names that match more than one unit in a quarter (with --match name):
  // those units are not matched, and each message says which they are.
  std::vector<std::string> ambiguous;
  [[nodiscard]] std::size_t count(CompareStatus status) const;
};

// Compares `now` with `before`. Pure. The comparison views the texts of
// both quarters, which must outlive it.
[[nodiscard]] Comparison compare(const ArchivedQuarter& now, const ArchivedQuarter& before, MatchBy match = MatchBy::kId);

// Tables: the counts by status, then one row per unit.
[[nodiscard]] std::vector<AnnexTable> comparison_tables(const Comparison& c);
[[nodiscard]] std::string render_comparison_json(const Comparison& c);

// ---- the current quarter beside the archive -------------------------------

// A quarter scored now, seen as the archive would hold it (for comparing it
// with archived ones without adding it). Its units' texts view `rules` and
// `batch`, which must outlive it.
[[nodiscard]] ArchivedQuarter as_archived(const RuleSet& rules, const Batch& batch, const std::vector<Result>& ranked,
                                          int decimals);

// ---- recheck -------------------------------------------------------------

// One unit that failed in the quarter re-checked (复核名单).
struct RecheckUnit {
  std::string id;
  std::string name;
  std::string owner;
  std::string target;
  std::string platform;
  std::optional<Exact> score;
  std::vector<std::string> reasons;  // the vetoes, or 得分低于60分
  std::vector<std::pair<std::string, Exact>> deductions;  // indicator → points deducted
  std::vector<ArchivedFinding> findings;
  // In the next archived quarter (when there is one): passes now, fails
  // again, or was not checked.
  std::optional<CompareStatus> now;  // kRectified, kStillFailing or kNotChecked
  std::optional<Exact> now_score;
};

// One problem to rectify by the deadline (整改清单).
struct RectificationItem {
  std::string id;
  std::string name;
  std::string problem;   // 单项否决：首页不更新 / 内容更新 扣5分 / a finding's title
  std::string url;       // a finding's page, if any
  std::string deadline;  // as given: 2023-01-15
};

struct Recheck {
  std::string period;
  int decimals = 1;
  std::string next_period;  // "" when no later quarter is archived
  std::string deadline;     // "" when none given
  std::vector<RecheckUnit> units;  // table order of the quarter
  std::vector<RectificationItem> rectification;  // with a deadline only
};

// The failures of `quarter`, with `findings` (by unit id, as
// Archive::findings_of_failed gives them) and, when given, how each fares in
// `next`. Pure. Only the failures of `quarter` and their ids in `next`
// matter: Archive::load(…, Units::kFailed) and Archive::load_matching load
// no more.
[[nodiscard]] Recheck recheck(const ArchivedQuarter& quarter, const std::map<std::string, std::vector<ArchivedFinding>>& findings,
                              const ArchivedQuarter* next, const std::string& deadline);
[[nodiscard]] std::vector<AnnexTable> recheck_tables(const Recheck& r);
[[nodiscard]] std::string render_recheck_json(const Recheck& r);

// `report --db`: adds to every annex of `b` the columns 上季度得分, 变化 and
// 连续不合格 (units matched by id with `previous`), and a 复核情况 section:
// each unit that failed in `previous` and how it fares now.
void add_previous_quarter(Bulletin& b, const ArchivedQuarter& previous);

// ---- rollup --------------------------------------------------------------

// Its texts are views into the texts of the quarters rolled up, which its
// Rollup keeps.
struct RollupUnit {
  std::string_view id;  // units are the same across quarters when their ids are
  std::string_view name;
  std::string_view owner;
  std::string_view target;
  std::string_view region;
  std::string_view group;
  std::string_view platform;
  std::vector<std::optional<Exact>> scores;  // per period (none: not scored or not checked)
  int checked = 0;                 // quarters it was in
  int passed = 0;                  // quarters it passed
  bool all_passed = false;         // passed every quarter it was checked in
  std::vector<std::string> vetoes; // "2022Q1 首页不更新", in period order
  std::optional<Exact> mean;       // over the quarters it was scored, rounded
  std::optional<long> rank;        // competition rank on the mean within its target
  std::string tier;                // "" when the target has no tiers or the unit no mean
};

struct RollupRegion {
  std::string region;
  int units = 0;
  int checks = 0;  // unit-quarters checked
  int passed = 0;  // … passed
  bool all_passed = false;  // every unit passed in every quarter (合格率均达100%)
};

// The units of one tier in one group, in rank order.
struct TierList {
  std::string target;
  std::string tier;
  std::string group;
  std::vector<std::string_view> names;  // views into the texts the Rollup keeps
};

struct Rollup {
  std::vector<std::string> periods;
  int decimals = 1;
  std::vector<RollupUnit> units;  // targets in rule-file order, then by rank, unranked last
  std::vector<RollupRegion> regions;  // by region name
  std::vector<TierList> tiers;  // targets, then tiers in rule-file order, then groups by first appearance
  // The texts of the quarters rolled up, which units and tiers view.
  TextBlocks texts;
};

// Reads the units of the p-th quarter rolled up, in table order, handing
// each to `fold` and adding the texts they view to `texts` (as
// Archive::read_units does).
using QuarterUnits = std::function<void(std::size_t p, TextBlocks& texts,
                                        const std::function<void(const ArchivedUnit&)>& fold)>;

// Rolls `quarters` up, in the order given (period order), with the tiers
// and decimals of `rules` (the rule file of the last quarter, or one given
// instead). Each quarter's units are folded in as units_of(p) reads them,
// and none is kept (a national quarter's units take hundreds of
// megabytes); their texts are kept by the Rollup. What units_of throws
// propagates.
[[nodiscard]] Rollup rollup(const std::vector<QuarterInfo>& quarters, const QuarterUnits& units_of,
                            const RuleSet& rules);
[[nodiscard]] std::vector<AnnexTable> rollup_tables(const Rollup& r);
[[nodiscard]] std::string render_rollup_json(const Rollup& r);

}  // namespace govscore
