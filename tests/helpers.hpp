// Verbs that let the tests read as scenarios: load a rule file from text,
// load records against it, score, rank, run the built binary.
#pragma once

#include <algorithm>

#include <dirent.h>

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "govscore/rank.hpp"
#include "govscore/records.hpp"
#include "govscore/rules.hpp"
#include "govscore/score.hpp"

namespace govscore::test {

inline std::string source_path(const std::string& relative) { return std::string(GOVSCORE_SOURCE_DIR) + "/" + relative; }

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_file(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// A folder under the tests' temporary folder (made if missing), for files
// a test writes.
inline std::string fresh_folder(const std::string& name) {
  const std::string path = std::string(GOVSCORE_TEST_TMP) + "/" + name;
  ::mkdir(path.c_str(), 0755);
  return path;
}

// Rules from YAML text that must load.
inline RuleSet rules_from(const std::string& yaml) {
  auto loaded = load_rules_text(yaml, "rules.yaml");
  INFO(loaded.diagnostics.str());
  REQUIRE(loaded.rules);
  return *loaded.rules;
}

// Every diagnostic of a rule file given as text.
// The errors alone, one a line as Diagnostics::str() writes them: for tests
// of small sheets, which also warn of the indicators they have no column for
// (a warning tested on its own).
inline std::string errors_of(const Diagnostics& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics.items())
    if (d.severity == Severity::kError) out += d.str() + "\n";
  return out;
}

// The inputs of a corpus folder (tests/data/bad): its files, sorted, without
// dot files, README.md and the .expected files beside them.
inline std::vector<std::string> corpus_files(const std::string& dir) {
  std::vector<std::string> out;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d)) {
      std::string name = e->d_name;
      if (name[0] == '.' || name == "README.md" || (name.size() > 9 && name.compare(name.size() - 9, 9, ".expected") == 0))
        continue;
      out.push_back(name);
    }
    closedir(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

inline bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

inline std::string rule_problems(const std::string& yaml) { return load_rules_text(yaml, "rules.yaml").diagnostics.str(); }

inline RuleSet shipped_rules(const std::string& name) {
  auto loaded = load_rules(source_path("rules/" + name));
  INFO(loaded.diagnostics.str());
  REQUIRE(loaded.rules);
  return *loaded.rules;
}

// The shipped rule files, loaded once.
inline const RuleSet& dazu() {
  static const RuleSet rules = shipped_rules("dazu-2020.yaml");
  return rules;
}
inline const RuleSet& national() {
  static const RuleSet rules = shipped_rules("national-2019.yaml");
  return rules;
}

// Records from JSON text that must load.
inline Batch records_from(const std::string& json, const RuleSet& rules, const std::string& path = "records.json") {
  auto loaded = load_records_text(json, path, rules);
  INFO(loaded.diagnostics.str());
  REQUIRE(loaded.batch);
  return *loaded.batch;
}

// Every diagnostic of records given as text.
inline std::string record_problems(const std::string& json, const RuleSet& rules,
                                   const std::string& path = "records.json") {
  return load_records_text(json, path, rules).diagnostics.str();
}

// A one-record file: {"period": "2021Q1", "records": [<record>]}.
inline std::string one_record(const std::string& record) {
  return "{\"period\": \"2021Q1\", \"records\": [\n" + record + "\n]}";
}

// Scores and ranks; results in table order.
inline std::vector<Result> ranked(const RuleSet& rules, const Batch& batch, RankWithin within = RankWithin::kTarget) {
  return rank(rules, batch, score(rules, batch), within);
}

// The result of the only record in `json`.
inline Result score_one(const RuleSet& rules, const std::string& record) {
  Batch batch = records_from(one_record(record), rules);
  return score_record(rules, batch.records.at(0));
}

inline std::string rounded(const Result& r, int decimals = 1) { return r.has_score() ? r.score()->fixed(decimals) : "none"; }

struct Run {
  std::string out;
  std::string err;
  int exit_code = -1;
};

// Runs the built govscore with `args` (shell words) from the source folder,
// with `environment` (shell assignments) before it: English by default,
// whatever the locale of the machine running the tests (docs/language.md).
inline Run run_govscore(const std::string& args, const std::string& environment = "LANGUAGE=en ") {
  // One stderr file per test process: ctest -j runs several at once.
  std::string err_file = std::string(GOVSCORE_TEST_TMP) + "/stderr-" + std::to_string(::getpid()) + ".txt";
  std::string command = "cd '" + std::string(GOVSCORE_SOURCE_DIR) + "' && " + environment + "'" + GOVSCORE_BINARY +
                        "' " + args + " 2>'" + err_file + "'";
  Run run;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  char buffer[4096];
  std::size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) run.out.append(buffer, n);
  int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.err = slurp(err_file);
  std::remove(err_file.c_str());
  return run;
}

}  // namespace govscore::test
