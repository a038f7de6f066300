// Rule files: the shipped schemes as published, and every load error with
// its exact place and wording.
#include "helpers.hpp"

using namespace govscore;
using namespace govscore::test;

namespace {

// A minimal valid rule file, with `target` spliced in as the only target.
std::string with_target(const std::string& target) {
  return "id: t\ntitle: 测试\ntargets:\n" + target;
}

std::vector<std::string> titles(const Target& t) {
  std::vector<std::string> out;
  for (const auto& i : t.deductions) {
    out.push_back(i.title + " " + i.max.str() + (i.requires_public_services ? " (services)" : ""));
    for (const auto& p : i.parts) out.push_back("  " + p.title + " ×" + p.factor.str());
  }
  return out;
}

}  // namespace

TEST_CASE("dazu-2020 carries the published column headings and maxima") {
  RuleSet r = shipped_rules("dazu-2020.yaml");
  CHECK(r.source == "大足府办发〔2020〕117号");
  CHECK(r.decimals == 1);
  const Target* w = r.find_target("website");
  REQUIRE(w);
  CHECK(titles(*w) == std::vector<std::string>{"内容更新 50", "  周扫描 ×0.5", "  季度检查 ×1", "政策解读 10", "错情整改 20",
                                                 "办事指南 10 (services)", "公开信箱 8", "网站找错 2"});
  REQUIRE(w->bonus);
  CHECK(w->bonus->max == Exact(20));
  CHECK(w->bonus->rescaled);
  CHECK_FALSE(w->bonus->above);
  const Target* m = r.find_target("newmedia");
  REQUIRE(m);
  CHECK(titles(*m) == std::vector<std::string>{"基本信息 10", "内容更新 60", "  周扫描 ×0.5", "  季度检查 ×1", "错情整改 20",
                                                 "功能设计 10"});
  CHECK(m->bonus->max == Exact(20));
}

TEST_CASE("national-2019 carries the veto list, the four groups and the gated bonus") {
  RuleSet r = shipped_rules("national-2019.yaml");
  CHECK(r.source == "国办秘函〔2019〕19号");
  const Target* w = r.find_target("website");
  REQUIRE(w);
  std::vector<std::string> vetoes;
  for (const auto& v : w->veto) vetoes.push_back(v.title);
  CHECK(vetoes == std::vector<std::string>{"安全、泄密事故等严重问题", "站点无法访问", "首页不更新", "栏目不更新", "互动回应差",
                                           "服务不实用"});
  CHECK(titles(*w) == std::vector<std::string>{"发布解读 31", "办事服务 25 (services)", "互动交流 23", "功能设计 21"});
  CHECK(w->pass_score == Exact(60));
  CHECK(w->bonus->max == Exact(30));
  CHECK(*w->bonus->above == Exact(80));
  CHECK_FALSE(w->bonus->rescaled);
  const Target* m = r.find_target("newmedia");
  REQUIRE(m);
  vetoes.clear();
  for (const auto& v : m->veto) vetoes.push_back(v.title);
  CHECK(vetoes == std::vector<std::string>{"安全、泄密事故等严重问题", "内容不更新", "互动回应差"});
  CHECK_FALSE(m->scored());
}

TEST_CASE("chongqing-2022 has the bulletin's bands") {
  RuleSet r = shipped_rules("chongqing-2022.yaml");
  const Target* w = r.find_target("website");
  REQUIRE(w);
  REQUIRE(w->bands.size() == 2);
  CHECK(w->bands[0].title == "110分及以上");
  CHECK(w->bands[0].at_least == Exact(110));
  CHECK_FALSE(w->bands[0].below);
  CHECK(w->bands[1].title == "100—110分");
  CHECK(*w->bands[1].below == Exact(110));
  CHECK(w->bonus->max == Exact(30));
}

TEST_CASE("shipped rule files load without warnings") {
  for (const char* name : {"dazu-2020.yaml", "national-2019.yaml", "chongqing-2022.yaml"}) {
    auto loaded = load_rules(source_path(std::string("rules/") + name));
    INFO(name << "\n" << loaded.diagnostics.str());
    CHECK(loaded.diagnostics.empty());
  }
}

TEST_CASE("a typo in a key is an error with a suggestion, not ignored") {
  CHECK(rule_problems(with_target("  - id: w\n    title: 网站\n    deductions:\n      - {id: a, title: 甲, maxx: 50}\n")) ==
        "rules.yaml:7:9: error: target \"w\": deduction \"甲\": missing \"max\"\n"
        "rules.yaml:7:27: error: unknown key \"maxx\" in deduction (did you mean \"max\"?)\n");
}

