// Staff sheets as they are: a GBK export naming targets by their titles with
// the period only in its file's name; a workbook with a website sheet and a
// new-media sheet, both numbered 1…n; periods and targets told in several
// ways, which must agree; explain by a unit's name; free-text problems as
// findings in the failing list, the XLSX and the Word document. Fixtures:
// tests/data/staff/ (make_staff_sheets.py, scores by hand beside each row).
#include <nlohmann/json.hpp>

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <map>

#include "helpers.hpp"
#include "load/sheet_records.hpp"

using namespace govscore;
using namespace govscore::test;
using nlohmann::json;

namespace {

const std::string kGbkCsv = "tests/data/staff/2024年第三季度检查情况.csv";
const std::string kWorkbook = "tests/data/staff/2024年第3季度全区检查.xlsx";

std::string temp_path(const std::string& name) { return std::string(GOVSCORE_TEST_TMP) + "/" + name; }

// Runs a python reader (tests/tools/) over `path` and parses what it prints.
json dump(const std::string& tool, const std::string& path) {
  std::string out = path + ".json";
  std::string command = "/usr/bin/python3 '" + source_path("tests/tools/" + tool) + "' '" + path + "' > '" + out + "'";
  REQUIRE(std::system(command.c_str()) == 0);
  return json::parse(slurp(out));
}

std::string sheet_problems(const std::string& csv, const std::string& path, LoadOptions options = {}) {
  return errors_of(load_records_text(csv, path, dazu(), options).diagnostics);  // these sheets have few columns
}

}  // namespace

TEST_CASE("a GBK sheet with Chinese target titles and the period only in its file's name scores") {
  // Hand computations (dazu-2020: 周扫描 counts half; 内容更新 capped at 50):
  // 区科技局专栏 100 − 10 ÷ 2 = 95.0; 区应急局专栏 100 − 20 = 80.0;
  // 区水利局专栏 100 − 50 − 15 = 35.0 < 60 不合格; 大足教育 (微信) 100 − 5 = 95.0;
  // 高升镇发布 100 − 10 = 90.0; 大足教育 (抖音) 100 − 60 ÷ 2 = 70.0.
  Run run = run_govscore("score -r rules/dazu-2020.yaml '" + kGbkCsv + "' -f csv");
  // The sheet has columns for some indicators only (the others deduct nothing).
  CHECK(run.err == kGbkCsv + ":1: warning: no column for 4 of the 6 indicators of target website (政策解读, 办事指南, "
                             "公开信箱, 网站找错): nothing is deducted under them for any unit of this sheet\n" +
                   kGbkCsv + ":1: warning: no column for 2 of the 4 indicators of target newmedia (基本信息, 功能设计): "
                             "nothing is deducted under them for any unit of this sheet\n");
  REQUIRE(run.exit_code == 0);
  CHECK(run.out ==
        "\xEF\xBB\xBF政府网站（专栏）\r\n"
        "序号,主管单位,名称,单项否决,内容更新/周扫描,内容更新/季度检查,政策解读,错情整改,办事指南,公开信箱,网站找错,加分,得分,检查结果,排名\r\n"
        "1,区科技局,区科技局专栏,否,10,,,,,,,,95.0,合格,1\r\n"
        "2,区应急局,区应急局专栏,否,,20,,,,,,,80.0,合格,2\r\n"
        "3,区水利局,区水利局专栏,否,,50,,15,,,,,35.0,不合格,3\r\n"
        "\r\n"
        "政务新媒体\r\n"
        "序号,主管单位,名称,类别,单项否决,基本信息,内容更新/周扫描,内容更新/季度检查,错情整改,功能设计,加分,得分,检查结果,排名\r\n"
        "1,区教委,大足教育,微信公众号,否,,,,5,,,95.0,合格,1\r\n"
        "2,高升镇,高升镇发布,抖音,否,,,10,,,,90.0,合格,2\r\n"
        "3,区教委,大足教育,抖音,否,,60,,,,,70.0,合格,3\r\n");
  Run json_run = run_govscore("summary -r rules/dazu-2020.yaml '" + kGbkCsv + "' -f json");
  REQUIRE(json_run.exit_code == 0);
  CHECK(json::parse(json_run.out)["period"] == "2024Q3");
}

