// Scoring: every rule of the schemes (factor, cap, veto, rescale, gate,
// rounding) and the worked examples of the published Dazu 2021 Q1 tables.
#include "helpers.hpp"

using namespace govscore;
using namespace govscore::test;

namespace {

std::string website(const std::string& fields) {
  return R"({"id": "a", "name": "甲", "target": "website", )" + fields + "}";
}

}  // namespace

TEST_CASE("the worked examples of Dazu 2021 Q1 are reproduced exactly") {
  struct Case {
    const char* unit;
    const char* record;
    const char* published;
  };
  auto c = GENERATE(
      Case{"区科技局专栏", R"({"id": "a", "name": "区科技局专栏", "target": "website", "deductions": {"周扫描": 10}})", "95.0"},
      Case{"区城市管理局专栏",
           R"({"id": "a", "name": "区城市管理局专栏", "target": "website", "deductions": {"周扫描": 10, "办事指南": 1}})", "94.0"},
      Case{"区应急局专栏", R"({"id": "a", "name": "区应急局专栏", "target": "website", "deductions": {"季度检查": 20}})", "80.0"},
      Case{"双桥经开区专栏",
           R"({"id": "a", "name": "双桥经开区专栏", "target": "website", "public_services": false, "deductions": {"季度检查": 10}})",
           "88.9"},
      Case{"区文化执法支队专栏",
           R"({"id": "a", "name": "区文化执法支队专栏", "target": "website", "deductions": {"周扫描": 10, "办事指南": "不考核"}})",
           "94.4"},
      Case{"高升镇 抖音",
           R"({"id": "a", "name": "高升镇", "platform": "抖音", "target": "newmedia", "deductions": {"周扫描": 60}})", "70.0"});
  INFO(c.unit);
  Result r = score_one(dazu(), c.record);
  CHECK(rounded(r) == c.published);
  CHECK(r.passed);
}

TEST_CASE("a part's factor applies before the indicator's cap") {
  Result r = score_one(dazu(), website(R"("deductions": {"周扫描": 80, "季度检查": 20})"));
  const IndicatorTrace& content = r.trace->indicators[0];
  CHECK(content.parts[0].points == Exact(40));  // 80 × 0.5
  CHECK(content.raw == Exact(60));
  CHECK(content.capped());
  CHECK(content.deducted == Exact(50));
  CHECK(rounded(r) == "50.0");
  CHECK_FALSE(r.passed);
}

TEST_CASE("each indicator is capped at its own maximum, not the others'") {
  Result r = score_one(dazu(), website(R"("deductions": {"错情整改": 25, "网站找错": 3, "公开信箱": 1})"));
  CHECK(r.trace->deducted == Exact(20 + 2 + 1));
  CHECK(rounded(r) == "77.0");
}

TEST_CASE("a veto fails the unit and nothing else is scored") {
  Result r = score_one(dazu(), website(R"("veto": ["首页不更新", "栏目不更新"], "deductions": {"周扫描": 2}, "bonus": 5)"));
  CHECK(r.vetoed());
  CHECK_FALSE(r.passed);
  CHECK_FALSE(r.has_score());
  CHECK_FALSE(r.has_bonus());  // the bonus is not counted either
  CHECK(std::string(r.verdict()) == "不合格");
}

TEST_CASE("a result holds its score and bonus exactly, to the sixth decimal") {
  Result r;
  CHECK_FALSE(r.score());
  CHECK_FALSE(r.bonus());
  CHECK_FALSE(r.rank());
  r.set_score(Exact(-889, 10));
  r.set_bonus(*Exact::parse("0.000001"));
  r.set_rank(1000000);
  CHECK(*r.score() == Exact(-889, 10));
  CHECK(r.score()->fixed(1) == "-88.9");
  CHECK(*r.bonus() == Exact(1, 1000000));
  CHECK(*r.rank() == 1000000);
  // The ranking key orders as the score does.
  Result lower;
  lower.set_score(Exact(-89));
  CHECK(lower.score_millionths() < r.score_millionths());
  // No input has more than six decimals; a score with more cannot be held.
  CHECK_THROWS_AS(r.set_score(Exact(1, 3)), ArithmeticOverflow);
  CHECK_THROWS_AS(r.set_bonus(*Exact::parse("0.0000001")), ArithmeticOverflow);
  // A bonus is at most its max (≤ 10⁹): held in 64 bits, with room to spare.
  r.set_bonus(*Exact::parse("999999999.999999"));
  CHECK(*r.bonus() == *Exact::parse("999999999.999999"));
  CHECK_THROWS_AS(r.set_bonus(Exact(10'000'000'000'000LL)), ArithmeticOverflow);
}

TEST_CASE("Dazu's bonus sits inside the rescale bracket") {
  // [90 − 9 + 3] × 100 ÷ 90 = 93.333…
  Result r = score_one(dazu(), website(R"("public_services": false, "deductions": {"季度检查": 9}, "bonus": 3)"));
  CHECK(r.trace->scale == Exact(10, 9));
  CHECK(r.trace->exact_score == Exact(8400, 90));
  CHECK(rounded(r) == "93.3");
}

TEST_CASE("the bonus is capped at its maximum") {
  CHECK(rounded(score_one(dazu(), website(R"("bonus": 25)"))) == "120.0");
}

