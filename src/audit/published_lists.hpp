// Audit of the counts and names a publication gave for score bands and named
// lists (published_summary: {TARGET: {bands: …, lists: …}}), internal to audit.
#pragma once

#include <vector>

#include "govscore/audit.hpp"

namespace govscore {

struct Summary;

// A disagreement whose published value, expected value and reason are
// Messages (their English in the strings).
inline Disagreement disagreement(Disagreement::Kind kind, std::string subject, Message published, Message expected,
                                 Message why) {
  Disagreement d;
  d.kind = kind;
  d.subject = std::move(subject);
  d.published = published.str();
  d.expected = expected.str();
  d.why = why.str();
  d.published_words = std::move(published);
  d.expected_words = std::move(expected);
  d.why_words = std::move(why);
  return d;
}

// Text that reads the same in every language.
inline Message words(std::string text) { return Message::verbatim(std::move(text)); }

// Adds a kSummary disagreement for each published count that differs from
// the names the publication itself lists, each count that differs from the
// units the records put in the band or list, and each unit listed but not in
// it or in it but not listed (by name, in records-file order).
void check_published_names(const RuleSet& rules, const Batch& batch, const Summary& summary,
                           std::vector<Disagreement>& out);

}  // namespace govscore
