// Three quarters of Dazu's units, changed by hand between quarters
// (tests/data/archive/README.md says what changed), archived with the
// binary; compare, recheck and rollup must agree with each quarter's own
// `score -f json` on every status, score, rank and count.
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>
#include <map>
#include <set>

#include "govscore/history.hpp"
#include "helpers.hpp"

using namespace govscore;
using namespace govscore::test;
using json = nlohmann::json;

namespace {

const char* kQuarters[] = {"samples/dazu-2021q1.json", "tests/data/archive/dazu-2021q2.json",
                           "tests/data/archive/dazu-2021q3.json"};

// An archive holding the three quarters, made once per test process.
const std::string& scenario_db() {
  static const std::string path = [] {
    std::string db = std::string(GOVSCORE_TEST_TMP) + "/history-" + std::to_string(::getpid()) + ".db";
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((db + suffix).c_str());
    for (const char* quarter : kQuarters) {
      Run run = run_govscore("archive add --db '" + db + "' -r rules/dazu-2020.yaml " + quarter);
      INFO(run.err);
      REQUIRE(run.exit_code == 0);
    }
    return db;
  }();
  return path;
}

// A quarter's own `score -f json`, by unit id.
std::map<std::string, json> scored_alone(const char* records) {
  Run run = run_govscore(std::string("score -r rules/dazu-2020.yaml -f json ") + records);
  REQUIRE(run.exit_code == 0);
  std::map<std::string, json> by_id;
  const json scored = json::parse(run.out);
  for (const auto& r : scored["results"]) by_id[r["id"].get<std::string>()] = r;
  return by_id;
}

json history(const std::string& args) {
  Run run = run_govscore(args + " --db '" + scenario_db() + "' -f json");
  INFO(args << "\n" << run.err);
  REQUIRE(run.exit_code == 0);
  return json::parse(run.out);
}

// What the status must be, from the two quarters' own verdicts.
std::string expected_status(const json* before, const json* now) {
  if (!before) return "新增";
  if (!now) return "未检查";
  bool then = (*before)["passed"], passes = (*now)["passed"];
  return then ? (passes ? "保持合格" : "新增不合格") : (passes ? "已整改" : "连续不合格");
}

const json* find(const std::map<std::string, json>& by_id, const std::string& id) {
  auto it = by_id.find(id);
  return it == by_id.end() ? nullptr : &it->second;
}

}  // namespace

TEST_CASE("compare agrees with each quarter's own scoring on every unit") {
  for (int q = 1; q < 3; ++q) {
    auto before = scored_alone(kQuarters[q - 1]);
    auto now = scored_alone(kQuarters[q]);
    json c = history(std::string("compare --period 2021Q") + std::to_string(q + 1));
    CHECK(c["against"] == "2021Q" + std::to_string(q));
    std::map<std::string, int> counts;
    std::size_t units = 0;
    for (const auto& u : c["units"]) {
      std::string id = u["id"];
      INFO("2021Q" << q + 1 << " " << id);
      const json* b = find(before, id);
      const json* n = find(now, id);
      CHECK(u["status"] == expected_status(b, n));
      CHECK(u["score"] == (n ? (*n)["score"] : json(nullptr)));
      CHECK(u["rank"] == (n ? (*n)["rank"] : json(nullptr)));
      CHECK(u["previous_score"] == (b ? (*b)["score"] : json(nullptr)));
      CHECK(u["previous_rank"] == (b ? (*b)["rank"] : json(nullptr)));
      ++counts[u["status"].get<std::string>()];
      ++units;
    }
    // Every unit of either quarter once.
    std::set<std::string> ids;
    for (const auto& [id, r] : before) ids.insert(id);
    for (const auto& [id, r] : now) ids.insert(id);
    CHECK(units == ids.size());
    for (const auto& [status, n] : counts) CHECK(c["counts"][status] == n);
  }
}

