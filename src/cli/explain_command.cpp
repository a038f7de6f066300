// govscore explain: where every point of one record went.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "govscore/explain.hpp"
#include "govscore/score.hpp"

namespace govscore::cli {
namespace {

struct ExplainCommandOptions {
  InputOptions in;
  std::string id;
};

int run_explain(const ExplainCommandOptions& o, const GlobalOptions& global) {
  if (!check_input_options(o.in)) return kUsage;
  auto in = load_inputs(o.in, global);
  if (!in) return kInvalidInput;
  auto ranked = rank(in->rules, in->batch, score(in->rules, in->batch, /*keep_traces=*/true, global.jobs));
  for (const auto& r : ranked) {
    if (in->batch.records[r.record].id == o.id) {
      ExplainOptions options;
      options.language = language();
      std::cout << explain(in->rules, in->batch, r, options);
      return kSuccess;
    }
  }
  // Not an id: a unit's name (名称), exactly, when one unit has it.
  std::vector<const Result*> named;
  for (const auto& r : ranked)
    if (in->batch.records[r.record].name == o.id) named.push_back(&r);
  if (named.size() == 1) {
    ExplainOptions options;
    options.language = language();
    std::cout << explain(in->rules, in->batch, *named.front(), options);
    return kSuccess;
  }
  if (named.size() > 1) {
    std::string candidates;
    for (const Result* r : named) {
      const Record& rec = in->batch.records[r->record];
      candidates += (candidates.empty() ? "" : ", ") + std::string(rec.id) + " (" + in->rules.targets[rec.target].id +
                    (rec.platform.empty() ? "" : ", " + std::string(rec.platform)) +
                    (rec.owner.empty() ? "" : ", " + std::string(rec.owner)) + ")";
    }
    say_error("ambiguous-name", worded(tr("{0} units are named \"{1}\": {2}; give one of these ids", named.size(), o.id,
                                          candidates)));
    return kInvalidInput;
  }
  say_error("no-such-record", worded(tr("no record with id or name \"{0}\" in the records given", o.id)));
  return kInvalidInput;
}

}  // namespace

void add_explain_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto o = std::make_shared<ExplainCommandOptions>();
  auto* command = app.add_subcommand("explain", worded(tr("Show where every point of one record went")));
  add_input_options(command, o->in, true);
  command->add_option("--id,--name", o->id, worded(tr("The record's id, or its unit's name (名称) when no id is that")))
      ->required();
  command->callback([o, &global, &exit_code] { exit_code = run_explain(*o, global); });
}

}  // namespace govscore::cli
