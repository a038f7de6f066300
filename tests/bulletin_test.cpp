// The bulletin: summary figures, the regional table, bands, failing list and
// findings, checked against figures computed by hand and against a real
// provincial quarter's published counts.
#include <nlohmann/json.hpp>

#include "govscore/bulletin.hpp"
#include "govscore/bulletin_outline.hpp"
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
        "not_updated": 1
      },)") != std::string::npos);
}

TEST_CASE("the summary JSON uses stable field names: regions by target id, failures with their details") {
  Batch batch = records_from(R"({"period": "2021Q1", "records": [
    {"id": "a", "name": "甲专栏", "owner": "区教委", "target": "website", "region": "大足区", "group": "区级部门",
     "findings": [{"indicator": "季度检查", "points": 45, "title": "首页3周未更新", "found": "2021-02-03"}]},
    {"id": "b", "name": "乙号", "owner": "区文旅委", "platform": "抖音", "target": "newmedia", "region": "大足区", "veto": ["内容不更新"]}]})",
                             dazu());
  Bulletin b = make_bulletin(dazu(), batch);
  auto j = nlohmann::ordered_json::parse(render_summary_json(b));
  // By hand: one website in 区级部门, failing on 55.0; one account, vetoed.
  CHECK(j["regions"].dump() ==
        R"([{"region":"大足区","targets":{"website":{"checked":1,"failed":1,"registered":null,"groups":{"区级部门":1}},)"
        R"("newmedia":{"checked":1,"failed":1,"registered":null,"groups":{}}}}])");
  CHECK(j["regions_total"]["website"]["checked"] == 1);
  REQUIRE(j["failures"].size() == 2);
  CHECK(j["failures"][0].dump() ==
        R"({"id":"a","target":"website","name":"甲专栏","owner":"区教委","platform":"","score":55.0,"vetoes":[],)"
        R"("findings":[{"indicator":"content_update","part":"quarterly_check","points":45,"title":"首页3周未更新","url":"",)"
        R"("found":"2021-02-03","note":""}],"reason":"得分低于60分"})");
  CHECK(j["failures"][1]["score"].is_null());
  CHECK(j["failures"][1]["vetoes"].dump() == R"(["not_updated"])");
  CHECK(j["failures"][1]["platform"] == "抖音");
}

TEST_CASE("periods are written as staff write them") {
  CHECK(period_words("2024Q3") == "2024年第三季度");
  CHECK(period_words("2021Q1") == "2021年第一季度");
  CHECK(period_words("2024q4") == "2024年第四季度");
  CHECK(period_words("2024H1") == "2024年上半年");
  CHECK(period_words("2024H2") == "2024年下半年");
  CHECK(period_words("2024-05") == "2024年5月");
  CHECK(period_words("2024M11") == "2024年11月");
  CHECK(period_words("2024") == "2024年");
  CHECK(period_words("2024Q5") == "2024Q5");  // not a quarter: as given
  CHECK(period_words("2024-13") == "2024-13");
  CHECK(period_words("2024年第三季度") == "2024年第三季度");
  CHECK(period_words("") == "");
  CHECK(chinese_number(1) == "一");
  CHECK(chinese_number(10) == "十");
  CHECK(chinese_number(12) == "十二");
  CHECK(chinese_number(21) == "二十一");
}

TEST_CASE("the title is --title, else the rule file's title and the period in words") {
  Batch batch = records_from(one_record(R"({"id": "a", "name": "甲专栏", "target": "website"})"), dazu());
  Bulletin b = make_bulletin(dazu(), batch);
  CHECK(bulletin_title(b) == "重庆市大足区政府网站和政务新媒体运行管理考核方案（2021年第一季度）");
  b.title = "关于2021年第一季度全区政府网站检查情况的通报";
  CHECK(bulletin_title(b) == "关于2021年第一季度全区政府网站检查情况的通报");
  CHECK(render_bulletin_markdown(b).rfind("# 关于2021年第一季度全区政府网站检查情况的通报\n", 0) == 0);
}

TEST_CASE("annexes are numbered with titles, and only those with content are there") {
  Batch batch = records_from(one_record(R"({"id": "a", "name": "甲专栏", "target": "website"})"), dazu());
  Bulletin b = make_bulletin(dazu(), batch);
  std::vector<std::string> labels;
  for (const auto& a : bulletin_annexes(b)) labels.push_back(a.label());
  // No region, no failure, no finding, no bands in Dazu's rules: two annexes.
  CHECK(labels == std::vector<std::string>{"附件1：2021年第一季度检查情况汇总表", "附件2：2021年第一季度政府网站（专栏）检查情况统计表"});
}