TEST_CASE("compare names each change made by hand between 2021Q1 and 2021Q2") {
  json c = history("compare --period 2021Q2 --against 2021Q1");
  std::map<std::string, json> by_id;
  for (const auto& u : c["units"]) by_id[u["id"].get<std::string>()] = u;
  CHECK(by_id["dz-w-13"]["status"] == "已整改");      // 首页不更新 fixed
  CHECK(by_id["dz-m-13"]["status"] == "已整改");      // 40.0 → 80.0
  CHECK(by_id["dz-m-13"]["score_change"] == 40.0);
  CHECK(by_id["dz-w-09"]["status"] == "连续不合格");  // 50.0 twice, now through findings
  CHECK(by_id["dz-w-09"]["repeated"] == json::array({"内容更新"}));
  CHECK(by_id["dz-w-26"]["status"] == "连续不合格");  // 站点无法访问 twice
  CHECK(by_id["dz-w-26"]["repeated"] == json::array({"站点无法访问"}));
  CHECK(by_id["dz-w-03"]["status"] == "新增不合格");  // 栏目不更新
  CHECK(by_id["dz-w-30"]["status"] == "新增");
  CHECK(by_id["dz-w-24"]["status"] == "未检查");
  // 43 units in 2021Q2: 4 fail twice (dz-w-28, dz-w-09, dz-w-26, dz-m-11),
  // 2 rectified, 1 new failure, 1 new, the other 35 pass twice; dz-w-24 is
  // the one unit of 2021Q1 only.
  CHECK(c["counts"] == json::parse(R"({"连续不合格": 4, "已整改": 2, "新增不合格": 1, "保持合格": 35, "新增": 1, "未检查": 1})"));
}

TEST_CASE("compare by name matches renumbered units and reports ambiguous names") {
  // A unit's texts are views: these literals outlive the quarters.
  auto unit = [](const char* id, const char* name, const char* platform, bool passed, long score) {
    ArchivedUnit u;
    u.id = id;
    u.name = name;
    u.owner = "区委宣传部";
    u.target = "newmedia";
    u.platform = platform;
    u.passed = passed;
    u.score = Exact(score);
    return u;
  };
  ArchivedQuarter before, now;
  before.info.period = "2021Q1";
  now.info.period = "2021Q2";
  before.units = {unit("m-1", "大足发布", "微信公众号", false, 50), unit("m-2", "大足发布", "新浪微博", true, 90),
                  unit("m-3", "大足教育", "抖音", true, 80), unit("m-4", "大足教育", "抖音", true, 85)};
  now.units = {unit("2-07", "大足发布", "微信公众号", true, 70), unit("2-08", "大足发布", "新浪微博", true, 95),
               unit("2-09", "大足教育", "抖音", true, 90)};
  Comparison c = compare(now, before, MatchBy::kName);
  REQUIRE(c.units.size() == 5);
  CHECK(c.units[0].previous_id == "m-1");
  CHECK(c.units[0].status == CompareStatus::kRectified);
  CHECK(c.units[1].previous_id == "m-2");
  CHECK(c.units[1].status == CompareStatus::kStillPassing);
  CHECK(*c.units[1].score_change == Exact(5));
  // Two 大足教育 抖音 accounts of one owner in 2021Q1: which one 2-09 is
  // cannot be told, so none is matched, and the message says why.
  CHECK(c.units[2].status == CompareStatus::kNew);
  CHECK(c.units[2].note == "ambiguous: not matched");
  CHECK(c.units[3].status == CompareStatus::kNotChecked);
  CHECK(c.units[4].status == CompareStatus::kNotChecked);
  CHECK(c.ambiguous == std::vector<std::string>{"2 units named 大足教育 in 2021Q1 (ids m-3, m-4): not matched"});
  // By id nothing matches: every unit is new or not checked.
  Comparison by_id = compare(now, before, MatchBy::kId);
  CHECK(by_id.count(CompareStatus::kNew) == 3);
  CHECK(by_id.count(CompareStatus::kNotChecked) == 4);
}

