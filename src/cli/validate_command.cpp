// govscore validate: every problem of a rule file and its records.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"

namespace govscore::cli {
namespace {

int run_validate(const InputOptions& in, const GlobalOptions& global) {
  if (!check_input_options(in)) return kUsage;
  auto rules = load_rules(in.rules_path);
  if (!rules) return kInvalidInput;
  if (in.record_paths.empty()) {
    const std::size_t targets = rules->targets.size();
    say(worded(targets == 1 ? tr("{0}: ok ({1} target)", in.rules_path, targets)
                            : tr("{0}: ok ({1} targets)", in.rules_path, targets)));
    return kSuccess;
  }
  std::size_t warnings = 0;
  auto batch = load_records(in, *rules, global, &warnings);
  if (!batch) return kInvalidInput;
  // Warnings leave the records valid, but "ok" would hide them.
  const std::size_t records = batch->records.size();
  if (warnings > 0)
    say(worded(tr("{0}: ok; {1} read, with {2} (above)", in.rules_path,
                  records == 1 ? tr("{0} record", records) : tr("{0} records", records),
                  warnings == 1 ? tr("{0} warning", warnings) : tr("{0} warnings", warnings))));
  else
    say(worded(records == 1 ? tr("{0}: ok; {1} record ok", in.rules_path, records)
                            : tr("{0}: ok; {1} records ok", in.rules_path, records)));
  return kSuccess;
}

}  // namespace

void add_validate_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto in = std::make_shared<InputOptions>();
  auto* command =
      app.add_subcommand("validate", worded(tr("Check a rule file and (optionally) records; problems to stderr")));
  add_input_options(command, *in, false);
  command->callback([in, &global, &exit_code] { exit_code = run_validate(*in, global); });
}

}  // namespace govscore::cli
