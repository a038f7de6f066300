// Options and output shared by the archive's commands (history_commands.hpp).
#include "cli/common.hpp"
#include "cli/history_commands.hpp"
#include "govscore/report.hpp"

namespace govscore::cli {

void add_history_options(CLI::App* cmd, HistoryOutput& o) {
  cmd->add_option("--db", o.db, "The archive file (default govscore.db)");
  cmd->add_option("--format,-f", o.format, "table, csv, md or json")->check(CLI::IsMember({"table", "csv", "md", "json"}));
  cmd->add_option("--output,-o", o.output, "Write here (atomically) instead of standard output");
}

int emit_history(const HistoryOutput& o, const std::vector<AnnexTable>& tables, const std::function<std::string()>& json) {
  if (o.format == "json") return emit(json(), o.output);
  if (o.format == "csv") return emit(render_csv(tables), o.output);
  if (o.format == "md") return emit(render_markdown(tables), o.output);
  return emit(render_text(tables), o.output);
}

}  // namespace govscore::cli