TEST_CASE("recheck lists 2021Q1's failures and how each fares in 2021Q2") {
  json r = history("recheck --period 2021Q1 --deadline 2021-07-15");
  CHECK(r["next_period"] == "2021Q2");
  auto q1 = scored_alone(kQuarters[0]);
  auto q2 = scored_alone(kQuarters[1]);
  std::size_t failed = 0;
  for (const auto& [id, u] : q1) failed += u["passed"] ? 0 : 1;
  REQUIRE(r["units"].size() == failed);
  for (const auto& u : r["units"]) {
    std::string id = u["id"];
    INFO(id);
    CHECK(q1[id]["passed"] == false);
    CHECK(u["score"] == q1[id]["score"]);
    const json* now = find(q2, id);
    CHECK(u["now"] == (!now ? "未检查" : (*now)["passed"] ? "已整改" : "连续不合格"));
  }
  // dz-w-13: vetoed for 首页不更新; dz-w-28: 55.0 (内容更新 30, 错情整改 15).
  std::map<std::string, json> by_id;
  for (const auto& u : r["units"]) by_id[u["id"].get<std::string>()] = u;
  CHECK(by_id["dz-w-13"]["reasons"] == json::array({"首页不更新"}));
  CHECK(by_id["dz-w-28"]["reasons"] == json::array({"得分低于60分"}));
  CHECK(by_id["dz-w-28"]["deductions"] == json::parse(R"({"内容更新": 30, "错情整改": 15})"));
  // One rectification item per veto and per deducted indicator: dz-w-28 2,
  // dz-w-09 1, dz-w-13 1, dz-w-26 1, dz-m-13 1, dz-m-11 1.
  CHECK(r["rectification"].size() == 7);
  for (const auto& item : r["rectification"]) CHECK(item["deadline"] == "2021-07-15");
}

TEST_CASE("recheck gives the findings of a unit that failed on them") {
  json r = history("recheck --period 2021Q2 --deadline 2021-10-15");
  CHECK(r["next_period"] == "2021Q3");
  for (const auto& u : r["units"]) {
    if (u["id"] != "dz-w-09") continue;
    REQUIRE(u["findings"].size() == 2);
    CHECK(u["findings"][0]["title"] == "“工作动态”栏目超过2周未更新");
    CHECK(u["findings"][0]["points"] == 80);
    CHECK(u["now"] == "已整改");  // 2021Q3: 周扫描 10 → 95.0
  }
  bool listed = false;
  for (const auto& item : r["rectification"])
    listed = listed || (item["id"] == "dz-w-09" && item["problem"] == "季度检查：“政策文件”栏目超过6个月未更新" &&
                        item["url"] == "http://www.dazu.gov.cn/fgw/zcwj/");
  CHECK(listed);
}

