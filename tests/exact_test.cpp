// Exact arithmetic and half-up rounding: the digits a published table shows
// must never depend on binary floating point.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "govscore/exact.hpp"
#include "govscore/millionths.hpp"

using govscore::Exact;
using govscore::Millionths;

namespace {
Exact x(const char* text) { return Exact::parse(text).value(); }
}  // namespace

TEST_CASE("decimal literals parse exactly") {
  CHECK(x("10") == Exact(10));
  CHECK(x("0.5") == Exact(1, 2));
  CHECK(x("2.50") == Exact(5, 2));
  CHECK(x("1e2") == Exact(100));
  CHECK(x("1.5E-1") == Exact(3, 20));
  CHECK(x("-3") == Exact(-3));
  CHECK(x("-0") == Exact(0));
  CHECK(x("0.1") + x("0.2") == x("0.3"));  // 0.30000000000000004 in doubles
  for (const char* bad : {"", "-", ".", "abc", "1,5", "1e", "1.2.3", "NaN", "inf", "10分"}) {
    INFO(bad);
    CHECK_FALSE(Exact::parse(bad));
  }
}

TEST_CASE("fractions beyond 64 bits still reduce and print exactly") {
  const Exact big = Exact(std::int64_t{1} << 40) * Exact(std::int64_t{1} << 40);  // 2⁸⁰
  CHECK(big / (big / 4) == Exact(4));
  CHECK((big * 3) / (big * 9) == Exact(1, 3));
  CHECK(big.str() == "1208925819614629174706176");
  CHECK((Exact(0) - big).str() == "-1208925819614629174706176");
  CHECK(((big + 1) / 10).fixed(1) == "120892581961462917470617.7");
  CHECK_FALSE(big.integer());
  CHECK(*Exact(-7).integer() == -7);
  CHECK_FALSE(Exact(1, 2).integer());
  CHECK_THROWS_AS(Exact(1, 0), govscore::ArithmeticOverflow);
  // Equal denominators add without a common multiple; whole numbers round to themselves.
  CHECK(Exact(1, 3) + Exact(1, 3) == Exact(2, 3));
  CHECK(Exact(1, 6) + Exact(1, 6) == Exact(1, 3));
  CHECK(Exact(7).round(1) == Exact(7));
  CHECK(Exact(7).fixed(2) == "7.00");
  CHECK(Exact(0).str() == "0");
}

TEST_CASE("absurd exponents do not overflow") {
  auto huge = Exact::parse("1e309");
  REQUIRE(huge);
  CHECK(*huge > Exact(Exact::kMaxMagnitude));
  auto tiny = Exact::parse("1e-400");
  REQUIRE(tiny);
  CHECK_FALSE(tiny->decimals().value_or(99) <= Exact::kMaxDecimals);
}

TEST_CASE("rescaled scores round half-up from the exact fraction") {
  // Dazu 2021 Q1: (90 − 10) × 100 ÷ 90 and (90 − 5) × 100 ÷ 90.
  CHECK(((Exact(90) - 10) * 100 / 90).fixed(1) == "88.9");
  CHECK(((Exact(90) - 5) * 100 / 90).fixed(1) == "94.4");
  // National: (75 − 7) × 4/3 = 90.666…
  CHECK(((Exact(75) - 7) * Exact(4, 3)).fixed(1) == "90.7");
}

TEST_CASE("x.x5 rounds up exactly where doubles would round down") {
  struct Case {
    const char* value;
    int places;
    const char* expected;
  };
  // Each of these is stored below the half in binary (98.85 is
  // 98.849999999999994315658…), so printf-style rounding gives the lower digit.
  auto c = GENERATE(Case{"98.85", 1, "98.9"}, Case{"94.45", 1, "94.5"}, Case{"0.05", 1, "0.1"},
                    Case{"1.005", 2, "1.01"}, Case{"2.675", 2, "2.68"}, Case{"99.95", 1, "100.0"},
                    Case{"0.5", 0, "1"}, Case{"1.25", 1, "1.3"}, Case{"1.24999", 1, "1.2"}, Case{"-2.5", 0, "-3"});
  INFO(c.value << " to " << c.places);
  CHECK(x(c.value).fixed(c.places) == c.expected);
}

TEST_CASE("100 − 1.15 is 98.85 and shows as 98.9") {
  // 100 − 1.3 × 0.5 − 0.5: in doubles 98.84999999999999 → "98.8".
  Exact score = Exact(100) - x("1.3") * x("0.5") - x("0.5");
  CHECK(score == x("98.85"));
  CHECK(score.fixed(1) == "98.9");
}

TEST_CASE("str writes exact decimals and marks repeating ones") {
  CHECK(Exact(5).str() == "5");
  CHECK(x("2.50").str() == "2.5");
  CHECK((Exact(800) / 9).str() == "88.888…");
  CHECK((Exact(4) / 3).str(2) == "1.33…");
  CHECK((Exact(-800) / 9).str() == "-88.888…");
  CHECK((Exact(100) / 90).decimals() == std::nullopt);
  CHECK(x("0.125").decimals() == 3);
}

TEST_CASE("comparisons are exact") {
  CHECK_FALSE((Exact(75) - 15) * Exact(4, 3) > Exact(80));  // exactly 80 is not above 80
  CHECK(x("80.5") > Exact(80));
  CHECK(min(x("60"), x("50")) == Exact(50));
}

TEST_CASE("millionths are written as str and fixed write the fraction they stand for") {
  // By hand first: the cases a table prints.
  CHECK(Millionths(122'200'000).text(1) == "122.2");
  CHECK(Millionths(122'200'000).text() == "122.2");
  CHECK(Millionths(20'000'000).text() == "20");
  CHECK(Millionths(-500'000).text() == "-0.5");
  CHECK(Millionths(0).text(2) == "0.00");
  CHECK(Millionths(88'850'000).text(1) == "88.9");  // fixed() rounds half away from zero
  CHECK(Millionths(-88'850'000).text(1) == "-88.9");
  CHECK(Millionths(-1).text(6) == "-0.000001");
  // Then against the fraction's own str() and fixed() over values with
  // every number of decimals, both signs and magnitudes up to 10¹⁸, and
  // one past 64 bits.
  const Exact beyond64 = Exact(std::int64_t{1} << 40) * Exact(std::int64_t{1} << 40) + Exact(1, 2);
  std::vector<Millionths> values;
  for (std::int64_t v : {0LL, 1LL, 7LL, 10LL, 999'999LL, 1'000'000LL, 1'000'001LL, 12'345'678LL, 60'000'000LL,
                         99'950'000LL, 100'000'000LL, 123'456'789'012LL, 1'000'000'000'000'000'000LL}) {
    values.emplace_back(v);
    values.emplace_back(-v);
  }
  values.push_back(Millionths::of(beyond64));
  values.push_back(Millionths::of(Exact(0) - beyond64));
  for (const Millionths& m : values) {
    const Exact e = m.exact();
    INFO(e.str());
    CHECK(Millionths::of(e) == m);
    CHECK(m.text() == e.str());
    for (int places = 0; places <= 8; ++places) CHECK(m.text(places) == e.fixed(places));
  }
  CHECK(Millionths::of(beyond64).text() == "1208925819614629174706176.5");
  CHECK_THROWS_AS(Millionths::of(beyond64).count64(), govscore::ArithmeticOverflow);
  CHECK_THROWS_AS(Millionths::of(Exact(1, 3)), govscore::ArithmeticOverflow);
  // Ordered as the numbers are.
  CHECK(Millionths(-1) < Millionths(0));
  CHECK(Millionths::of(beyond64) > Millionths(INT64_MAX));
}
