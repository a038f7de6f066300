// Tiers (等次) in a rule file: how they are written, what is refused with
// its place, and how units fall into them.
#include "govscore/tiers.hpp"
#include "helpers.hpp"

using namespace govscore;
using namespace govscore::test;

namespace {

// A one-target rule file whose target ends with `tiers` (YAML lines).
std::string with_tiers(const std::string& tiers) {
  return "id: t\ntitle: T\ntargets:\n  - id: website\n    title: 政府网站\n"
         "    deductions: [{id: a, title: 内容更新, max: 100}]\n" +
         tiers;
}

std::vector<std::optional<std::size_t>> tiers_of(const std::vector<Tier>& tiers, const std::vector<long>& means) {
  std::vector<std::optional<Exact>> m;
  std::vector<std::optional<long>> ranks;
  for (std::size_t i = 0; i < means.size(); ++i) {
    m.push_back(Exact(means[i]));
    ranks.push_back(i > 0 && means[i] == means[i - 1] ? ranks.back() : std::optional<long>(static_cast<long>(i) + 1));
  }
  return assign_tiers(tiers, m, ranks);
}

}  // namespace

TEST_CASE("tiers by mean score and by share load from the rule file") {
  RuleSet rules = rules_from(with_tiers("    tiers:\n      - {title: 第一等次, at_least: 95}\n      - {title: 第二等次, at_least: 85.5}\n"
                                        "      - {title: 第三等次}\n"));
  const auto& tiers = rules.targets[0].tiers;
  REQUIRE(tiers.size() == 3);
  CHECK(tiers[1].title == "第二等次");
  CHECK(*tiers[1].at_least == *Exact::parse("85.5"));
  CHECK_FALSE(tiers[2].at_least);
  RuleSet shares = rules_from(with_tiers("    tiers: [{title: 优秀, share: 0.2}, {title: 良好, share: 0.5}, {title: 一般}]\n"));
  CHECK(*shares.targets[0].tiers[0].share == *Exact::parse("0.2"));
}

TEST_CASE("tier mistakes are reported with their place") {
  // with_tiers puts "tiers:" on line 7, the first tier on line 8.
  CHECK(rule_problems(with_tiers("    tiers:\n      - {title: 第一等次, at_least: 85}\n      - {title: 第二等次, at_least: 90}\n")) ==
        "rules.yaml:9:33: error: target \"website\": tier \"第二等次\": at_least must be below the tier before (85)\n");
  CHECK(rule_problems(with_tiers("    tiers:\n      - {title: 第一等次, share: 0.6}\n      - {title: 第二等次, share: 0.5}\n")) ==
        "rules.yaml:8:7: error: target \"website\": tier shares add up to 1.1, more than 1\n");
  CHECK(rule_problems(with_tiers("    tiers:\n      - {title: 第一等次}\n      - {title: 第二等次, at_least: 60}\n")) ==
        "rules.yaml:8:9: error: target \"website\": tier \"第一等次\": missing \"at_least\" or \"share\" (only the last tier "
        "may take the rest)\n");
  CHECK(rule_problems(with_tiers("    tiers:\n      - {title: 第一等次, share: 0.2}\n      - {title: 第二等次, at_least: 60}\n")) ==
        "rules.yaml:9:9: error: target \"website\": tier \"第二等次\": tiers are either all by at_least or all by share\n");
  CHECK(rule_problems(with_tiers("    tiers:\n      - {title: 第一等次, share: 1.5}\n")) ==
        "rules.yaml:8:30: error: target \"website\": tier \"第一等次\": share must be above 0 and at most 1 (0.2 is 20%)\n");
  CHECK(rule_problems(with_tiers("    tiers:\n      - {title: 甲, at_least: 90}\n      - {title: 甲}\n")) ==
        "rules.yaml:9:17: error: target \"website\": duplicate tier \"甲\"\n");
  CHECK(rule_problems(with_tiers("    tiers:\n      - {title: 甲, atleast: 90}\n")) ==
        "rules.yaml:8:20: error: unknown key \"atleast\" in tier (did you mean \"at_least\"?)\n");
}

TEST_CASE("units fall into the first tier whose threshold their mean reaches") {
  std::vector<Tier> tiers = {{"一", Exact(95), {}}, {"二", Exact(85), {}}, {"三", {}, {}}};
  auto got = tiers_of(tiers, {100, 95, 94, 85, 60});
  CHECK(got == std::vector<std::optional<std::size_t>>{0, 0, 1, 1, 2});
}

TEST_CASE("shares of the ranking never split units that tie") {
  // 10 units, the first tier 20 %: ranks 1 and 2 — and the unit tied at 2.
  std::vector<Tier> tiers = {{"一", {}, *Exact::parse("0.2")}, {"二", {}, *Exact::parse("0.3")}, {"三", {}, {}}};
  auto got = tiers_of(tiers, {99, 98, 98, 97, 96, 95, 94, 93, 92, 91});
  CHECK(got == std::vector<std::optional<std::size_t>>{0, 0, 0, 1, 1, 2, 2, 2, 2, 2});
}
