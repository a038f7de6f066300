// The library through its one include, as a script or a wrapper uses it:
// rules, records, score, rank, in that order (govscore/govscore.hpp).
#include "govscore/govscore.hpp"

#include "helpers.hpp"

using namespace govscore;
using namespace govscore::test;

TEST_CASE("the umbrella header gives the whole flow: load, score, rank") {
  const RulesLoad rules = load_rules(source_path("rules/dazu-2020.yaml"));
  REQUIRE(rules.rules);
  const RecordsLoad records = load_records(std::vector<std::string>{source_path("samples/dazu-2021q1.json")}, *rules.rules);
  REQUIRE(records.batch);
  const std::vector<Result> results = rank(*rules.rules, *records.batch, score(*rules.rules, *records.batch));
  REQUIRE(results.size() == 43);
  // dz-w-10 (错情整改 25, capped at 20): 100 − 20 = 80.0, the sample's note.
  auto unit = std::find_if(results.begin(), results.end(),
                           [&](const Result& r) { return records.batch->records[r.record].id == "dz-w-10"; });
  REQUIRE(unit != results.end());
  CHECK(rounded(*unit) == "80.0");
}

TEST_CASE("the library's version is the one the CLI prints") {
  CHECK(run_govscore("--version").out == std::string(kVersion) + "\n");
  CHECK(std::to_string(kVersionMajor) + "." + std::to_string(kVersionMinor) + "." + std::to_string(kVersionPatch) ==
        kVersion);
}
