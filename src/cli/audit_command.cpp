// govscore audit: a published table recomputed, every disagreement listed.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "govscore/audit.hpp"

namespace govscore::cli {
namespace {

struct AuditCommandOptions {
  InputOptions in;
  std::string within = "target";
  std::string ranking = "competition";
};

int run_audit(const AuditCommandOptions& o, const GlobalOptions& global) {
  if (!check_input_options(o.in)) return kUsage;
  auto in = load_inputs(o.in, global);
  if (!in) return kInvalidInput;
  AuditOptions options;
  options.within = ranking_of(o.within);
  options.ranking = o.ranking == "dense" ? RankingMethod::kDense : RankingMethod::kCompetition;
  auto found = audit(in->rules, in->batch, options);
  std::cout << render_audit(in->rules, in->batch, found, language());
  return found.empty() ? kSuccess : kAuditDisagrees;
}

}  // namespace

void add_audit_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto o = std::make_shared<AuditCommandOptions>();
  auto* command = app.add_subcommand(
      "audit", worded(tr("Recompute a published table and list every disagreement (exit 3 if any)")));
  add_input_options(command, o->in, true);
  add_rank_within(command, o->within,
                  worded(tr("The published ranks are within each target, or each target and group")));
  command
      ->add_option("--ranking", o->ranking,
                   worded(tr("How the published table ranks: competition (1, 1, 3) or dense (1, 1, 2)")))
      ->check(CLI::IsMember({"competition", "dense"}));
  command->callback([o, &global, &exit_code] { exit_code = run_audit(*o, global); });
}

}  // namespace govscore::cli
