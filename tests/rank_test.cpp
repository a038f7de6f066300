// Ranking: competition ranking (1, 1, 3) on the rounded score, vetoed units
// last, ties in input order, per target or per group.
#include "govscore/explain.hpp"
#include "helpers.hpp"

using namespace govscore;
using namespace govscore::test;

namespace {

// Records with the given 周扫描 points (or "veto"), in this order.
Batch accounts(const std::vector<std::string>& scans, const std::string& target = "newmedia") {
  std::string json = "{\"period\": \"2021Q1\", \"records\": [";
  for (std::size_t i = 0; i < scans.size(); ++i) {
    json += (i ? ",\n" : "\n") + std::string("{\"id\": \"r") + std::to_string(i) + "\", \"name\": \"单位" + std::to_string(i) +
            "\", \"target\": \"" + target + "\", \"group\": \"" + (i % 2 ? "镇街" : "部门") + "\", ";
    json += scans[i] == "veto" ? R"("veto": ["内容不更新"]})" : R"("deductions": {"周扫描": )" + scans[i] + "}}";
  }
  return records_from(json + "]}", dazu());
}

std::string ranks_of(const Batch& batch, RankWithin within = RankWithin::kTarget) {
  std::string out;
  for (const auto& r : ranked(dazu(), batch, within))
    out += std::string(batch.records[r.record].id) + ":" + (r.rank() ? std::to_string(*r.rank()) : "-") + " ";
  return out;
}

}  // namespace

TEST_CASE("the published new-media ranking: 29 at 100.0 share 1, then 30, 31, 31, 33, 33") {
  std::vector<std::string> scans(29, "0");
  for (const char* s : {"20", "40", "40", "60", "60"}) scans.push_back(s);
  Batch b = accounts(scans);
  auto results = ranked(dazu(), b);
  std::vector<std::size_t> ranks;
  for (const auto& r : results) ranks.push_back(*r.rank());
  std::vector<std::size_t> expected(29, 1);
  for (std::size_t k : {30, 31, 31, 33, 33}) expected.push_back(k);
  CHECK(ranks == expected);
}

TEST_CASE("ties rank on the rounded score and keep input order") {
  // 0.1 → 99.95 → 100.0 ties with 0; 0.2 → 99.9.
  CHECK(ranks_of(accounts({"0.2", "0.1", "0", "4"})) == "r1:1 r2:1 r0:3 r3:4 ");
}

TEST_CASE("vetoed units rank below every scored unit, sharing the next rank") {
  CHECK(ranks_of(accounts({"veto", "130", "0", "veto"})) == "r2:1 r1:2 r0:3 r3:3 ");
}

TEST_CASE("explain says a vetoed unit ranks below the scored ones only when there are some") {
  Batch some = accounts({"veto", "0"});
  auto with_scored = ranked(dazu(), some);
  CHECK(explain(dazu(), some, with_scored[1]).find("; ranked 2, below every scored unit\n") != std::string::npos);
  Batch none = accounts({"veto", "veto"});
  auto all_vetoed = ranked(dazu(), none);
  const std::string text = explain(dazu(), none, all_vetoed[0]);
  CHECK(text.find("; ranked 1\n") != std::string::npos);
  CHECK(text.find("below every scored unit") == std::string::npos);
}

TEST_CASE("ranking within groups restarts per group, groups in order of appearance") {
  // 部门: r0 95, r2 100, r4 95; 镇街: r1 98, r3 96.
  CHECK(ranks_of(accounts({"10", "4", "0", "8", "10"}), RankWithin::kGroup) == "r2:1 r0:2 r4:2 r1:1 r3:2 ");
}

TEST_CASE("each target is ranked on its own") {
  Batch b = records_from(R"({"period": "2021Q1", "records": [
    {"id": "m", "name": "号", "target": "newmedia", "deductions": {"周扫描": 10}},
    {"id": "w", "name": "站", "target": "website", "deductions": {"周扫描": 20}}]})",
                         dazu());
  auto results = ranked(dazu(), b);
  CHECK(b.records[results[0].record].id == "w");  // website first: rule-file order
  CHECK(*results[0].rank() == 1);
  CHECK(*results[1].rank() == 1);
}

TEST_CASE("identical inputs give identical rankings") {
  Batch b = accounts({"3", "3", "veto", "1", "3"});
  CHECK(ranks_of(b) == ranks_of(b));
  CHECK(ranks_of(b) == "r3:1 r0:2 r1:2 r4:2 r2:5 ");
}

TEST_CASE("a large ranking, its results moved into place cycle by cycle, equals a plain stable sort's") {
  // 120 000 accounts of both groups, some vetoes, and scores with many
  // ties (61 distinct) or few (1 200 distinct weekly scans: the table of
  // rank classes grows many times); the oracle is the obvious algorithm:
  // per pool, a stable sort by score, then competition ranks.
  const bool many_scores = GENERATE(false, true);
  std::vector<std::string> scans;
  for (int i = 0; i < 120000; ++i) {
    if (i % 97 == 0) {
      scans.push_back("veto");
    } else if (many_scores) {
      scans.push_back(std::to_string((i * 7919) % 1200 / 10) + "." + std::to_string((i * 7919) % 10));
    } else {
      scans.push_back(std::to_string((i * 7919) % 61));
    }
  }
  Batch b = accounts(scans);
  for (RankWithin within : {RankWithin::kTarget, RankWithin::kGroup}) {
    auto results = ranked(dazu(), b, within);
    REQUIRE(results.size() == scans.size());
    // The oracle: input order, stable-sorted by pool (groups by first appearance: 部门 then 镇街), then score.
    std::vector<std::size_t> order(scans.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    auto scores = score(dazu(), b);
    auto pool = [&](std::size_t i) { return within == RankWithin::kGroup ? static_cast<int>(i % 2) : 0; };
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
      if (pool(x) != pool(y)) return pool(x) < pool(y);
      if (scores[x].has_score() != scores[y].has_score()) return scores[x].has_score();
      return scores[x].has_score() && *scores[x].score() > *scores[y].score();
    });
    std::size_t rank = 0;
    std::size_t pool_start = 0;
    for (std::size_t k = 0; k < order.size(); ++k) {
      INFO("position " << k);
      REQUIRE(results[k].record == order[k]);
      bool new_pool = k == 0 || pool(order[k]) != pool(order[k - 1]);
      if (new_pool) pool_start = k;
      bool tie = !new_pool && scores[order[k]].score() == scores[order[k - 1]].score();
      if (!tie) rank = k - pool_start + 1;
      REQUIRE(results[k].rank() == rank);
    }
  }
}
