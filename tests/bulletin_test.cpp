// The bulletin: summary figures, the regional table, bands, failing list and
// findings, checked against figures computed by hand and against a real
// provincial quarter's published counts.
#include "govscore/bulletin.hpp"
#include "govscore/report.hpp"
#include "helpers.hpp"

using namespace govscore;
using namespace govscore::test;

namespace {

// n records of `target` in `region`/`group`, the first `failing` vetoed.
std::string units(const std::string& prefix, const std::string& target, const std::string& region, const std::string& group,
                  int n, int failing, const std::string& veto) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    out += ",\n{\"id\": \"" + prefix + std::to_string(i) + "\", \"name\": \"" + region + group + std::to_string(i) +
           "\", \"target\": \"" + target + "\", \"region\": \"" + region + "\", \"group\": \"" + group + "\"";
    if (i < failing) out += ", \"veto\": [\"" + veto + "\"]";
    out += "}";
  }
  return out;
}

std::string records_file(const std::string& header, const std::string& units_json) {
  return "{\"period\": \"2022Q4\", " + header + "\"records\": [" + units_json.substr(1) + "]}";
}

}  // namespace

TEST_CASE("a provincial quarter's published figures: 804 sites 99.38 %, 2 718 of 5 360 accounts 50.71 %, 99.71 %") {
  // Sichuan Q4 2022 as domain.md gives it: 804 websites checked, 5 failing;
  // 5 360 accounts registered, 2 718 checked, 8 failing.
  std::string json = units("w", "website", "成都市", "市级门户", 800, 5, "站点无法访问") +
                     units("x", "website", "绵阳市", "县级门户", 4, 0, "") +
                     units("m", "newmedia", "成都市", "", 2718, 8, "内容不更新");
  Batch batch = records_from(records_file(R"("registered": {"newmedia": 5360}, )", json), national());
  Bulletin b = make_bulletin(national(), batch);
  REQUIRE(b.summary.targets.size() == 2);
  const TargetSummary& sites = b.summary.targets[0];
  CHECK(sites.checked == 804);
  CHECK(sites.failed == 5);
  CHECK(sites.pass_rate() == "99.38");  // 799 ÷ 804 = 99.378…
  const TargetSummary& accounts = b.summary.targets[1];
  CHECK(accounts.check_rate() == std::optional<std::string>("50.71"));  // 2718 ÷ 5360 = 50.708…
  CHECK(accounts.pass_rate() == "99.71");                               // 2710 ÷ 2718 = 99.705…
  CHECK(summary_sentence(b, sites) == "政府网站：检查804个，合格799个，不合格5个，合格率99.38%；单项否决：站点无法访问5个。");
  CHECK(summary_sentence(b, accounts) ==
        "政务新媒体：在册5360个，检查2718个，抽查率50.71%，合格2710个，不合格8个，合格率99.71%；单项否决：内容不更新8个。");
}

TEST_CASE("the regional table counts by region and group, and its total row is the sum of the rows") {
  // By hand: 成都市 市级门户 2 (1 failing), 县级门户 3; 绵阳市 市级部门 4 (2 failing),
  // 县级门户 1; accounts: 成都市 3 (1 failing) of 40 registered, 绵阳市 2 of 25.
  std::string json = units("a", "website", "成都市", "市级门户", 2, 1, "首页不更新") +
                     units("b", "website", "成都市", "县级门户", 3, 0, "") +
                     units("c", "website", "绵阳市", "市级部门", 4, 2, "栏目不更新") +
                     units("d", "website", "绵阳市", "县级门户", 1, 0, "") +
                     units("e", "newmedia", "成都市", "", 3, 1, "互动回应差") + units("f", "newmedia", "绵阳市", "", 2, 0, "");
  Batch batch = records_from(
      records_file(R"("registered_by_region": {"成都市": {"newmedia": 40}, "绵阳市": {"newmedia": 25}}, )", json), national());
  Bulletin b = make_bulletin(national(), batch);
  AnnexTable t = region_annex(b);
  std::vector<std::string> headings;
  for (const auto& c : t.columns) headings.push_back(c.group.empty() ? c.title : c.group + "/" + c.title);
  CHECK(headings == std::vector<std::string>{"地区", "政府网站/市级门户", "政府网站/县级门户", "政府网站/市级部门",
                                             "政府网站/合计", "政府网站/不合格", "政务新媒体/在册", "政务新媒体/检查",
                                             "政务新媒体/不合格"});
  REQUIRE(t.rows.size() == 3);
  CHECK(t.rows[0].cells == std::vector<std::string>{"成都市", "2", "3", "0", "5", "1", "40", "3", "1"});
  CHECK(t.rows[1].cells == std::vector<std::string>{"绵阳市", "0", "1", "4", "5", "2", "25", "2", "0"});
  CHECK(t.rows[2].cells == std::vector<std::string>{"合计", "2", "4", "4", "10", "3", "65", "5", "1"});
}

