// govscore rules: a rule file's indicator tree, to check against the scheme.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "govscore/explain.hpp"

namespace govscore::cli {

void add_rules_command(CLI::App& app, const GlobalOptions&, int& exit_code) {
  auto path = std::make_shared<std::string>();
  auto* command = app.add_subcommand("rules", worded(tr("Print a rule file's indicator tree")));
  command->add_option("rules", *path, worded(tr("Rule file (YAML)")))->required();
  command->callback([path, &exit_code] {
    auto rules = load_rules(*path);
    if (!rules) {
      exit_code = kInvalidInput;
      return;
    }
    govscore::ExplainOptions options;
    options.language = language();
    std::cout << describe(*rules, options);
    exit_code = kSuccess;
  });
}

}  // namespace govscore::cli
