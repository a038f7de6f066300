// Conditions over facts: the calendar, the expression language and its
// errors, and the national thresholds at and around every boundary.
#include "govscore/explain.hpp"
#include "govscore/expression.hpp"
#include "helpers.hpp"

using namespace govscore;
using namespace govscore::test;

namespace {

long day(const char* iso) { return calendar::parse_date(iso).value(); }

FactList sample_facts() {
  return {{"probes_total", ValueType::kNumber}, {"probes_failed", ValueType::kNumber},
          {"homepage_last_update", ValueType::kDate}, {"has_interaction", ValueType::kBool}};
}

// The parse error of `text` as "column: message".
std::string parse_error(const std::string& text, std::optional<ValueType> expected = std::nullopt) {
  std::string message;
  int column = 0;
  auto e = Expression::parse(text, sample_facts(), expected, message, column);
  return e ? "ok" : std::to_string(column) + ": " + message;
}

// The national vetoes that fire for one website with these facts (others neutral).
std::string website_vetoes(const std::string& facts, const std::string& as_of = "2021-03-31") {
  std::string json = R"({"period": "2021Q1", "window": {"to": ")" + as_of + R"("}, "records": [{"id": "a", "name": "站", "target": "website", "facts": {)" +
                     facts + "}}]}";
  Batch b = records_from(json, national());
  std::string out;
  for (auto v : b.records[0].vetoes) out += (out.empty() ? "" : ", ") + national().targets[0].veto_title(v);
  return out.empty() ? "none" : out;
}

const char* kNeutral =
    R"("probes_total": 140, "probes_failed": 0, "homepage_last_update": "2021-03-30", "stale_news_columns": 0,
       "stale_policy_columns": 0, "stale_columns": 0, "blank_columns": 0, "has_consultation_channel": true,
       "oldest_unanswered_message": null, "services_offered": true, "guides_missing_elements": 0)";

// The neutral facts with some replaced.
std::string neutral_but(const std::string& key, const std::string& value) {
  std::string facts = kNeutral;
  auto at = facts.find("\"" + key + "\": ");
  REQUIRE(at != std::string::npos);
  auto start = at + key.size() + 4;
  auto end = facts.find_first_of(",", start);
  if (end == std::string::npos) end = facts.size();
  return facts.substr(0, start) + value + facts.substr(end);
}

}  // namespace

TEST_CASE("dates: real dates only, months clamp to the month's end, leap years") {
  CHECK(calendar::format_date(day("2021-03-31")) == "2021-03-31");
  CHECK(calendar::parse_date("2021-03-31T10:15:00+08:00") == calendar::parse_date("2021-03-31"));
  for (const char* bad : {"2021-02-29", "2021-13-01", "2021-04-31", "21-03-31", "2021/03/31", "2021-03-31x", ""}) {
    INFO(bad);
    CHECK_FALSE(calendar::parse_date(bad));
  }
  CHECK(calendar::parse_date("2020-02-29"));
  CHECK(calendar::format_date(calendar::add_months(day("2020-08-31"), 6)) == "2021-02-28");
  CHECK(calendar::format_date(calendar::add_months(day("2019-08-31"), 6)) == "2020-02-29");
  CHECK(calendar::format_date(calendar::add_months(day("2020-02-29"), 12)) == "2021-02-28");
  CHECK(calendar::format_date(calendar::add_months(day("2020-11-30"), 3)) == "2021-02-28");
  CHECK(calendar::days_between(day("2021-03-17"), day("2021-03-31")) == 14);
  CHECK(calendar::days_between(day("2020-02-28"), day("2020-03-01")) == 2);  // 2020 is a leap year
}

TEST_CASE("months_since: exactly N months is N, one day more is above N") {
  CHECK(calendar::months_between(day("2020-09-30"), day("2021-03-30")) == Exact(6));
  CHECK(calendar::months_between(day("2020-09-30"), day("2021-03-31")) > Exact(6));
  CHECK(calendar::months_between(day("2020-10-01"), day("2021-03-31")) < Exact(6));
  CHECK(calendar::months_between(day("2020-12-31"), day("2021-03-31")) == Exact(3));
  CHECK(calendar::months_between(day("2020-12-30"), day("2021-03-31")) > Exact(3));
  // 2020-08-31 + 6 months is 2021-02-28: on that day, exactly 6.
  CHECK(calendar::months_between(day("2020-08-31"), day("2021-02-28")) == Exact(6));
  CHECK(calendar::months_between(day("2021-01-15"), day("2021-01-01")) < Exact(0));
}

