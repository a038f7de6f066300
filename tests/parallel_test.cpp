// Work on several threads gives what one thread gives: the loops of
// util/parallel.hpp, and a large NDJSON file read in blocks whose messages,
// with errors placed where blocks start, are the same every run and at
// every --jobs.
#include <atomic>
#include <stdexcept>

#include "helpers.hpp"
#include "util/parallel.hpp"

using namespace govscore;
using namespace govscore::test;

TEST_CASE("for_each runs every task once; for_each_ordered takes them in order") {
  for (unsigned jobs : {1u, 2u, 4u}) {
    INFO("jobs " << jobs);
    std::vector<std::atomic<int>> runs(1000);
    parallel::for_each(runs.size(), jobs, [&](std::size_t k, unsigned worker) {
      CHECK(worker < parallel::threads_for(jobs, runs.size()));
      ++runs[k];
    });
    for (const auto& r : runs) CHECK(r.load() == 1);

    std::vector<std::size_t> made(500, 0);
    std::vector<std::size_t> taken;
    parallel::for_each_ordered(
        made.size(), jobs, [&](std::size_t k, unsigned) { made[k] = k * k; },
        [&](std::size_t k) {
          CHECK(made[k] == k * k);  // made before it is taken
          taken.push_back(k);
        });
    REQUIRE(taken.size() == made.size());
    for (std::size_t k = 0; k < taken.size(); ++k) CHECK(taken[k] == k);
  }
}

TEST_CASE("an exception in a task reaches the caller after every thread has stopped") {
  for (unsigned jobs : {1u, 2u}) {
    CHECK_THROWS_WITH(parallel::for_each(100, jobs,
                                         [](std::size_t k, unsigned) {
                                           if (k == 37) throw std::runtime_error("task 37");
                                         }),
                      "task 37");
    CHECK_THROWS_WITH(parallel::for_each_ordered(
                          100, jobs, [](std::size_t, unsigned) {},
                          [](std::size_t k) {
                            if (k == 5) throw std::runtime_error("take 5");
                          }),
                      "take 5");
  }
  // Several tasks fail, at times that depend on the threads: the lowest-
  // numbered one's exception comes back, every run.
  for (int run = 0; run < 20; ++run) {
    CHECK_THROWS_WITH(parallel::for_each(2000, 2,
                                         [](std::size_t k, unsigned) {
                                           if (k == 1999 || k == 640 || k == 641) throw std::runtime_error(std::to_string(k));
                                         }),
                      "640");
    CHECK_THROWS_WITH(parallel::for_each_ordered(
                          2000, 2,
                          [](std::size_t k, unsigned) {
                            if (k == 1500) throw std::runtime_error("make 1500");
                          },
                          [](std::size_t k) {
                            if (k == 900) throw std::runtime_error("take 900");
                          }),
                      "take 900");
  }
  CHECK(parallel::threads_for(0, 1000) >= 1);
  CHECK(parallel::threads_for(8, 3) == 3);
  CHECK(parallel::threads_for(1, 0) == 1);
}

namespace {

// Lines of exactly kLine bytes (newline included), so that a line can be
// replaced by another without moving any block boundary.
constexpr std::size_t kLine = 200;

std::string padded(std::string json) {
  // {"id":…, …} → {"id":…, …,"note":"xxxx"} of kLine − 1 bytes
  json.pop_back();
  json += ",\"note\":\"";
  REQUIRE(json.size() + 2 < kLine - 1);
  json += std::string(kLine - 1 - json.size() - 2, 'x') + "\"}";
  REQUIRE(json.size() == kLine - 1);
  return json + "\n";
}

std::string good_line(std::size_t i) {
  return padded("{\"id\":\"m" + std::to_string(i) +
                "\",\"name\":\"n\",\"target\":\"newmedia\",\"deductions\":{\"周扫描\":" + std::to_string(i % 7) + "}}");
}

// Where the loader's blocks start (src/load/records.cpp: about 1 MiB of
// whole lines each), as line numbers counted from 0.
std::vector<std::size_t> block_start_lines(const std::string& content) {
  constexpr std::size_t kBlockBytes = std::size_t{1} << 20;
  std::vector<std::size_t> starts;
  for (std::size_t begin = 0; begin < content.size();) {
    starts.push_back(begin / kLine);
    std::size_t end = content.find('\n', std::min(begin + kBlockBytes, content.size() - 1));
    begin = end == std::string::npos ? content.size() : end + 1;
  }
  return starts;
}

}  // namespace

