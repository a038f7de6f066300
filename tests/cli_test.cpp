// End to end: the built binary on the samples, compared byte for byte with
// checked-in expected output (see tests/data/golden/README.md for where each
// number comes from), plus exit codes and atomic -o.
#include <sys/stat.h>

#include <fstream>

#include "helpers.hpp"

using namespace govscore::test;

namespace {

void expect_output(const std::string& args, const std::string& golden) {
  INFO("govscore " << args);
  Run run = run_govscore(args);
  CHECK(run.err == "");
  CHECK(run.exit_code == 0);
  CHECK(run.out == slurp(source_path(golden)));
}

bool exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

}  // namespace

TEST_CASE("the README command prints the sample quarter's ranked tables") {
  expect_output("score --rules rules/dazu-2020.yaml samples/dazu-2021q1.json", "samples/dazu-2021q1.expected.txt");
}

TEST_CASE("each sample quarter matches its expected output") {
  expect_output("score --rules rules/national-2019.yaml samples/national-2022q1.json", "samples/national-2022q1.expected.txt");
  expect_output("score --rules rules/chongqing-2022.yaml samples/chongqing-2022q2.json --rank-within group",
                "samples/chongqing-2022q2.expected.txt");
  expect_output("score --rules rules/national-2019.yaml samples/national-facts-2022q1.json",
                "samples/national-facts-2022q1.expected.txt");
  expect_output("explain --rules rules/national-2019.yaml samples/national-facts-2022q1.json --id yl-f-03",
                "tests/data/golden/explain-yl-f-03.txt");
}

TEST_CASE("every format has a golden run") {
  expect_output("score -r rules/dazu-2020.yaml samples/dazu-2021q1.json -f csv", "tests/data/golden/dazu-2021q1.csv");
  expect_output("score -r rules/dazu-2020.yaml samples/dazu-2021q1.json -f json", "tests/data/golden/dazu-2021q1.json");
  expect_output("score -r rules/dazu-2020.yaml samples/dazu-2021q1.json -f md --only newmedia",
                "tests/data/golden/dazu-2021q1-newmedia.md");
}

TEST_CASE("explain and rules print the trace and the tree") {
  expect_output("explain -r rules/dazu-2020.yaml samples/dazu-2021q1.json --id dz-w-17",
                "tests/data/golden/explain-dz-w-17.txt");
  expect_output("explain -r rules/national-2019.yaml samples/national-2022q1.json --id yl-w-17",
                "tests/data/golden/explain-yl-w-17.txt");
  expect_output("rules rules/dazu-2020.yaml", "tests/data/golden/rules-dazu-2020.txt");
}

TEST_CASE("identical inputs give byte-identical outputs") {
  Run a = run_govscore("score -r rules/dazu-2020.yaml samples/dazu-2021q1.json -f json");
  Run b = run_govscore("score -r rules/dazu-2020.yaml samples/dazu-2021q1.json -f json");
  CHECK(a.out == b.out);
}

TEST_CASE("validate says ok only when the records gave no warning") {
  const std::string sheet = std::string(GOVSCORE_TEST_TMP) + "/validate-warning.csv";
  {
    std::ofstream out(sheet, std::ios::binary);
    out << "序号,名称,周扫描,季度检查,政策解读\n1,甲,2,,\n";
  }
  Run run = run_govscore("validate -r rules/dazu-2020.yaml --target website --period 2021Q1 '" + sheet + "'");
  CHECK(run.exit_code == 0);
  CHECK(run.err == sheet + ":1: warning: no column for 4 of the 6 indicators of target website (错情整改, 办事指南, "
                           "公开信箱, 网站找错): nothing is deducted under them for any unit of this sheet\n"
                           "rules/dazu-2020.yaml: ok; 1 record read, with 1 warning (above)\n");
}

