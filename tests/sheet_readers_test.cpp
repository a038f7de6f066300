// The spreadsheet readers on the sheets staff and their tools really make:
// merged labels, saved formula values, phonetic runs, cells without
// references, trailing ",,," rows — each read to the right score — and the
// hostile shapes (huge merges, rows padded to XFD) refused with their limit.
// Workbooks are built from their XML here (fuzz_entries.hpp, xlsx_of), so
// each test shows the exact markup it reads.
#include <chrono>

#include "fuzz/fuzz_entries.hpp"
#include "helpers.hpp"

using namespace govscore;
using namespace govscore::test;

namespace {

std::string inline_text(const std::string& ref, const std::string& text) {
  return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
}

// A workbook of one sheet whose <sheetData> holds `rows`, `after` following
// it (merged ranges); with `shared`, a shared-strings part of those <si>.
std::string workbook(const std::string& rows, const std::string& after = "", const std::string* shared = nullptr) {
  std::string sheet = "<worksheet><sheetData>" + rows + "</sheetData>" + after + "</worksheet>";
  if (!shared) return fuzz::xlsx_of(sheet);
  return fuzz::xlsx_of(sheet + fuzz::kPartSeparator + "<sst>" + *shared + "</sst>");
}

LoadOptions website_options() {
  LoadOptions options;
  options.target = "website";
  options.period = "2021Q1";
  return options;
}

// The errors a sheet gives (see errors_of).
std::string problems(const std::string& content, const std::string& path = "sheet.xlsx") {
  return errors_of(load_records_text(content, path, dazu(), website_options()).diagnostics);
}

Batch records(const std::string& content, const std::string& path = "sheet.xlsx") {
  auto loaded = load_records_text(content, path, dazu(), website_options());
  INFO(loaded.diagnostics.str());
  REQUIRE(loaded.batch);
  return *loaded.batch;
}

// Scores in table order, one decimal, as the annex prints them.
std::vector<std::string> scores(const Batch& batch) {
  std::vector<std::string> out;
  for (const auto& record : batch.records) out.push_back(rounded(score_record(dazu(), record)));
  return out;
}

// Hand computations with the Dazu rules (tests/data/spreadsheet/make_fixtures.py,
// 备注): 周扫描 10 → 100 − 10 ÷ 2 = 95.0; 季度检查 20 → 100 − 20 = 80.0.
const char* const kHeader =
    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>序号</t></is></c>"
    "<c r=\"B1\" t=\"inlineStr\"><is><t>名称</t></is></c>"
    "<c r=\"C1\" t=\"inlineStr\"><is><t>周扫描</t></is></c></row>";

}  // namespace

TEST_CASE("a merged label fills its range: each unit gets the group and owner written once over both rows") {
  std::string rows =
      "<row r=\"1\">" + inline_text("A1", "序号") + inline_text("B1", "分组") + inline_text("C1", "主管单位") +
      inline_text("D1", "名称") + inline_text("E1", "周扫描") + "</row>" + "<row r=\"2\"><c r=\"A2\"><v>1</v></c>" +
      inline_text("B2", "部门") + inline_text("C2", "区科技局") + inline_text("D2", "科技局网站") +
      "<c r=\"E2\"><v>10</v></c></row>" + "<row r=\"3\"><c r=\"A3\"><v>2</v></c>" + inline_text("D3", "科技局专栏") +
      "</row>" + "<row r=\"4\"><c r=\"A4\"><v>3</v></c>" + inline_text("B4", "街道") + inline_text("C4", "智凤街道") +
      inline_text("D4", "智凤街道专栏") + "</row>";
  Batch b = records(
      workbook(rows, "<mergeCells count=\"2\"><mergeCell ref=\"B2:B3\"/><mergeCell ref=\"C2:C3\"/></mergeCells>"));
  REQUIRE(b.records.size() == 3);
  CHECK(b.records[1].group == "部门");
  CHECK(b.records[1].owner == "区科技局");
  CHECK(b.records[2].group == "街道");
  CHECK(scores(b) == std::vector<std::string>{"95.0", "100.0", "100.0"});
  // A note merged over a column without a heading is the note's, not a stray value.
  std::string note = "<row r=\"1\">" + inline_text("A1", "序号") + inline_text("B1", "名称") +
                     inline_text("C1", "备注") + "</row><row r=\"2\"><c r=\"A2\"><v>1</v></c>" +
                     inline_text("B2", "甲") + inline_text("C2", "注") + "</row>";
  Batch n = records(workbook(note, "<mergeCells><mergeCell ref=\"C2:D2\"/><mergeCell ref=\"A2\"/>"
                                   "<mergeCell ref=\"A2:A2\"/></mergeCells>"));  // one-cell merges share nothing
  REQUIRE(n.records[0].details().findings.size() == 1);  // 备注 is a problem in words
  CHECK(n.records[0].details().findings[0].title == "注");
  CHECK(!n.records[0].details().findings[0].scored);
}

