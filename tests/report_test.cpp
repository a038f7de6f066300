// Reports: the annex layout, each format's escaping and alignment, the JSON
// contract, and atomic writes.
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

#include "govscore/annex.hpp"
#include "govscore/output_file.hpp"
#include "govscore/report.hpp"
#include "helpers.hpp"
#include "util/text.hpp"

using namespace govscore;
using namespace govscore::test;

namespace {

struct Scored {
  Batch batch;
  std::vector<Result> results;
};

Scored scored(const std::string& json) {
  Scored s{records_from(json, dazu()), {}};
  s.results = ranked(dazu(), s.batch);
  return s;
}

const char* kTwo = R"({"period": "2021Q1", "records": [
  {"id": "w1", "name": "区科技局专栏", "owner": "区科技局", "target": "website", "deductions": {"周扫描": 10}},
  {"id": "w2", "name": "双桥经开区专栏", "owner": "双桥, \"经开区\"", "target": "website", "public_services": false,
   "deductions": {"季度检查": 10}},
  {"id": "w3", "name": "龙岗街道专栏", "owner": "龙岗街道", "target": "website", "veto": ["站点无法访问"]},
  {"id": "m1", "name": "高升镇", "owner": "高升镇", "platform": "抖音", "target": "newmedia", "deductions": {"周扫描": 60}}]})";

std::string temp_dir() {
  std::string dir = std::string(GOVSCORE_TEST_TMP) + "/atomic";
  ::mkdir(dir.c_str(), 0755);
  return dir;
}

}  // namespace

TEST_CASE("the annex mirrors the published layout") {
  Scored s = scored(kTwo);
  auto tables = build_annex(dazu(), s.batch, s.results);
  REQUIRE(tables.size() == 2);
  std::vector<std::string> headings;
  for (const auto& c : tables[0].columns) headings.push_back(c.group.empty() ? c.title : c.group + "/" + c.title);
  CHECK(headings == std::vector<std::string>{"序号", "主管单位", "名称", "单项否决", "否决原因", "内容更新/周扫描",
                                             "内容更新/季度检查", "政策解读", "错情整改", "办事指南", "公开信箱", "网站找错",
                                             "加分", "得分", "检查结果", "排名"});
  CHECK(tables[0].rows[0].cells == std::vector<std::string>{"1", "区科技局", "区科技局专栏", "否", "", "10", "", "", "", "",
                                                              "", "", "", "95.0", "合格", "1"});
  CHECK(tables[0].rows[1].cells[9] == "不考核");
  CHECK(tables[0].rows[1].cells[13] == "88.9");
  CHECK(tables[0].rows[2].cells == std::vector<std::string>{"3", "龙岗街道", "龙岗街道专栏", "是", "站点无法访问", "", "",
                                                              "", "", "", "", "", "", "", "不合格", "3"});
  CHECK(tables[0].rows[2].failed);
  // New media have a 类别 column; no unit is vetoed, so no 否决原因.
  CHECK(tables[1].columns[3].title == "类别");
  CHECK(tables[1].columns[4].title == "单项否决");
  CHECK(tables[1].rows[0].cells[3] == "抖音");
}

TEST_CASE("CSV starts with a BOM, quotes what needs quoting, and titles tables only when there are several") {
  Scored s = scored(kTwo);
  std::string all = render_csv(build_annex(dazu(), s.batch, s.results));
  CHECK(all.rfind("\xEF\xBB\xBF政府网站（专栏）\r\n序号,主管单位,", 0) == 0);
  CHECK(all.find("2,\"双桥, \"\"经开区\"\"\",双桥经开区专栏,否,,,10,,,不考核,,,,88.9,合格,2\r\n") != std::string::npos);
  CHECK(all.find("\r\n\r\n政务新媒体\r\n") != std::string::npos);
  AnnexOptions only_website;
  only_website.target = "website";
  std::string one = render_csv(build_annex(dazu(), s.batch, s.results, only_website));
  CHECK(one.rfind("\xEF\xBB\xBF序号,主管单位,名称,", 0) == 0);
  CHECK(one.find("政务新媒体") == std::string::npos);
}