TEST_CASE("rollup counts every unit's checks and passes and means over the three quarters") {
  json r = history("rollup --periods 2021Q1,2021Q2,2021Q3 -r tests/data/archive/dazu-2020-tiers.yaml");
  std::vector<std::map<std::string, json>> quarters;
  for (const char* q : kQuarters) quarters.push_back(scored_alone(q));
  std::size_t checks = 0, passes = 0;
  for (const auto& u : r["units"]) {
    std::string id = u["id"];
    INFO(id);
    int checked = 0, passed = 0;
    Exact sum = 0;
    int scored = 0;
    for (const auto& q : quarters) {
      const json* s = find(q, id);
      if (!s) continue;
      ++checked;
      passed += (*s)["passed"] ? 1 : 0;
      if (!(*s)["score"].is_null()) {
        sum += *Exact::parse((*s)["score"].dump());
        ++scored;
      }
    }
    CHECK(u["checked"] == checked);
    CHECK(u["passed"] == passed);
    CHECK(u["all_passed"] == (checked == passed));
    if (scored) CHECK(u["mean"].dump() == (sum / Exact(scored)).round(1).fixed(1));
    else CHECK(u["mean"].is_null());
    checks += static_cast<std::size_t>(checked);
    passes += static_cast<std::size_t>(passed);
  }
  // 43 + 43 + 44 checks; every region row adds up to them.
  CHECK(checks == 130);
  REQUIRE(r["regions"].size() == 1);
  CHECK(r["regions"][0]["checked"] == checks);
  CHECK(r["regions"][0]["passed"] == passes);
  CHECK(r["regions"][0]["all_passed"] == false);

  std::map<std::string, json> by_id;
  for (const auto& u : r["units"]) by_id[u["id"].get<std::string>()] = u;
  CHECK(by_id["dz-m-13"]["mean"] == 66.7);  // (40.0 + 80.0 + 80.0) ÷ 3 = 66.666…
  CHECK(by_id["dz-m-06"]["mean"] == 63.3);  // (70.0 + 70.0 + 50.0) ÷ 3
  CHECK(by_id["dz-w-24"]["checked"] == 2);  // missing in 2021Q2
  CHECK(by_id["dz-m-11"]["vetoes"] == json::array({"2021Q1 内容不更新", "2021Q2 内容不更新", "2021Q3 内容不更新"}));
  CHECK(by_id["dz-m-11"]["tier"].is_null());
}

TEST_CASE("rollup grades tiers by mean thresholds and by shares of the ranking") {
  json r = history("rollup --periods 2021Q1,2021Q2,2021Q3 -r tests/data/archive/dazu-2020-tiers.yaml");
  for (const auto& u : r["units"]) {
    if (u["target"] != "website" || u["mean"].is_null()) continue;
    INFO(u["id"]);
    Exact mean = *Exact::parse(u["mean"].dump());
    const char* tier = mean >= 95 ? "第一等次" : mean >= 85 ? "第二等次" : mean >= 60 ? "第三等次" : "第四等次";
    CHECK(u["tier"] == tier);
  }
  // New media by shares: 13 accounts have a mean (dz-m-11 was vetoed every
  // quarter). 25 % × 13 = 3.25: ranks 1–3 → 110.0 and the three at 100.0
  // (rank 2) = 4; 75 % × 13 = 9.75: ranks up to 9 → 6 more; the rest 3.
  std::map<std::string, int> count;
  for (const auto& l : r["tiers"])
    if (l["target"] == "newmedia") count[l["tier"].get<std::string>()] += l["count"].get<int>();
  CHECK(count == std::map<std::string, int>{{"第一等次", 4}, {"第二等次", 6}, {"第三等次", 3}});
}

TEST_CASE("re-adding a quarter without --replace is refused and stores nothing twice") {
  Run run = run_govscore("archive add --db '" + scenario_db() + "' -r rules/dazu-2020.yaml " + kQuarters[1]);
  CHECK(run.exit_code == 1);
  CHECK(run.err.find("2021Q2 is already archived") != std::string::npos);
  CHECK(run.err.find("give --replace to replace it") != std::string::npos);
  json list = history("archive list");
  REQUIRE(list["quarters"].size() == 3);
  CHECK(list["quarters"][1]["units"] == 43);
}

TEST_CASE("archive list gives each quarter's period, rules, units, ranking and when it was added") {
  QuarterInfo q;
  q.period = "2021Q1";
  q.rules_id = "dazu-2020";
  q.rules_sha256 = std::string(64, 'a');
  q.within = RankWithin::kGroup;
  q.govscore_version = "0.9.0";
  q.added_at = "2026-11-28T04:40:35Z";
  q.units = 43;
  CHECK(render_quarters_json({q}) == "{\"quarters\": [\n  {\"period\": \"2021Q1\", \"rules\": \"dazu-2020\", \"rules_sha256\": \"" +
                                  std::string(64, 'a') +
                                  "\", \"units\": 43, \"rank_within\": \"group\", \"added_at\": "
                                  "\"2026-11-28T04:40:35Z\", \"govscore_version\": \"0.9.0\"}\n]}\n");
  CHECK(render_quarters_json({}) == "{\"quarters\": []}\n");
  const AnnexTable table = quarters_table({q}, "govscore.db");
  CHECK(table.title == "govscore.db");
  REQUIRE(table.columns.size() == 7);
  CHECK(table.columns[3].title == "units");
  CHECK(table.columns[3].numeric);
  REQUIRE(table.rows.size() == 1);
  CHECK(table.rows[0].cells == std::vector<std::string>{"2021Q1", "dazu-2020", std::string(64, 'a'), "43", "group",
                                                        "2026-11-28T04:40:35Z", "0.9.0"});
}

