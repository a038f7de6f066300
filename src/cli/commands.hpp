// The commands of the command line, one file each: every add_*_command adds
// its subcommand and options to `app`, and runs it when it is chosen,
// leaving its exit code in `exit_code`.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/common.hpp"

namespace govscore::cli {

void add_score_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_summary_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_report_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_audit_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_validate_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_explain_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_rules_command(CLI::App& app, const GlobalOptions& global, int& exit_code);

}  // namespace govscore::cli