TEST_CASE("rows made one at a time equal rows held, and a CSV made on two cores is whole and in order") {
  // 30 001 units of every shape — vetoed with a reason, not assessed, parts,
  // bonus — so that each row rewrites cells the row before left longer or
  // shorter; the CSV is well over the writer's 64 KiB buffer, and the table
  // is large enough to be made on two cores in blocks (the last one short).
  constexpr int kUnits = 30001;
  std::string json = R"({"period": "2021Q1", "records": [)";
  for (int i = 0; i < kUnits; ++i) {
    std::string n = std::to_string(i);
    json += (i ? "," : "") + std::string(R"({"id": "w)") + n + R"(", "name": "区第)" + n + R"(局专栏", "owner": "区第)" + n +
            R"(局", "target": "website")";
    if (i % 7 == 0) json += R"(, "veto": ["站点无法访问"])";
    else if (i % 5 == 0) json += R"(, "public_services": false, "bonus": 3)";
    else json += R"(, "deductions": {"周扫描": )" + std::to_string(i % 11) + R"(, "季度检查": 1.5})";
    json += "}";
  }
  json += "]}";
  Scored s = scored(json.c_str());
  auto held = build_annex(dazu(), s.batch, s.results);
  AnnexOptions lazy_options;
  lazy_options.lazy = true;
  auto lazy = build_annex(dazu(), s.batch, s.results, lazy_options);
  REQUIRE(held.size() == 1);
  REQUIRE(lazy.size() == 1);
  REQUIRE(lazy[0].row_count() == kUnits);
  std::size_t i = 0;
  std::string expected = "\xEF\xBB\xBF";
  for (const auto& c : held[0].columns) expected += (&c == &held[0].columns[0] ? "" : ",") + (c.group.empty() ? c.title : c.group + "/" + c.title);
  expected += "\r\n";
  lazy[0].for_each_row([&](const AnnexRow& row) {
    REQUIRE(row.cells == held[0].rows[i].cells);
    CHECK(row.failed == held[0].rows[i].failed);
    for (std::size_t c = 0; c < row.cells.size(); ++c) expected += (c ? "," : "") + row.cells[c];
    expected += "\r\n";
    ++i;
  });
  CHECK(i == kUnits);
  std::string csv = render_csv(lazy);
  CHECK(csv.size() > (std::size_t{64} << 10));
  CHECK(csv == expected);
  CHECK(render_csv(held) == expected);
}

TEST_CASE("terminal tables align Chinese text by display width") {
  CHECK(text::display_width("区科技局") == 8);
  CHECK(text::display_width("abc") == 3);
  CHECK(text::display_width("（专栏）") == 8);
  Scored s = scored(kTwo);
  AnnexOptions only_website;
  only_website.target = "website";
  std::string text = render_text(build_annex(dazu(), s.batch, s.results, only_website));
  // Every row of one table has its 得分 column ending at the same display column.
  std::vector<std::size_t> ends;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    std::string line = text.substr(start, end - start);
    for (const char* score : {"95.0", "88.9", "得分"}) {
      auto at = line.find(score);
      if (at != std::string::npos) ends.push_back(text::display_width(line.substr(0, at + std::strlen(score))));
    }
    start = end + 1;
  }
  REQUIRE(ends.size() == 3);
  CHECK(ends[0] == ends[1]);
  CHECK(ends[1] == ends[2]);
}

TEST_CASE("Markdown escapes pipes in names") {
  Scored s = scored(R"({"period": "2021Q1", "records": [
    {"id": "w1", "name": "A|B 专栏", "target": "website"}]})");
  std::string md = render_markdown(build_annex(dazu(), s.batch, s.results));
  CHECK(md.rfind("### 政府网站（专栏）\n\n| 序号 | 主管单位 | 名称 |", 0) == 0);
  CHECK(md.find("| 1 |  | A\\|B 专栏 | 否 |") != std::string::npos);
  CHECK(md.find("| ---: | --- | --- |") != std::string::npos);
}