TEST_CASE("archive add refuses an --as-of that is not a date as a usage error, before creating the archive") {
  const std::string db = fresh_folder("archive-as-of") + "/a.db";
  std::remove(db.c_str());
  Run run = run_govscore("archive add --db '" + db + "' -r rules/dazu-2020.yaml samples/dazu-2021q1.json --as-of 2021-13-01");
  CHECK(run.exit_code == 2);
  CHECK(run.err == "govscore: --as-of 2021-13-01: not a date (YYYY-MM-DD)\n");
  CHECK_FALSE(std::ifstream(db).good());
}

TEST_CASE("archive remove of an archive that is not there says so and makes none") {
  const std::string db = fresh_folder("archive-remove") + "/typo.db";
  std::remove(db.c_str());
  Run run = run_govscore("archive remove --db '" + db + "' --period 2021Q1");
  CHECK(run.exit_code == 1);
  CHECK(run.err == "govscore: " + db + ": no archive here (govscore archive add --db " + db + " … creates one)\n");
  CHECK_FALSE(std::ifstream(db).good());
}

TEST_CASE("recheck refuses a --deadline that is not a date as a usage error") {
  for (const char* deadline : {"2021-02-30", "15/01/2023"}) {
    INFO(deadline);
    Run run = run_govscore("recheck --db '" + scenario_db() + "' --period 2021Q1 --deadline " + deadline);
    CHECK(run.exit_code == 2);
    CHECK(run.err == std::string("govscore: --deadline ") + deadline + ": not a date (YYYY-MM-DD)\n");
    CHECK(run.out.empty());
  }
}

TEST_CASE("history commands take periods only as archives name them, and compare no quarter with itself") {
  const std::string db = " --db '" + scenario_db() + "'";
  const std::string why = "\": not a period as archives name them, e.g. 2021Q1, 2021H1, 2021 or 2021-03\n";
  const std::pair<std::string, std::string> cases[] = {
      {"compare --period 2021q3", "govscore: --period \"2021q3" + why},
      {"compare --period 2021Q3 --against 2021Q5", "govscore: --against \"2021Q5" + why},
      {"recheck --period 2021年第一季度", "govscore: --period \"2021年第一季度" + why},
      {"rollup --periods '2021Q1, 2021Q3'", "govscore: --periods \" 2021Q3" + why},
      {"rollup --periods ''", "govscore: --periods \"" + why},
      {"archive remove --period 2021Q5", "govscore: --period \"2021Q5" + why},
      {"compare --period 2021Q3 --against 2021Q3",
       "govscore: --against 2021Q3: the quarter compared (--period) itself; give an earlier one\n"},
  };
  for (const auto& [command, message] : cases) {
    INFO(command);
    Run run = run_govscore(command + db);
    CHECK(run.exit_code == 2);
    CHECK(run.err == message);
  }
  // In Chinese.
  CHECK(run_govscore("--lang zh compare --period 2021q3" + db).err ==
        "govscore: --period“2021q3”不是归档所用的检查期写法，如 2021Q1、2021H1、2021 或 2021-03\n");
  CHECK(run_govscore("--lang zh compare --period 2021Q3 --against 2021Q3" + db).err ==
        "govscore: --against 2021Q3：就是要比较的季度（--period）本身；请给出更早的季度\n");
  CHECK(run_govscore("--lang zh recheck --period 2021Q1 --deadline 2021-02-30" + db).err ==
        "govscore: --deadline 2021-02-30：不是日期（YYYY-MM-DD）\n");
  REQUIRE(history("archive list")["quarters"].size() == 3);
}

