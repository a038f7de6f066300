// The archive file: created with its schema version, refusing what is not
// its own, one transaction per add (a run killed half-way leaves it as it
// was), and quarters that rebuild from the archive alone.
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "archive/sha256.hpp"
#include "govscore/archive.hpp"
#include "govscore/report.hpp"
#include "helpers.hpp"

using namespace govscore;
using namespace govscore::test;

namespace {

std::string temp_path(const std::string& name) {
  std::string path = std::string(GOVSCORE_TEST_TMP) + "/archive-" + std::to_string(::getpid()) + "-" + name;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::remove((path + suffix).c_str());
  return path;
}

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

long file_size(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? static_cast<long>(st.st_size) : -1;
}

// Runs one SQL statement on the file directly, as staff would with sqlite3;
// the first column of the first row.
std::string sql(const std::string& path, const std::string& statement) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(db, statement.c_str(), -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
    const unsigned char* text = sqlite3_column_text(stmt, 0);
    out = text ? reinterpret_cast<const char*>(text) : "";
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return out;
}

struct Scored {
  RuleSet rules;
  std::string rules_text;
  Batch batch;
  std::vector<Result> ranked;
};

Scored scored(const std::string& rules_file, const std::string& records_file) {
  Scored s;
  s.rules_text = slurp(source_path(rules_file));
  auto rules = load_rules_text(s.rules_text, rules_file);
  REQUIRE(rules.rules);
  s.rules = *rules.rules;
  auto batch = load_records({source_path(records_file)}, s.rules);
  INFO(batch.diagnostics.str());
  REQUIRE(batch.batch);
  s.batch = std::move(*batch.batch);
  s.ranked = rank(s.rules, s.batch, score(s.rules, s.batch, false));
  return s;
}

std::optional<QuarterInfo> add(Archive& archive, const Scored& s, bool replace = false) {
  QuarterToAdd q;
  q.rules = &s.rules;
  q.rules_text = &s.rules_text;
  q.batch = &s.batch;
  q.ranked = &s.ranked;
  q.govscore_version = "test";
  q.added_at = "2021-04-01T00:00:00Z";
  return archive.add(q, replace);
}

std::string open_error(const std::string& path, Archive::Mode mode) {
  try {
    (void)Archive::open(path, mode);
  } catch (const Error& e) {
    return e.what();
  }
  return "opened";
}

}  // namespace

TEST_CASE("texts kept in TextBlocks stay valid as more are kept and when the blocks move") {
  TextBlocks blocks;
  std::vector<std::string_view> views;
  std::vector<std::string> expected;
  for (int i = 0; i < 40000; ++i) {  // about 3 MB: several blocks
    expected.push_back("单位" + std::to_string(i) + std::string(static_cast<std::size_t>(i % 97), 'x'));
    views.push_back(blocks.keep(expected.back()));
  }
  views.push_back(blocks.keep(std::string(3 << 20, 'y')));  // larger than a block
  expected.push_back(std::string(3 << 20, 'y'));
  CHECK(blocks.keep("").empty());
  TextBlocks moved = std::move(blocks);
  for (std::size_t i = 0; i < views.size(); ++i) REQUIRE(views[i] == expected[i]);
  CHECK(moved.keep("after the move") == "after the move");
}

