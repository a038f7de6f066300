// govscore archive add | list | remove: scored quarters into and out of the
// archive file (docs/archive.md).
#include "govscore/version.hpp"
#include <spdlog/spdlog.h>

#include <memory>

#include "cli/common.hpp"
#include "cli/history_commands.hpp"
#include "govscore/archive.hpp"
#include "govscore/history.hpp"
#include "govscore/report.hpp"
#include "govscore/score.hpp"

namespace govscore::cli {
namespace {

struct AddOptions {
  InputOptions inputs;
  std::string db = "govscore.db";
  std::string within = "target";
  bool replace = false;
};

struct RemoveOptions {
  std::string db = "govscore.db";
  std::string period;
};

Message describe(const QuarterInfo& q) {
  return tr("{0} (added {1}, {2} units, rules {3} sha256 {4}…)", q.period, q.added_at, q.units, q.rules_id,
            q.rules_sha256.substr(0, 12));
}

int run_add(const AddOptions& o, const GlobalOptions& global) {
  if (!check_input_options(o.inputs)) return kUsage;
  Stopwatch watch;
  std::string rules_text;  // stored and hashed as it is
  const auto loaded_rules = load_rules(o.inputs.rules_path, &rules_text);
  if (!loaded_rules) return kInvalidInput;
  const RuleSet& rules = *loaded_rules;
  auto batch = load_records(o.inputs, rules, global);
  if (!batch) return kInvalidInput;
  spdlog::info("{}", worded(tr("loaded {0} records in {1} s", batch->records.size(), fmt::format("{:.2f}", watch.lap()))));
  auto within = ranking_of(o.within);
  auto ranked = rank(rules, *batch, score(rules, *batch, /*keep_traces=*/false, global.jobs), within);
  spdlog::info("{}", worded(tr("scored and ranked in {0} s", fmt::format("{:.2f}", watch.lap()))));
  try {
    auto archive = Archive::open(o.db, Archive::Mode::kWrite);
    QuarterToAdd q;
    q.rules = &rules;
    q.rules_text = &rules_text;
    q.batch = &*batch;
    q.ranked = &ranked;
    q.within = within;
    q.as_of = o.inputs.as_of;
    q.skip_missing_facts = o.inputs.missing_facts == "skip";
    q.govscore_version = kVersion;
    q.jobs = global.jobs;
    auto replaced = archive.add(q, o.replace);
    spdlog::info("{}", worded(tr("stored in {0} s", fmt::format("{:.2f}", watch.lap()))));
    if (replaced) say("govscore: " + worded(tr("replaced {0}", describe(*replaced))));
    say("govscore: " + worded(ranked.size() == 1
                                  ? tr("archived {0} ({1} unit) in {2}", batch->period, ranked.size(), o.db)
                                  : tr("archived {0} ({1} units) in {2}", batch->period, ranked.size(), o.db)));
    return kSuccess;
  } catch (const Error& e) {
    say_error("invalid-input", worded(e.message()), o.db);
    return kInvalidInput;
  }
}

int run_list(const HistoryOutput& o) {
  std::vector<QuarterInfo> quarters;
  try {
    quarters = Archive::open(o.db, Archive::Mode::kRead).list();
  } catch (const Error& e) {
    say_error("invalid-input", worded(e.message()), o.db);
    return kInvalidInput;
  }
  return emit_history(o, {quarters_table(quarters, o.db)}, [&] { return render_quarters_json(quarters); });
}

int run_remove(const RemoveOptions& o) {
  if (!check_periods("--period", {o.period})) return kUsage;
  try {
    // kUpdate: a name that is no archive (a typo) is said to be none, and no
    // archive is made to remove nothing from.
    auto archive = Archive::open(o.db, Archive::Mode::kUpdate);
    auto info = archive.find(o.period);
    if (!info || !archive.remove(o.period)) {
      say_error("not-archived", worded(tr("{0}: {1} is not archived", o.db, o.period)), o.db);
      return kInvalidInput;
    }
    say("govscore: " + worded(tr("removed {0} from {1}", describe(*info), o.db)));
    return kSuccess;
  } catch (const Error& e) {
    say_error("invalid-input", worded(e.message()), o.db);
    return kInvalidInput;
  }
}

}  // namespace

void add_archive_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto* archive =
      app.add_subcommand("archive", worded(tr("Keep scored quarters in an archive file (add, list, remove)")));
  archive->require_subcommand(1);

  auto add_options = std::make_shared<AddOptions>();
  auto* add =
      archive->add_subcommand("add", worded(tr("Score records and store the quarter (its period from the records)")));
  add_input_options(add, add_options->inputs, true);
  add->add_option("--db", add_options->db, worded(tr("The archive file (default govscore.db)")));
  add->add_flag("--replace", add_options->replace, worded(tr("Replace the quarter if its period is already archived")));
  add_rank_within(add, add_options->within, worded(tr("Rank within each target, or each target and group")));
  add->callback([add_options, &global, &exit_code] { exit_code = run_add(*add_options, global); });

  auto list_options = std::make_shared<HistoryOutput>();
  auto* list = archive->add_subcommand("list", worded(tr("List the archived quarters")));
  add_history_options(list, *list_options);
  list->callback([list_options, &exit_code] {
    exit_code = settle_history_format(*list_options) ? run_list(*list_options) : kUsage;
  });

  auto remove_options = std::make_shared<RemoveOptions>();
  auto* remove = archive->add_subcommand("remove", worded(tr("Remove one quarter")));
  remove->add_option("--db", remove_options->db, worded(tr("The archive file (default govscore.db)")));
  remove->add_option("--period", remove_options->period, worded(tr("The period to remove, e.g. 2022Q1")))->required();
  remove->callback([remove_options, &exit_code] { exit_code = run_remove(*remove_options); });
}

}  // namespace govscore::cli