TEST_CASE("recheck's table says how each unit fared in the next quarter in the JSON's words, under that quarter's name") {
  Run run = run_govscore("recheck --period 2021Q1 --db '" + scenario_db() + "' -f csv");
  REQUIRE(run.exit_code == 0);
  CHECK(run.out.find("id,名称,主管单位,检查对象,得分,不合格原因,扣分,问题,复核情况（2021Q2）,2021Q2得分\r\n") !=
        std::string::npos);
  // tests/data/archive/README.md: dz-w-13 was vetoed (首页不更新) in 2021Q1 and scores 100 in 2021Q2.
  CHECK(run.out.find("dz-w-13,区交通局专栏,区交通局,website,,首页不更新,,,已整改,100.0\r\n") != std::string::npos);
  CHECK(run.out.find("仍不合格") == std::string::npos);
}

TEST_CASE("every history command prints each format") {
  for (const char* format : {"table", "csv", "md", "json"}) {
    for (const std::string command : {"compare --period 2021Q3", "recheck --period 2021Q1", "rollup --periods 2021Q1,2021Q3",
                                      "archive list"}) {
      INFO(command << " -f " << format);
      Run run = run_govscore(command + " --db '" + scenario_db() + "' -f " + format);
      CHECK(run.exit_code == 0);
      CHECK_FALSE(run.out.empty());
    }
  }
}

TEST_CASE("a history command's -o picks the format by its extension, as score's does") {
  const std::string folder = fresh_folder("history-format");
  for (const std::string command : {"compare --period 2021Q3", "recheck --period 2021Q1", "rollup --periods 2021Q1,2021Q3",
                                    "archive list"}) {
    INFO(command);
    const std::string db = " --db '" + scenario_db() + "'";
    REQUIRE(run_govscore(command + db + " -o '" + folder + "/out.csv'").exit_code == 0);
    CHECK(slurp(folder + "/out.csv") == run_govscore(command + db + " -f csv").out);
    REQUIRE(run_govscore(command + db + " -o '" + folder + "/out.json'").exit_code == 0);
    CHECK(slurp(folder + "/out.json") == run_govscore(command + db + " -f json").out);
    REQUIRE(run_govscore(command + db + " -o '" + folder + "/out.txt'").exit_code == 0);
    CHECK(slurp(folder + "/out.txt") == run_govscore(command + db).out);
    Run pdf = run_govscore(command + db + " -o '" + folder + "/out.pdf'");
    CHECK(pdf.exit_code == 2);
    const std::string name = command.substr(0, command.find(" --"));
    CHECK(pdf.err == "govscore: " + name + " -o " + folder +
                         "/out.pdf: the name must end in .csv, .json, .md or .txt, or give --format\n");
    CHECK(run_govscore(command + db + " -f csv -o '" + folder + "/forced.pdf'").exit_code == 0);
  }
}

