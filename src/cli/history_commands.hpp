// The subcommands that work on the archive (internal to src/cli/): each
// lives in its own file and is added to the command line by one call.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

#include "govscore/annex.hpp"
#include "govscore/archive.hpp"
#include "govscore/bulletin.hpp"

namespace govscore::cli {

struct GlobalOptions;  // common.hpp

// As commands.hpp's: each adds its subcommand and options to `app`, and
// runs it when it is chosen, leaving its exit code in `exit_code`.
void add_archive_command(CLI::App& app, const GlobalOptions& global, int& exit_code);  // add | list | remove
void add_compare_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_recheck_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_rollup_command(CLI::App& app, const GlobalOptions& global, int& exit_code);

// report --db: adds the quarter before the bulletin's period, as archived
// in `db`, to `b`; false after printing why it cannot.
bool add_previous_quarter(Bulletin& b, const std::string& db);

// The options every history command takes: --db, --format, --output.
struct HistoryOutput {
  std::string command;  // as messages name it: "compare", "archive list"
  std::string db = "govscore.db";
  std::string format;   // empty: from -o's extension, else table
  std::string output;
};
void add_history_options(CLI::App* cmd, HistoryOutput& o);

// Settles o.format before any work: as given, else from -o's extension
// (.txt, .csv, .md, .json), else table; false after saying that -o's name
// gives no format (a usage error).
bool settle_history_format(HistoryOutput& o);

// Whether each of `periods`, given to `option` ("--period"), is written as
// a period is archived (2021Q1, 2021H1, 2021, 2021-03); when one is not,
// says so on stderr (a usage error).
bool check_periods(const std::string& option, const std::vector<std::string>& periods);

// Whether `period` is archived in `archive` (the file `db`); when it is
// not, says so on stderr.
bool is_archived(Archive& archive, const std::string& db, const std::string& period);

// Writes `tables` in o.format (table, csv, md), or `json()` for json, to
// standard output or atomically to o.output, which must not be the archive
// (o.db) or the rule file read (`rules_path`, when one was). Returns the
// exit code.
int emit_history(const HistoryOutput& o, const std::vector<AnnexTable>& tables, const std::function<std::string()>& json,
                 const std::string& rules_path = "");

}  // namespace govscore::cli