TEST_CASE("JSON follows the documented contract") {
  Scored s = scored(kTwo);
  std::string json = render_json(dazu(), s.batch, s.results);
  CHECK(json.find(R"("rules": "dazu-2020",)") != std::string::npos);
  CHECK(json.find(R"("period": "2021Q1",)") != std::string::npos);
  // 双桥经开区专栏: rescaled, exact deductions, 100/90 to 6 decimals.
  CHECK(json.find(R"("score": 88.9,
      "passed": true,
      "result": "合格",
      "rank": 2,
      "vetoes": [],
      "deductions": {
        "内容更新": 10,
        "政策解读": 0,
        "错情整改": 0,
        "公开信箱": 0,
        "网站找错": 0
      },
      "bonus": 0,
      "not_assessed": [
        "办事指南"
      ],
      "scale": 1.111111
)") != std::string::npos);
  CHECK(json.find(R"("score": null,
      "passed": false,
      "result": "不合格",
      "rank": 3,
      "vetoes": [
        "站点无法访问"
      ],)") != std::string::npos);
  CHECK(json.find(R"("内容更新": 30,)") != std::string::npos);  // 周扫描 60 × 0.5
}

TEST_CASE("writing a file is atomic: a failure leaves the old file untouched and no temporary") {
  std::string dir = temp_dir();
  std::string path = dir + "/out.csv";
  write_file_atomically(path, "old");
  CHECK(slurp(path) == "old");
  write_file_atomically(path, "new");
  CHECK(slurp(path) == "new");
  CHECK_THROWS_WITH(write_file_atomically(dir + "/no/such/dir/out.csv", "x"),
                    dir + "/no/such/dir/out.csv: cannot write: No such file or directory");
  CHECK_THROWS_AS(write_file_atomically(dir, "x"), Error);  // a directory cannot be replaced by a file
  CHECK(slurp(path) == "new");
  std::string listing;
  FILE* ls = popen(("ls -A '" + dir + "'").c_str(), "r");
  char buffer[256];
  while (fgets(buffer, sizeof buffer, ls)) listing += buffer;
  pclose(ls);
  CHECK(listing == "out.csv\n");
}

TEST_CASE("an output that is a device is made in the temporary folder the caller names, then copied in") {
  const std::string dir = temp_dir();
  OutputOptions options;
  options.temporary_folder = dir;
  std::vector<std::string> told;
  options.on_temporary = [&](const std::string& temporary) { told.push_back(temporary); };
  write_file_atomically("/dev/null", "text", options);
  REQUIRE(told.size() == 2);
  CHECK(told[0].rfind(dir + "/.govscore-output.tmp-", 0) == 0);
  CHECK(told[1].empty());  // gone once copied
  CHECK_FALSE(std::ifstream(told[0]).good());
}

TEST_CASE("JSON numbers are written from their exact decimal text: 120.00 with decimals 2, as the table prints it") {
  RuleSet rules = rules_from(R"(id: t
title: t
source: s
decimals: 2
targets:
  - {id: w, title: W, base: 100, pass_score: 60, deductions: [{id: a, title: A, max: 100}], bonus: {max: 20}}
)");
  Batch batch = records_from(R"({"period": "2021Q1", "records": [{"id": "x", "name": "X", "target": "w", "bonus": 20,
                                 "deductions": {"A": 0.000005}}]})",
                             rules);
  std::string json = render_json(rules, batch, rank(rules, batch, score(rules, batch)));
  CHECK(json.find("\"score\": 120.00,") != std::string::npos);
  CHECK(json.find("\"A\": 0.000005") != std::string::npos);  // a double would print 5e-06
  CHECK(json.find("\\u0001") == std::string::npos);
}