TEST_CASE("a two-row header with vertically merged headings and a merged group heading is read") {
  std::string rows =
      "<row r=\"1\">" + inline_text("A1", "序号") + inline_text("B1", "名称") + inline_text("C1", "内容更新（50分）") +
      "</row>" + "<row r=\"2\">" + inline_text("C2", "周扫描") + inline_text("D2", "季度检查") + "</row>" +
      "<row r=\"3\"><c r=\"A3\"><v>1</v></c>" + inline_text("B3", "甲") + "<c r=\"C3\"><v>10</v></c></row>" +
      "<row r=\"4\"><c r=\"A4\"><v>2</v></c>" + inline_text("B4", "乙") + "<c r=\"D4\"><v>20</v></c></row>";
  Batch b = records(workbook(rows,
                             "<mergeCells><mergeCell ref=\"A1:A2\"/><mergeCell ref=\"B1:B2\"/>"
                             "<mergeCell ref=\"C1:D1\"/></mergeCells>"));
  REQUIRE(b.records.size() == 2);
  CHECK(b.records[0].id == "1");
  CHECK(b.records[1].name == "乙");
  CHECK(scores(b) == std::vector<std::string>{"95.0", "80.0"});
}

TEST_CASE("a merged points or id cell is an error naming its range, once") {
  std::string rows = std::string(kHeader) + "<row r=\"2\"><c r=\"A2\"><v>1</v></c>" + inline_text("B2", "甲") +
                     "<c r=\"C2\"><v>10</v></c></row><row r=\"3\">" + inline_text("B3", "乙") + "</row>";
  CHECK(
      problems(workbook(rows, "<mergeCells><mergeCell ref=\"A2:A3\"/><mergeCell ref=\"C2:C3\"/></mergeCells>")) ==
      "sheet.xlsx:2:1: error: merged cells A2:A3 under \"序号\": points and ids are each unit's own; unmerge them and "
      "enter each unit's value in its row\n"
      "sheet.xlsx:2:3: error: merged cells C2:C3 under \"周扫描\": points and ids are each unit's own; unmerge them "
      "and "
      "enter each unit's value in its row\n");
}

TEST_CASE("a formula's saved value is read; one without a saved value is refused") {
  std::string rows = std::string(kHeader) + "<row r=\"2\"><c r=\"A2\"><v>1</v></c>" +
                     "<c r=\"B2\" t=\"str\"><f>\"区\"&amp;\"科技局\"</f><v>区科技局</v></c>" +
                     "<c r=\"C2\"><f>4+6</f><v>10</v></c></row>";
  Batch b = records(workbook(rows));
  CHECK(b.records[0].name == "区科技局");
  CHECK(scores(b) == std::vector<std::string>{"95.0"});
  // openpyxl's <v></v>, and no <v> at all; a shared formula's later cell.
  std::string unsaved = std::string(kHeader) + "<row r=\"2\"><c r=\"A2\"><v>1</v></c>" + inline_text("B2", "甲") +
                        "<c r=\"C2\"><f>4+6</f><v></v></c></row><row r=\"3\"><c r=\"A3\"><v>2</v></c>" +
                        inline_text("B3", "乙") + "<c r=\"C3\"><f t=\"shared\" si=\"0\"/></c></row>";
  CHECK(
      problems(workbook(unsaved)) ==
      "sheet.xlsx:2:3: error: sheet \"S\": cell C2 holds a formula (=4+6) with no saved value: open the file in Excel "
      "or WPS and save it, so that the values are saved with the formulas\n"
      "sheet.xlsx:3:3: error: sheet \"S\": cell C3 holds a formula (a shared formula) with no saved value: open the "
      "file in Excel or WPS and save it, so that the values are saved with the formulas\n");
}