TEST_CASE("exit codes: 0 success, 1 invalid input, 2 usage") {
  CHECK(run_govscore("validate -r rules/dazu-2020.yaml samples/dazu-2021q1.json").exit_code == 0);
  CHECK(run_govscore("validate -r rules/dazu-2020.yaml samples/dazu-2021q1.json").err ==
        "rules/dazu-2020.yaml: ok; 43 records ok\n");
  Run bad = run_govscore("validate -r rules/national-2019.yaml samples/dazu-2021q1.json");
  CHECK(bad.exit_code == 1);
  CHECK(bad.err.rfind("samples/dazu-2021q1.json:28:5: error: record \"dz-w-02\": deductions: unknown indicator \"周扫描\" of "
                      "target website\n",
                      0) == 0);
  CHECK(bad.err.find("govscore: 46 errors in the records; nothing was scored\n") != std::string::npos);
  CHECK(run_govscore("score").exit_code == 2);
  CHECK(run_govscore("score -r rules/dazu-2020.yaml samples/dazu-2021q1.json -f xml").exit_code == 2);
  Run target = run_govscore("score -r rules/dazu-2020.yaml samples/dazu-2021q1.json --only site");
  CHECK(target.exit_code == 2);
  CHECK(target.err == "govscore: --only site: no such target in rules/dazu-2020.yaml (website 政府网站（专栏）, newmedia 政务新媒体)\n");
  Run explain = run_govscore("explain -r rules/dazu-2020.yaml samples/dazu-2021q1.json --id nope");
  CHECK(explain.exit_code == 1);
  CHECK(explain.err == "govscore: no record with id or name \"nope\" in the records given\n");
  CHECK(run_govscore("--help").exit_code == 0);
  CHECK(run_govscore("--help").out.find("Exit codes: 0 success; 1 invalid input, or an output that cannot be written; 2 "
                                        "usage error; 3 audit found the publication disagreeing with the records") !=
        std::string::npos);
  CHECK(run_govscore("score --help").exit_code == 0);
  CHECK(run_govscore("score --help").out.find("--rank-within") != std::string::npos);
  // The program's name, not the path it was run by.
  CHECK(run_govscore("score --help").out.find("\nUsage: govscore score [OPTIONS] records...\n") != std::string::npos);
}

TEST_CASE("writing with -o writes the file, on an input error no file is created or truncated") {
  std::string out = std::string(GOVSCORE_TEST_TMP) + "/cli-out.csv";
  std::remove(out.c_str());
  Run ok = run_govscore("score -r rules/dazu-2020.yaml samples/dazu-2021q1.json -f csv -o '" + out + "'");
  CHECK(ok.exit_code == 0);
  CHECK(ok.out == "");
  CHECK(ok.err == "");  // silent unless asked
  CHECK(slurp(out) == slurp(source_path("tests/data/golden/dazu-2021q1.csv")));
  // --verbose says where the time went, phase by phase, then what was written.
  Run verbose = run_govscore("score -v -r rules/dazu-2020.yaml samples/dazu-2021q1.json -f csv -o '" + out + "'");
  CHECK(verbose.exit_code == 0);
  std::istringstream lines(verbose.err);
  std::vector<std::string> said;
  for (std::string line; std::getline(lines, line);) said.push_back(line.substr(0, line.find(" in ")));
  CHECK(said == std::vector<std::string>{"govscore: loaded 43 records", "govscore: scored", "govscore: ranked",
                                         "govscore: written", "govscore: wrote " + out});
  Run bad = run_govscore("score -r rules/national-2019.yaml samples/dazu-2021q1.json -f csv -o '" + out + "'");
  CHECK(bad.exit_code == 1);
  CHECK(slurp(out) == slurp(source_path("tests/data/golden/dazu-2021q1.csv")));
  std::string fresh = std::string(GOVSCORE_TEST_TMP) + "/never-written.csv";
  std::remove(fresh.c_str());
  CHECK(run_govscore("score -r rules/national-2019.yaml samples/dazu-2021q1.json -o '" + fresh + "'").exit_code == 1);
  CHECK_FALSE(exists(fresh));
}

