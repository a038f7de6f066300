// Canonical JSON of records as loaded (internal header): what the archive
// keeps of a quarter's records, such that loading it again against the same
// rule file gives the same records and so the same results.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "govscore/exact.hpp"

namespace govscore {
struct RuleSet;
struct Record;
struct Batch;
}  // namespace govscore

namespace govscore::archive {

// One record as a JSON object on one line, in the records-file grammar
// (docs/record-files.md). Keys in a fixed order; indicators, parts, vetoes
// and bonus items named by their titles; points as exact decimals. What the
// loader derived from facts (vetoes fired by `when`, points from `points`)
// is left out, since the facts, written too, derive it again.
[[nodiscard]] std::string record_json(const RuleSet& rules, const Record& record);

// The top level of the records file without "records": period, window,
// registered, registered_by_region, published_summary (those given).
[[nodiscard]] std::string header_json(const RuleSet& rules, const Batch& batch);

// A whole records file: `header` (as header_json writes it) with "records"
// holding `records`, each a record_json line, joined.
[[nodiscard]] std::string records_document(const std::string& header, const std::string& records_lines);

// The pairs of a JSON object of names → numbers as the archive writes it
// ({"内容更新":5,"政策解读":0.5}), the numbers read exactly from their
// decimal text (a double would not keep every 6-decimal value). Throws
// govscore::Error when the text is not such an object.
[[nodiscard]] std::vector<std::pair<std::string, Exact>> parse_points_object(std::string_view json);

// `text` as a JSON string literal, quotes included.
void append_json_string(std::string& out, std::string_view text);

}  // namespace govscore::archive
