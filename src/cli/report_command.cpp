// govscore report: the bulletin as a workbook, a web page or Markdown.
#include <memory>

#include "cli/commands.hpp"
#if GOVSCORE_ARCHIVE
#include "cli/history_commands.hpp"
#endif
#include "govscore/bulletin.hpp"
#include "govscore/bulletin_outline.hpp"
#include "govscore/docx.hpp"
#include "govscore/html.hpp"
#include "govscore/summary.hpp"
#include "govscore/xlsx.hpp"

namespace govscore::cli {
namespace {

struct ReportOptions {
  InputOptions in;
  std::string output;
  BulletinOptions bulletin;
  std::string db;  // --db: the archive whose previous quarter the report compares with
};

int run_report(const ReportOptions& o, const GlobalOptions& global) {
  const std::string format =
      format_from_name("report", o.output, {{"docx", "docx"}, {"xlsx", "xlsx"}, {"html", "html"}, {"md", "md"}}, false);
  if (format.empty()) return kUsage;
  if (!check_input_options(o.in)) return kUsage;
  auto in = load_inputs(o.in, global);
  if (!in) return kInvalidInput;
  Bulletin bulletin = bulletin_of(*in, o.bulletin);
#if GOVSCORE_ARCHIVE
  if (!o.db.empty() && !add_previous_quarter(bulletin, o.db)) return kInvalidInput;
#endif
  const int code =
      format == "html" ? emit(render_html(bulletin), o.output, o.in)
      : format == "md" ? emit(render_bulletin_markdown(bulletin), o.output, o.in)
      : format == "docx"
          ? write_with(o.output, [&](const OutputOptions& options) { write_docx(bulletin, o.output, options); }, o.in)
          : write_with(o.output, [&](const OutputOptions& options) { write_xlsx(bulletin, o.output, options); }, o.in);
  if (code == kSuccess) say("govscore: " + worded(tr("wrote {0}: {1}", o.output, bulletin_contents_message(bulletin))));
  return code;
}

}  // namespace

void add_report_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto o = std::make_shared<ReportOptions>();
  auto* command = app.add_subcommand(
      "report", worded(tr("Write the bulletin as a Word document, a workbook, a web page or Markdown")));
  add_input_options(command, o->in, true);
  command->add_option("--output,-o", o->output, worded(tr("通报.docx, report.xlsx, report.html or report.md")))
      ->required();
  add_bulletin_options(command, o->bulletin);
#if GOVSCORE_ARCHIVE
  command->add_option("--db", o->db,
                      worded(tr("Add the previous archived quarter's scores and a 复核情况 section (archive file)")));
#endif
  command->callback([o, &global, &exit_code] { exit_code = run_report(*o, global); });
}

}  // namespace govscore::cli