TEST_CASE("expressions are type-checked when they are parsed, with the column of the problem") {
  CHECK(parse_error("probes_total > 0 and probes_failed / probes_total >= 0.05", ValueType::kBool) == "ok");
  CHECK(parse_error("days_since(homepage_last_update) > 14") == "ok");
  CHECK(parse_error("probes_totl > 0") == "1: unknown fact \"probes_totl\" (did you mean \"probes_total\"?)");
  CHECK(parse_error("homepage_last_update > 14") == "22: \">\" compares a date with a number");
  CHECK(parse_error("homepage_last_update + 1") == "22: \"+\" needs a number, not a date");
  CHECK(parse_error("days_since(probes_total)") == "12: days_since() needs a date, not a number");
  CHECK(parse_error("probes_total and has_interaction") == "14: \"and\" needs a bool, not a number");
  CHECK(parse_error("0 < probes_total < 5") == "18: comparisons cannot be chained; join them with \"and\"");
  CHECK(parse_error("probes_total >= ", ValueType::kBool) == "17: the expression ends too early");
  CHECK(parse_error("(probes_total > 1", ValueType::kBool) == "18: expected \")\"");
  CHECK(parse_error("probes_total % 2") == "14: unexpected character '%'");
  CHECK(parse_error("days_sinse(homepage_last_update)") == "1: unknown function \"days_sinse\" (did you mean \"days_since\"?)");
  CHECK(parse_error("min(probes_total)") == "1: min() takes 2 arguments");
  CHECK(parse_error("5 * probes_failed", ValueType::kBool) == "1: this must give a bool, but it gives a number");
  CHECK(parse_error("has(1)") == "5: has() takes the name of a fact");
}

TEST_CASE("evaluation is exact, short-circuits, and names what is missing") {
  std::string message;
  int column = 0;
  FactList facts = sample_facts();
  auto e = Expression::parse("probes_total > 0 and probes_failed / probes_total >= 0.05", facts, ValueType::kBool, message, column);
  REQUIRE(e);
  FactValues values(facts.size());
  auto number = [](long n) {
    FactValue v;
    v.value.number = n;
    return v;
  };
  values[0] = number(140);
  values[1] = number(7);  // 7 ÷ 140 = 5 % exactly
  CHECK(e->evaluate(values, std::nullopt).value->boolean);
  values[1] = number(6);
  CHECK_FALSE(e->evaluate(values, std::nullopt).value->boolean);
  values[0] = number(0);  // guarded: no division
  CHECK_FALSE(e->evaluate(values, std::nullopt).value->boolean);
  values[0] = std::nullopt;
  auto missing = e->evaluate(values, std::nullopt);
  REQUIRE(missing.problem);
  CHECK(missing.problem->kind == EvaluationProblem::Kind::kMissingFact);
  CHECK(missing.problem->fact == 0);
  auto div = Expression::parse("probes_failed / probes_total", facts, ValueType::kNumber, message, column);
  values[0] = number(0);
  CHECK(div->evaluate(values, std::nullopt).problem->kind == EvaluationProblem::Kind::kDivisionByZero);
}

TEST_CASE("站点无法访问 at 5 %: 4.99 % passes, 5 % fires") {
  CHECK(website_vetoes(neutral_but("probes_failed", "6")) == "none");            // 4.29 %
  CHECK(website_vetoes(neutral_but("probes_failed", "7")) == "站点无法访问");    // 5.00 %
  std::string facts = neutral_but("probes_total", "10000");
  std::string at_499 = facts.substr(0, facts.find("\"probes_failed\"")) + "\"probes_failed\": 499" +
                       facts.substr(facts.find(",", facts.find("\"probes_failed\"")));
  CHECK(website_vetoes(at_499) == "none");
  std::string at_500 = facts.substr(0, facts.find("\"probes_failed\"")) + "\"probes_failed\": 500" +
                       facts.substr(facts.find(",", facts.find("\"probes_failed\"")));
  CHECK(website_vetoes(at_500) == "站点无法访问");
}

