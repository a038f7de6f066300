// Working days on the official calendar: the built-in cn-official data,
// working_days() in expressions, calendar files and their errors.
//
// Every expected count below is derived by hand from the State Council
// notices' text, day by day (d counts when from < d ≤ to and d is a working
// day: Monday–Friday not 放假, or a Saturday/Sunday the notice says 上班):
//   2023: 国办发明电〔2022〕16号 — 春节 1月21日至27日放假，1月28日（六）、29日（日）上班；
//         劳动节 4月29日至5月3日放假，4月23日（日）、5月6日（六）上班；
//         中秋节、国庆节 9月29日至10月6日放假，10月7日（六）、8日（日）上班。
//   2024: 国办发明电〔2023〕7号 — 春节 2月10日至17日放假，2月4日（日）、18日（日）上班；
//         劳动节 5月1日至5日放假，4月28日（日）、5月11日（六）上班；
//         中秋节 9月15日至17日放假，9月14日（六）上班；
//         国庆节 10月1日至7日放假，9月29日（日）、10月12日（六）上班。
#include "govscore/calendar.hpp"

#include "govscore/expression.hpp"
#include "helpers.hpp"

using namespace govscore;
using namespace govscore::test;

namespace {

long day(const char* iso) { return calendar::parse_date(iso).value(); }

const WorkCalendar& cn_official() {
  static const auto cal = builtin_calendar("cn-official");
  REQUIRE(cal);
  return *cal;
}

long working_days(const char* from, const char* to) {
  long uncovered = 0;
  auto n = cn_official().working_days(day(from), day(to), uncovered);
  INFO(from << " → " << to << " (uncovered year " << uncovered << ")");
  REQUIRE(n);
  return *n;
}

// Every problem of a calendar file given as text.
std::string calendar_problems(const std::string& yaml) {
  return load_calendar_text(yaml, "cal.yaml").diagnostics.str();
}

}  // namespace

TEST_CASE("the shipped calendar file loads, covers 2019–2026, and is the built-in one") {
  auto loaded = load_calendar(source_path("calendars/cn-official.yaml"));
  INFO(loaded.diagnostics.str());
  REQUIRE(loaded.calendar);
  CHECK(loaded.calendar->id() == "cn-official");
  CHECK(loaded.calendar->years_text() == "2019–2026");
  CHECK(cn_official().years() == std::vector<long>{2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026});
  CHECK(builtin_calendar("cn-oficial") == nullptr);
}

TEST_CASE("working days across the 2023 and 2024 holidays, as the notices imply") {
  struct Case {
    const char* from;
    const char* to;
    long expected;
    const char* why;
  };
  const Case cases[] = {
      {"2024-03-05", "2024-03-05", 0, "the same day"},
      {"2024-03-04", "2024-03-05", 1, "Monday → Tuesday"},
      {"2024-03-08", "2024-03-11", 1, "Friday → Monday over an ordinary weekend"},
      // 2023 春节
      {"2023-01-20", "2023-01-28", 1, "Fri → moved working Saturday: 21–27 off"},
      {"2023-01-20", "2023-01-30", 3, "28 (Sat) and 29 (Sun) worked, then Monday"},
      {"2023-01-22", "2023-01-28", 1, "received on a holiday, answered on the next working day"},
      // 2023 劳动节
      {"2023-04-22", "2023-04-23", 1, "Saturday → the moved working Sunday"},
      {"2023-04-28", "2023-05-04", 1, "29 Apr – 3 May off"},
      {"2023-05-04", "2023-05-08", 3, "5 (Fri), 6 (Sat, worked), 8 (Mon)"},
      // 2023 中秋节、国庆节
      {"2023-09-28", "2023-10-07", 1, "29 Sep – 6 Oct off, 7 Oct (Sat) worked"},
      {"2023-09-28", "2023-10-09", 3, "7 (Sat), 8 (Sun) worked, 9 (Mon)"},
      {"2023-10-01", "2023-10-06", 0, "within the holiday"},
      // 2024 春节
      {"2024-02-03", "2024-02-04", 1, "Saturday → the moved working Sunday"},
      {"2024-02-08", "2024-02-19", 3, "9 (除夕, a working day), 10–17 off, 18 (Sun) worked, 19"},
      {"2024-02-09", "2024-02-18", 1, "10–17 off, 18 (Sun) worked"},
      // 2024 劳动节
      {"2024-04-26", "2024-04-29", 2, "27 (Sat) off, 28 (Sun) worked, 29"},
      {"2024-04-30", "2024-05-06", 1, "1–5 May off"},
      {"2024-05-10", "2024-05-13", 2, "11 (Sat) worked, 12 (Sun) off, 13"},
      // 2024 中秋节
      {"2024-09-13", "2024-09-18", 2, "14 (Sat) worked, 15–17 off, 18"},
      // 2024 国庆节
      {"2024-09-27", "2024-10-08", 3, "29 (Sun) worked, 30 (Mon), 1–7 Oct off, 8"},
      {"2024-10-11", "2024-10-14", 2, "12 (Sat) worked, 13 (Sun) off, 14"},
      // across a year's end, and backwards
      {"2023-12-29", "2024-01-02", 1, "30, 31 weekend, 1 Jan off, 2 Jan"},
      {"2024-05-06", "2024-04-30", -1, "answered before received: negative"},
  };
  for (const auto& c : cases) {
    INFO(c.from << " → " << c.to << ": " << c.why);
    CHECK(working_days(c.from, c.to) == c.expected);
  }
}

