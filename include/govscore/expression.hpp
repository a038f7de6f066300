// Expressions over facts: the `when:` of a veto and the `points:` of a
// deduction in a rule file, e.g.
//   probes_total > 0 and probes_failed / probes_total >= 0.05
//   days_since(homepage_last_update) > 14
//   5 * stale_policy_columns
//   all(messages, has(answered) and working_days(received, answered) <= 1)
// Parsed and type-checked when the rule file loads (numbers, booleans and
// dates never mix silently), evaluated exactly per record. See
// docs/rule-files.md, "Conditions".
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "govscore/calendar.hpp"
#include "govscore/exact.hpp"
#include "govscore/message.hpp"

namespace govscore {

class Message;

// kList: a list of events, each with the typed fields its fact declares
// (`messages: {list: {received: date, answered: date}}`).
enum class ValueType { kNumber, kBool, kDate, kList };

class WorkCalendar;
struct EventList;

// "number", "bool", "date", "list"; parse_type_name knows the first three
// (a list is declared as {list: {FIELD: TYPE, …}}).
[[nodiscard]] const char* type_name(ValueType type);
[[nodiscard]] std::optional<ValueType> parse_type_name(const std::string& name);

// A value of an expression or a fact. Dates are days since 1970-01-01.
struct Value {
  ValueType type = ValueType::kNumber;
  Exact number = 0;
  bool boolean = false;
  long date = 0;
  std::shared_ptr<const EventList> events;  // kList: never null for a list value
};

// The facts a rule file declares, name → (index, type).
struct FactDeclaration {
  FactDeclaration() = default;
  FactDeclaration(std::string fact_name, ValueType fact_type, std::vector<FactDeclaration> list_fields = {})
      : name(std::move(fact_name)), type(fact_type), fields(std::move(list_fields)) {}

  std::string name;
  ValueType type = ValueType::kNumber;
  std::vector<FactDeclaration> fields;  // kList: each event's fields (number, bool or date)
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

// A list fact's events, in the order the record gives them; each event's
// values are parallel to the fact's `fields` (nullopt or null: not given).
struct EventList {
  std::vector<FactValues> events;
};

// Why an evaluation could not finish for one record.
struct EvaluationProblem {
  enum class Kind {
    kMissingFact,
    kNullFact,
    kDivisionByZero,
    kNoCheckPoint,
    kOverflow,
    kOutsideCalendar,  // working_days() of a date in a year the calendar does not cover
    kEmptyList,        // max()/min() over a list without events
  } kind = Kind::kMissingFact;
  std::optional<std::size_t> fact;   // index into the FactList: the fact read (missing, null, dated, empty)
  std::optional<std::size_t> field;  // of that list fact's events: the field read
  std::size_t event = 0;             // with `field`: the event (0-based)
  long day = 0;                      // kOutsideCalendar: the date outside the calendar
  long year = 0;                     // … and its year
};

// What a list function (count, share, all, any) found over one list, for
// the trace: how many events, how many met the condition, and the first few
// that are the evidence — with the working days that condition counted.
// all() and share() state what every event should meet, so the evidence is
// the events that do not; count() and any() pick out events (late, missing),
// so the evidence is the events that meet the condition.
struct ListTally {
  std::string function;              // "all"
  std::size_t fact = 0;              // the list fact
  std::size_t events = 0;
  std::size_t met = 0;
  bool shows_met = false;            // count, any: `shown` are events that meet it; all, share: that do not
  struct Shown {
    std::size_t event = 0;             // 0-based
    std::vector<long> working_days;    // what working_days() gave for it, in order
  };
  std::vector<Shown> shown;          // the first kMaxShown of them
  static constexpr std::size_t kMaxShown = 3;
};

class ExpressionNode;

// A parsed, type-checked expression. Copyable (shares its tree).
class Expression {
 public:
  // Parses `text` against the declared facts and checks that it yields
  // `expected`. On failure returns nullopt and sets `error` and
  // `error_column` (1-based, in characters, within `text`).
  // `calendar` is what working_days() counts on; without one, working_days()
  // is an error naming the rule file's `calendar:` key.
  [[nodiscard]] static std::optional<Expression> parse(const std::string& text, const FactList& facts,
                                                       std::optional<ValueType> expected, std::string& error,
                                                       int& error_column,
                                                       std::shared_ptr<const WorkCalendar> calendar = nullptr);
  // The same, with the error as a Message, to be worded in any language.
  [[nodiscard]] static std::optional<Expression> parse(const std::string& text, const FactList& facts,
                                                       std::optional<ValueType> expected, Message& error,
                                                       int& error_column,
                                                       std::shared_ptr<const WorkCalendar> calendar = nullptr);

  // Evaluates with the record's facts and the check point (`as_of`, a day
  // number, needed only by date helpers). Returns the problem instead when a
  // needed fact is missing or null, or on division by zero.
  struct Outcome {
    std::optional<Value> value;
    std::optional<EvaluationProblem> problem;
    std::vector<ListTally> tallies;  // one per list function evaluated, in evaluation order
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
// when they repeat (6.428… → 6.43); dates as 2021-03-31; booleans 是/否;
// lists as "3 events".
[[nodiscard]] std::string format_value(const Value& v);
// The same as a message: a list's "3 events" is worded in the message's
// language; other values are shown as format_value writes them.
[[nodiscard]] Message value_words(const Value& v);

// A tally in words, with the facts it was computed from: "messages: 5
// events, 3 meet all(…), 2 do not: #2 (received 2024-02-08, answered
// 2024-02-19; 3 working days), #5 (received 2024-03-01, answered null)".
[[nodiscard]] Message describe_tally(const ListTally& tally, const FactList& facts, const FactValues& values);

// An evidence template: text with {expression} parts, e.g.
// "{probes_failed} of {probes_total} probes failed = {100 * probes_failed / probes_total} % ≥ 5 %".
class Template {
 public:
  [[nodiscard]] static std::optional<Template> parse(const std::string& text, const FactList& facts, std::string& error,
                                                     int& error_column,
                                                     std::shared_ptr<const WorkCalendar> calendar = nullptr);
  [[nodiscard]] static std::optional<Template> parse(const std::string& text, const FactList& facts, Message& error,
                                                     int& error_column,
                                                     std::shared_ptr<const WorkCalendar> calendar = nullptr);
  // The text with each part evaluated; a part that cannot be evaluated shows "?".
  [[nodiscard]] std::string render(const FactValues& facts, std::optional<long> as_of) const;

 private:
  std::vector<std::string> literals_;  // one more than parts_
  std::vector<Expression> parts_;
};

}  // namespace govscore