TEST_CASE("quarters are read as staff write them, in file names, 检查期 cells and --period") {
  CHECK(periods_named_in("2024年第三季度检查情况.csv") == std::vector<std::string>{"2024Q3"});
  CHECK(periods_named_in("2024年三季度.xlsx") == std::vector<std::string>{"2024Q3"});
  CHECK(periods_named_in("全区2024年第3季度.csv") == std::vector<std::string>{"2024Q3"});
  CHECK(periods_named_in("dazu-2021q1.csv") == std::vector<std::string>{"2021Q1"});
  CHECK(periods_named_in("2024Q2与2024年第三季度对比.csv") == std::vector<std::string>{"2024Q2", "2024Q3"});
  CHECK(periods_named_in("12024Q3.csv").empty());        // not a year of four digits
  CHECK(periods_named_in("2024Q5 2024年第五季度").empty());
  CHECK(periods_named_in("websites.csv").empty());
  CHECK(standard_period("2024年第三季度") == "2024Q3");
  CHECK(standard_period(" 2024年四季度 ") == "2024Q4");
  CHECK(standard_period("2024q1") == "2024Q1");
  CHECK(standard_period("2024年第三季度检查") == "2024年第三季度检查");  // left for the loader to refuse
  CHECK(standard_period("2021-03") == "2021-03");

  // A 检查期 cell written in words gives the same period as --period 2024Q3.
  LoadOptions options;
  options.period = "2024年第三季度";
  options.target = "website";
  auto loaded = load_records_text("名称,检查期,周扫描\n甲,2024年第三季度,10\n", "q.csv", dazu(), options);
  INFO(loaded.diagnostics.str());
  REQUIRE(loaded.batch);
  CHECK(loaded.batch->period == "2024Q3");
}

TEST_CASE("when two sources of the period disagree, the error names both") {
  LoadOptions options;
  options.target = "website";
  options.period = "2024Q2";
  CHECK(sheet_problems("名称,周扫描\n甲,10\n", "2024年第三季度.csv", options) ==
        "2024年第三季度.csv: error: period \"2024Q3\" (the file's name) differs from \"2024Q2\" given earlier (--period); "
        "score one period at a time\n");
  options.period.clear();
  CHECK(sheet_problems("名称,检查期,周扫描\n甲,2024Q3,10\n乙,2024年第二季度,\n", "2024年第三季度.csv", options) ==
        "2024年第三季度.csv:3:3: error: period \"2024Q2\" (检查期) differs from \"2024Q3\" given earlier (the name of "
        "2024年第三季度.csv); score one period at a time\n");
  CHECK(sheet_problems("名称,周扫描\n甲,10\n", "2024Q2与2024Q3对比.csv", options) ==
        "2024Q2与2024Q3对比.csv: error: the file's name names 2 periods (2024Q2, 2024Q3); score one period at a time\n");
  CHECK(diagnostic_code("period \"2024Q3\" (the file's name) differs from \"2024Q2\" given earlier (--period); score "
                        "one period at a time") == "period-mismatch");
}

