// The sample quarters against their hand computations: every sample record's
// note ends with the result worked out by hand ("… = 88.9", "→ 不合格",
// "→ 合格"); the engine must agree with each one.
#include "helpers.hpp"

using namespace govscore;
using namespace govscore::test;

namespace {

struct Sample {
  const char* rules;
  const char* records;
  std::size_t at_least;  // records
};

// What the note says the result is: a score ("88.9"), or "不合格"/"合格".
std::string expected_from(const std::string& note) {
  auto eq = note.rfind("= ");
  if (note.find("单项否决") != std::string::npos) return "不合格";
  if (note.find("→ 合格") != std::string::npos) return "合格";
  REQUIRE(eq != std::string::npos);
  return note.substr(eq + 2);
}

}  // namespace

TEST_CASE("every sample record scores as its hand computation says") {
  auto sample = GENERATE(Sample{"dazu-2020.yaml", "samples/dazu-2021q1.json", 30},
                         Sample{"national-2019.yaml", "samples/national-2022q1.json", 30},
                         Sample{"chongqing-2022.yaml", "samples/chongqing-2022q2.json", 30},
                         Sample{"national-2019.yaml", "samples/national-facts-2022q1.json", 19});
  RuleSet rules = shipped_rules(sample.rules);
  auto loaded = load_records({source_path(sample.records)}, rules);
  INFO(loaded.diagnostics.str());
  REQUIRE(loaded.batch);
  const Batch& batch = *loaded.batch;
  CHECK(batch.records.size() >= sample.at_least);
  for (const auto& result : score(rules, batch)) {
    const Record& rec = batch.records[result.record];
    std::string expected = expected_from(std::string(rec.details().note));
    INFO(sample.records << " " << rec.id << ": " << rec.details().note);
    if (expected == "不合格" || expected == "合格") {
      CHECK(result.verdict() == expected);
      CHECK_FALSE(result.has_score());
    } else {
      CHECK(rounded(result) == expected);
      CHECK(result.passed == (Exact::parse(expected).value() >= Exact(60)));
    }
  }
  // Without traces every record is scored into one reused scratch trace
  // (the samples mix targets, vetoes, parts and bonuses): nothing of one
  // record may stay behind for the next.
  auto traced = score(rules, batch);
  auto untraced = score(rules, batch, /*keep_traces=*/false);
  REQUIRE(untraced.size() == traced.size());
  for (std::size_t i = 0; i < traced.size(); ++i) {
    INFO(sample.records << " " << batch.records[i].id);
    CHECK(untraced[i].score() == traced[i].score());
    CHECK(untraced[i].bonus() == traced[i].bonus());
    CHECK(untraced[i].passed == traced[i].passed);
    CHECK_FALSE(untraced[i].trace);
  }
}

TEST_CASE("the samples cover vetoes, caps, not-assessed units and bonuses") {
  RuleSet rules = shipped_rules("dazu-2020.yaml");
  auto loaded = load_records({source_path("samples/dazu-2021q1.json")}, rules);
  REQUIRE(loaded.batch);
  int vetoed = 0, capped = 0, rescaled = 0, with_bonus = 0, failed = 0;
  for (const auto& r : score(rules, *loaded.batch)) {
    vetoed += r.vetoed();
    failed += !r.passed;
    rescaled += r.trace->not_assessed > Exact(0);
    with_bonus += r.trace->bonus && r.trace->bonus->counted > Exact(0);
    for (const auto& it : r.trace->indicators) capped += it.capped();
  }
  CHECK(vetoed >= 2);
  CHECK(capped >= 3);
  CHECK(rescaled >= 5);
  CHECK(with_bonus >= 3);
  CHECK(failed > vetoed);
}
