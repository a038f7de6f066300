// A batch's period: the forms the loader admits, and its last month.
#include <catch2/catch.hpp>

#include "util/period.hpp"

using govscore::Period;

TEST_CASE("a period is a year, a half, a quarter or a month, exactly as written") {
  for (const char* text : {"2021", "2021H1", "2021H2", "2021Q1", "2021Q4", "2021-01", "2021-12"}) {
    INFO(text);
    CHECK(Period::parse(text).has_value());
  }
  for (const char* text : {"", "202", "21Q1", "2021Q0", "2021Q5", "2021q1", "2021H3", "2021h1", "2021-00", "2021-13",
                           "2021-3", "2021-003", "2021M03", "2021Q1 ", " 2021", "2021年", "二〇二一"}) {
    INFO(text);
    CHECK_FALSE(Period::parse(text).has_value());
  }
}

TEST_CASE("a period's last month") {
  CHECK(Period::parse("2021Q1")->last_month() == 3);
  CHECK(Period::parse("2021Q3")->last_month() == 9);
  CHECK(Period::parse("2021H1")->last_month() == 6);
  CHECK(Period::parse("2021H2")->last_month() == 12);
  CHECK(Period::parse("2021-07")->last_month() == 7);
  CHECK(Period::parse("2021")->last_month() == 12);
  CHECK(Period::parse("2021Q2")->year == 2021);
  CHECK(Period::parse("2021Q2")->kind == Period::Kind::kQuarter);
}