TEST_CASE("no （未填地区） row when no record gives a region") {
  Batch batch = records_from(R"({"period": "2021Q1", "records": [
    {"id": "a", "name": "甲专栏", "target": "website"}, {"id": "b", "name": "乙专栏", "target": "website", "veto": true}]})",
                             dazu());
  Bulletin b = make_bulletin(dazu(), batch);
  CHECK(b.summary.regions.rows.empty());
  CHECK(b.summary.regions.total.targets[0].checked() == 2);  // the total still counts them
  CHECK(render_summary_text(b).find("未填地区") == std::string::npos);
  CHECK(render_summary_text(b).find("各地区检查情况") == std::string::npos);
  // One record with a region: the others are （未填地区）.
  Batch mixed = records_from(R"({"period": "2021Q1", "records": [
    {"id": "a", "name": "甲专栏", "target": "website", "region": "大足区"}, {"id": "b", "name": "乙专栏", "target": "website"}]})",
                             dazu());
  Bulletin m = make_bulletin(dazu(), mixed);
  REQUIRE(m.summary.regions.rows.size() == 2);
  CHECK(m.summary.regions.rows[1].region == "（未填地区）");
}

TEST_CASE("a band under the pass line counts the vetoed units, as the figures do") {
  RuleSet rules = rules_from(R"(
id: banded
title: 分段
targets:
  - id: website
    title: 政府网站
    base: 100
    pass_score: 60
    veto: [{id: security, title: 安全问题}]
    deductions: [{id: update, title: 内容更新, max: 100}]
    bands:
      - {title: 90分及以上, at_least: 90}
      - {title: 60—90分, at_least: 60, below: 90}
      - {title: 不合格（60分以下）, at_least: 0, below: 60}
)");
  Batch batch = records_from(R"({"period": "2021Q1", "records": [
    {"id": "a", "name": "甲", "target": "website", "deductions": {"内容更新": 5}},
    {"id": "b", "name": "乙", "target": "website", "veto": ["安全问题"]},
    {"id": "c", "name": "丙", "target": "website", "deductions": {"内容更新": 50}},
    {"id": "d", "name": "丁", "target": "website", "deductions": {"内容更新": 20}}]})",
                             rules);
  Bulletin b = make_bulletin(rules, batch);
  REQUIRE(b.summary.bands.size() == 3);
  // 95 ≥ 90; 80 in 60—90; 50 and the vetoed 乙 are the two 不合格.
  CHECK(band_line(b, b.summary.bands[0]) == "90分及以上（1个）：甲。");
  CHECK(band_line(b, b.summary.bands[1]) == "60—90分（1个）：丁。");
  CHECK(band_line(b, b.summary.bands[2]) == "不合格（60分以下）（2个）：丙、乙。");
  CHECK(b.summary.targets[0].failed == 2);
}

TEST_CASE("the failing list gives each unit's score or veto, and its findings") {
  Batch batch = records_from(R"({"period": "2021Q1", "records": [
    {"id": "a", "name": "甲专栏", "owner": "区教委", "target": "website",
     "findings": [{"indicator": "季度检查", "points": 45, "title": "首页3周未更新"}]},
    {"id": "b", "name": "乙号", "owner": "区文旅委", "platform": "抖音", "target": "newmedia", "veto": ["内容不更新"]}]})",
                             dazu());
  Bulletin b = make_bulletin(dazu(), batch);
  AnnexTable t = failures_table(b);
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0].cells ==
        std::vector<std::string>{"1", "政府网站（专栏）", "区教委", "甲专栏", "", "55.0", "得分低于60分", "季度检查：首页3周未更新（扣45分）"});
  CHECK(t.rows[1].cells == std::vector<std::string>{"2", "政务新媒体", "区文旅委", "乙号", "抖音", "", "单项否决：内容不更新", ""});
  CHECK(failure_line(b, b.summary.failures[0], 1) == "1. 甲专栏（区教委）：得分55.0分，低于60分；存在问题：季度检查：首页3周未更新（扣45分）。");
  CHECK(failure_line(b, b.summary.failures[1], 2) == "2. 乙号（抖音）（区文旅委）：单项否决：内容不更新。");
  auto sections = bulletin_sections(b);
  REQUIRE(sections.size() == 2);
  CHECK(sections[1].heading == "二、不合格情况");
  CHECK(sections[1].paragraphs[0] == "检查发现不合格2个：");
}
