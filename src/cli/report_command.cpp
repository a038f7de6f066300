// govscore report: the bulletin as a workbook, a web page or Markdown.
#include <memory>

#include "cli/commands.hpp"
#include "govscore/bulletin.hpp"
#include "govscore/html.hpp"
#include "govscore/summary.hpp"
#include "govscore/xlsx.hpp"

namespace govscore::cli {
namespace {

struct ReportOptions {
  InputOptions in;
  std::string output;
  std::string within = "target";
};

int run_report(const ReportOptions& o, const GlobalOptions& global) {
  const std::string format = format_from_name("report", o.output, {{"xlsx", "xlsx"}, {"html", "html"}, {"md", "md"}}, false);
  if (format.empty()) return kUsage;
  if (!check_input_options(o.in)) return kUsage;
  auto in = load_inputs(o.in, global);
  if (!in) return kInvalidInput;
  auto bulletin = make_bulletin(in->rules, in->batch, ranking_of(o.within));
  if (format == "html") return emit(render_html(bulletin), o.output, o.in);
  if (format == "md") return emit(render_bulletin_markdown(bulletin), o.output, o.in);
  return write_with(o.output, [&](const OutputOptions& options) { write_xlsx(bulletin, o.output, options); }, o.in);
}

}  // namespace

void add_report_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto o = std::make_shared<ReportOptions>();
  auto* command = app.add_subcommand("report", "Write the bulletin as a workbook, a web page or Markdown");
  add_input_options(command, o->in, true);
  command->add_option("--output,-o", o->output, "report.xlsx, report.html or report.md")->required();
  add_rank_within(command, o->within, "Rank (and list bands) within each target, or each target and group");
  command->callback([o, &global, &exit_code] { exit_code = run_report(*o, global); });
}

}  // namespace govscore::cli
