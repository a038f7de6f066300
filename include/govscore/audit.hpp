// Audit: recompute a published table and list every place where what was
// published (a record's `published`, the file's `published_summary`)
// disagrees with the rules, the records, or itself.
#pragma once

#include <string>
#include <vector>

#include "govscore/message.hpp"
#include "govscore/rank.hpp"

namespace govscore {

struct RuleSet;
struct Batch;

enum class RankingMethod {
  kCompetition,  // 1, 1, 3 (the published tables' method)
  kDense,        // 1, 1, 2
};

struct AuditOptions {
  RankWithin within = RankWithin::kTarget;
  RankingMethod ranking = RankingMethod::kCompetition;
};

// One disagreement, with both values.
struct Disagreement {
  enum class Kind { kScore, kVerdict, kRank, kDuplicate, kSummary };
  Kind kind = Kind::kScore;
  std::string subject;     // "dz-w-06 区司法局专栏", or "政府网站 合格率"
  std::string published;   // what the publication says
  std::string expected;    // what the records and rules give
  std::string why;         // one clause of explanation
  // published, expected and why as Messages, worded in any language by
  // render_audit (the strings above are their English).
  Message published_words;
  Message expected_words;
  Message why_words;
};

// Every disagreement, grouped by kind in the order of Kind, records in input
// order (the published table's) within a kind. Empty when everything agrees.
[[nodiscard]] std::vector<Disagreement> audit(const RuleSet& rules, const Batch& batch, const AuditOptions& options = {});

// The audit as a person reads it: a headline, then the disagreements by kind,
// one line each.
[[nodiscard]] std::string render_audit(const RuleSet& rules, const Batch& batch, const std::vector<Disagreement>& found,
                                       Language language = Language::kEnglish);

}  // namespace govscore
