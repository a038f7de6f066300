// Spreadsheet records: CSV in UTF-8 (with or without BOM) or GBK, and XLSX
// written by another program, give byte-identical results to the same
// records in JSON; and every way a sheet can be wrong has its message.
#include "helpers.hpp"

using namespace govscore;
using namespace govscore::test;

namespace {

std::string sheet_problems(const std::string& content, const std::string& path = "sheet.csv", const std::string& target = "website") {
  LoadOptions options;
  options.target = target;
  options.period = "2021Q1";
  return errors_of(load_records_text(content, path, dazu(), options).diagnostics);  // see errors_of
}

Batch sheet_records(const std::string& content, const std::string& path = "sheet.csv") {
  LoadOptions options;
  options.target = "website";
  options.period = "2021Q1";
  auto loaded = load_records_text(content, path, dazu(), options);
  INFO(loaded.diagnostics.str());
  REQUIRE(loaded.batch);
  return *loaded.batch;
}

}  // namespace

TEST_CASE("the same records as JSON, CSV (UTF-8 BOM), CSV (GBK) and XLSX give byte-identical results") {
  std::string args = " -r rules/dazu-2020.yaml --target website --period 2021Q1 -f json";
  Run json = run_govscore("score tests/data/spreadsheet/websites.json" + args);
  REQUIRE(json.exit_code == 0);
  for (const char* other : {"websites.csv", "websites-gbk.csv", "websites.xlsx"}) {
    INFO(other);
    Run run = run_govscore(std::string("score tests/data/spreadsheet/") + other + args);
    CHECK(run.err == "");
    CHECK(run.out == json.out);
  }
  // The scores are the hand computations in the sheet's 备注 column.
  for (const char* score : {"120.0", "99.5", "98.9", "95.0", "94.4", "94.0", "88.9", "80.0", "55.0"})
    CHECK(json.out.find(std::string("\"score\": ") + score + ",") != std::string::npos);
}

TEST_CASE("staff headings map to record fields, blank is nothing, 不考核 is not assessed, 是/否 with 否决原因") {
  Batch b = sheet_records(
      "序号,主管单位,名称,类别,单项否决,否决原因,内容更新（50分）/周扫描,办事指南（10分）,加分,备注\n"
      "7,区教委,大足教育,微信公众号,否,,4,不考核,,注\n"
      "8,区交通局,区交通局专栏,,是,首页不更新；栏目不更新,,,,\n"
      "9,区商务委,区商务委专栏,,是,,,,,\n");
  REQUIRE(b.records.size() == 3);
  const Record& r = b.records[0];
  CHECK(r.id == "7");
  CHECK(r.owner == "区教委");
  CHECK(r.platform == "微信公众号");
  REQUIRE(r.details().findings.size() == 1);  // 备注 is a problem in words
  CHECK(r.details().findings[0].title == "注");
  CHECK(!r.details().findings[0].scored);
  REQUIRE(r.deductions.size() == 1);
  CHECK(r.deductions[0].points == Exact(4));
  CHECK_FALSE(r.assessed(dazu(), 3));
  CHECK(b.records[1].vetoes == std::vector<std::size_t>{2, 3});
  CHECK(b.records[2].vetoes == std::vector<std::size_t>{kUnnamedVeto});
  CHECK(b.records[0].place.line == 2);
}

TEST_CASE("English headings, ids and a target column work too, and quoted cells keep commas and quotes") {
  std::string csv = "id,name,owner,target,platform,周扫描,bonus\r\n"
                    "w1,\"A, \"\"B\"\" 专栏\",局,website,,2,\r\n"
                    "m1,号,局,newmedia,抖音,60,5\r\n";
  LoadOptions options;
  options.period = "2021Q1";
  auto loaded = load_records_text(csv, "sheet.csv", dazu(), options);
  INFO(loaded.diagnostics.str());
  REQUIRE(loaded.batch);
  CHECK(loaded.batch->records[0].name == "A, \"B\" 专栏");
  CHECK(loaded.batch->records[1].target == 1);
  CHECK(*loaded.batch->records[1].bonus_total() == Exact(5));
}