TEST_CASE("summary, report and audit have golden runs") {
  expect_output("summary -r rules/chongqing-2022.yaml samples/chongqing-2022q2.json --rank-within group",
                "tests/data/golden/summary-chongqing-2022q2.txt");
  expect_output("summary -r rules/national-2019.yaml samples/national-2022q1.json -f json",
                "tests/data/golden/summary-national-2022q1.json");
  expect_output("summary -r rules/dazu-2020.yaml samples/dazu-2021q1.json -f md", "tests/data/golden/bulletin-dazu-2021q1.md");
  std::string md = std::string(GOVSCORE_TEST_TMP) + "/bulletin.md";
  CHECK(run_govscore("report -r rules/dazu-2020.yaml samples/dazu-2021q1.json -o '" + md + "'").exit_code == 0);
  CHECK(slurp(md) == slurp(source_path("tests/data/golden/bulletin-dazu-2021q1.md")));
  Run audit = run_govscore("audit -r rules/dazu-2020.yaml samples/dazu-2021q1-published.json");
  CHECK(audit.exit_code == 3);  // the published table disagrees
  CHECK(audit.out == slurp(source_path("tests/data/golden/audit-dazu-2021q1-published.txt")));
  CHECK(run_govscore("audit -r rules/dazu-2020.yaml samples/dazu-2021q1.json").exit_code == 0);
}

TEST_CASE("report picks the format by extension and writes nothing on error") {
  std::string xlsx = std::string(GOVSCORE_TEST_TMP) + "/report.xlsx";
  std::remove(xlsx.c_str());
  CHECK(run_govscore("report -r rules/national-2019.yaml samples/dazu-2021q1.json -o '" + xlsx + "'").exit_code == 1);
  CHECK_FALSE(exists(xlsx));
  CHECK(run_govscore("report -r rules/dazu-2020.yaml samples/dazu-2021q1.json -o '" + xlsx + "'").exit_code == 0);
  CHECK(slurp(xlsx).rfind("PK", 0) == 0);  // a zip container
  Run pdf = run_govscore("report -r rules/dazu-2020.yaml samples/dazu-2021q1.json -o report.pdf");
  CHECK(pdf.exit_code == 2);
  CHECK(pdf.err == "govscore: report -o report.pdf: the name must end in .docx, .xlsx, .html or .md\n");
  std::string html = std::string(GOVSCORE_TEST_TMP) + "/report.html";
  CHECK(run_govscore("report -r rules/dazu-2020.yaml samples/dazu-2021q1.json -o '" + html + "'").exit_code == 0);
  CHECK(slurp(html).rfind("<!DOCTYPE html>", 0) == 0);
}

TEST_CASE("report -o 通报.docx writes the Word document and says what it wrote") {
  std::string docx = std::string(GOVSCORE_TEST_TMP) + "/通报.docx";
  std::remove(docx.c_str());
  Run run = run_govscore("report -r rules/dazu-2020.yaml samples/dazu-2021q1.json -o '" + docx + "' --title 关于2021年第一季度政府网站检查情况的通报");
  CHECK(run.exit_code == 0);
  CHECK(run.out == "");
  // 29 + 14 units, 4 + 2 failing (samples/dazu-2021q1.expected.txt); annexes:
  // 汇总表, two ranked tables, regions, failing list, findings (no bands in Dazu's rules).
  CHECK(run.err == "govscore: wrote " + docx + ": 关于2021年第一季度政府网站检查情况的通报: 43 units (政府网站（专栏） 29, 政务新媒体 14), "
                   "6 failing, 6 annexes\n");
  CHECK(slurp(docx).rfind("PK\x03\x04", 0) == 0);
  CHECK(slurp(docx).find("word/document.xml") != std::string::npos);
}

TEST_CASE("CSV cells that a spreadsheet would run as formulas are written after an apostrophe; signed numbers stay") {
  const std::string path = std::string(GOVSCORE_TEST_TMP) + "/formula-cells.json";
  {
    std::ofstream out(path, std::ios::binary);
    out << R"J({"period":"2021Q1","records":[{"id":"=1+1","name":"@SUM(A1)","owner":"-x","target":"website"}]})J";
  }
  Run run = run_govscore("score -r rules/dazu-2020.yaml '" + path + "' -f csv --only website");
  CHECK(run.exit_code == 0);
  CHECK(run.out.find("\r\n1,'-x,'@SUM(A1),否,,,,,,,,,100.0,合格,1\r\n") != std::string::npos);
}