TEST_CASE("a whole year's working days add up to the notices': 249 in 2023, 251 in 2024") {
  // 2023: 260 weekdays − 18 weekdays off + 7 weekend days worked = 249.
  CHECK(working_days("2022-12-31", "2023-12-31") == 249);
  // 2024: 262 weekdays − 19 weekdays off + 8 weekend days worked = 251.
  CHECK(working_days("2023-12-31", "2024-12-31") == 251);
}

TEST_CASE("2020's Spring Festival was extended to 2 February, and 1 February was no longer worked") {
  // 国办发明电〔2020〕1号: the holiday ran to Sunday 2 February; work resumed on Monday 3 February.
  CHECK_FALSE(cn_official().is_working_day(day("2020-01-31")));
  CHECK_FALSE(cn_official().is_working_day(day("2020-02-01")));
  CHECK(working_days("2020-01-23", "2020-02-03") == 1);
}

TEST_CASE("a date outside the calendar's years is refused, naming the year") {
  long uncovered = 0;
  CHECK_FALSE(cn_official().working_days(day("2018-12-28"), day("2019-01-02"), uncovered));
  CHECK(uncovered == 2018);
  CHECK_FALSE(cn_official().working_days(day("2026-12-30"), day("2027-01-04"), uncovered));
  CHECK(uncovered == 2027);
}

TEST_CASE("calendar files: every problem with its place") {
  CHECK(
      calendar_problems("id: x\nyears:\n  2024:\n    notice: n\n    holidays:\n"
                        "      - {name: 春节, days_off: 2024-02-10/2024-02-17, days_worked: [2024-02-05]}\n") ==
      "cal.yaml:6:67: error: calendar: year 2024: 春节: days_worked: 2024-02-05 is a Monday–Friday, already a working "
      "day (a moved working day is a Saturday or Sunday)\n");
  CHECK(
      calendar_problems("id: x\nyears:\n  2024:\n    notice: n\n    holidays:\n"
                        "      - {name: 元旦, days_off: 2023-12-30/2024-01-01}\n") ==
      "cal.yaml:6:30: error: calendar: year 2024: 元旦: days_off: 2023-12-30/2024-01-01 is not within 2024 (list each "
      "day under its own year)\n");
  CHECK(calendar_problems("id: x\nyears:\n  2024:\n    holidays:\n      - {name: 元旦, days_of: 2024-01-01}\n") ==
        "cal.yaml:4:5: error: calendar: year 2024: missing \"notice\" (the notice the year's days come from)\n"
        "cal.yaml:5:9: error: calendar: year 2024: 元旦: missing \"days_off\"\n"
        "cal.yaml:5:20: error: unknown key \"days_of\" in holiday (did you mean \"days_off\"?)\n");
  CHECK(calendar_problems("id: x\nyears:\n  24:\n    notice: n\n") ==
        "cal.yaml:3:3: error: calendar: year \"24\" must be four digits, e.g. 2024\n");
}

TEST_CASE("a calendar file is read behind the rule file's guards: no aliases, no deep nesting, UTF-8, each key once") {
  // A rule file names its calendar, so a calendar can be anyone's file.
  CHECK(calendar_problems("id: x\nyears:\n  2024: &y\n    notice: n\n  2025: *y\n") ==
        "cal.yaml:3:9: error: YAML anchors and aliases (& and *) are not allowed in calendar files; write each item "
        "out\n");
  CHECK(calendar_problems("id: x\nyears: " + std::string(70, '[') + std::string(70, ']') + "\n") ==
        "cal.yaml:2:72: error: nested deeper than 64 levels\n");
  CHECK(calendar_problems("id: x\n" + std::string(300, ' ') + "years:\n") ==
        "cal.yaml:2:1: error: indented 300 columns; calendar files nest at most 64 levels\n");
  CHECK(calendar_problems("id: x\nyears:\n  2024:\n    notice: \xB4\xBA\xBD\xDA\n") ==
        "cal.yaml:4:13: error: not valid UTF-8 (byte 33); save the calendar file as UTF-8\n");
  CHECK(calendar_problems("id: x\nid: y\nyears:\n  2024:\n    notice: n\n") ==
        "cal.yaml:2:1: error: duplicate key \"id\" (first at line 1, column 1); each key may be given once\n");
  // The same in Chinese.
  CHECK(load_calendar_text("id: x\nyears:\n  2024: &y\n    notice: n\n  2025: *y\n", "cal.yaml")
            .diagnostics.str(Language::kChinese) ==
        "cal.yaml:3:9: 错误：日历文件中不允许使用 YAML 锚点和别名（& 和 *）；请逐项写出\n");
  CHECK(load_calendar_text("id: x\n" + std::string(300, ' ') + "years:\n", "cal.yaml").diagnostics.str(Language::kChinese) ==
        "cal.yaml:2:1: 错误：缩进了300列；日历文件最多嵌套64层\n");
  CHECK(load_calendar_text("id: x\nyears:\n  2024:\n    notice: \xB4\xBA\xBD\xDA\n", "cal.yaml")
            .diagnostics.str(Language::kChinese) ==
        "cal.yaml:4:13: 错误：不是有效的 UTF-8（第33字节）；请把日历文件存为 UTF-8\n");
  CHECK(calendar_problems("id: x\nyears:\n\t2024:\n") ==
        "cal.yaml:3:6: error: YAML: illegal map value (this line is indented with a tab; YAML indents with spaces)\n");
}
