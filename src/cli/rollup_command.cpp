// govscore rollup: several archived quarters into a half-year or annual
// assessment, with tiers (等次) and regions that passed every check.
#include <algorithm>
#include <memory>

#include "cli/common.hpp"
#include "cli/history_commands.hpp"
#include "govscore/history.hpp"

namespace govscore::cli {
namespace {

struct RollupOptions {
  HistoryOutput out;
  std::vector<std::string> periods;
  std::string rules_path;
};

int run_rollup(const RollupOptions& o) {
  if (!check_periods("--periods", o.periods)) return kUsage;
  Rollup result;
  try {
    auto archive = Archive::open(o.out.db, Archive::Mode::kRead);
    std::vector<std::string> periods = o.periods;
    std::sort(periods.begin(), periods.end());
    for (std::size_t i = 1; i < periods.size(); ++i) {
      if (periods[i] == periods[i - 1]) {
        say_error("usage", worded(tr("--periods: {0} is given twice", periods[i])));
        return kUsage;
      }
    }
    for (const auto& p : periods)
      if (!is_archived(archive, o.out.db, p)) return kInvalidInput;
    // Tiers and decimals: the rule file given, else the last quarter's.
    std::optional<RuleSet> rules;
    if (!o.rules_path.empty()) {
      rules = load_rules(o.rules_path);
    } else {
      auto loaded = load_rules_text(archive.rules_text(periods.back()), o.out.db + ":" + periods.back());
      print(loaded.diagnostics);
      rules = std::move(loaded.rules);
    }
    if (!rules) return kInvalidInput;
    std::vector<QuarterInfo> quarters;
    for (const auto& p : periods) quarters.push_back(*archive.find(p));
    result = rollup(
        quarters,
        [&](std::size_t p, auto& texts, const auto& fold) {
          archive.read_units(periods[p], Archive::Parts::kWithoutDeductions, texts, fold);
        },
        *rules);
  } catch (const Error& e) {
    say_error("invalid-input", worded(e.message()), o.out.db);
    return kInvalidInput;
  }
  return emit_history(
      o.out, rollup_tables(result), [&] { return render_rollup_json(result); }, o.rules_path);
}

}  // namespace

void add_rollup_command(CLI::App& app, const GlobalOptions&, int& exit_code) {
  auto o = std::make_shared<RollupOptions>();
  auto* cmd =
      app.add_subcommand("rollup", worded(tr("Roll archived quarters up: passes, mean scores, tiers (等次), regions")));
  add_history_options(cmd, o->out);
  cmd->add_option("--periods", o->periods, worded(tr("The quarters, e.g. 2022Q1,2022Q2")))->required()->delimiter(',');
  cmd->add_option("--rules,-r", o->rules_path,
                  worded(tr("Take tiers and decimals from this rule file (default: the last quarter's)")));
  cmd->callback([o, &exit_code] { exit_code = settle_history_format(o->out) ? run_rollup(*o) : kUsage; });
}

}  // namespace govscore::cli
