// Audit: every kind of disagreement between a published table and its
// recomputation, and no false alarm on a table that is right.
#include "govscore/audit.hpp"
#include "helpers.hpp"

using namespace govscore;
using namespace govscore::test;

namespace {

std::string audited(const std::string& json, const AuditOptions& options = {}) {
  Batch batch = records_from(json, dazu());
  return render_audit(dazu(), batch, audit(dazu(), batch, options));
}

// New-media accounts with 周扫描 points and what a table published for them.
std::string table(const std::vector<std::pair<std::string, std::string>>& rows) {
  std::string out = "{\"period\": \"2021Q1\", \"records\": [";
  for (std::size_t i = 0; i < rows.size(); ++i)
    out += std::string(i ? "," : "") + "\n{\"id\": \"m" + std::to_string(i + 1) + "\", \"name\": \"号" + std::to_string(i + 1) +
           "\", \"target\": \"newmedia\", \"deductions\": {\"周扫描\": " + rows[i].first + "}, \"published\": " +
           rows[i].second + "}";
  return out + "]}";
}

}  // namespace

TEST_CASE("the sample published table: every inconsistency, each once") {
  RuleSet rules = dazu();
  auto loaded = load_records({source_path("samples/dazu-2021q1-published.json")}, rules);
  REQUIRE(loaded.batch);
  auto found = audit(rules, *loaded.batch);
  CHECK(render_audit(rules, *loaded.batch, found) == slurp(source_path("tests/data/golden/audit-dazu-2021q1-published.txt")));
  CHECK(found.size() == 10);
}

TEST_CASE("a table that agrees gives no alarm") {
  CHECK(audited(table({{"0", R"({"score": 100.0, "result": "合格", "rank": 1})"},
                       {"0", R"({"score": 100, "result": "合格", "rank": 1})"},
                       {"20", R"({"score": 90.0, "result": "合格", "rank": 3})"},
                       {"90", R"({"score": 55.0, "result": "不合格", "rank": 4})"}})) ==
        "audit of 4 records (4 with published values) against dazu-2020, 2021Q1: everything agrees\n");
}

TEST_CASE("the 47-at-100 block followed by rank 25") {
  std::vector<std::pair<std::string, std::string>> rows(47, {"0", R"({"score": 100.0, "rank": 1})"});
  rows.push_back({"10", R"({"score": 95.0, "rank": 25})"});
  rows.push_back({"20", R"({"score": 90.0, "rank": 49})"});
  std::string out = audited(table(rows));
  CHECK(out.find("1 disagreement\n") != std::string::npos);
  CHECK(out.find("m48 号48  published 第25名  should be 第48名  (47 units score higher than 95.0)\n") != std::string::npos);
}

TEST_CASE("dense ranking is checked as dense") {
  std::string json = table({{"0", R"({"score": 100.0, "rank": 1})"},
                            {"0", R"({"score": 100.0, "rank": 1})"},
                            {"20", R"({"score": 90.0, "rank": 2})"}});
  AuditOptions dense;
  dense.ranking = RankingMethod::kDense;
  CHECK(audited(json, dense).find("everything agrees") != std::string::npos);
  CHECK(audited(json).find("m3 号3  published 第2名  should be 第3名  (2 units score higher than 90.0)") != std::string::npos);
}

TEST_CASE("a published veto the records do not have, and 合格 beside a failing score") {
  std::string out = audited(table({{"0", R"({"score": 100.0, "result": "合格", "veto": "是"})"},
                                   {"100", R"({"score": 50.0, "result": "合格"})"},
                                   {"10", R"({"score": 96.0, "result": "合格"})"}}));
  CHECK(out.find("m1 号1  published 单项否决 是  should be 单项否决 否  (the records name no veto)\n") != std::string::npos);
  CHECK(out.find("m2 号2  published 合格 50.0    should be 不合格 50.0  (a published score of 50.0 is below the pass line 60)\n") !=
        std::string::npos);
  CHECK(out.find("m3 号3  published 96.0  should be 95.0  (recomputed exactly 95 → 95.0)\n") != std::string::npos);
}

TEST_CASE("published summary figures are checked against the records, and against themselves") {
  std::string json = R"({"period": "2021Q1", "registered": {"newmedia": 10},
    "published_summary": {"newmedia": {"registered": 12, "checked": 2, "passed": 2, "failed": 1, "pass_rate": 100, "check_rate": 20.00}},
    "records": [{"id": "a", "name": "甲", "target": "newmedia"}, {"id": "b", "name": "乙", "target": "newmedia"}]})";
  std::string out = audited(json);
  CHECK(out.find("政务新媒体 不合格数           published 1   should be 0  (records recomputed as 不合格)\n") !=
        std::string::npos);
  CHECK(out.find("政务新媒体 合格数 + 不合格数  published 3   should be 2  (the published figures do not add up to the "
                 "published 检查数)\n") != std::string::npos);
  CHECK(out.find("政务新媒体 在册数             published 12  should be 10  (registered in the records file)\n") !=
        std::string::npos);
  CHECK(out.find("抽查率") == std::string::npos);  // 2 ÷ 10 = 20.00 % agrees
  CHECK(out.find("合格率") == std::string::npos);  // 2 ÷ 2 = 100.00 % agrees
}