TEST_CASE("a sheet's mistakes are named by line and column") {
  CHECK(sheet_problems("序号,名称,周扫秒,扣分\n1,甲,2,3\n") ==
        "sheet.csv:1:7: error: unknown column \"周扫秒\" (did you mean \"周扫描\"?)\n"
        "sheet.csv:1:11: error: unknown column \"扣分\" (did you mean \"加分\"?)\n");
  CHECK(sheet_problems("序号,名称,周扫描\n1,甲,十\n2,乙,-1\n") ==
        "sheet.csv:2:5: error: record \"1\": deductions: \"周扫描\": points must be a number, not the text \"十\"\n"
        "sheet.csv:3:5: error: record \"2\": deductions: \"周扫描\": points must not be negative (-1); deductions are "
        "entered as positive points\n");
  CHECK(sheet_problems("序号,名称,单项否决,否决原因\n1,甲,Y,\n2,乙,否,首页不更新\n3,丙,是,首页不跟新\n") ==
        "sheet.csv:2:5: error: 单项否决 must be 是 or 否, not \"Y\"\n"
        "sheet.csv:3:7: error: 否决原因 is given but 单项否决 is 否\n"
        "sheet.csv:4:7: error: record \"3\": veto: unknown veto indicator \"首页不跟新\" of target website (did you mean "
        "\"首页不更新\"?)\n");
  CHECK(sheet_problems("序号,名称,周扫描,周扫描\n") == "sheet.csv:1:11: error: column \"周扫描\" repeats column 7\n");
  CHECK(sheet_problems("序号,名称\n1,甲,3\n") == "sheet.csv:2:5: error: a value in a column without a heading\n");
  CHECK(sheet_problems("序号,名称\n1,\"甲\n") == "sheet.csv:2:3: error: a quoted cell is never closed (missing \")\n");
  CHECK(sheet_problems("") ==
        "sheet.csv: error: the sheet is empty: expected a header row (序号, 主管单位, 名称, …) and one row per unit\n");
  CHECK(sheet_problems("序号,名称\n1,甲\n", "sheet.csv", "") ==
        "sheet.csv: error: cannot tell the target of the sheet \"sheet\": give the target as a 检查对象 column, --target, "
        "or 网站 / 新媒体 in the sheet's name or title (website (政府网站（专栏）), newmedia (政务新媒体))\n");
}

TEST_CASE("a CSV that is neither UTF-8 nor GBK names the first bad byte and its line") {
  // UTF-8 before the bad byte (甲), so it is named as UTF-8 stops: line 2, column 5 ("1,甲," is 4 characters).
  CHECK(sheet_problems("序号,名称,周扫描\n1,甲,\xFF\xFF\n") ==
        "sheet.csv:2:5: error: neither UTF-8 nor GBK/GB18030: the file reads as UTF-8 up to byte 0xFF here, which is "
        "not UTF-8; save the sheet as CSV UTF-8 or CSV (GBK)\n");
  // GBK: 序号,名称 in GBK bytes, then a valid row.
  Batch gbk = sheet_records("\xD0\xF2\xBA\xC5,\xC3\xFB\xB3\xC6\r\n1,\xBC\xD7\r\n");
  CHECK(gbk.records[0].name == "甲");
}

TEST_CASE("an XLSX is read from its first sheet or the one named, past title rows and two-row headers") {
  std::string xlsx = slurp(source_path("tests/data/spreadsheet/websites.xlsx"));
  Batch b = sheet_records(xlsx, "websites.xlsx");
  CHECK(b.records.size() == 10);
  CHECK(b.records[0].place.line == 3);  // row 3 of the sheet: a title row, then the header
  LoadOptions options;
  options.target = "website";
  options.period = "2021Q1";
  options.sheet = "汇总";
  CHECK(load_records_text(xlsx, "websites.xlsx", dazu(), options).diagnostics.str() ==
        "websites.xlsx: error: no sheet named \"汇总\" (sheets: 专栏)\n");
  CHECK(sheet_problems("not a zip", "book.xlsx") ==
        "book.xlsx: error: not an .xlsx workbook (not a zip file); save the sheet as Excel Workbook (.xlsx)\n");
  CHECK(sheet_problems("x", "book.xls") == "book.xls: error: an .xls file (Excel 97-2003) cannot be read; save it as .xlsx or CSV\n");
}

