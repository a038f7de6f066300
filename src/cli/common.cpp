// Helpers every subcommand shares (src/cli/common.hpp).
#include "cli/common.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <iostream>

#include "govscore/report.hpp"

namespace govscore::cli {
namespace {

constexpr std::size_t kMaxPrinted = 200;  // a broken export can have 10⁶ errors

// A progress bar on stderr, only for a terminal and only once a run has
// taken a second: scripts and short runs stay silent.
class ProgressBar {
 public:
  ProgressBar() : shown_(::isatty(2) != 0), start_(std::chrono::steady_clock::now()) {}
  ~ProgressBar() {
    if (drawn_) std::cerr << "\r\033[K" << std::flush;
  }
  void update(const std::string& file, std::size_t done, std::size_t total) {
    if (!shown_ || total == 0 || std::chrono::steady_clock::now() - start_ < std::chrono::seconds(1)) return;
    int width = 30;
    int filled = static_cast<int>(width * done / total);
    std::cerr << "\r\033[Kgovscore: " << file << " [" << std::string(static_cast<std::size_t>(filled), '#')
              << std::string(static_cast<std::size_t>(width - filled), ' ') << "] " << (100 * done / total) << "%"
              << std::flush;
    drawn_ = true;
  }

 private:
  bool shown_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace

void print(const govscore::Diagnostics& diagnostics) {
  std::size_t shown = 0;
  for (const auto& d : diagnostics.items()) {
    if (shown++ == kMaxPrinted) {
      std::cerr << "… " << diagnostics.items().size() - kMaxPrinted << " more not shown\n";
      break;
    }
    std::cerr << d.str() << "\n";
  }
}

std::string plural(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::optional<govscore::RuleSet> load_rules(const std::string& path) {
  auto loaded = govscore::load_rules(path);
  print(loaded.diagnostics);
  if (!loaded.rules)
    std::cerr << "govscore: " << plural(loaded.diagnostics.error_count(), "error") << " in " << path << "\n";
  return std::move(loaded.rules);
}

std::optional<govscore::Batch> load_records(const Common& c, const govscore::RuleSet& rules) {
  ProgressBar bar;
  govscore::LoadOptions options;
  options.progress = [&](const std::string& file, std::size_t done, std::size_t total) { bar.update(file, done, total); };
  options.period = c.period;
  options.as_of = c.as_of;
  options.skip_missing_facts = c.missing_facts == "skip";
  options.target = c.target;
  options.sheet = c.sheet;
  auto loaded = govscore::load_records(c.record_paths, rules, options);
  print(loaded.diagnostics);
  if (!loaded.batch)
    std::cerr << "govscore: " << plural(loaded.diagnostics.error_count(), "error") << " in the records; nothing was scored\n";
  return std::move(loaded.batch);
}

std::optional<Inputs> load_inputs(const Common& c) {
  auto rules = load_rules(c.rules_path);
  if (!rules) return std::nullopt;
  auto batch = load_records(c, *rules);
  if (!batch) return std::nullopt;
  return Inputs{std::move(*rules), std::move(*batch)};
}

void add_rank_within(CLI::App* cmd, std::string& within, const std::string& help) {
  cmd->add_option("--rank-within", within, help)->check(CLI::IsMember({"target", "group"}));
}

void add_inputs(CLI::App* cmd, Common& c, bool records_required) {
  cmd->add_option("--rules,-r", c.rules_path, "Rule file (YAML), e.g. rules/dazu-2020.yaml")->required();
  auto* records = cmd->add_option("records", c.record_paths, "Records files (.json, or .ndjson/.jsonl)");
  if (records_required) records->required();
  cmd->add_option("--period", c.period, "Period (e.g. 2021Q1) where the files give none");
  cmd->add_option("--as-of", c.as_of, "Check point that dates in facts are measured against (default: the file's window.to)");
  cmd->add_option("--missing-facts", c.missing_facts,
                  "A fact a condition needs is missing: error (default), or skip (the rule is not triggered, said in the trace)")
      ->check(CLI::IsMember({"error", "skip"}));
  cmd->add_option("--target,-t", c.target,
                  "Spreadsheet rows without a target column are of this target (e.g. website); score: only this target");
  cmd->add_option("--sheet", c.sheet, "The sheet of an .xlsx records file (default: the first)");
}


// Runs a writer of `output`, mapping its failure to an exit code.
int write_output(const std::string& output, const std::function<void()>& write) {
  try {
    write();
  } catch (const govscore::Error& e) {
    std::cerr << "govscore: " << e.what() << "\n";
    return kInvalidInput;
  }
  spdlog::info("wrote {}", output);
  return kSuccess;
}

// Prints to standard output, or writes `output` atomically.
int emit(const std::string& content, const std::string& output) {
  if (output.empty() || output == "-") {
    std::cout << content << std::flush;
    return std::cout ? kSuccess : kInvalidInput;
  }
  return write_output(output, [&] { govscore::write_file_atomically(output, content); });
}

govscore::RankWithin ranking_of(const std::string& within) {
  return within == "group" ? govscore::RankWithin::kGroup : govscore::RankWithin::kTarget;
}

}  // namespace govscore::cli
