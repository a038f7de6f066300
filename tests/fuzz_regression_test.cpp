// Every input that ever crashed, hung or tripped a sanitizer in a fuzz
// target (tests/data/fuzz-regressions/TARGET/), and the fuzzers' seeds,
// replayed through the targets' own code on every test run. Under the
// sanitizer build of .ci/run a regression fails loudly.
#include <dirent.h>

#include "fuzz/fuzz_entries.hpp"
#include "helpers.hpp"

using namespace govscore::test;

namespace {

std::vector<std::string> files_under(const std::string& dir) {
  std::vector<std::string> out;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d))
      if (e->d_name[0] != '.') out.push_back(dir + "/" + e->d_name);
    closedir(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Replays every input kept for `target`. A folder that is missing or empty
// fails: a replay that reads nothing must not pass.
void replay(const std::string& target, void (*entry)(const std::uint8_t*, std::size_t)) {
  std::string dir = source_path("tests/data/fuzz-regressions/" + target);
  INFO(dir);
  DIR* d = opendir(dir.c_str());
  REQUIRE(d != nullptr);
  closedir(d);
  auto files = files_under(dir);
  CHECK_FALSE(files.empty());
  for (const auto& file : files) {
    INFO(file);
    std::string data = slurp(file);
    CHECK_NOTHROW(entry(reinterpret_cast<const std::uint8_t*>(data.data()), data.size()));
  }
}

}  // namespace

TEST_CASE("fuzz regressions replay without a crash") {
  replay("rules", govscore::fuzz::rules_input);
  replay("records", govscore::fuzz::records_input);
  replay("expression", govscore::fuzz::expression_input);
  replay("score", govscore::fuzz::score_input);
  replay("xlsx", govscore::fuzz::xlsx_input);
  replay("csv", govscore::fuzz::csv_input);
}

TEST_CASE("every folder of fuzz regressions is a target that is replayed") {
  std::vector<std::string> folders;
  for (const auto& path : files_under(source_path("tests/data/fuzz-regressions"))) {
    if (DIR* d = opendir(path.c_str())) {
      closedir(d);
      folders.push_back(path.substr(path.rfind('/') + 1));
    }
  }
  CHECK(folders == std::vector<std::string>{"csv", "expression", "records", "rules", "score", "xlsx"});
}

TEST_CASE("an expression whose numbers outgrow 128 bits is a problem for the record, not a wrong number") {
  govscore::FactList facts = {{"n", govscore::ValueType::kNumber}};
  std::string error;
  int column = 0;
  auto e = govscore::Expression::parse("n * 1000000000000000000 * 1000000000000000000 * 1000000000000000000", facts,
                                       std::nullopt, error, column);
  REQUIRE(e);
  govscore::FactValues values(1);
  values[0] = govscore::FactValue{};
  values[0]->value.number = govscore::Exact(7);
  auto outcome = e->evaluate(values, std::nullopt);
  REQUIRE(outcome.problem);
  CHECK(outcome.problem->kind == govscore::EvaluationProblem::Kind::kOverflow);
}

TEST_CASE("the fuzzers' seeds run through every target") {
  for (const auto& file : files_under(source_path("rules"))) {
    std::string data = slurp(file);
    CHECK_NOTHROW(govscore::fuzz::rules_input(reinterpret_cast<const std::uint8_t*>(data.data()), data.size()));
    for (const char* sample : {"samples/dazu-2021q1.json", "samples/national-facts-2022q1.json"}) {
      std::string pair = data + "\n---records---\n" + slurp(source_path(sample));
      CHECK_NOTHROW(govscore::fuzz::score_input(reinterpret_cast<const std::uint8_t*>(pair.data()), pair.size()));
    }
  }
  std::string records = std::string(1, '\0') + slurp(source_path("samples/dazu-2021q1.json"));
  CHECK_NOTHROW(govscore::fuzz::records_input(reinterpret_cast<const std::uint8_t*>(records.data()), records.size()));
  std::string facts = std::string(1, '\x0c') + slurp(source_path("samples/national-facts-2022q1.json"));
  CHECK_NOTHROW(govscore::fuzz::records_input(reinterpret_cast<const std::uint8_t*>(facts.data()), facts.size()));
}
