// govscore recheck: the re-check list (复核名单) of a quarter's failures, and
// with --deadline the rectification list (整改清单).
#include <memory>

#include "cli/common.hpp"
#include "cli/history_commands.hpp"
#include "govscore/history.hpp"

namespace govscore::cli {
namespace {

struct RecheckOptions {
  HistoryOutput out;
  std::string period;
  std::string deadline;
};

int run_recheck(const RecheckOptions& o) {
  if (!check_periods("--period", {o.period})) return kUsage;
  if (!check_date_option("--deadline", o.deadline)) return kUsage;
  Recheck result;
  try {
    auto archive = Archive::open(o.out.db, Archive::Mode::kRead);
    if (!is_archived(archive, o.out.db, o.period)) return kInvalidInput;
    // The quarter's failures, and how the next archived quarter has them.
    auto failed = archive.load(o.period, Archive::Parts::kAll, Archive::Units::kFailed);
    std::optional<ArchivedQuarter> next;
    if (auto later = archive.next(o.period)) next = archive.load_matching(*later, failed, Archive::Parts::kWithoutDeductions);
    result = recheck(failed, archive.findings_of_failed(o.period), next ? &*next : nullptr, o.deadline);
  } catch (const Error& e) {
    say_error("invalid-input", worded(e.message()), o.out.db);
    return kInvalidInput;
  }
  return emit_history(o.out, recheck_tables(result), [&] { return render_recheck_json(result); });
}

}  // namespace

void add_recheck_command(CLI::App& app, const GlobalOptions&, int& exit_code) {
  auto o = std::make_shared<RecheckOptions>();
  auto* cmd = app.add_subcommand(
      "recheck", worded(tr("List a quarter's failures for re-checking, and how they fare in the next")));
  add_history_options(cmd, o->out);
  cmd->add_option("--period", o->period, worded(tr("The quarter whose failures are re-checked, e.g. 2022Q1")))
      ->required();
  cmd->add_option("--deadline", o->deadline,
                  worded(tr("Also list each problem to rectify by this date, e.g. 2023-01-15")));
  cmd->callback([o, &exit_code] { exit_code = settle_history_format(o->out) ? run_recheck(*o) : kUsage; });
}

}  // namespace govscore::cli
