#include "govscore/calendar.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>

#include "govscore/expression.hpp"
#include "govscore/limits.hpp"
#include "util/text.hpp"
#include "util/yaml_source.hpp"

namespace govscore {

// The built-in calendars' texts, generated from calendars/*.yaml when the
// build is configured (CMakeLists.txt, from src/score/builtin_calendars.cpp.in).
extern const char* const kCnOfficialCalendarText;

namespace {

// Monday = 0 … Sunday = 6; 1970-01-01 was a Thursday.
int weekday(long day) { return static_cast<int>(((day + 3) % 7 + 7) % 7); }

long first_day_of_year(long year) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04ld-01-01", year);
  return calendar::parse_date(buffer).value_or(0);
}

}  // namespace

long year_of_day(long day) { return std::stol(calendar::format_date(day).substr(0, 4)); }

bool WorkCalendar::covers_year(long year) const { return std::binary_search(years_.begin(), years_.end(), year); }

std::string WorkCalendar::years_text() const {
  if (years_.empty()) return "no years";
  bool contiguous = years_.back() - years_.front() + 1 == static_cast<long>(years_.size());
  if (contiguous)
    return years_.size() == 1 ? std::to_string(years_.front())
                              : std::to_string(years_.front()) + "–" + std::to_string(years_.back());
  std::string out;
  for (long y : years_) out += (out.empty() ? "" : ", ") + std::to_string(y);
  return out;
}

WorkCalendar::DayKind WorkCalendar::kind(long day) const { return kinds_[static_cast<std::size_t>(day - first_day_)]; }

bool WorkCalendar::is_working_day(long day) const {
  DayKind k = kind(day);
  return k == DayKind::kWeekday || k == DayKind::kMovedWorkingDay;
}

std::optional<long> WorkCalendar::working_days(long from, long to, long& uncovered_year) const {
  for (long day : {from, to}) {
    long year = year_of_day(day);
    if (!covers_year(year)) {
      uncovered_year = year;
      return std::nullopt;
    }
  }
  long low = std::min(from, to);
  long high = std::max(from, to);
  for (long year = year_of_day(low) + 1; year < year_of_day(high); ++year) {
    if (!covers_year(year)) {
      uncovered_year = year;
      return std::nullopt;
    }
  }
  // Days of uncovered years between covered ones are never reached here, so
  // the table (which spans first to last year) counts only notice-backed days.
  auto index = [&](long day) { return static_cast<std::size_t>(day - first_day_); };
  long count = cumulative_[index(high) + 1] - cumulative_[index(low) + 1];
  return to >= from ? count : -count;
}

// Reads a calendar file's YAML into a WorkCalendar, reporting every problem
// with its place.
class CalendarReader {
 public:
  CalendarReader(std::string path, const std::string& content, Diagnostics& diagnostics)
      : path_(std::move(path)), content_(content), diag_(diagnostics) {}

  std::shared_ptr<WorkCalendar> read(const YAML::Node& root) {
    auto cal = std::make_shared<WorkCalendar>();
    if (!root.IsMap()) {
      error(root, tr("a calendar file is a mapping with id, title and years"));
      return cal;
    }
    check_keys(root, {"id", "title", "years"}, tr("calendar"));
    if (root["id"] && root["id"].IsScalar())
      cal->id_ = root["id"].Scalar();
    else
      error(root, tr("calendar: missing \"id\""));
    YAML::Node years = root["years"];
    if (!years || !years.IsMap() || years.size() == 0) {
      error(years ? years : root, tr("calendar: \"years\" must be a mapping of year → {notice, holidays}"));
      return cal;
    }
    std::map<long, YAML::Node> by_year;
    for (const auto& kv : years) {
      const std::string& key = kv.first.Scalar();
      bool digits = key.size() == 4 && std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (!digits) {
        error(kv.first, tr("calendar: year \"{0}\" must be four digits, e.g. 2024", key));
        continue;
      }
      long year = std::stol(key);
      if (!by_year.emplace(year, kv.second).second) error(kv.first, tr("calendar: year {0} given twice", key));
    }
    if (by_year.empty()) return cal;
    for (const auto& entry : by_year) cal->years_.push_back(entry.first);
    cal->first_day_ = first_day_of_year(by_year.begin()->first);
    long end = first_day_of_year(by_year.rbegin()->first + 1);
    cal->kinds_.resize(static_cast<std::size_t>(end - cal->first_day_));
    for (long day = cal->first_day_; day < end; ++day)
      cal->kinds_[static_cast<std::size_t>(day - cal->first_day_)] =
          weekday(day) >= 5 ? WorkCalendar::DayKind::kWeekend : WorkCalendar::DayKind::kWeekday;
    for (const auto& [year, node] : by_year) read_year(*cal, year, node);
    cal->cumulative_.assign(cal->kinds_.size() + 1, 0);
    for (std::size_t i = 0; i < cal->kinds_.size(); ++i)
      cal->cumulative_[i + 1] =
          cal->cumulative_[i] + (cal->is_working_day(cal->first_day_ + static_cast<long>(i)) ? 1 : 0);
    return cal;
  }