TEST_CASE("no history command writes its output over the archive or the rule file it read") {
  const std::string before = slurp(scenario_db());
  for (const std::string command : {"compare --period 2021Q3", "recheck --period 2021Q1", "rollup --periods 2021Q1,2021Q3",
                                    "archive list"}) {
    for (const char* format : {"csv", "json"}) {
      INFO(command << " -f " << format);
      Run run = run_govscore(command + " --db '" + scenario_db() + "' -f " + format + " -o '" + scenario_db() + "'");
      CHECK(run.exit_code == 1);
      CHECK(run.err.find("an input of this run; write the output to another file") != std::string::npos);
    }
  }
  CHECK(slurp(scenario_db()) == before);
  // Nor over the files SQLite keeps beside an archive in WAL mode (a
  // reading command leaves them).
  REQUIRE(run_govscore("archive list --db '" + scenario_db() + "'").exit_code == 0);
  for (const char* companion : {"-wal", "-shm"}) {
    const std::string path = scenario_db() + companion;
    REQUIRE(std::ifstream(path).good());
    const std::string kept = slurp(path);
    Run run = run_govscore("archive list --db '" + scenario_db() + "' -f csv -o '" + path + "'");
    CHECK(run.exit_code == 1);
    CHECK(run.err == "govscore: " + path + ": is " + path + ", an input of this run; write the output to another file\n");
    CHECK(slurp(path) == kept);
  }
  const std::string rules = std::string(GOVSCORE_TEST_TMP) + "/rollup-rules-" + std::to_string(::getpid()) + ".yaml";
  write_file(rules, slurp(source_path("rules/dazu-2020.yaml")));
  Run run = run_govscore("rollup --periods 2021Q1,2021Q3 -r '" + rules + "' --db '" + scenario_db() + "' -f csv -o '" + rules + "'");
  CHECK(run.exit_code == 1);
  CHECK(run.err.find("an input of this run") != std::string::npos);
  CHECK(slurp(rules) == slurp(source_path("rules/dazu-2020.yaml")));
}

TEST_CASE("with --diagnostics json, the history commands' own problems are JSON lines too") {
  for (const std::string command : {"compare --period 2030Q1", "recheck --period 2030Q1", "rollup --periods 2021Q1,2030Q1",
                                    "archive remove --period 2030Q1"}) {
    INFO(command);
    Run run = run_govscore("--diagnostics json " + command + " --db '" + scenario_db() + "'");
    CHECK(run.exit_code == 1);
    REQUIRE(run.err.find('\n') == run.err.size() - 1);  // one line
    const json line = json::parse(run.err);
    CHECK(line["severity"] == "error");
    CHECK(line["code"] == "not-archived");
    CHECK(line["file"] == scenario_db());
    CHECK(line["message"] == scenario_db() + ": 2030Q1 is not archived");
  }
  Run twice = run_govscore("--diagnostics json rollup --periods 2021Q1,2021Q1 --db '" + scenario_db() + "'");
  CHECK(twice.exit_code == 2);
  CHECK(json::parse(twice.err)["code"] == "usage");
  Run text = run_govscore("compare --period 2030Q1 --db '" + scenario_db() + "'");
  CHECK(text.err == "govscore: " + scenario_db() + ": 2030Q1 is not archived\n");
}

TEST_CASE("archive add reads its rule file as every command does: one over the size limit is refused, and no archive is made") {
  const std::string tmp = std::string(GOVSCORE_TEST_TMP) + "/big-rules-" + std::to_string(::getpid());
  write_file(tmp + ".yaml", slurp(source_path("rules/dazu-2020.yaml")) + "# " + std::string(std::size_t{1} << 20, 'x') + "\n");
  const Run score = run_govscore("score -r '" + tmp + ".yaml' samples/dazu-2021q1.json");
  const Run add = run_govscore("archive add --db '" + tmp + ".db' -r '" + tmp + ".yaml' samples/dazu-2021q1.json");
  CHECK(score.exit_code == 1);
  CHECK(add.exit_code == 1);
  CHECK(add.err == score.err);
  CHECK(add.err.find("at most 1048576 bytes are read") != std::string::npos);
  CHECK_FALSE(std::ifstream(tmp + ".db").good());
}

