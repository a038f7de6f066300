// Options and output shared by the archive's commands (history_commands.hpp).
#include "cli/common.hpp"
#include "cli/history_commands.hpp"
#include "util/period.hpp"
#include "govscore/report.hpp"


#include "govscore/history.hpp"

namespace govscore::cli {

bool add_previous_quarter(Bulletin& b, const std::string& db) {
  try {
    auto archive = Archive::open(db, Archive::Mode::kRead);
    auto previous = archive.previous(b.batch->period);
    if (!previous) {
      say_error("not-archived", worded(tr("{0}: no quarter archived before {1}", db, b.batch->period)), db);
      return false;
    }
    govscore::add_previous_quarter(b, archive.load(*previous));
    return true;
  } catch (const Error& e) {
    say_error("invalid-input", worded(e.message()), db);
    return false;
  }
}

bool check_periods(const std::string& option, const std::vector<std::string>& periods) {
  for (const auto& period : periods) {
    if (Period::parse(period)) continue;
    say_error("usage", worded(tr("{0} \"{1}\": not a period as archives name them, e.g. 2021Q1, 2021H1, 2021 or 2021-03",
                                 option, period)));
    return false;
  }
  return true;
}

bool is_archived(Archive& archive, const std::string& db, const std::string& period) {
  if (archive.find(period)) return true;
  say_error("not-archived", worded(tr("{0}: {1} is not archived", db, period)), db);
  return false;
}

void add_history_options(CLI::App* cmd, HistoryOutput& o) {
  // "archive list": the parent's name too when the parent is a command.
  const CLI::App* parent = cmd->get_parent();
  o.command = parent && parent->get_parent() ? parent->get_name() + " " + cmd->get_name() : cmd->get_name();
  cmd->add_option("--db", o.db, worded(tr("The archive file (default govscore.db)")));
  cmd->add_option("--format,-f", o.format, worded(tr("table, csv, md or json (default: from -o's extension, else table)")))
      ->check(CLI::IsMember({"table", "csv", "md", "json"}));
  cmd->add_option("--output,-o", o.output, worded(tr("Write here (atomically) instead of standard output")));
}

bool settle_history_format(HistoryOutput& o) {
  o.format = output_format(o.command, o.format, o.output, kTableFormats, "table");
  return !o.format.empty();
}

int emit_history(const HistoryOutput& o, const std::vector<AnnexTable>& tables, const std::function<std::string()>& json,
                 const std::string& rules_path) {
  InputOptions read;  // what the output must never replace
  // The archive, and the files SQLite keeps beside it while it is open.
  read.record_paths = {o.db, o.db + "-wal", o.db + "-shm", o.db + "-journal"};
  read.rules_path = rules_path;
  if (o.format == "json") return emit(json(), o.output, read);
  return emit_stream(
      [&](std::ostream& out) {
        if (o.format == "csv") write_csv(out, tables);
        else if (o.format == "md") write_markdown(out, tables);
        else write_text(out, tables);
      },
      o.output, read);
}

}  // namespace govscore::cli