 private:
  void read_year(WorkCalendar& cal, long year, const YAML::Node& node) {
    const Message where = tr("calendar: year {0}", year);
    if (!node.IsMap()) {
      error(node, tr("{0} must be a mapping with notice and holidays", where));
      return;
    }
    check_keys(node, {"notice", "holidays"}, tr("year {0}", year));
    if (!node["notice"] || !node["notice"].IsScalar() || node["notice"].Scalar().empty())
      error(node, tr("{0}: missing \"notice\" (the notice the year's days come from)", where));
    YAML::Node holidays = node["holidays"];
    if (!holidays) return;  // a year without holidays: Monday to Friday throughout
    if (!holidays.IsSequence()) {
      error(holidays, tr("{0}: holidays must be a list", where));
      return;
    }
    for (const auto& h : holidays) {
      if (!h.IsMap()) {
        error(h, tr("{0}: a holiday is a mapping with name, days_off and days_worked", where));
        continue;
      }
      check_keys(h, {"name", "days_off", "days_worked"}, tr("holiday"));
      std::string name = h["name"] && h["name"].IsScalar() ? h["name"].Scalar() : "";
      if (name.empty()) error(h, tr("{0}: a holiday needs a \"name\"", where));
      const Message subject = tr("{0}: {1}", where, name.empty() ? tr("holiday") : Message::verbatim(name));
      if (auto off = h["days_off"]) {
        auto range = date_range(off, tr("{0}: days_off", subject), year);
        if (range)
          for (long day = range->first; day <= range->second; ++day)
            mark(cal, day, WorkCalendar::DayKind::kDayOff, off, subject);
      } else {
        error(h, tr("{0}: missing \"days_off\"", subject));
      }
      if (auto worked = h["days_worked"]) {
        if (!worked.IsSequence()) {
          error(worked, tr("{0}: days_worked must be a list of dates", subject));
          continue;
        }
        for (const auto& w : worked) {
          auto day = date(w, tr("{0}: days_worked", subject), year);
          if (!day) continue;
          if (weekday(*day) < 5) {
            error(w, tr("{0}: days_worked: {1} is a Monday–Friday, already a working day (a moved working day is a "
                        "Saturday or Sunday)",
                        subject, calendar::format_date(*day)));
            continue;
          }
          mark(cal, *day, WorkCalendar::DayKind::kMovedWorkingDay, w, subject);
        }
      }
    }
  }

  void mark(WorkCalendar& cal, long day, WorkCalendar::DayKind kind, const YAML::Node& n, const Message& subject) {
    auto& slot = cal.kinds_[static_cast<std::size_t>(day - cal.first_day_)];
    bool off_before = slot == WorkCalendar::DayKind::kDayOff;
    bool worked_before = slot == WorkCalendar::DayKind::kMovedWorkingDay;
    if ((kind == WorkCalendar::DayKind::kDayOff && worked_before) ||
        (kind == WorkCalendar::DayKind::kMovedWorkingDay && off_before)) {
      error(n, tr("{0}: {1} is both a day off and a working day", subject, calendar::format_date(day)));
      return;
    }
    slot = kind;
  }

  // A date of `year`: "2024-02-04".
  std::optional<long> date(const YAML::Node& n, const Message& what, long year) {
    if (!n.IsScalar()) {
      error(n, tr("{0}: a date is written YYYY-MM-DD", what));
      return std::nullopt;
    }
    const std::string& s = n.Scalar();
    auto day = s.size() == 10 ? calendar::parse_date(s) : std::nullopt;
    if (!day) {
      error(n, tr("{0}: \"{1}\" is not a date (YYYY-MM-DD)", what, s));
      return std::nullopt;
    }
    if (year_of_day(*day) != year) {
      error(n, tr("{0}: {1} is not in {2} (list each day under its own year)", what, s, year));
      return std::nullopt;
    }
    return day;
  }