TEST_CASE("report --db adds last quarter's scores and a 复核情况 section to the bulletin") {
  std::string md = std::string(GOVSCORE_TEST_TMP) + "/history-report-" + std::to_string(::getpid()) + ".md";
  Run run = run_govscore("report --db '" + scenario_db() + "' -r rules/dazu-2020.yaml " + kQuarters[1] + " -o '" + md + "'");
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  std::string text = slurp(md);
  std::remove(md.c_str());
  CHECK(text.find("| 上季度得分 | 变化 | 连续不合格 |") != std::string::npos);
  // dz-m-13 邮亭镇: 40.0 in 2021Q1, 80.0 now; dz-w-09: 50.0 twice, failing twice.
  CHECK(text.find("| 邮亭镇 | 微信公众号 |") != std::string::npos);
  CHECK(text.find("| 40.0 | +40.0 |  |") != std::string::npos);
  CHECK(text.find("| 50.0 | 0.0 | 是 |") != std::string::npos);
  CHECK(text.find("复核情况（2021Q1不合格单位）") != std::string::npos);
  CHECK(text.find("| 区交通局专栏 | 区交通局 | website |  | 首页不更新 | 已整改 | 100.0 |") != std::string::npos);
  Run first = run_govscore("report --db '" + scenario_db() + "' -r rules/dazu-2020.yaml " + kQuarters[0] + " -o '" + md + "'");
  CHECK(first.exit_code == 1);
  CHECK(first.err == "govscore: " + scenario_db() + ": no quarter archived before 2021Q1\n");
}

TEST_CASE("report --db puts the 复核情况 section in the Word document, read back by python-docx") {
  const std::string docx = std::string(GOVSCORE_TEST_TMP) + "/history-report-" + std::to_string(::getpid()) + ".docx";
  Run run = run_govscore("report --db '" + scenario_db() + "' -r rules/dazu-2020.yaml " + kQuarters[1] + " -o '" + docx + "'");
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  const std::string dump = docx + ".json";
  const std::string command =
      "/usr/bin/python3 '" + source_path("tests/tools/docx_dump.py") + "' '" + docx + "' > '" + dump + "'";
  REQUIRE(std::system(command.c_str()) == 0);
  const json doc = json::parse(slurp(dump));
  std::remove(docx.c_str());
  std::remove(dump.c_str());

  // The section's title, styled as an annex title, is the last paragraph
  // with text, and its table the document's last element.
  std::string last;
  for (const auto& p : doc["paragraphs"])
    if (!p["text"].get<std::string>().empty()) last = p["text"];
  CHECK(last == "复核情况（2021Q1不合格单位）");
  for (const auto& p : doc["paragraphs"])
    if (p["text"] == last) CHECK(p["style"] == "Annex Title");
  REQUIRE(doc["order"].back() == "table");

  // 2021Q1's six failures (tests/data/archive/README.md) in its table order,
  // with how each fares in 2021Q2: dz-w-28 55.0 and dz-w-09 50.0 fail again,
  // dz-w-13's 首页不更新 is fixed (100.0), dz-w-26 and dz-m-11 are vetoed
  // again, dz-m-13 goes from 40.0 to 80.0.
  const json& table = doc["tables"].back();
  CHECK(table["heading_rows"] == json::array({0}));
  CHECK(table["rows"] ==
        json::array({json::array({"名称", "主管单位", "检查对象", "上季度得分", "上季度不合格原因", "复核情况", "本季度得分"}),
                     json::array({"智凤街道专栏", "智凤街道办事处", "website", "55.0", "得分低于60分", "连续不合格", "55.0"}),
                     json::array({"区规划自然资源局专栏", "区规划自然资源局", "website", "50.0", "得分低于60分", "连续不合格", "50.0"}),
                     json::array({"区交通局专栏", "区交通局", "website", "", "首页不更新", "已整改", "100.0"}),
                     json::array({"龙岗街道专栏", "龙岗街道办事处", "website", "", "站点无法访问", "连续不合格", ""}),
                     json::array({"邮亭镇", "邮亭镇人民政府", "newmedia", "40.0", "得分低于60分", "已整改", "80.0"}),
                     json::array({"中敖镇", "中敖镇人民政府", "newmedia", "", "内容不更新", "连续不合格", ""})}));
}