TEST_CASE("a sheet's target comes from 检查对象 titles, --target, the sheet's name or its title row") {
  LoadOptions options;
  options.period = "2024Q3";
  SECTION("a 检查对象 cell names the target by its title; an unknown title lists titles and ids") {
    CHECK(sheet_problems("检查对象,名称,周扫描\n政务新媒体,甲,10\n政府网站,乙,\n", "q.csv", options) ==
          "q.csv:3:1: error: record \"3\": target: unknown target \"政府网站\" in rules dazu-2020 "
          "(one of: website, 政府网站（专栏）, newmedia, 政务新媒体)\n");
  }
  SECTION("--target by its title") {
    options.target = "政务新媒体";
    auto loaded = load_records_text("名称,周扫描\n甲,10\n", "q.csv", dazu(), options);
    REQUIRE(loaded.batch);
    CHECK(dazu().targets[loaded.batch->records[0].target].id == "newmedia");
    options.target = "新媒体号";
    CHECK(sheet_problems("名称,周扫描\n甲,10\n", "q.csv", options) ==
          "q.csv: error: --target: unknown target \"新媒体号\" in rules dazu-2020 "
          "(one of: website, 政府网站（专栏）, newmedia, 政务新媒体)\n");
  }
  SECTION("the title row above the header, or the CSV file's name") {
    auto loaded = load_records_text("2024年第三季度政务新媒体检查情况统计表\n名称,周扫描\n甲,10\n", "q.csv", dazu(), options);
    INFO(loaded.diagnostics.str());
    REQUIRE(loaded.batch);
    CHECK(dazu().targets[loaded.batch->records[0].target].id == "newmedia");
    auto named = load_records_text("名称,周扫描\n甲,10\n", "区政府网站.csv", dazu(), options);
    REQUIRE(named.batch);
    CHECK(dazu().targets[named.batch->records[0].target].id == "website");
  }
  SECTION("sources that disagree are an error naming them") {
    options.target = "website";
    CHECK(sheet_problems("2024年第三季度政务新媒体检查情况统计表\n名称,周扫描\n甲,10\n", "q.csv", options) ==
          "q.csv: error: targets disagree: --target says website (政府网站（专栏）), its title "
          "\"2024年第三季度政务新媒体检查情况统计表\" says newmedia (政务新媒体); give the sheet's target in one way\n");
  }
  SECTION("a title naming both targets names none") {
    CHECK(!target_named_in("政府网站和政务新媒体检查情况", dazu()));
    CHECK(target_named_in("新媒体", dazu()) == std::optional<std::size_t>(1));
    CHECK(target_named_in("website", dazu()) == std::optional<std::size_t>(0));
    CHECK(!target_named_in("websites", dazu()));  // an id names a target as the whole name only
  }
}

TEST_CASE("when the target and the period are both missing, one message names both") {
  const std::string both =
      "q.csv: error: cannot tell the target of the sheet \"q\" nor the period: give the target as a 检查对象 column, "
      "--target, or 网站 / 新媒体 in the sheet's name or title (website (政府网站（专栏）), newmedia (政务新媒体)); "
      "the period as a 检查期 column, --period, or in the file's name (2024Q3, 2024年第三季度)\n";
  CHECK(sheet_problems("名称,周扫描\n甲,10\n", "q.csv") == both);
  CHECK(diagnostic_code(both) == "sheet-target-unknown");
  // With the period known (here from the file's name), only the target is asked for.
  CHECK(sheet_problems("名称,周扫描\n甲,10\n", "2024Q3.csv") ==
        "2024Q3.csv: error: cannot tell the target of the sheet \"2024Q3\": give the target as a 检查对象 column, "
        "--target, or 网站 / 新媒体 in the sheet's name or title (website (政府网站（专栏）), newmedia (政务新媒体))\n");
}