TEST_CASE("a computed number is read to Excel's 15 significant digits, as Excel shows it") {
  // 0.1 + 0.2 as a double, saved by a formula: Excel shows 0.3. 季度检查 0.3 → 100 − 0.3 = 99.7.
  std::string rows = "<row r=\"1\">" + inline_text("A1", "序号") + inline_text("B1", "名称") +
                     inline_text("C1", "季度检查") + "</row><row r=\"2\"><c r=\"A2\"><v>1</v></c>" +
                     inline_text("B2", "甲") + "<c r=\"C2\"><f>0.1+0.2</f><v>0.30000000000000004</v></c></row>";
  Batch b = records(workbook(rows));
  REQUIRE(b.records[0].deductions.size() == 1);
  CHECK(b.records[0].deductions[0].points == Exact::parse("0.3"));
  CHECK(scores(b) == std::vector<std::string>{"99.7"});
}

TEST_CASE("phonetic runs (<rPh>) are not part of a text, in shared strings or inline strings") {
  std::string shared =
      "<si><t>序号</t></si><si><t>名称</t></si><si><t>周扫描</t></si>"
      "<si><t>区科技局</t><rPh sb=\"0\" eb=\"1\"><t>qu</t></rPh><phoneticPr fontId=\"1\"/></si>"
      "<si><r><t>区</t></r><r><rPr><b/></rPr><t>应急局</t></r><rPh sb=\"1\" eb=\"2\"><t>ying</t></rPh></si>";
  std::string rows =
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
      "<c r=\"C1\" t=\"s\"><v>2</v></c></row>"
      "<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"B2\" t=\"s\"><v>3</v></c></row>"
      "<row r=\"3\"><c r=\"A3\"><v>2</v></c><c r=\"B3\" t=\"s\"><v>4</v></c></row>"
      "<row r=\"4\"><c r=\"A4\"><v>3</v></c><c r=\"B4\" t=\"inlineStr\"><is><r><t>智凤</t></r>"
      "<r><t>街道</t></r><rPh sb=\"0\" eb=\"2\"><t>zhifeng</t></rPh></is></c><c r=\"C4\"><v>10</v></c></row>";
  Batch b = records(workbook(rows, "", &shared));
  REQUIRE(b.records.size() == 3);
  CHECK(b.records[0].name == "区科技局");
  CHECK(b.records[1].name == "区应急局");
  CHECK(b.records[2].name == "智凤街道");
  CHECK(scores(b) == std::vector<std::string>{"100.0", "100.0", "95.0"});
}

TEST_CASE("rows and cells without r= follow the one before, as the standard allows") {
  std::string rows =
      "<row><c t=\"inlineStr\"><is><t>序号</t></is></c><c t=\"inlineStr\"><is><t>名称</t></is></c>"
      "<c t=\"inlineStr\"><is><t>周扫描</t></is></c></row>"
      "<row><c><v>1</v></c><c t=\"inlineStr\"><is><t>甲</t></is></c><c><v>10</v></c></row>"
      "<row r=\"5\"><c><v>2</v></c><c r=\"C5\" t=\"inlineStr\"><is><t>十分</t></is></c></row>"
      "<row><c><v>3</v></c><c t=\"inlineStr\"><is><t>丙</t></is></c></row>";
  // Row 5's second cell is C5 by its reference; the row after it is row 6.
  CHECK(
      problems(workbook(rows)) ==
      "sheet.xlsx:5:1: error: record \"2\": missing \"name\"\n"
      "sheet.xlsx:5:3: error: record \"2\": deductions: \"周扫描\": points must be a number, not the text \"十分\"\n");
  std::string good = rows.substr(0, rows.find("<row r=\"5\">")) +
                     "<row><c><v>2</v></c><c t=\"inlineStr\"><is><t>乙</t>"
                     "</is></c><c/><c><v>9</v></c></row>";
  CHECK(problems(workbook(good)) == "sheet.xlsx:3:4: error: a value in a column without a heading\n");
}

TEST_CASE("blank rows and Excel's trailing ,,, rows are skipped, in CSV and XLSX") {
  Batch csv = records("序号,名称,周扫描\r\n1,甲,10\r\n,,\r\n\r\n 　, ,\r\n2,乙,\r\n,,\r\n,,\r\n", "sheet.csv");
  REQUIRE(csv.records.size() == 2);
  CHECK(csv.records[1].name == "乙");
  CHECK(scores(csv) == std::vector<std::string>{"95.0", "100.0"});
  std::string rows = std::string(kHeader) + "<row r=\"2\"><c r=\"A2\"><v>1</v></c>" + inline_text("B2", "甲") +
                     "</row><row r=\"3\">" + inline_text("A3", "") + inline_text("C3", " ") + "</row><row r=\"4\"/>";
  CHECK(records(workbook(rows)).records.size() == 1);
}

