// govscore explain: where every point of one record went.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "govscore/explain.hpp"
#include "govscore/score.hpp"

namespace govscore::cli {
namespace {

struct ExplainOptions {
  InputOptions in;
  std::string id;
};

int run_explain(const ExplainOptions& o, const GlobalOptions& global) {
  if (!check_input_options(o.in)) return kUsage;
  auto in = load_inputs(o.in, global);
  if (!in) return kInvalidInput;
  auto ranked = rank(in->rules, in->batch, score(in->rules, in->batch, /*keep_traces=*/true, global.jobs),
                     RankWithin::kTarget, global.jobs);
  for (const auto& r : ranked) {
    if (in->batch.records[r.record].id == o.id) {
      govscore::ExplainOptions options;
      options.language = language();
      std::cout << explain(in->rules, in->batch, r, options);
      return kSuccess;
    }
  }
  say_error("no-such-record", worded(tr("no record with id \"{0}\" in the records given", o.id)));
  return kInvalidInput;
}

}  // namespace

void add_explain_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto o = std::make_shared<ExplainOptions>();
  auto* command = app.add_subcommand("explain", worded(tr("Show where every point of one record went")));
  add_input_options(command, o->in, true);
  command->add_option("--id", o->id, worded(tr("The record's id")))->required();
  command->callback([o, &global, &exit_code] { exit_code = run_explain(*o, global); });
}

}  // namespace govscore::cli