TEST_CASE("sha256 of the rule text matches the standard's test vectors") {
  CHECK(archive::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(archive::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // 56 bytes: the padding takes a second block (FIPS 180-4 example).
  CHECK(archive::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_CASE("a new archive carries its schema version and application id") {
  std::string path = temp_path("new.db");
  auto archive = Archive::open(path, Archive::Mode::kWrite);
  CHECK(archive.list().empty());
  CHECK(sql(path, "PRAGMA user_version") == std::to_string(kArchiveSchemaVersion));
  CHECK(sql(path, "PRAGMA application_id") == std::to_string(0x47765363));
  CHECK(sql(path, "PRAGMA journal_mode") == "wal");
}

TEST_CASE("reading an archive that does not exist creates nothing") {
  std::string path = temp_path("missing.db");
  CHECK(open_error(path, Archive::Mode::kRead) == path + ": no archive here (govscore archive add --db " + path +
                                                     " … creates one)");
  CHECK(file_size(path) == -1);
}

TEST_CASE("a file that is not SQLite is refused and left as it was") {
  std::string path = temp_path("text.db");
  write_bytes(path, "period,name\n2021Q1,区教委专栏\n");
  CHECK(open_error(path, Archive::Mode::kWrite) == path + ": not a SQLite file, so not a govscore archive; left untouched");
  CHECK(slurp(path) == "period,name\n2021Q1,区教委专栏\n");
}

TEST_CASE("a corrupt SQLite file is refused and left as it was") {
  std::string path = temp_path("corrupt.db");
  std::string bytes = std::string("SQLite format 3", 16) + std::string(4080, '\xff');
  write_bytes(path, bytes);
  std::string error = open_error(path, Archive::Mode::kWrite);
  CHECK(error.rfind(path + ": cannot be read as a govscore archive (", 0) == 0);
  CHECK(error.find("left untouched") != std::string::npos);
  CHECK(slurp(path) == bytes);
}

TEST_CASE("another program's SQLite file is refused") {
  std::string path = temp_path("other.db");
  sql(path, "CREATE TABLE notes (text TEXT)");
  CHECK(open_error(path, Archive::Mode::kWrite) ==
        path + ": a SQLite file of another program, not a govscore archive (application_id 0); left untouched");
  CHECK(sql(path, "SELECT count(*) FROM sqlite_master") == "1");
}

TEST_CASE("an archive from a newer govscore is refused with its version") {
  std::string path = temp_path("newer.db");
  { auto archive = Archive::open(path, Archive::Mode::kWrite); }
  sql(path, "PRAGMA user_version = 7");
  CHECK(open_error(path, Archive::Mode::kWrite) ==
        path + ": written by a newer govscore (archive schema version 7; this govscore reads up to 1); left untouched — "
               "use that govscore or a newer one");
  CHECK(open_error(path, Archive::Mode::kRead).find("written by a newer govscore") != std::string::npos);
  CHECK(sql(path, "PRAGMA user_version") == "7");
}

TEST_CASE("a quarter is added once; again only with replace, which says what it replaced") {
  std::string path = temp_path("twice.db");
  auto archive = Archive::open(path, Archive::Mode::kWrite);
  Scored q1 = scored("rules/dazu-2020.yaml", "samples/dazu-2021q1.json");
  CHECK_FALSE(add(archive, q1));
  std::string refused;
  try {
    add(archive, q1);
  } catch (const Error& e) {
    refused = e.what();
  }
  CHECK(refused == path + ": 2021Q1 is already archived (added 2021-04-01T00:00:00Z, 43 units); give --replace to replace it");
  CHECK(sql(path, "SELECT count(*) FROM quarter") == "1");
  CHECK(sql(path, "SELECT count(*) FROM unit") == "43");
  auto replaced = add(archive, q1, /*replace=*/true);
  REQUIRE(replaced);
  CHECK(replaced->period == "2021Q1");
  CHECK(replaced->units == 43);
  CHECK(sql(path, "SELECT count(*) FROM unit") == "43");
  CHECK(archive.remove("2021Q1"));
  CHECK_FALSE(archive.remove("2021Q1"));
  CHECK(sql(path, "SELECT count(*) FROM unit") == "0");
  CHECK(sql(path, "SELECT count(*) FROM record") == "0");
}

TEST_CASE("the archive keeps the rule text, its hash and each unit's result") {
  std::string path = temp_path("kept.db");
  auto archive = Archive::open(path, Archive::Mode::kWrite);
  Scored q1 = scored("rules/dazu-2020.yaml", "samples/dazu-2021q1.json");
  add(archive, q1);
  CHECK(sql(path, "SELECT rules_text FROM quarter") == q1.rules_text);
  // sha256sum rules/dazu-2020.yaml
  CHECK(sql(path, "SELECT rules_sha256 FROM quarter") == archive::sha256_hex(q1.rules_text));
  // dz-w-17: (90 − 10) × 100 ÷ 90 = 88.9 (samples/dazu-2021q1.json, its note).
  CHECK(sql(path, "SELECT score || ' ' || passed || ' ' || rank || ' ' || deductions FROM unit WHERE id = 'dz-w-17'") ==
        "88.9 1 22 {\"内容更新\":10}");
  CHECK(sql(path, "SELECT vetoes || ' ' || passed || ' ' || coalesce(score, 'null') FROM unit WHERE id = 'dz-w-13'") ==
        "[\"首页不更新\"] 0 null");
  CHECK(sql(path, "SELECT json FROM record JOIN unit USING (period, input_order) WHERE id = 'dz-w-17'") ==
        "{\"id\":\"dz-w-17\",\"name\":\"双桥经开区专栏\",\"owner\":\"双桥经开区管委会\",\"target\":\"website\",\"region\":"
        "\"大足区\",\"group\":\"园区\",\"public_services\":false,\"deductions\":{\"季度检查\":10},\"note\":\"(90 − 季度检查 10) × "
        "100 ÷ 90 [办事指南 不考核] = 88.9\"}");
}

TEST_CASE("every sample quarter rebuilds from the archive alone to the same results") {
  struct Sample {
    const char* rules;
    const char* records;
  };
  for (const Sample& sample : {Sample{"rules/dazu-2020.yaml", "samples/dazu-2021q1.json"},
                               Sample{"rules/dazu-2020.yaml", "tests/data/archive/dazu-2021q2.json"},
                               Sample{"rules/national-2019.yaml", "samples/national-2022q1.json"},
                               Sample{"rules/national-2019.yaml", "samples/national-facts-2022q1.json"},
                               Sample{"rules/chongqing-2022.yaml", "samples/chongqing-2022q2.json"}}) {
    INFO(sample.records);
    std::string path = temp_path("rebuild.db");
    auto archive = Archive::open(path, Archive::Mode::kWrite);
    Scored original = scored(sample.rules, sample.records);
    add(archive, original);
    QuarterSource source = archive.source(original.batch.period);
    CHECK(source.rules_text == original.rules_text);
    auto rules = load_rules_text(source.rules_text, "archived.yaml");
    REQUIRE(rules.rules);
    LoadOptions options;
    options.as_of = source.as_of;
    auto batch = load_records_text(source.records_json, "archived.json", *rules.rules, options);
    INFO(batch.diagnostics.str());
    REQUIRE(batch.batch);
    auto again = rank(*rules.rules, *batch.batch, score(*rules.rules, *batch.batch));
    std::string rebuilt = render_json(*rules.rules, *batch.batch, again);
    std::string scored_then = render_json(original.rules, original.batch, original.ranked);
    CHECK(rebuilt == scored_then);
    ArchivedQuarter loaded = archive.load(original.batch.period);
    REQUIRE(loaded.units.size() == original.ranked.size());
    for (std::size_t i = 0; i < loaded.units.size(); ++i) {
      const Result& r = original.ranked[i];
      CHECK(loaded.units[i].id == original.batch.records[r.record].id);
      CHECK(loaded.units[i].passed == r.passed);
      CHECK(loaded.units[i].score == r.score());
    }
  }
}

TEST_CASE("a re-check loads a quarter's failures and, of the next quarter, only those units") {
  std::string path = temp_path("failures.db");
  auto archive = Archive::open(path, Archive::Mode::kWrite);
  add(archive, scored("rules/dazu-2020.yaml", "samples/dazu-2021q1.json"));
  add(archive, scored("rules/dazu-2020.yaml", "tests/data/archive/dazu-2021q2.json"));
  ArchivedQuarter all = archive.load("2021Q1");
  ArchivedQuarter failed = archive.load("2021Q1", Archive::Parts::kAll, Archive::Units::kFailed);
  std::vector<std::string> failed_ids, expected_ids;
  for (const auto& u : all.units)
    if (!u.passed) expected_ids.emplace_back(u.id);
  for (const auto& u : failed.units) failed_ids.emplace_back(u.id);
  CHECK(failed_ids == expected_ids);
  // dz-w-13's home page was not updated (首页不更新, a veto): samples/dazu-2021q1.json.
  CHECK(std::find(failed_ids.begin(), failed_ids.end(), "dz-w-13") != failed_ids.end());
  CHECK(failed.info.period == "2021Q1");
  CHECK(failed.targets.size() == all.targets.size());

  ArchivedQuarter next = archive.load("2021Q2");
  ArchivedQuarter matching = archive.load_matching("2021Q2", failed);
  std::vector<std::string> matching_ids;
  expected_ids.clear();
  for (const auto& u : next.units)
    if (std::find(failed_ids.begin(), failed_ids.end(), u.id) != failed_ids.end()) expected_ids.emplace_back(u.id);
  for (const auto& u : matching.units) matching_ids.emplace_back(u.id);
  CHECK(matching_ids == expected_ids);
  CHECK_FALSE(matching_ids.empty());
  CHECK(matching_ids.size() < next.units.size());

  // read_units hands over what load lists, in its order.
  TextBlocks texts;
  std::vector<std::string> read_ids;
  archive.read_units("2021Q2", Archive::Parts::kAll, texts, [&](const ArchivedUnit& u) { read_ids.emplace_back(u.id); });
  REQUIRE(read_ids.size() == next.units.size());
  for (std::size_t i = 0; i < read_ids.size(); ++i) CHECK(read_ids[i] == next.units[i].id);
}

TEST_CASE("a run killed half-way through an add leaves the archive as it was") {
  // A quarter big enough that the add is still writing when it is killed:
  // SQLite spills the open transaction into the -wal file as it goes, so a
  // growing -wal file says the add has begun and not committed.
  std::string records = std::string(GOVSCORE_TEST_TMP) + "/archive-kill-300000.ndjson";
  if (file_size(records) <= 0)
    REQUIRE(std::system(("python3 '" + source_path("bench/generate.py") + "' 300000 '" + records + "'").c_str()) == 0);
  std::string path = temp_path("killed.db");
  REQUIRE(run_govscore("archive add --db '" + path + "' -r rules/dazu-2020.yaml samples/dazu-2021q1.json").exit_code == 0);
  const std::string before = run_govscore("archive list -f json --db '" + path + "'").out;
  const std::string units_before = sql(path, "SELECT count(*) FROM unit");

  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    std::string rules = source_path("rules/dazu-2020.yaml");
    std::freopen("/dev/null", "w", stderr);
    execl(GOVSCORE_BINARY, GOVSCORE_BINARY, "archive", "add", "--db", path.c_str(), "--rules", rules.c_str(),
          "--period", "2021Q1", "--replace", records.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  bool writing = false;
  while (std::chrono::steady_clock::now() < deadline) {
    if (file_size(path + "-wal") > 256 * 1024) {
      writing = true;
      break;
    }
    int status = 0;
    if (waitpid(child, &status, WNOHANG) == child) FAIL("the add finished before it could be killed");
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ::kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  REQUIRE(writing);
  CHECK(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGKILL);

  CHECK(sql(path, "PRAGMA integrity_check") == "ok");
  CHECK(run_govscore("archive list -f json --db '" + path + "'").out == before);
  CHECK(sql(path, "SELECT count(*) FROM unit") == units_before);
  CHECK(sql(path, "SELECT count(*) FROM record") == units_before);
  // And the archive still takes the quarter afterwards.
  Run again = run_govscore("archive add --db '" + path + "' -r rules/dazu-2020.yaml samples/dazu-2021q1.json");
  CHECK(again.exit_code == 1);
  CHECK(again.err.find("2021Q1 is already archived") != std::string::npos);
}