TEST_CASE("govscore's own CSV and XLSX annexes read back and audit clean") {
  std::string csv = std::string(GOVSCORE_TEST_TMP) + "/annex.csv";
  REQUIRE(run_govscore("score -r rules/dazu-2020.yaml samples/dazu-2021q1.json -f csv --only website -o '" + csv + "'").exit_code == 0);
  Run audit = run_govscore("audit -r rules/dazu-2020.yaml '" + csv + "' --target website --period 2021Q1");
  CHECK(audit.out == "audit of 29 records (29 with published values) against dazu-2020, 2021Q1: everything agrees\n");
  std::string xlsx = std::string(GOVSCORE_TEST_TMP) + "/annex.xlsx";
  REQUIRE(run_govscore("report -r rules/dazu-2020.yaml samples/dazu-2021q1.json -o '" + xlsx + "'").exit_code == 0);
  Run xaudit = run_govscore("audit -r rules/dazu-2020.yaml '" + xlsx + "' --sheet 政务新媒体 --target newmedia --period 2021Q1");
  CHECK(xaudit.out == "audit of 14 records (14 with published values) against dazu-2020, 2021Q1: everything agrees\n");
}

TEST_CASE("facts come from columns named after them, XLSX dates may be date cells") {
  RuleSet rules = shipped_rules("national-2019.yaml");
  LoadOptions options;
  options.target = "newmedia";
  options.period = "2021Q1";
  options.as_of = "2021-03-31";
  auto loaded = load_records_text("序号,名称,last_post,facts.has_interaction\n1,号,2021-03-16,是\n2,号2,2021-03-20,否\n",
                                  "sheet.csv", rules, options);
  INFO(loaded.diagnostics.str());
  REQUIRE(loaded.batch);
  CHECK(loaded.batch->records[0].vetoes == std::vector<std::size_t>{1});  // 15 days silent
  CHECK(loaded.batch->records[1].vetoes == std::vector<std::size_t>{2});  // no interaction
}

// Dazu's website indicators: 内容更新 (parts 周扫描, 季度检查), 政策解读 (max
// 10), 错情整改 (20), 办事指南, 公开信箱, 网站找错 (rules/dazu-2020.yaml).
std::string sheet_warnings(const std::string& content) {
  LoadOptions options;
  options.target = "website";
  options.period = "2021Q1";
  const RecordsLoad loaded = load_records_text(content, "sheet.csv", dazu(), options);
  std::string out;
  for (const auto& d : loaded.diagnostics.items())
    if (d.severity == Severity::kWarning) out += d.str() + "\n";
  return out;
}

TEST_CASE("a sheet without a column for some of its target's indicators is warned of, naming them") {
  CHECK(sheet_warnings("序号,名称,周扫描,季度检查,政策解读\n1,甲,2,,\n") ==
        "sheet.csv:1: warning: no column for 4 of the 6 indicators of target website (错情整改, 办事指南, 公开信箱, "
        "网站找错): nothing is deducted under them for any unit of this sheet\n");
  // One column of an indicator's parts is a column for it.
  CHECK(sheet_warnings("序号,名称,季度检查,政策解读,错情整改,办事指南,公开信箱,网站找错\n1,甲,2,,,,,\n") == "");
}

TEST_CASE("a sheet's entry above its indicator's max is warned of (the max is deducted, as samples/dazu-2021q1.json's dz-w-10 shows)") {
  CHECK(sheet_warnings("序号,名称,季度检查,政策解读,错情整改,办事指南,公开信箱,网站找错\n1,甲,,12,,,,\n2,乙,,10,,,,\n") ==
        "sheet.csv:2:6: warning: column \"政策解读\": 12 is more than the indicator's max of 10, so 10 is deducted; is "
        "it a typo?\n");
  // A part's count times its factor may pass the max: no warning.
  CHECK(sheet_warnings("序号,名称,周扫描,季度检查,政策解读,错情整改,办事指南,公开信箱,网站找错\n1,甲,60,,,,,,\n") == "");
}