TEST_CASE("首页不更新: 13 and 14 days pass, 15 fires, across month ends and leap days") {
  CHECK(website_vetoes(neutral_but("homepage_last_update", "\"2021-03-18\"")) == "none");  // 13 days
  CHECK(website_vetoes(neutral_but("homepage_last_update", "\"2021-03-17\"")) == "none");  // 14 days
  CHECK(website_vetoes(neutral_but("homepage_last_update", "\"2021-03-16\"")) == "首页不更新");  // 15 days
  // Check point 2020-03-01 in a leap year: 2020-02-16 is 14 days before, 2020-02-15 is 15.
  CHECK(website_vetoes(neutral_but("homepage_last_update", "\"2020-02-16\""), "2020-03-01") == "none");
  CHECK(website_vetoes(neutral_but("homepage_last_update", "\"2020-02-15\""), "2020-03-01") == "首页不更新");
  // Across a year end.
  CHECK(website_vetoes(neutral_but("homepage_last_update", "\"2020-12-31\""), "2021-01-14") == "none");
  CHECK(website_vetoes(neutral_but("homepage_last_update", "\"2020-12-30\""), "2021-01-14") == "首页不更新");
}

TEST_CASE("栏目不更新: 4 stale or blank columns pass, 5 fire, 9 stale columns pass, 10 fire") {
  CHECK(website_vetoes(neutral_but("blank_columns", "4")) == "none");
  CHECK(website_vetoes(neutral_but("blank_columns", "5")) == "栏目不更新");
  CHECK(website_vetoes(neutral_but("stale_columns", "9")) == "none");
  CHECK(website_vetoes(neutral_but("stale_columns", "10")) == "栏目不更新");
  std::string four = neutral_but("stale_news_columns", "2");
  CHECK(website_vetoes(four.substr(0, four.find("\"stale_policy_columns\"")) + "\"stale_policy_columns\": 2" +
                       four.substr(four.find(",", four.find("\"stale_policy_columns\"")))) == "none");
  CHECK(website_vetoes(four.substr(0, four.find("\"stale_policy_columns\"")) + "\"stale_policy_columns\": 3" +
                       four.substr(four.find(",", four.find("\"stale_policy_columns\"")))) == "栏目不更新");
}

TEST_CASE("互动回应差: a message unanswered exactly 3 months passes, one day more fires") {
  CHECK(website_vetoes(neutral_but("oldest_unanswered_message", "\"2020-12-31\"")) == "none");
  CHECK(website_vetoes(neutral_but("oldest_unanswered_message", "\"2020-12-30\"")) == "互动回应差");
  CHECK(website_vetoes(neutral_but("has_consultation_channel", "false")) == "互动回应差");
  CHECK(website_vetoes(neutral_but("services_offered", "false")) == "服务不实用");
}

TEST_CASE("新媒体内容不更新: silent 14 days passes, 15 fires") {
  auto vetoes = [](const char* last_post) {
    std::string json = std::string(R"({"period": "2021Q1", "window": {"to": "2021-03-31"}, "records": [{"id": "m", "name": "号", "target": "newmedia", "facts": {"last_post": ")") +
                       last_post + R"(", "has_interaction": true}}]})";
    return records_from(json, national()).records[0].vetoes.size();
  };
  CHECK(vetoes("2021-03-17") == 0);
  CHECK(vetoes("2021-03-16") == 1);
}