TEST_CASE("every problem of a rule file is reported at once, in file order") {
  std::string yaml =
      "id: t\n"
      "title: 测试\n"
      "decimals: 1.5\n"
      "targets:\n"
      "  - id: w\n"
      "    title: 网站\n"
      "    pass_score: 120\n"
      "    veto:\n"
      "      - {id: a, title: 安全}\n"
      "      - {id: a, title: 安全2}\n"
      "    deductions:\n"
      "      - {id: d, title: 安全, max: 0}\n"
      "      - id: e\n"
      "        title: 更新\n"
      "        max: 30\n"
      "        parts:\n"
      "          - {id: p, title: 周扫描, factor: -1}\n"
      "    bonus: {max: 20, above: 120, rescaled: maybe}\n"
      "  - id: w\n"
      "    title: 网站\n";
  CHECK(rule_problems(yaml) ==
        "rules.yaml:3:11: error: decimals must be a whole number from 0 to 6\n"
        "rules.yaml:7:17: error: target \"w\": pass_score must be between 0 and base (100)\n"
        "rules.yaml:10:9: error: target \"w\": duplicate id or title \"a\" (first on line 9)\n"
        "rules.yaml:12:9: error: target \"w\": duplicate id or title \"安全\" (first on line 9)\n"
        "rules.yaml:12:33: error: target \"w\": deduction \"安全\": max must be > 0\n"
        "rules.yaml:17:41: error: target \"w\": deduction \"更新\": part \"周扫描\": factor must be > 0\n"
        "rules.yaml:18:29: error: target \"w\": bonus: gate \"above\" must be between 0 and base (100)\n"
        "rules.yaml:18:44: error: target \"w\": bonus: rescaled must be true or false\n"
        "rules.yaml:19:5: error: duplicate target id \"w\" (first on line 5)\n");
}

TEST_CASE("missing ids and titles are named") {
  CHECK(rule_problems("title: x\ntargets:\n  - title: 网站\n    veto:\n      - {id: v}\n") ==
        "rules.yaml:1:1: error: rule file: missing \"id\"\n"
        "rules.yaml:3:5: error: target: missing \"id\"\n"
        "rules.yaml:5:9: error: target \"\": veto \"v\": missing \"title\"\n");
}

TEST_CASE("maxima that do not add up to base are a warning only") {
  auto loaded = load_rules_text(with_target("  - id: w\n    title: 网站\n    deductions:\n      - {id: a, title: 甲, max: 40}\n"),
                                "rules.yaml");
  CHECK(loaded.rules);
  CHECK(loaded.diagnostics.str() == "rules.yaml:7:7: warning: target \"w\": deduction maxima add up to 40, not base 100\n");
}

TEST_CASE("numbers must be numbers, within range") {
  CHECK(rule_problems(with_target("  - id: w\n    title: 网站\n    base: 一百\n")) ==
        "rules.yaml:6:11: error: target \"w\": base must be a number, not \"一百\"\n");
  CHECK(rule_problems(with_target("  - id: w\n    title: 网站\n    deductions:\n      - {id: a, title: 甲, max: 1e18}\n")) ==
        "rules.yaml:7:32: error: target \"w\": deduction \"甲\": max is out of range (at most 1000000000)\n");
}

TEST_CASE("YAML syntax errors carry yaml-cpp's place, counted from 1") {
  CHECK(rule_problems("id: x\n\ttitle: y\n") == "rules.yaml:2:1: error: YAML: illegal tab when looking for indentation (this line is indented with a tab; YAML "
        "indents with spaces)\n");
  CHECK(rule_problems("") == "rules.yaml: error: the rule file is empty\n");
  CHECK(rule_problems("- 1\n- 2\n") ==
        "rules.yaml:1:1: error: a rule file is a mapping with id, title, source, decimals and targets\n");
}

TEST_CASE("a rule file that cannot be read says so") {
  auto loaded = load_rules("no/such/rules.yaml");
  CHECK(loaded.diagnostics.str() == "no/such/rules.yaml: error: cannot open: No such file or directory\n");
}

TEST_CASE("bands must be ordered") {
  CHECK(rule_problems(with_target("  - id: w\n    title: 网站\n    bands:\n      - {title: 高, at_least: 110, below: 100}\n")) ==
        "rules.yaml:7:42: error: target \"w\": band \"高\": below must be greater than at_least\n");
}

TEST_CASE("a records file given as the rule file is named as such") {
  CHECK(rule_problems("{\"period\": \"2021Q1\", \"records\": []}") ==
        "rules.yaml:1:1: error: this is a records file, not a rule file (it has \"records\"); give the rule file with "
        "--rules\n");
}