TEST_CASE("a large NDJSON file gives the same messages every run and at every --jobs, as many as one pass") {
  const std::size_t lines = 60000;  // 12 MB: a dozen blocks
  std::string content;
  content.reserve(lines * kLine);
  content += padded("{\"period\":\"2021Q1\",\"id\":\"m0\",\"name\":\"n\",\"target\":\"newmedia\"}");
  for (std::size_t i = 1; i < lines; ++i) content += good_line(i);
  // At the start of every block after the first, one error of a kind that
  // depends on the file before it: another period, a duplicate id, and a
  // record with an unknown field, in turn; a few more inside blocks.
  const auto starts = block_start_lines(content);
  REQUIRE(starts.size() >= 10);
  std::size_t planted = 0;
  auto plant = [&](std::size_t line, int kind) {
    std::string bad =
        kind == 0 ? padded("{\"period\":\"2021Q2\",\"id\":\"m" + std::to_string(line) + "\",\"name\":\"n\",\"target\":\"newmedia\"}")
        : kind == 1 ? padded("{\"id\":\"m1\",\"name\":\"n\",\"target\":\"newmedia\"}")
                    : padded("{\"id\":\"m" + std::to_string(line) + "\",\"name\":\"n\",\"target\":\"newmedia\",\"colour\":1}");
    content.replace(line * kLine, kLine, bad);
    ++planted;
  };
  for (std::size_t b = 1; b < starts.size(); ++b) plant(starts[b], static_cast<int>(b % 3));
  for (std::size_t line : {777u, 33333u, 59999u}) plant(line, 0);
  const std::string path = std::string(GOVSCORE_TEST_TMP) + "/blocks.ndjson";
  {
    std::ofstream out(path, std::ios::binary);
    out << content;
  }

  const std::string args = "validate -r rules/dazu-2020.yaml '" + path + "'";
  const Run one = run_govscore(args + " --jobs 1");
  CHECK(one.exit_code == 1);
  CHECK(one.err.find(" more not shown") == std::string::npos);
  std::size_t errors = 0;
  for (std::size_t at = one.err.find(": error: "); at != std::string::npos; at = one.err.find(": error: ", at + 1)) ++errors;
  CHECK(errors == planted);
  CHECK(one.err.find("period \"2021Q2\" (\"period\") differs from \"2021Q1\" given earlier") != std::string::npos);
  for (int run = 0; run < 3; ++run) {
    const Run two = run_govscore(args + " --jobs 2");
    CHECK(two.exit_code == one.exit_code);
    CHECK(two.err == one.err);
  }
  const Run all = run_govscore(args + " --jobs 0");
  CHECK(all.err == one.err);
}

TEST_CASE("a large NDJSON file scores to the same bytes at every --jobs") {
  const std::string path = std::string(GOVSCORE_TEST_TMP) + "/blocks-good.ndjson";
  {
    std::ofstream out(path, std::ios::binary);
    out << padded("{\"period\":\"2021Q1\",\"id\":\"m0\",\"name\":\"n\",\"target\":\"newmedia\"}");
    for (std::size_t i = 1; i < 40000; ++i) out << good_line(i);
  }
  const std::string args = "score -r rules/dazu-2020.yaml '" + path + "' -f csv";
  const Run one = run_govscore(args + " --jobs 1");
  REQUIRE(one.exit_code == 0);
  CHECK(one.out.size() > 40000 * 20);
  CHECK(run_govscore(args + " --jobs 2").out == one.out);
  CHECK(run_govscore(args + " --jobs 3").out == one.out);
}

TEST_CASE("a large NDJSON file read in blocks knows what the run knew before it: --period, an earlier file's window") {
  // 30 000 lines (6 MB, six blocks); at two block starts, a record whose
  // "id" key is given twice, the first time an id seen before, and one
  // whose fact is dated after the check point an earlier file's window sets.
  std::string content = padded("{\"period\":\"2021Q1\",\"id\":\"m0\",\"name\":\"n\",\"target\":\"newmedia\"}");
  for (std::size_t i = 1; i < 30000; ++i) content += good_line(i);
  const auto starts = block_start_lines(content);
  REQUIRE(starts.size() >= 4);
  content.replace(starts[1] * kLine, kLine,
                  padded("{\"id\":\"m5\",\"name\":\"n\",\"target\":\"newmedia\",\"id\":\"other\"}"));
  content.replace(starts[2] * kLine, kLine,
                  padded("{\"id\":\"late\",\"name\":\"n\",\"target\":\"newmedia\",\"facts\":{\"last_post\":\"2021-04-20\","
                         "\"has_interaction\":true}}"));
  const std::string path = std::string(GOVSCORE_TEST_TMP) + "/blocks-before.ndjson";
  write_file(path, content);
  const std::string window = std::string(GOVSCORE_TEST_TMP) + "/blocks-window.json";
  write_file(window, "{\"period\":\"2021Q1\",\"window\":{\"from\":\"2021-01-01\",\"to\":\"2021-03-31\"},\"records\":[]}");

  const std::string dup_line = std::to_string(starts[1] + 1);
  for (const std::string& args : {"validate -r rules/dazu-2020.yaml --period 2021Q2 '" + path + "'",
                                 "validate -r rules/dazu-2020.yaml '" + window + "' '" + path + "'"}) {
    INFO(args);
    const Run one = run_govscore(args + " --jobs 1");
    CHECK(one.exit_code == 1);
    // The record's id is its first "id", where one pass places the message.
    CHECK(one.err.find(path + ":" + dup_line + ":7: error: record \"m5\": duplicate id (first in " + path + " line 6)") !=
          std::string::npos);
    for (const char* jobs : {" --jobs 2", " --jobs 2", " --jobs 0"}) {
      const Run blocks = run_govscore(args + jobs);
      CHECK(blocks.exit_code == one.exit_code);
      CHECK(blocks.err == one.err);
    }
  }
  const Run period = run_govscore("validate -r rules/dazu-2020.yaml --period 2021Q2 '" + path + "' --jobs 2");
  CHECK(period.err.find(path + ":1:11: error: period \"2021Q1\" (\"period\") differs from \"2021Q2\" given earlier (--period)") !=
        std::string::npos);
  const Run dated = run_govscore("validate -r rules/dazu-2020.yaml '" + window + "' '" + path + "' --jobs 2");
  CHECK(dated.err.find("record \"late\": facts: \"last_post\": 2021-04-20 is after the check point 2021-03-31") !=
        std::string::npos);
  CHECK(dated.err.find("give \"window\"") == std::string::npos);
}
