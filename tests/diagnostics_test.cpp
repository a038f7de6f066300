// --diagnostics json: every error and warning as one JSON object per line,
// with its place, record, field and a stable code that docs/diagnostics.md
// documents.
#include <dirent.h>

#include <algorithm>
#include <cstring>

#include <nlohmann/json.hpp>

#include "govscore/error.hpp"
#include "helpers.hpp"

using namespace govscore;
using namespace govscore::test;

namespace {

// The messages of the bad-input corpus, without their places.
std::vector<std::string> corpus_messages() {
  std::vector<std::string> out;
  DIR* dir = ::opendir(source_path("tests/data/bad").c_str());
  REQUIRE(dir);
  while (dirent* entry = ::readdir(dir)) {
    std::string name = entry->d_name;
    if (name.size() < 9 || name.compare(name.size() - 9, 9, ".expected") != 0) continue;
    std::istringstream lines(slurp(source_path("tests/data/bad/" + name)));
    for (std::string line; std::getline(lines, line);) {
      for (const char* severity : {": error: ", ": warning: "}) {
        auto at = line.find(severity);
        if (at != std::string::npos && line.rfind("govscore:", 0) != 0) out.push_back(line.substr(at + std::strlen(severity)));
      }
    }
  }
  ::closedir(dir);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("a diagnostic as JSON names its place, record, field and code") {
  Diagnostics d;
  d.error("tests/data/bad/number-as-string.json", 2, 71,
          "record \"a\": deductions: \"周扫描\": points must be a number, not the text \"10\" (remove the quotes)");
  CHECK(d.items()[0].json() ==
        R"j({"severity":"error","file":"tests/data/bad/number-as-string.json","line":2,"column":71,"record":"a",)j"
        R"j("field":"deductions/周扫描","code":"not-a-number","message":"record \"a\": deductions: \"周扫描\": points must be )j"
        R"j(a number, not the text \"10\" (remove the quotes)"})j");
  d.warning("rules.yaml", 0, 0, "target \"w\": deduction maxima add up to 90, not base 100");
  CHECK(d.items()[1].json() ==
        R"j({"severity":"warning","file":"rules.yaml","line":null,"column":null,"record":null,"field":null,)j"
        R"j("code":"maxima-not-base","message":"target \"w\": deduction maxima add up to 90, not base 100"})j");
  d.error("r.json", 3, 1, "record #2: missing \"id\"");
  CHECK(d.items()[2].json().find(R"j("record":"#2","field":null,"code":"missing-field")j") != std::string::npos);
}

TEST_CASE("every message of the bad-input corpus has a code of its own, and docs/diagnostics.md lists it") {
  std::string docs = slurp(source_path("docs/diagnostics.md"));
  auto messages = corpus_messages();
  REQUIRE(messages.size() > 50);
  for (const auto& message : messages) {
    INFO(message);
    std::string code = diagnostic_code(message);
    CHECK(code != "invalid-input");
    CHECK(docs.find("| `" + code + "` |") != std::string::npos);
  }
  CHECK(diagnostic_code("record \"a\": unknown indicator \"周扫秒\" of target website") == "unknown-indicator");
  CHECK(diagnostic_code("invalid JSON: syntax error while parsing value - unexpected ']'") == "invalid-json");
  CHECK(diagnostic_code("something no table knows") == "invalid-input");
}

TEST_CASE("with --diagnostics json, stderr holds one JSON object per line and nothing else") {
  Run run = run_govscore("--diagnostics json validate -r rules/dazu-2020.yaml tests/data/bad/unknown-indicator.json");
  CHECK(run.exit_code == 1);
  CHECK(run.out == "");
  CHECK(run.err ==
        R"j({"severity":"error","file":"tests/data/bad/unknown-indicator.json","line":2,"column":64,"record":"a",)j"
        R"j("field":"deductions","code":"unknown-indicator","message":"record \"a\": deductions: unknown indicator )j"
        R"j(\"周扫秒\" of target website (did you mean \"周扫描\"?)"})j"
        "\n");

  // Any command; several problems give several lines, each valid JSON.
  Run many = run_govscore("score -r rules/dazu-2020.yaml tests/data/bad/missing-fields.json --diagnostics json");
  CHECK(many.exit_code == 1);
  std::istringstream lines(many.err);
  std::vector<std::string> codes;
  for (std::string line; std::getline(lines, line);) codes.push_back(nlohmann::json::parse(line)["code"]);
  CHECK(codes == std::vector<std::string>{"missing-field", "missing-field", "missing-field"});  // id, target, name

  // The run's own problems too: an output that cannot be written.
  Run unwritable = run_govscore("report -r rules/dazu-2020.yaml samples/dazu-2021q1.json -o no-such-dir/x.docx --diagnostics json");
  CHECK(unwritable.exit_code == 1);
  REQUIRE(!unwritable.err.empty());
  auto j = nlohmann::json::parse(unwritable.err);
  CHECK(j["code"] == "cannot-write");
  CHECK(j["file"] == "no-such-dir/x.docx");

  // Without the option, the same problems in words.
  Run text = run_govscore("validate -r rules/dazu-2020.yaml tests/data/bad/unknown-indicator.json");
  CHECK(text.err == slurp(source_path("tests/data/bad/unknown-indicator.json.expected")));
}