TEST_CASE("national: without public-facing services, (75 − deductions) × 4/3") {
  Result r = score_one(national(), website(R"("public_services": false, "deductions": {"发布解读": 4, "功能设计": 3})"));
  CHECK(r.trace->out_of == Exact(75));
  CHECK(r.trace->scale == Exact(4, 3));
  CHECK(rounded(r) == "90.7");  // 68 × 4/3 = 90.666…
}

TEST_CASE("national: the bonus counts only above 80 and is added after the rescale") {
  struct Case {
    const char* fields;
    const char* score;
    bool counted;
  };
  auto c = GENERATE(
      Case{R"("deductions": {"发布解读": 10, "互动交流": 10}, "bonus": 5)", "80.0", false},   // exactly 80: not above
      Case{R"("deductions": {"发布解读": 10, "互动交流": 9.5}, "bonus": 5)", "85.5", true},   // 80.5 + 5
      Case{R"("deductions": {"发布解读": 12, "互动交流": 10}, "bonus": 10)", "78.0", false},  // 78
      Case{R"("public_services": false, "bonus": 8)", "108.0", true},                        // 75 × 4/3 + 8, not (75 + 8) × 4/3
      Case{R"("public_services": false, "deductions": {"发布解读": 15, "互动交流": 5}, "bonus": 6)", "73.3", false},
      Case{R"("public_services": false, "deductions": {"发布解读": 5}, "bonus": 4)", "97.3", true},  // 93.333… + 4
      Case{R"("bonus": 31)", "130.0", true});
  INFO(c.fields);
  Result r = score_one(national(), website(c.fields));
  CHECK(rounded(r) == c.score);
  REQUIRE(r.trace->bonus);
  CHECK(r.trace->bonus->gate_passed == c.counted);
}

TEST_CASE("below the pass score is 不合格, at it is 合格") {
  CHECK_FALSE(score_one(national(), website(R"("deductions": {"发布解读": 31, "互动交流": 10})")).passed);  // 59
  CHECK(score_one(national(), website(R"("deductions": {"发布解读": 31, "互动交流": 9})")).passed);         // 60
}

TEST_CASE("the verdict follows the rounded score") {
  RuleSet r = rules_from(
      "id: t\ntitle: 测试\ntargets:\n  - id: w\n    title: 网站\n    deductions:\n"
      "      - {id: a, title: 甲, max: 100}\n");
  // 100 − 40.04 = 59.96, published as 60.0: a table never shows 60.0 beside 不合格.
  Result res = score_one(r, R"({"id": "x", "name": "甲", "target": "w", "deductions": {"甲": 40.04}})");
  CHECK(rounded(res) == "60.0");
  CHECK(res.passed);
}

TEST_CASE("bonus items are capped one by one, then as a whole") {
  RuleSet r = rules_from(
      "id: t\ntitle: 测试\ntargets:\n  - id: w\n    title: 网站\n    deductions:\n"
      "      - {id: a, title: 甲, max: 100}\n"
      "    bonus:\n      max: 10\n      items:\n        - {id: b1, title: 创新, max: 4}\n        - {id: b2, title: 特色, max: 8}\n");
  Result res = score_one(r, R"({"id": "x", "name": "甲", "target": "w", "bonus": {"创新": 6, "特色": 7}})");
  CHECK(res.trace->bonus->raw == Exact(11));  // 4 (capped) + 7
  CHECK(res.trace->bonus->counted == Exact(10));
  CHECK(rounded(res) == "110.0");
}

TEST_CASE("pass/fail-only targets carry no score") {
  Result ok = score_one(national(), R"({"id": "a", "name": "云岭发布", "target": "newmedia"})");
  CHECK(ok.passed);
  CHECK_FALSE(ok.has_score());
  Result vetoed = score_one(national(), R"({"id": "a", "name": "云岭发布", "target": "newmedia", "veto": ["内容不更新"]})");
  CHECK_FALSE(vetoed.passed);
}

TEST_CASE("decimals in the rule file set the rounding") {
  RuleSet r = rules_from(
      "id: t\ntitle: 测试\ndecimals: 2\ntargets:\n  - id: w\n    title: 网站\n    deductions:\n"
      "      - {id: a, title: 甲, max: 90}\n      - {id: s, title: 服务, max: 10, requires_public_services: true}\n");
  Result res = score_one(r, R"({"id": "x", "name": "甲", "target": "w", "public_services": false, "deductions": {"甲": 5}})");
  CHECK(rounded(res, 2) == "94.44");
}

TEST_CASE("the trace accounts for every point") {
  Result r = score_one(dazu(), website(R"("deductions": {"周扫描": 10, "季度检查": 3, "政策解读": 2, "办事指南": 1}, "bonus": 4)"));
  Exact sum = 0;
  for (const auto& it : r.trace->indicators) sum += it.deducted;
  CHECK(sum == r.trace->deducted);
  CHECK(r.trace->deducted == Exact(11));  // 5 + 3 + 2 + 1
  CHECK(r.trace->exact_score == Exact(100) - r.trace->deducted + r.trace->bonus->counted);
  CHECK(rounded(r) == "93.0");
}
