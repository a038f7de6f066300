// govscore score: the ranked annex tables, as text, CSV, Markdown or JSON.
#include <spdlog/spdlog.h>

#include <chrono>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "govscore/annex.hpp"
#include "govscore/report.hpp"
#include "govscore/score.hpp"

namespace govscore::cli {
namespace {

struct ScoreOptions {
  InputOptions in;
  std::string format;  // empty: from the output's name, else table
  std::string output;
  std::string only;    // --only: one target's table
  std::string within = "target";
};

int run_score(const ScoreOptions& o, const GlobalOptions& global) {
  const std::string format_name = output_format("score", o.format, o.output, kTableFormats, "table");
  if (format_name.empty()) return kUsage;
  auto format = parse_format(format_name);
  if (!check_input_options(o.in)) return kUsage;
  auto rules = load_rules(o.in.rules_path);
  if (!rules) return kInvalidInput;
  if (!o.only.empty() && !rules->target_index(o.only)) {
    std::string ids;
    for (const auto& t : rules->targets) ids += (ids.empty() ? "" : ", ") + t.id + " " + t.title;
    say_error("usage", worded(tr("--only {0}: no such target in {1} ({2})", o.only, o.in.rules_path, ids)));
    return kUsage;
  }
  // --only names a target by its id or its title; the tables know it by its id.
  const std::string only = o.only.empty() ? "" : rules->targets[*rules->target_index(o.only)].id;
  Stopwatch watch;
  auto batch = load_records(o.in, *rules, global);
  if (!batch) return kInvalidInput;
  spdlog::info("{}",
               worded(tr("loaded {0} records in {1} s", batch->records.size(), fmt::format("{:.2f}", watch.lap()))));
  const RankWithin within = ranking_of(o.within);
  auto scored = score(*rules, *batch, /*keep_traces=*/false, global.jobs);
  spdlog::info("{}", worded(tr("scored in {0} s", fmt::format("{:.2f}", watch.lap()))));
  auto ranked = rank(*rules, *batch, std::move(scored), within);
  spdlog::info("{}", worded(tr("ranked in {0} s", fmt::format("{:.2f}", watch.lap()))));
  if (*format == Format::kJson) return emit(render_json(*rules, *batch, ranked, only), o.output, o.in);
  // Tables are written row by row as they are made, to the terminal or to
  // the temporary file that replaces the output.
  auto tables = build_annex(*rules, *batch, ranked, AnnexOptions{only, within, /*lazy=*/true});
  auto write = [&](std::ostream& out) {
    if (*format == Format::kCsv) write_csv(out, tables, global.jobs);
    else if (*format == Format::kMarkdown) write_markdown(out, tables);
    else write_text(out, tables);
    spdlog::info("{}", worded(tr("written in {0} s", fmt::format("{:.2f}", watch.lap()))));
  };
  return emit_stream(write, o.output, o.in);
}

}  // namespace

void add_score_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto o = std::make_shared<ScoreOptions>();
  auto* command = app.add_subcommand("score", worded(tr("Score records and print the ranked tables")));
  add_input_options(command, o->in, true);
  command
      ->add_option("--format,-f", o->format,
                   worded(tr("table, csv, json or md (default: from -o's extension, else table)")))
      ->check(CLI::IsMember({"table", "csv", "json", "md"}));
  command->add_option("--output,-o", o->output, worded(tr("Write here (atomically) instead of standard output")));
  command->add_option("--only", o->only, worded(tr("Print only this target's table (e.g. website)")));
  add_rank_within(command, o->within, worded(tr("Rank within each target, or each target and group")));
  command->callback([o, &global, &exit_code] { exit_code = run_score(*o, global); });
}

}  // namespace govscore::cli
