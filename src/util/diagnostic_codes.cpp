// The one table of diagnostic codes, and the JSON form of a diagnostic.
// A code is stable: scripts match on it, so a code is never renamed or
// reused for another problem; docs/diagnostics.md lists them all.
#include <nlohmann/json.hpp>

#include <string_view>

#include "govscore/error.hpp"

namespace govscore {
namespace {

struct CodeRule {
  std::string_view needle;  // a phrase of the message
  std::string_view code;
};

// First match wins: the specific phrases before the general ones.
constexpr CodeRule kCodes[] = {
    {"a control character", "control-character"},
    {"the heading gives", "heading-points"},
    {"nothing is deducted under them for any unit of this sheet", "indicator-without-column"},
    {"is more than the indicator's max of", "points-above-max"},
    {"targets disagree", "target-mismatch"},
    {"cannot tell the target of", "sheet-target-unknown"},
    {"skipped: no heading row of records", "sheet-skipped"},
    {"calendar", "calendar"},
    {"a text may have at most", "text-too-long"},
    {"more digits than can be read exactly", "too-many-digits"},
    {"is not a period", "not-a-period"},
    {"window: from", "window-reversed"},
    {"files scored together share one window", "windows-differ"},
    {"is outside the window", "as-of-outside-window"},
    {"is after the check point", "fact-after-check-point"},
    {"the rules count days to the check point", "no-check-point"},
    {"registered but", "registered-below-checked"},
    {"0 registered", "registered-zero"},
    {"past XFD1048576", "cell-out-of-range"},
    {"holds a formula", "formula-without-value"},
    {"merged cells", "merged-points"},
    {"appears twice", "duplicate-cell"},
    {"is inside row", "cell-in-wrong-row"},
    {"shared string", "bad-shared-string"},
    {"inflates to more than", "part-too-large"},
    {"DOCTYPE", "xml-doctype"},
    {"UTF-16", "utf16"},
    {"byte-order mark", "bom"},
    {"neither UTF-8 nor GBK", "unknown-encoding"},
    {"not valid UTF-8", "not-utf8"},
    {"is not UTF-8", "not-utf8"},
    {"invalid JSON", "invalid-json"},
    {"YAML anchors and aliases", "yaml-alias"},
    {"YAML", "invalid-yaml"},
    {"nested deeper than", "too-deep"},
    {"texts may be at most", "text-too-long"},
    {"an .xls file", "xls-file"},
    {"not an .xlsx workbook", "not-xlsx"},
    {"this is a records file, not a rule file", "records-as-rules"},
    {"is empty", "empty-file"},
    {"no records to score", "no-records"},
    {"a quoted cell is never closed", "unclosed-quote"},
    {"duplicate key", "duplicate-key"},
    {"duplicate id or title", "duplicate-name"},
    {"duplicate id", "duplicate-id"},
    {"given twice", "given-twice"},
    {"unknown indicator", "unknown-indicator"},
    {"unknown target", "unknown-target"},
    {"unknown field", "unknown-field"},
    {"unknown key", "unknown-key"},
    {"unknown column", "unknown-column"},
    {"unknown", "unknown-name"},
    {"not a veto indicator", "not-a-veto"},
    {"must not be negative", "negative-points"},
    {"out of range", "out-of-range"},
    {"decimals", "too-many-decimals"},
    {"must be a number", "not-a-number"},
    {"is not a date", "not-a-date"},
    {"--missing-facts", "missing-fact"},
    {"missing \"period\"", "missing-period"},
    {"missing", "missing-field"},
    {"deduction indicators; a target may have at most", "too-many-indicators"},
    {"deduction maxima add up to", "maxima-not-base"},
    {"both in deductions and as findings", "counted-twice"},
    {"is entered by its parts", "entered-by-parts"},
    {"takes points: on its parts", "entered-by-parts"},
    {"has no bonus", "no-bonus"},
    {"不考核", "not-assessed"},
    {"not assessed", "not-assessed"},
    {"score one period at a time", "period-mismatch"},
    {"period belongs at the top", "misplaced-field"},
    {"differs from", "conflicting-values"},
    {"compares", "invalid-condition"},
    {"when:", "invalid-condition"},
    {"a record is a JSON object", "wrong-type"},
    {"one record: a JSON object", "wrong-type"},
    {"a records file is a JSON object", "wrong-type"},
    {"must be a", "wrong-type"},
    {"must be true or false", "wrong-type"},
    {"must be 是/否", "wrong-type"},
    {"must be 合格 or 不合格", "wrong-type"},
    {"must be", "invalid-value"},
};

// `record "dz-w-04": deductions: "季度检查": …` → record dz-w-04, field
// deductions/季度检查; `record #3: …` → record #3.
void place_in_message(const std::string& message, std::string& record, std::string& field) {
  std::size_t at = 0;
  if (message.rfind("record \"", 0) == 0) {
    std::size_t end = message.find("\": ", 8);
    if (end == std::string::npos) return;
    record = message.substr(8, end - 8);
    at = end + 3;
  } else if (message.rfind("record #", 0) == 0) {
    std::size_t end = message.find(": ", 8);
    if (end == std::string::npos) return;
    record = message.substr(7, end - 7);
    at = end + 2;
  } else {
    return;
  }
  std::size_t colon = message.find(": ", at);
  if (colon == std::string::npos) return;
  std::string name = message.substr(at, colon - at);
  if (name.empty() || name.find_first_of(" \"") != std::string::npos) return;
  field = name;
  at = colon + 2;
  if (message.compare(at, 1, "\"") == 0) {
    std::size_t end = message.find("\": ", at + 1);
    if (end != std::string::npos) field += "/" + message.substr(at + 1, end - at - 1);
  }
}

}  // namespace

std::string diagnostic_code(const std::string& message) {
  for (const auto& rule : kCodes)
    if (message.find(rule.needle) != std::string::npos) return std::string(rule.code);
  return "invalid-input";
}

std::string Diagnostic::json(Language language) const {
  using json_t = nlohmann::ordered_json;
  std::string record, field;
  place_in_message(message, record, field);
  json_t j;
  j["severity"] = severity == Severity::kError ? "error" : "warning";
  j["file"] = file.empty() ? json_t(nullptr) : json_t(file);
  j["line"] = line > 0 ? json_t(line) : json_t(nullptr);
  j["column"] = column > 0 ? json_t(column) : json_t(nullptr);
  j["record"] = record.empty() ? json_t(nullptr) : json_t(record);
  j["field"] = field.empty() ? json_t(nullptr) : json_t(field);
  j["code"] = code.empty() ? diagnostic_code(message) : code;
  j["message"] = message_in(language);
  // Invalid UTF-8 quoted from a broken file is replaced, never a reason to fail.
  return j.dump(-1, ' ', false, json_t::error_handler_t::replace);
}

}  // namespace govscore
