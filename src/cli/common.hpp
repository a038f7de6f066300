// What the command line's subcommands share (internal to src/cli/): exit
// codes, the options that name rule and records files, loading them with
// diagnostics printed, and writing an output.
#pragma once

#include <CLI/CLI.hpp>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "govscore/error.hpp"
#include "govscore/rank.hpp"
#include "govscore/records.hpp"
#include "govscore/rules.hpp"

namespace govscore::cli {

// The only place exit codes are decided.
enum ExitCode : int {
  kSuccess = 0,
  kInvalidInput = 1,  // a rule or records file has errors; an output cannot be written
  kUsage = 2,         // the command line itself is wrong
};

struct Common {
  std::string rules_path;
  std::vector<std::string> record_paths;
  std::string period;
  std::string as_of;
  std::string missing_facts = "error";
  std::string target;  // score: only this target; spreadsheets: the rows' target
  std::string sheet;
};

// Seconds since the last lap, for --verbose: where a long run spends its time.
class Stopwatch {
 public:
  double lap() {
    auto now = std::chrono::steady_clock::now();
    double seconds = std::chrono::duration<double>(now - last_).count();
    last_ = now;
    return seconds;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

// The rule file and the records, both loaded and valid; nullopt after
// printing why not.
struct Inputs {
  govscore::RuleSet rules;
  govscore::Batch batch;
};

// Prints diagnostics to stderr, at most 200, then how many more.
void print(const govscore::Diagnostics& diagnostics);
// "1 error", "3 errors".
std::string plural(std::size_t n, const char* word);
// Loads a rule file, printing its diagnostics; nullopt when it has errors.
std::optional<govscore::RuleSet> load_rules(const std::string& path);
// Loads the records `c` names against `rules`, printing diagnostics (and a
// progress bar on a terminal); nullopt when they have errors.
std::optional<govscore::Batch> load_records(const Common& c, const govscore::RuleSet& rules);
std::optional<Inputs> load_inputs(const Common& c);
// --rank-within target|group.
void add_rank_within(CLI::App* cmd, std::string& within, const std::string& help);
// --rules, RECORDS…, --period, --as-of, --missing-facts, --target, --sheet.
void add_inputs(CLI::App* cmd, Common& c, bool records_required);
// Runs a writer of `output`, mapping its failure to an exit code.
int write_output(const std::string& output, const std::function<void()>& write);
// Prints to standard output, or writes `output` atomically.
int emit(const std::string& content, const std::string& output);
govscore::RankWithin ranking_of(const std::string& within);

}  // namespace govscore::cli