  // A date or FROM/TO, both in `year`, FROM ≤ TO.
  std::optional<std::pair<long, long>> date_range(const YAML::Node& n, const Message& what, long year) {
    if (!n.IsScalar()) {
      error(n, tr("{0}: a date (YYYY-MM-DD) or a range FROM/TO", what));
      return std::nullopt;
    }
    const std::string& s = n.Scalar();
    auto slash = s.find('/');
    if (slash == std::string::npos) {
      auto day = date(n, what, year);
      if (!day) return std::nullopt;
      return std::make_pair(*day, *day);
    }
    // Both ends as plain longs: GCC 12 misreads two optionals here (-Wmaybe-uninitialized).
    long from = 0;
    long to = 0;
    bool valid = slash == 10 && s.size() == 21;
    if (valid) {
      auto first = calendar::parse_date(s.substr(0, slash));
      auto last = calendar::parse_date(s.substr(slash + 1));
      valid = first.has_value() && last.has_value();
      from = first.value_or(0);
      to = last.value_or(0);
    }
    if (!valid) {
      error(n, tr("{0}: \"{1}\" is not a range of dates FROM/TO (YYYY-MM-DD/YYYY-MM-DD)", what, s));
      return std::nullopt;
    }
    if (year_of_day(from) != year || year_of_day(to) != year) {
      error(n, tr("{0}: {1} is not within {2} (list each day under its own year)", what, s, year));
      return std::nullopt;
    }
    if (to < from) {
      error(n, tr("{0}: {1} ends before it starts", what, s));
      return std::nullopt;
    }
    return std::make_pair(from, to);
  }

  void check_keys(const YAML::Node& node, const std::vector<std::string>& allowed, const Message& what) {
    for (const auto& kv : node) {
      const std::string& key = kv.first.Scalar();
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
        error(kv.first, tr("unknown key \"{0}\" in {1}{2}", key, what, text::did_you_mean_message(key, allowed)));
    }
  }

  void error(const YAML::Node& n, const Message& message) {
    const YAML::Mark mark = n.Mark();
    if (mark.pos < 0) {
      diag_.error(path_, 0, 0, message);
      return;
    }
    auto lc = text::line_column(content_, static_cast<std::size_t>(mark.pos));
    diag_.error(path_, lc.line, lc.column, message);
  }

  std::string path_;
  const std::string& content_;
  Diagnostics& diag_;
};

CalendarLoad load_calendar_text(const std::string& content, const std::string& path) {
  CalendarLoad out;
  if (content.size() > limits::kMaxRuleFileBytes) {
    out.diagnostics.error(
        path, 0, 0,
        tr("is {0} bytes; a calendar file may be at most {1} bytes", content.size(), limits::kMaxRuleFileBytes));
    return out;
  }
  auto root = yaml_source::parse(content, path, yaml_source::FileKind::kCalendar, out.diagnostics);
  if (!root) return out;
  if (!*root || root->IsNull()) {
    out.diagnostics.error(path, 0, 0, tr("the calendar file is empty"));
    return out;
  }
  CalendarReader reader(path, content, out.diagnostics);
  auto cal = reader.read(*root);
  out.diagnostics.sort_by_place({path});
  if (!out.diagnostics.has_errors()) out.calendar = std::move(cal);
  return out;
}

CalendarLoad load_calendar(const std::string& path) {
  std::string content;
  try {
    content = text::read_file(path, limits::kMaxRuleFileBytes);
  } catch (const Error& e) {
    CalendarLoad out;
    out.diagnostics.error(path, 0, 0, e.what());
    return out;
  }
  return load_calendar_text(content, path);
}

std::shared_ptr<const WorkCalendar> builtin_calendar(const std::string& id) {
  if (id != "cn-official") return nullptr;
  // Loaded once, on first use; the text is checked by the tests, so it loads.
  static const std::shared_ptr<const WorkCalendar> kCnOfficial =
      load_calendar_text(kCnOfficialCalendarText, "calendars/cn-official.yaml").calendar;
  return kCnOfficial;
}

std::vector<std::string> builtin_calendar_ids() { return {"cn-official"}; }

}  // namespace govscore
