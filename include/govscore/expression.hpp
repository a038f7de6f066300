// Expressions over facts: the `when:` of a veto and the `points:` of a
// deduction in a rule file, e.g.
//   probes_total > 0 and probes_failed / probes_total >= 0.05
//   days_since(homepage_last_update) > 14
//   5 * stale_policy_columns
// Parsed and type-checked when the rule file loads (numbers, booleans and
// dates never mix silently), evaluated exactly per record. See
// docs/rule-files.md, "Conditions".
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "govscore/exact.hpp"

namespace govscore {

enum class ValueType { kNumber, kBool, kDate };

// "number", "bool", "date".
[[nodiscard]] const char* type_name(ValueType type);
[[nodiscard]] std::optional<ValueType> parse_type_name(const std::string& name);

// A value of an expression or a fact. Dates are days since 1970-01-01.
struct Value {
  ValueType type = ValueType::kNumber;
  Exact number = 0;
  bool boolean = false;
  long date = 0;
};

// Calendar arithmetic on day numbers (days since 1970-01-01, proleptic
// Gregorian), as the conditions count it.
namespace calendar {
// "2021-03-31" or "2021-03-31T10:00:00+08:00" (the date part counts) → day
// number; nullopt when it is not a real date.
[[nodiscard]] std::optional<long> parse_date(std::string_view text);
[[nodiscard]] std::string format_date(long day);
// The same day `months` later, clamped to the month's end: 2020-08-31 + 6 = 2021-02-28.
[[nodiscard]] long add_months(long day, int months);
// Natural days from `from` to `to` (to − from).
[[nodiscard]] long days_between(long from, long to);
// Months from `from` to `to`: whole months m with add_months(from, m) ≤ to,
// plus the fraction of the next month that has passed. Exactly 6 months is
// 6; one day more is above 6.
[[nodiscard]] Exact months_between(long from, long to);
}  // namespace calendar

// The facts a rule file declares, name → (index, type).
struct FactDeclaration {
  std::string name;
  ValueType type = ValueType::kNumber;
};
using FactList = std::vector<FactDeclaration>;

// A record's facts, parallel to the FactList: nullopt = not given; a value
// with `null` set = given as null (known to be absent, e.g. no unanswered
// message).
struct FactValue {
  bool null = false;
  Value value;
};
using FactValues = std::vector<std::optional<FactValue>>;

// Why an evaluation could not finish for one record.
struct EvaluationProblem {
  enum class Kind { kMissingFact, kNullFact, kDivisionByZero, kNoCheckPoint, kOverflow } kind = Kind::kMissingFact;
  std::size_t fact = 0;  // index into the FactList, for missing and null facts
};

class ExpressionNode;

// A parsed, type-checked expression. Copyable (shares its tree).
class Expression {
 public:
  // Parses `text` against the declared facts and checks that it yields
  // `expected`. On failure returns nullopt and sets `error` and
  // `error_column` (1-based, in characters, within `text`).
  [[nodiscard]] static std::optional<Expression> parse(const std::string& text, const FactList& facts,
                                                       std::optional<ValueType> expected, std::string& error,
                                                       int& error_column);

  // Evaluates with the record's facts and the check point (`as_of`, a day
  // number, needed only by date helpers). Returns the problem instead when a
  // needed fact is missing or null, or on division by zero.
  struct Outcome {
    std::optional<Value> value;
    std::optional<EvaluationProblem> problem;
  };
  [[nodiscard]] Outcome evaluate(const FactValues& facts, std::optional<long> as_of) const;

  [[nodiscard]] const std::string& text() const { return text_; }
  [[nodiscard]] ValueType type() const;
  // Indices of the facts it reads, in order of first use.
  [[nodiscard]] const std::vector<std::size_t>& facts() const { return facts_; }
  [[nodiscard]] bool uses_dates() const { return uses_dates_; }

 private:
  std::string text_;
  std::shared_ptr<const ExpressionNode> root_;
  std::vector<std::size_t> facts_;
  bool uses_dates_ = false;
};

// Writes a value as evidence shows it: numbers exactly, or to two decimals
// when they repeat (6.428… → 6.43); dates as 2021-03-31; booleans 是/否.
[[nodiscard]] std::string format_value(const Value& v);

// An evidence template: text with {expression} parts, e.g.
// "{probes_failed} of {probes_total} probes failed = {100 * probes_failed / probes_total} % ≥ 5 %".
class Template {
 public:
  [[nodiscard]] static std::optional<Template> parse(const std::string& text, const FactList& facts, std::string& error,
                                                     int& error_column);
  // The text with each part evaluated; a part that cannot be evaluated shows "?".
  [[nodiscard]] std::string render(const FactValues& facts, std::optional<long> as_of) const;

 private:
  std::vector<std::string> literals_;  // one more than parts_
  std::vector<Expression> parts_;
};

}  // namespace govscore
