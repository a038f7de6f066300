// The workbook read back by a real reader (openpyxl, from Debian's
// python3-openpyxl) and compared with the scores, ranks and verdicts the
// engine computed: numbers stored as numbers, the annex's two-row header,
// frozen panes, 不合格 rows marked.
#include <nlohmann/json.hpp>
#include <zip.h>

#include "govscore/bulletin.hpp"
#include "govscore/report.hpp"
#include "govscore/xlsx.hpp"
#include "helpers.hpp"

using namespace govscore;
using namespace govscore::test;
using nlohmann::json;

namespace {

// Writes the bulletin's workbook and reads it back through openpyxl.
json read_back(const Bulletin& b, const std::string& name) {
  std::string path = std::string(GOVSCORE_TEST_TMP) + "/" + name;
  write_xlsx(b, path);
  std::string dump = path + ".json";
  std::string command = "/usr/bin/python3 '" + source_path("tests/tools/xlsx_dump.py") + "' '" + path + "' > '" + dump + "'";
  REQUIRE(std::system(command.c_str()) == 0);
  return json::parse(slurp(dump));
}

const json& sheet(const json& book, const std::string& title) {
  for (const auto& s : book["sheets"])
    if (s["title"] == title) return s;
  FAIL("no sheet " << title);
  throw;
}

}  // namespace

TEST_CASE("every annex cell read back from the XLSX equals the engine's results") {
  RuleSet rules = shipped_rules("chongqing-2022.yaml");
  auto loaded = load_records({source_path("samples/chongqing-2022q2.json")}, rules);
  REQUIRE(loaded.batch);
  Bulletin b = make_bulletin(rules, *loaded.batch);
  json book = read_back(b, "chongqing.xlsx");
  json results = json::parse(render_json(rules, *loaded.batch, b.ranked))["results"];

  std::vector<std::string> titles;
  for (const auto& s : book["sheets"]) titles.push_back(s["title"]);
  CHECK(titles == std::vector<std::string>{"汇总", "政府网站", "政务新媒体", "分数段名单", "各地区检查情况", "检查不合格名单",
                                           "问题明细（检测报告）"});

  const json& sites = sheet(book, "政府网站");
  CHECK(sites["freeze"] == "A3");
  const json& header = sites["rows"][1];
  CHECK(header[2] == "名称");
  CHECK(header[5] == "发布解读（31分）");
  CHECK(header[9] == "加分（30分）");
  CHECK(header[10] == "得分");
  CHECK(header[12] == "排名");
  std::size_t row = 2;
  std::vector<int> red;
  for (const auto& r : results) {
    if (r["target"] != "website") continue;
    const json& cells = sites["rows"][row];
    INFO(r["id"].get<std::string>());
    CHECK(cells[2] == r["name"]);
    CHECK(cells[11] == r["result"]);
    CHECK(cells[12] == r["rank"]);  // a number, not text
    if (r["score"].is_null()) {
      CHECK(cells[10].is_null());
    } else {
      REQUIRE(cells[10].is_number());
      CHECK(cells[10].get<double>() == Approx(r["score"].get<double>()));
      CHECK(sites["formats"][row][10] == "0.0");  // shown with the rule file's decimals
    }
    if (!r["passed"].get<bool>()) red.push_back(static_cast<int>(row) + 1);
    ++row;
  }
  CHECK(row == 2 + 22);
  CHECK(sites["red_rows"].get<std::vector<int>>() == red);

  const json& summary = sheet(book, "汇总");
  CHECK(summary["rows"][1][0] == "政府网站：检查22个，合格20个，不合格2个，合格率90.91%；单项否决：栏目不更新1个。");
  CHECK(summary["rows"][5][6] == Approx(90.91));
  CHECK(summary["formats"][5][6] == "0.00");
}

TEST_CASE("parts sit under their indicator in a two-row header") {
  auto loaded = load_records({source_path("samples/dazu-2021q1.json")}, dazu());
  REQUIRE(loaded.batch);
  json book = read_back(make_bulletin(dazu(), *loaded.batch), "dazu.xlsx");
  const json& sites = sheet(book, "政府网站（专栏）");
  CHECK(sites["freeze"] == "A4");
  const auto merged = sites["merged"].get<std::vector<std::string>>();
  CHECK(std::find(merged.begin(), merged.end(), "F2:G2") != merged.end());  // 内容更新（50分） over 周扫描, 季度检查
  CHECK(std::find(merged.begin(), merged.end(), "C2:C3") != merged.end());  // 名称 spans both header rows
  CHECK(sites["rows"][1][5] == "内容更新（50分）");
  CHECK(sites["rows"][2][5] == "周扫描");
  CHECK(sites["rows"][2][6] == "季度检查");
  CHECK(sites["rows"][1][9] == "办事指南（10分）");
  // 区审计局专栏: 周扫描 1, 季度检查 0.5, 办事指南 不考核, 98.9.
  bool found = false;
  for (const auto& r : sites["rows"]) {
    if (r[2] != "区审计局专栏") continue;
    found = true;
    CHECK(r[5] == 1);
    CHECK(r[6] == Approx(0.5));
    CHECK(r[9] == "不考核");
    CHECK(r[13] == Approx(98.9));
  }
  CHECK(found);
  // Column widths fit the longest Chinese name (区规划自然资源局专栏: 20 columns).
  CHECK(sites["widths"]["C"].get<double>() >= 20);
}

TEST_CASE("the workbook says it was made at the quarter's check point, so every run writes the same bytes") {
  // The time in docProps/core.xml: samples/dazu-2021q1.json's window ends
  // 2021-02-28, its check point; a quarter without a window, its last day.
  auto made_at = [](const std::string& records, const std::string& name) {
    Batch batch = records_from(records, dazu());
    Bulletin b = make_bulletin(dazu(), batch);
    const std::string path = std::string(GOVSCORE_TEST_TMP) + "/" + name;
    write_xlsx(b, path);
    int error = 0;
    zip_t* zip = zip_open(path.c_str(), ZIP_RDONLY, &error);
    REQUIRE(zip);
    zip_stat_t st;
    REQUIRE(zip_stat(zip, "docProps/core.xml", 0, &st) == 0);
    std::string xml(st.size, '\0');
    zip_file_t* file = zip_fopen(zip, "docProps/core.xml", 0);
    REQUIRE(file);
    CHECK(zip_fread(file, xml.data(), st.size) == static_cast<zip_int64_t>(st.size));
    zip_fclose(file);
    zip_close(zip);
    const std::size_t at = xml.find("<dcterms:created xsi:type=\"dcterms:W3CDTF\">");
    REQUIRE(at != std::string::npos);
    return xml.substr(at + 43, 20);
  };
  CHECK(made_at(slurp(source_path("samples/dazu-2021q1.json")), "dazu-made.xlsx") == "2021-02-28T00:00:00Z");
  const std::string unit = R"({"id": "a", "name": "甲", "target": "website"})";
  CHECK(made_at(R"({"period": "2021Q3", "records": [)" + unit + "]}", "q3-made.xlsx") == "2021-09-30T00:00:00Z");
  CHECK(made_at(R"({"period": "2024-02", "records": [)" + unit + "]}", "feb-made.xlsx") == "2024-02-29T00:00:00Z");
  CHECK(made_at(R"({"period": "2021", "records": [)" + unit + "]}", "year-made.xlsx") == "2021-12-31T00:00:00Z");
}