TEST_CASE("bands list names in rank order, in the bulletin's wording, optionally by group") {
  RuleSet rules = shipped_rules("chongqing-2022.yaml");
  auto loaded = load_records({source_path("samples/chongqing-2022q2.json")}, rules);
  REQUIRE(loaded.batch);
  Bulletin all = make_bulletin(rules, *loaded.batch);
  REQUIRE(all.summary.bands.size() == 2);
  // By hand from the sample's notes: 130, 117, 117, 112, 110 ×4 are ≥ 110.
  CHECK(band_line(all, all.summary.bands[0]) ==
        "110分及以上（8个）：九龙坡区人民政府网、江北区人民政府网、重庆市经济和信息化委员会网、万盛经开区管委会网、"
        "渝中区人民政府网、綦江区人民政府网、重庆市发展和改革委员会网、重庆市生态环境局网。");
  CHECK(all.summary.bands[1].records.size() == 8);  // 106, 104, 103, 102, 100.7, 100 ×3
  Bulletin by_group = make_bulletin(rules, *loaded.batch, RankWithin::kGroup);
  REQUIRE(by_group.summary.bands.size() == 4);
  CHECK(band_line(by_group, by_group.summary.bands[1]) == "区县政府：100—110分（3个）：大渡口区人民政府网、沙坪坝区人民政府网、南岸区人民政府网。");
}

TEST_CASE("the failing list gives the reason each unit failed") {
  Batch batch = records_from(R"({"period": "2021Q1", "records": [
    {"id": "a", "name": "甲专栏", "target": "website", "deductions": {"季度检查": 45}},
    {"id": "b", "name": "乙专栏", "target": "website", "veto": ["首页不更新", "栏目不更新"]},
    {"id": "c", "name": "丙号", "platform": "抖音", "target": "newmedia", "veto": true}]})",
                             dazu());
  Bulletin b = make_bulletin(dazu(), batch);
  REQUIRE(b.summary.failures.size() == 3);
  CHECK(b.summary.failures[0].reason == "得分低于60分");
  CHECK(b.summary.failures[1].reason == "单项否决：首页不更新、栏目不更新");
  CHECK(b.summary.failures[2].reason == "单项否决：单项否决");
}

TEST_CASE("findings add into their indicator and are listed like a 检测报告") {
  Batch batch = records_from(one_record(R"({"id": "a", "name": "甲专栏", "owner": "区教委", "target": "website",
      "deductions": {"周扫描": 2},
      "findings": [
        {"indicator": "季度检查", "points": 2, "title": "通知公告栏目超过14天未更新", "url": "http://example.gov.cn/tzgg/", "found": "2021-02-03"},
        {"indicator": "季度检查", "points": 1, "note": "错别字", "found": "2021-02-05"},
        {"indicator": "政策解读", "points": 1, "title": "解读未关联文件"}]})"),
                             dazu());
  const Record& rec = batch.records[0];
  Result r = score_record(dazu(), rec);
  CHECK(r.trace->deducted == Exact(1 + 3 + 1));  // 周扫描 2 × 0.5, 季度检查 2 + 1, 政策解读 1
  CHECK(rounded(r) == "95.0");
  Bulletin b = make_bulletin(dazu(), batch);
  AnnexTable t = findings_table(b);
  REQUIRE(t.rows.size() == 3);
  CHECK(t.rows[0].cells == std::vector<std::string>{"1", "区教委", "甲专栏", "4", "季度检查", "2", "2021-02-03",
                                                      "通知公告栏目超过14天未更新", "http://example.gov.cn/tzgg/", ""});
  CHECK(t.rows[2].cells[4] == "政策解读");
}

TEST_CASE("an indicator given both as a number and as findings is an error") {
  CHECK(record_problems(one_record(R"({"id": "a", "name": "甲", "target": "website", "deductions": {"季度检查": 2},
      "findings": [{"indicator": "季度检查", "points": 1}]})"),
                        dazu()) ==
        "records.json:3:34: error: record \"a\": findings #1: \"季度检查\" is given both in deductions and as findings; give "
        "one\n");
  CHECK(record_problems(one_record(R"({"id": "a", "name": "甲", "target": "website", "findings": [{"indicator": "内容更新", "points": 1}, {"points": 1}]})"),
                        dazu()) ==
        "records.json:2:74: error: record \"a\": findings #1: \"内容更新\" is entered by its parts (周扫描, 季度检查)\n"
        "records.json:2:96: error: record \"a\": findings #2: missing \"indicator\"\n");
}

TEST_CASE("the summary as JSON carries the figures for scripts") {
  Batch batch = records_from(R"({"period": "2021Q1", "registered": {"newmedia": 20}, "records": [
    {"id": "a", "name": "甲号", "target": "newmedia", "region": "大足区"},
    {"id": "b", "name": "乙号", "target": "newmedia", "region": "大足区", "veto": ["内容不更新"]}]})",
                             dazu());
  Bulletin b = make_bulletin(dazu(), batch);
  std::string json = render_summary_json(b);
  CHECK(json.find(R"("target": "newmedia",
      "title": "政务新媒体",
      "registered": 20,
      "checked": 2,
      "check_rate": 10.0,
      "passed": 1,
      "failed": 1,
      "pass_rate": 50.0,
      "vetoes": {
        "内容不更新": 1
      },)") != std::string::npos);
}
