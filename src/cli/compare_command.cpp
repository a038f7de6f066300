// govscore compare: one archived quarter against an earlier one.
#include <memory>

#include "cli/common.hpp"
#include "cli/history_commands.hpp"
#include "govscore/history.hpp"

namespace govscore::cli {
namespace {

struct CompareOptions {
  HistoryOutput out;
  std::string period;
  std::string against;
  std::string match = "id";
};

int run_compare(const CompareOptions& o, const GlobalOptions& global) {
  if (!check_periods("--period", {o.period}) || (!o.against.empty() && !check_periods("--against", {o.against})))
    return kUsage;
  if (o.against == o.period) {
    say_error("usage", worded(tr("--against {0}: the quarter compared (--period) itself; give an earlier one", o.against)));
    return kUsage;
  }
  std::vector<ArchivedQuarter> quarters;  // this one and the earlier one: the comparison views their texts
  Comparison comparison;
  try {
    auto archive = Archive::open(o.out.db, Archive::Mode::kRead);
    if (!is_archived(archive, o.out.db, o.period)) return kInvalidInput;
    std::string against = o.against;
    if (against.empty()) {
      auto previous = archive.previous(o.period);
      if (!previous) {
        say_error("not-archived", worded(tr("{0}: no quarter archived before {1} (give --against)", o.out.db, o.period)),
                  o.out.db);
        return kInvalidInput;
      }
      against = *previous;
    } else if (!is_archived(archive, o.out.db, against)) {
      return kInvalidInput;
    }
    quarters = load_quarters(o.out.db, {o.period, against}, Archive::Parts::kAll, global.jobs);
    comparison = compare(quarters[0], quarters[1], o.match == "name" ? MatchBy::kName : MatchBy::kId);
  } catch (const Error& e) {
    say_error("invalid-input", worded(e.message()), o.out.db);
    return kInvalidInput;
  }
  for (const auto& message : comparison.ambiguous) say_warning("ambiguous-name", message, o.out.db);
  return emit_history(o.out, comparison_tables(comparison), [&] { return render_comparison_json(comparison); });
}

}  // namespace

void add_compare_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto o = std::make_shared<CompareOptions>();
  auto* cmd =
      app.add_subcommand("compare", worded(tr("Compare an archived quarter with an earlier one, unit by unit")));
  add_history_options(cmd, o->out);
  cmd->add_option("--period", o->period, worded(tr("The quarter, e.g. 2022Q2")))->required();
  cmd->add_option("--against", o->against, worded(tr("The earlier quarter (default: the archived one just before)")));
  cmd->add_option("--match", o->match,
                  worded(tr("Match units by id (default), or by target, name, owner and platform")))
      ->check(CLI::IsMember({"id", "name"}));
  cmd->callback([o, &global, &exit_code] {
    exit_code = settle_history_format(o->out) ? run_compare(*o, global) : kUsage;
  });
}

}  // namespace govscore::cli
