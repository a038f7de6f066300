// Dates as day numbers, and working days on an official calendar: which
// days are worked in the years it covers — Monday to Friday, less the days
// off and plus the weekend days moved to working days that the State
// Council's yearly notice gives. Loaded from a calendar file
// (calendars/cn-official.yaml is built in as "cn-official"); see
// docs/rule-files.md, "Working days".
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "govscore/error.hpp"
#include "govscore/exact.hpp"

namespace govscore {

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

// One calendar. Immutable once loaded; shared by the rule sets and the
// expressions that use it (a shared_ptr<const WorkCalendar>), safe to read
// from any thread.
class WorkCalendar {
 public:
  // A day's status as a notice sets it.
  enum class DayKind { kWeekday, kWeekend, kDayOff, kMovedWorkingDay };

  // The calendar's id ("cn-official"), as a rule file names it.
  [[nodiscard]] const std::string& id() const { return id_; }
  // The years it covers, ascending (2019 … 2026 for cn-official).
  [[nodiscard]] const std::vector<long>& years() const { return years_; }
  [[nodiscard]] bool covers_year(long year) const;
  // "2019–2026", or the years listed one by one when they have gaps.
  [[nodiscard]] std::string years_text() const;

  // Whether `day` (days since 1970-01-01) is worked. Precondition: its year
  // is covered.
  [[nodiscard]] bool is_working_day(long day) const;
  [[nodiscard]] DayKind kind(long day) const;

  // The number of working days d with from < d ≤ to: a message received on
  // `from` and answered on `to` took that many working days (the same day is
  // 0). When `to` is before `from` the count is negative: −(working days d
  // with to < d ≤ from). Returns nullopt when the year of `from`, of `to` or
  // of any day between them is not covered, and sets `uncovered_year` to the
  // year of the first such date (`from`'s, then `to`'s, then the first gap).
  [[nodiscard]] std::optional<long> working_days(long from, long to, long& uncovered_year) const;

 private:
  friend class CalendarReader;
  std::string id_;
  std::vector<long> years_;
  long first_day_ = 0;            // 1 January of the first year
  std::vector<DayKind> kinds_;    // one per day from first_day_ to 31 December of the last year
  std::vector<long> cumulative_;  // working days d with first_day_ ≤ d < first_day_ + i, for i = 0 … kinds_.size()
};

// The outcome of loading a calendar: the calendar when `diagnostics` has no
// errors.
struct CalendarLoad {
  std::shared_ptr<const WorkCalendar> calendar;
  Diagnostics diagnostics;
};

// Reads a calendar file (`path` names it in messages) and checks it: every
// date real and in its year, ranges in order, moved working days on a
// Saturday or Sunday, no day both off and worked, no unknown keys. Never
// throws on bad input.
[[nodiscard]] CalendarLoad load_calendar_text(const std::string& content, const std::string& path);
[[nodiscard]] CalendarLoad load_calendar(const std::string& path);

// The calendars built into the library, by id: "cn-official"
// (calendars/cn-official.yaml). nullptr for any other id.
[[nodiscard]] std::shared_ptr<const WorkCalendar> builtin_calendar(const std::string& id);
// The ids builtin_calendar() knows, for suggestions.
[[nodiscard]] std::vector<std::string> builtin_calendar_ids();

// The year of a day number (days since 1970-01-01).
[[nodiscard]] long year_of_day(long day);

}  // namespace govscore