TEST_CASE("the trace names the fact that fired the veto") {
  std::string json = std::string(R"({"period": "2021Q1", "window": {"to": "2021-03-31"}, "records": [{"id": "a", "name": "站", "target": "website", "facts": {)") +
                     neutral_but("probes_failed", "9") + "}}]}";
  Batch b = records_from(json, national());
  Result r = score_record(national(), b.records[0]);
  r.record = 0;
  std::string text = explain(national(), b, r);
  CHECK(text.find("evidence (check point 2021-03-31):\n") != std::string::npos);
  CHECK(text.find("  站点无法访问: 140次探测中9次失败，失败率6.43% ≥ 5% → 单项否决\n") != std::string::npos);
  CHECK(text.find("  首页不更新: 首页最后更新于2021-03-30，距检查时点1天 ≤ 14天 → not triggered\n") !=
        std::string::npos);
  CHECK(text.find("单项否决: 站点无法访问\n") != std::string::npos);
}

TEST_CASE("a missing fact is an error naming the record, or with skip a rule not triggered, said in the trace") {
  std::string json = R"({"period": "2021Q1", "window": {"to": "2021-03-31"}, "records": [
{"id": "m", "name": "号", "target": "newmedia", "facts": {"last_post": "2021-03-30"}}]})";
  CHECK(record_problems(json, national()) ==
        "records.json:2:57: error: record \"m\": 互动回应差 (when) needs fact \"has_interaction\", which this record does not "
        "give (or run with --missing-facts=skip)\n");
  LoadOptions skip;
  skip.skip_missing_facts = true;
  auto loaded = load_records_text(json, "records.json", national(), skip);
  REQUIRE(loaded.batch);
  const auto& evidence = loaded.batch->records[0].details().evidence;
  REQUIRE(evidence.size() == 2);
  CHECK(evidence[1].use == Evidence::Use::kSkipped);
  CHECK(evidence[1].text == "not evaluated: fact has_interaction missing; counted as not triggered (--missing-facts=skip)");
  CHECK(loaded.batch->records[0].vetoes.empty());
}

TEST_CASE("records without facts are judged by hand only, dates need a check point") {
  Batch manual = records_from(R"({"period": "2021Q1", "records": [{"id": "a", "name": "站", "target": "website"}]})", national());
  CHECK(manual.records[0].vetoes.empty());
  CHECK(manual.records[0].details().evidence.empty());
  CHECK(record_problems(R"({"period": "2021Q1", "records": [{"id": "m", "name": "号", "target": "newmedia", "facts": {"last_post": "2021-03-30", "has_interaction": true}}]})",
                        national()) ==
        "records.json:1:90: error: record \"m\": the rules count days to the check point; give \"window\": {\"to\": …} in the "
        "file or --as-of\n");
  // An NDJSON file has no header: only --as-of can give the check point.
  const auto ndjson = load_records_text(
      R"({"period": "2021Q1", "id": "m", "name": "号", "target": "newmedia", "facts": {"last_post": "2021-03-30", "has_interaction": true}})",
      "records.ndjson", national());
  CHECK(ndjson.diagnostics.items().size() == 1);
  CHECK(ndjson.diagnostics.items().at(0).message ==
        "record \"m\": the rules count days to the check point; give --as-of (an NDJSON file has no \"window\")");
  LoadOptions as_of;
  as_of.as_of = "2021-04-20";  // --as-of wins over window.to
  auto loaded = load_records_text(R"({"period": "2021Q1", "window": {"to": "2021-04-30"}, "records": [{"id": "m", "name": "号", "target": "newmedia", "facts": {"last_post": "2021-03-30", "has_interaction": true}}]})",
                                  "records.json", national(), as_of);
  REQUIRE(loaded.batch);
  CHECK(loaded.batch->records[0].vetoes.size() == 1);  // 21 days before 2021-04-20
}

TEST_CASE("facts in records are checked against the declared facts") {
  CHECK(record_problems(R"({"period": "2021Q1", "window": {"to": "2021-03-31"}, "records": [{"id": "m", "name": "号", "target": "newmedia",
  "facts": {"last_psot": "2021-03-30", "has_interaction": "是", "last_post": "2021-02-30"}}]})",
                        national()) ==
        "records.json:2:13: error: record \"m\": facts: \"last_psot\": unknown fact (did you mean \"last_post\"?)\n"
        "records.json:2:59: error: record \"m\": facts: \"has_interaction\" must be true or false, not \"是\"\n"
        "records.json:2:77: error: record \"m\": facts: \"last_post\" must be a date (YYYY-MM-DD), not \"2021-02-30\"\n");
}