TEST_CASE("a CSV with CR alone as line end (Excel for Mac) is read row by row") {
  Batch b = records("序号,名称,周扫描\r1,甲,10\r2,乙,\r", "sheet.csv");
  REQUIRE(b.records.size() == 2);
  CHECK(scores(b) == std::vector<std::string>{"95.0", "100.0"});
}

TEST_CASE("a points cell is read as written: 2/8 and / are not numbers (once 8 and blank)") {
  CHECK(problems("序号,名称,周扫描\n1,甲,2/8\n2,乙,/\n", "sheet.csv") ==
        "sheet.csv:2:5: error: record \"1\": deductions: \"周扫描\": points must be a number, not the text \"2/8\"\n"
        "sheet.csv:3:5: error: record \"2\": deductions: \"周扫描\": points must be a number, not the text \"/\"\n");
}

TEST_CASE("a sheet padded or merged past the cell limit is refused, quickly and in little memory") {
  // 300 rows with a value in XFD: 300 × 16384 cells once padded.
  std::string rows = kHeader;
  for (int r = 2; r <= 301; ++r)
    rows += "<row r=\"" + std::to_string(r) + "\"><c r=\"XFD" + std::to_string(r) + "\"><v>1</v></c></row>";
  auto start = std::chrono::steady_clock::now();
  CHECK(problems(workbook(rows)) ==
        "sheet.xlsx: error: sheet \"S\": more than 4194304 cells with each row filled out to its last cell, the most "
        "govscore reads of one sheet\n");
  std::string merged = std::string(kHeader) + "<row r=\"2\">" + inline_text("A2", "x") + "</row>";
  CHECK(
      problems(workbook(merged, "<mergeCells><mergeCell ref=\"A2:XFD1048576\"/></mergeCells>")) ==
      "sheet.xlsx: error: sheet \"S\": more than 4194304 cells with its merged ranges filled, the most govscore reads "
      "of one sheet\n");
  CHECK(problems(workbook(merged, "<mergeCells><mergeCell ref=\"A2:XFE3\"/></mergeCells>")) ==
        "sheet.xlsx: error: sheet \"S\": merged range \"A2:XFE3\" is not a range of cells (like A3:A4) within "
        "A1:XFD1048576\n");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));  // each was once minutes or an abort
}

TEST_CASE("a CSV row of more cells than a sheet has columns is refused") {
  std::string wide = "序号,名称,周扫描\n1,甲" + std::string(16384, ',') + "\n";
  // The 16385th cell starts at column 16387: "1" is 1, "甲" 3, then one a comma.
  CHECK(problems(wide, "sheet.csv") ==
        "sheet.csv:2:16387: error: more than 16384 cells in one row (XFD, the last column of a sheet)\n");
}

TEST_CASE("a shared-string index of any length is named, never wrapped around") {
  std::string shared = "<si><t>序号</t></si>";
  std::string rows = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>99999999999999999999999</v></c>"
                     "<c r=\"B1\" t=\"s\"><v>-1</v></c></row>";
  CHECK(problems(workbook(rows, "", &shared)) ==
        "sheet.xlsx:1:1: error: sheet \"S\": cell A1 refers to shared string 99999999999999999999999, but the "
        "workbook has 1 (numbered from 0)\n"
        "sheet.xlsx:1:2: error: sheet \"S\": cell B1 refers to shared string \"-1\", which is not a number\n");
}

TEST_CASE("a missing part, or a sheet its relationships do not place, is named as such") {
  std::string sheet = "<worksheet><sheetData/></worksheet>";
  std::string book = "<workbook xmlns:r=\"r\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
  std::string sep = fuzz::kPartSeparator;
  CHECK(problems(fuzz::xlsx_of(sheet + sep + "<sst/>" + sep + book + sep + "<Relationships/>")) ==
        "sheet.xlsx: error: not a readable .xlsx workbook: xl/_rels/workbook.xml.rels does not say where sheet \"S\" "
        "is\n");
  CHECK(problems(fuzz::zip_of({{"xl/workbook.xml", book}})) ==
        "sheet.xlsx: error: not a readable .xlsx workbook: xl/_rels/workbook.xml.rels is missing\n");
}
