// govscore summary: the bulletin's figures, bands and failing list.
#include <memory>

#include "cli/commands.hpp"
#include "govscore/bulletin.hpp"
#include "govscore/summary.hpp"

namespace govscore::cli {
namespace {

struct SummaryOptions {
  InputOptions in;
  std::string format;  // empty: from the output's name, else table
  std::string output;
  BulletinOptions bulletin;
};

int run_summary(const SummaryOptions& o, const GlobalOptions& global) {
  const std::string format =
      output_format("summary", o.format, o.output, {{"json", "json"}, {"md", "md"}, {"table", "txt"}}, "table");
  if (format.empty()) return kUsage;
  if (!check_input_options(o.in)) return kUsage;
  auto in = load_inputs(o.in, global);
  if (!in) return kInvalidInput;
  Bulletin bulletin = bulletin_of(*in, o.bulletin);
  std::string content = format == "json" ? render_summary_json(bulletin)
                        : format == "md" ? render_bulletin_markdown(bulletin)
                                         : render_summary_text(bulletin);
  return emit(content, o.output, o.in);
}

}  // namespace

void add_summary_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto o = std::make_shared<SummaryOptions>();
  auto* command = app.add_subcommand(
      "summary", worded(tr("Print the bulletin's figures: pass and check rates, regions, bands, failures")));
  add_input_options(command, o->in, true);
  command
      ->add_option("--format,-f", o->format,
                   worded(tr("table, json or md (the bulletin's annexes); default: from -o, else table")))
      ->check(CLI::IsMember({"table", "json", "md"}));
  command->add_option("--output,-o", o->output, worded(tr("Write here (atomically) instead of standard output")));
  add_bulletin_options(command, o->bulletin);
  command->callback([o, &global, &exit_code] { exit_code = run_summary(*o, global); });
}

}  // namespace govscore::cli