TEST_CASE("points from facts count unless entered by hand, vetoes by hand and from facts combine") {
  RuleSet rules = rules_from(R"(id: t
title: 测试
facts:
  stale_policy_columns: number
  probes_failed: number
targets:
  - id: w
    title: 网站
    veto:
      - {id: v, title: 站点无法访问, when: probes_failed > 10}
      - {id: s, title: 安全}
    deductions:
      - {id: p, title: 政策文件, max: 20, points: 5 * stale_policy_columns}
      - {id: o, title: 其他, max: 80}
)");
  Batch b = records_from(R"({"period": "2021Q1", "records": [
    {"id": "derived", "name": "甲", "target": "w", "facts": {"stale_policy_columns": 5, "probes_failed": 0}},
    {"id": "manual", "name": "乙", "target": "w", "deductions": {"政策文件": 3}, "facts": {"stale_policy_columns": 2, "probes_failed": 0}},
    {"id": "both", "name": "丙", "target": "w", "veto": ["安全", "站点无法访问"], "facts": {"stale_policy_columns": 0, "probes_failed": 11}}]})",
                         rules);
  CHECK(rounded(score_record(rules, b.records[0])) == "80.0");  // 5 × 5 = 25, capped at 20
  CHECK(b.records[0].details().evidence[1].text == "5 * stale_policy_columns with stale_policy_columns = 5 = 25");
  CHECK(rounded(score_record(rules, b.records[1])) == "97.0");  // the 3 entered by hand, not 10
  CHECK(b.records[1].details().evidence[1].use == Evidence::Use::kOverridden);
  CHECK(b.records[2].vetoes == std::vector<std::size_t>{1, 0});  // no veto counted twice
}

TEST_CASE("a condition's error in a rule file points inside the expression") {
  CHECK(rule_problems("id: t\ntitle: 测试\nfacts: {n: number, d: date}\ntargets:\n  - id: w\n    title: 网站\n    veto:\n"
                      "      - {id: v, title: 否决, when: \"n > 0 and d > 3\"}\n") ==
        "rules.yaml:8:47: error: target \"w\": veto \"否决\": when: \">\" compares a date with a number\n");
  CHECK(rule_problems("id: t\ntitle: 测试\nfacts: {n: number}\ntargets:\n  - id: w\n    title: 网站\n    veto:\n"
                      "      - {id: v, title: 否决, when: m > 0}\n") ==
        "rules.yaml:8:34: error: target \"w\": veto \"否决\": when: unknown fact \"m\" (did you mean \"n\"?)\n");
  CHECK(rule_problems("id: t\ntitle: 测试\nfacts: {n: number, 1x: number, k: text}\ntargets:\n  - id: w\n    title: 网站\n") ==
        "rules.yaml:3:20: error: fact name \"1x\" must be letters, digits and _ (not starting with a digit, not a keyword)\n"
        "rules.yaml:3:35: error: fact \"k\": type must be number, bool, date or {list: {FIELD: TYPE, …}}\n");
}

TEST_CASE("a division by zero is an error even with --missing-facts=skip, which is for facts a record lacks") {
  RuleSet rules = rules_from(R"(id: t
title: t
source: s
facts:
  probes_total: number
  probes_failed: number
targets:
  - id: w
    title: W
    base: 100
    pass_score: 60
    veto:
      - {id: down, title: 站点无法访问, when: probes_failed / probes_total >= 0.05}
    deductions: [{id: a, title: A, max: 100}]
)");
  const std::string records =
      R"({"period": "2021Q1", "records": [{"id": "x", "name": "X", "target": "w", "facts": {"probes_total": 0, "probes_failed": 0}}]})";
  LoadOptions skip;
  skip.skip_missing_facts = true;
  for (const auto& options : {LoadOptions(), skip}) {
    auto loaded = load_records_text(records, "records.json", rules, options);
    CHECK_FALSE(loaded.batch);
    CHECK(loaded.diagnostics.str() ==
          "records.json:1:83: error: record \"x\": 站点无法访问 (when) divides by zero with this record's facts; fix the facts or "
          "the rule\n");
  }
}
