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
    say(in.rules_path + ": ok (" + plural(rules->targets.size(), "target") + ")");
    return kSuccess;
  }
  std::size_t warnings = 0;
  auto batch = load_records(in, *rules, global, &warnings);
  if (!batch) return kInvalidInput;
  // Warnings leave the records valid, but "ok" would hide them.
  if (warnings > 0)
    say(in.rules_path + ": ok; " + plural(batch->records.size(), "record") + " read, with " +
        plural(warnings, "warning") + " (above)");
  else
    say(in.rules_path + ": ok; " + plural(batch->records.size(), "record") + " ok");
  return kSuccess;
}

}  // namespace

void add_validate_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto in = std::make_shared<InputOptions>();
  auto* command = app.add_subcommand("validate", "Check a rule file and (optionally) records; problems to stderr");
  add_input_options(command, *in, false);
  command->callback([in, &global, &exit_code] { exit_code = run_validate(*in, global); });
}

}  // namespace govscore::cli
