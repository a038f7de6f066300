// Audit of the counts and names a publication gave for score bands and named
// lists (published_summary: {TARGET: {bands: …, lists: …}}), internal to audit.
#pragma once

#include <vector>

#include "govscore/audit.hpp"

namespace govscore {

struct Summary;

// Adds a kSummary disagreement for each published count that differs from
// the names the publication itself lists, each count that differs from the
// units the records put in the band or list, and each unit listed but not in
// it or in it but not listed (by name, in records-file order).
void check_published_names(const RuleSet& rules, const Batch& batch, const Summary& summary,
                           std::vector<Disagreement>& out);

}  // namespace govscore
