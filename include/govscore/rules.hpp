// Rule sets: the indicator scheme of one inspection (国办秘函〔2019〕19号 or a
// local adaptation), loaded from a YAML rule file and validated as a whole.
// See docs/rule-files.md for the grammar.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "govscore/error.hpp"
#include "govscore/exact.hpp"
#include "govscore/expression.hpp"
#include "govscore/tiers.hpp"

namespace govscore {

// Where a rule-file node was written (1-based), for messages about it.
struct SourcePlace {
  int line = 0;
  int column = 0;
};

// A single-veto indicator (单项否决): any one fired → 不合格, nothing scored.
// With `when`, it also fires by itself for records that carry facts.
struct Veto {
  std::string id;
  std::string title;
  std::optional<Expression> when;         // a condition over facts
  std::optional<Template> evidence_fired; // how the trace words it when it fires
  std::optional<Template> evidence_clear; // … and when it does not
};

// A sub-item of a deduction indicator entered separately (周扫描, 季度检查);
// its raw points are multiplied by `factor` before the indicator's cap.
struct Part {
  std::string id;
  std::string title;
  Exact factor = 1;
  std::optional<Expression> points;  // raw points from facts, before the factor
};

// A deduction indicator (扣分指标): the points deducted under it, summed over
// its parts, never exceed `max`.
struct Indicator {
  std::string id;
  std::string title;
  Exact max = 0;
  bool requires_public_services = false;  // 不考核 for units without them
  std::vector<Part> parts;                // empty: points entered directly
  std::optional<Expression> points;       // raw points from facts (indicators without parts)
  SourcePlace place;
};

// A bonus item (加分项) with its own cap inside the bonus.
struct BonusItem {
  std::string id;
  std::string title;
  Exact max = 0;
};

// The bonus (加分指标), capped at `max`, counted only when the (rescaled)
// deduction score is strictly above `above` when a gate is set.
struct Bonus {
  Exact max = 0;
  std::optional<Exact> above;  // gate: national counts the bonus only above 80
  bool rescaled = false;       // true: inside the rescale bracket (Dazu)
  std::vector<BonusItem> items;
};

// A score band for grouped lists: at_least ≤ score < below.
struct Band {
  std::string title;  // as the bulletin words it: "110分及以上"
  Exact at_least = 0;
  std::optional<Exact> below;
};

// A named list of the bulletin (名单), e.g. 1个工作日内在线答复留言的政府网站名单:
// the units of `target` whose facts make `when` true, printed per group or
// region when `by` says so. Units without facts are never on it.
struct NamedList {
  enum class By { kNone, kGroup, kRegion };
  std::string id;
  std::string title;
  std::size_t target = 0;           // index into RuleSet::targets
  std::optional<Expression> when;   // a condition over facts
  By by = By::kNone;
};

// A veto whose indicator the records do not name ("veto": true).
inline constexpr std::size_t kUnnamedVeto = static_cast<std::size_t>(-1);

// What is scored: websites, new-media accounts, … Copyable.
struct Target {
  std::string id;
  std::string title;
  Exact base = 100;
  Exact pass_score = 60;
  std::vector<Veto> veto;
  std::vector<Indicator> deductions;
  std::optional<Bonus> bonus;
  std::vector<Band> bands;
  std::vector<Tier> tiers;  // 等次 for rollup; empty: none

  // The title of veto `index` (an index into `veto`, or kUnnamedVeto for a
  // record that says only 单项否决 = 是, as many published tables do).
  [[nodiscard]] const std::string& veto_title(std::size_t index) const;
  // The titles of `vetoes` (a record's), joined by `separator`: "、" in
  // lists, "；" in a table cell.
  [[nodiscard]] std::string veto_titles(const std::vector<std::size_t>& vetoes, const std::string& separator) const;

  // A target with neither deductions nor bonus is judged 合格/不合格 on its
  // vetoes alone (national new media) and carries no score or rank.
  [[nodiscard]] bool scored() const { return !deductions.empty() || bonus.has_value(); }
};

// A whole rule file. Copyable.
struct RuleSet {
  std::string id;
  std::string title;
  std::string source;  // the document it encodes, e.g. 大足府办发〔2020〕117号
  int decimals = 1;    // scores are rounded half-up to this many decimals
  FactList facts;      // the facts records may carry and conditions may use
  std::vector<Target> targets;
  std::string file;    // the path it was loaded from, for messages
  // `calendar:` — what working_days() counts on (none: working_days() is
  // refused at load), and how the rule file named it ("cn-official", or a
  // file's path relative to the rule file).
  std::shared_ptr<const WorkCalendar> calendar;
  std::string calendar_name;
  std::vector<NamedList> lists;  // `lists:`, in rule-file order

  // The target with this id, or nullptr.
  [[nodiscard]] const Target* find_target(const std::string& id) const;
  // The index of the target with this id or, failing that, this exact
  // title (政务新媒体, 政府网站（专栏）); none when no target has it.
  [[nodiscard]] std::optional<std::size_t> target_index(std::string_view id) const;
  // Whether any condition counts days or months to the check point.
  [[nodiscard]] bool uses_dates() const;
};

// The outcome of loading: a rule set when `diagnostics` has no errors
// (warnings may be present), otherwise no rule set.
struct RulesLoad {
  std::optional<RuleSet> rules;
  Diagnostics diagnostics;
  std::string text;  // the rule file as read (what an archive stores and hashes)
};

// Loads and validates the rule file at `path`, reporting every problem with
// its place. Never throws on bad input.
[[nodiscard]] RulesLoad load_rules(const std::string& path);
// Same, from text already read; `path` is used in messages only.
[[nodiscard]] RulesLoad load_rules_text(const std::string& text, const std::string& path);

}  // namespace govscore