TEST_CASE("a workbook with a website sheet and a new-media sheet, both numbered 1…n, scores in one run") {
  // Sheet1 (title row: 2024年第三季度政府网站检查情况统计表): 区科技局专栏 95.0,
  // 区水利局专栏 100 − 50 = 50.0 不合格, 区应急局专栏 80.0. 新媒体: 高升镇发布
  // 100 − 60 ÷ 2 = 70.0, 大足教育 100.0. The period from 2024年第3季度 in the name.
  Run run = run_govscore("score -r rules/dazu-2020.yaml '" + kWorkbook + "' -f json");
  CHECK(run.err == kWorkbook + ": warning: sheet \"说明\" skipped: no heading row of records (a row with 名称)\n" +
                   kWorkbook + ":1: warning: sheet \"新媒体\": no column for 3 of the 4 indicators of target newmedia (基本信息, "
                               "错情整改, 功能设计): nothing is deducted under them for any unit of this sheet\n" +
                   kWorkbook + ":2: warning: sheet \"Sheet1\": no column for 5 of the 6 indicators of target website (政策解读, "
                               "错情整改, 办事指南, 公开信箱, 网站找错): nothing is deducted under them for any unit of this sheet\n");
  REQUIRE(run.exit_code == 0);
  json out = json::parse(run.out);
  std::vector<std::string> seen;
  for (const auto& r : out["results"])
    seen.push_back(r["id"].get<std::string>() + " " + r["target"].get<std::string>() + " " +
                   (r["score"].is_null() ? "-" : r["score"].dump()) + " " + r["rank"].dump());
  CHECK(seen == std::vector<std::string>{"Sheet1-1 website 95.0 1", "Sheet1-3 website 80.0 2", "Sheet1-2 website 50.0 3",
                                         "新媒体-2 newmedia 100.0 1", "新媒体-1 newmedia 70.0 2"});
}

TEST_CASE("two CSV files both numbered 1…n score in one run: their ids begin with the file's name") {
  const std::string dir = fresh_folder("two-sheets");
  write_file(dir + "/网站.csv", "序号,名称,周扫描\n1,甲网,10\n2,乙网,\n");
  write_file(dir + "/新媒体.csv", "序号,名称,周扫描\n1,丙号,\n2,丁号,5\n");
  LoadOptions options;
  options.period = "2024Q3";
  auto ids = [](const RecordsLoad& loaded) {
    std::vector<std::string> out;
    for (const auto& r : loaded.batch->records) out.push_back(std::string(r.id) + " " + dazu().targets[r.target].id);
    return out;
  };
  auto both = load_records({dir + "/网站.csv", dir + "/新媒体.csv"}, dazu(), options);
  INFO(both.diagnostics.str());
  REQUIRE(both.batch);
  CHECK(ids(both) == std::vector<std::string>{"网站-1 website", "网站-2 website", "新媒体-1 newmedia", "新媒体-2 newmedia"});
  // One sheet file in the run (a JSON file beside it is not one) keeps its numbers as they are.
  write_file(dir + "/extra.json", R"({"period": "2024Q3", "records": [{"id": "j1", "name": "戊网", "target": "website"}]})");
  auto one = load_records({dir + "/网站.csv", dir + "/extra.json"}, dazu(), options);
  INFO(one.diagnostics.str());
  REQUIRE(one.batch);
  CHECK(ids(one) == std::vector<std::string>{"1 website", "2 website", "j1 website"});
}

TEST_CASE("explain takes a unit's name; a name several units have lists their ids") {
  Run unique = run_govscore("explain -r rules/dazu-2020.yaml '" + kGbkCsv + "' --id 区科技局专栏");
  CHECK(unique.exit_code == 0);
  Run by_id = run_govscore("explain -r rules/dazu-2020.yaml '" + kGbkCsv + "' --id 1");
  CHECK(unique.out == by_id.out);
  CHECK(unique.out.find("区科技局专栏") != std::string::npos);
  Run twice = run_govscore("explain -r rules/dazu-2020.yaml '" + kGbkCsv + "' --name 大足教育");
  CHECK(twice.exit_code == 1);
  CHECK(twice.err == "govscore: 2 units are named \"大足教育\": 4 (newmedia, 微信公众号, 区教委), 5 (newmedia, 抖音, 区教委); "
                     "give one of these ids\n");
  Run none = run_govscore("explain -r rules/dazu-2020.yaml '" + kGbkCsv + "' --id 大足");
  CHECK(none.err == "govscore: no record with id or name \"大足\" in the records given\n");
}

TEST_CASE("问题描述 becomes the unit's findings: the failing list, the XLSX findings sheet and the Word document") {
  Run summary = run_govscore("summary -r rules/dazu-2020.yaml '" + kWorkbook + "' -f json");
  REQUIRE(summary.exit_code == 0);
  json failures = json::parse(summary.out)["failures"];
  REQUIRE(failures.size() == 1);
  CHECK(failures[0]["id"] == "Sheet1-2");
  CHECK(failures[0]["findings"] ==
        json::parse(R"([{"indicator": null, "part": null, "points": null, "title": "首页“政务动态”栏目超过2周未更新",
                        "url": "", "found": "", "note": ""}])"));

  std::string xlsx = temp_path("staff-findings.xlsx");
  REQUIRE(run_govscore("report -r rules/dazu-2020.yaml '" + kWorkbook + "' -o '" + xlsx + "'").exit_code == 0);
  json book = dump("xlsx_dump.py", xlsx);
  std::map<std::string, json> sheets;
  for (const auto& sheet : book["sheets"]) sheets[sheet["title"]] = sheet["rows"];
  // The failing list: score and the problem as the sheet wrote it; the
  // findings sheet: no indicator, no points, no total (nothing deducted for it).
  CHECK(sheets["检查不合格名单"][2] ==
        json::parse(R"([1, "政府网站（专栏）", "区水利局", "区水利局专栏", null, 50, "得分低于60分", "首页“政务动态”栏目超过2周未更新"])"));
  CHECK(sheets["问题明细（检测报告）"][2] ==
        json::parse(R"([1, "区水利局", "区水利局专栏", null, null, null, null, "首页“政务动态”栏目超过2周未更新", null, null])"));
  CHECK(sheets["问题明细（检测报告）"].size() == 3);

  std::string docx = temp_path("staff-findings.docx");
  REQUIRE(run_govscore("report -r rules/dazu-2020.yaml '" + kWorkbook + "' -o '" + docx + "'").exit_code == 0);
  json doc = dump("docx_dump.py", docx);
  bool in_failing_list = false;
  for (const auto& p : doc["paragraphs"])
    in_failing_list = in_failing_list || p["text"] == "1. 区水利局专栏（区水利局）：得分50.0分，低于60分；存在问题：首页“政务动态”栏目超过2周未更新。";
  CHECK(in_failing_list);
  std::vector<json> rows_with_it;
  for (const auto& table : doc["tables"])
    for (const auto& row : table["rows"])
      for (const auto& cell : row)
        if (cell == "首页“政务动态”栏目超过2周未更新") rows_with_it.push_back(row);
  CHECK(rows_with_it == std::vector<json>{
                           json::parse(R"(["1", "政府网站（专栏）", "区水利局", "区水利局专栏", "", "50.0", "得分低于60分",
                                           "首页“政务动态”栏目超过2周未更新"])"),
                           json::parse(R"(["1", "区水利局", "区水利局专栏", "", "", "", "", "首页“政务动态”栏目超过2周未更新", "", ""])")});
}

TEST_CASE("a problem in words is archived with its unit and listed by recheck without points") {
  std::string db = temp_path("staff-sheets.db");
  std::remove(db.c_str());
  REQUIRE(run_govscore("archive add --db '" + db + "' -r rules/dazu-2020.yaml '" + kWorkbook + "'").exit_code == 0);
  Run recheck = run_govscore("recheck --db '" + db + "' --period 2024Q3 -f json");
  REQUIRE(recheck.exit_code == 0);
  json units = json::parse(recheck.out)["units"];
  REQUIRE(units.size() == 1);
  CHECK(units[0]["id"] == "Sheet1-2");
  CHECK(units[0]["deductions"] == json::parse(R"({"内容更新": 50})"));
  CHECK(units[0]["findings"] == json::parse(R"([{"indicator": null, "points": null, "title": "首页“政务动态”栏目超过2周未更新",
                                                 "url": "", "note": "", "found": ""}])"));
}
