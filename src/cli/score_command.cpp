// govscore score: the ranked annex tables, as text, CSV, Markdown or JSON.
#include <spdlog/spdlog.h>

#include <chrono>
#include <fstream>
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
  std::string format_name = o.format;
  if (format_name.empty() && !is_stdout(o.output)) {
    format_name = format_from_name("score", o.output, {{"csv", "csv"}, {"json", "json"}, {"md", "md"}, {"table", "txt"}}, true);
    if (format_name.empty()) return kUsage;
  }
  auto format = parse_format(format_name.empty() ? "table" : format_name);
  if (!check_input_options(o.in)) return kUsage;
  auto rules = load_rules(o.in.rules_path);
  if (!rules) return kInvalidInput;
  if (!o.only.empty() && !rules->target_index(o.only)) {
    std::string ids;
    for (const auto& t : rules->targets) ids += (ids.empty() ? "" : ", ") + t.id + " " + t.title;
    say_error("usage", "--only " + o.only + ": no such target in " + o.in.rules_path + " (" + ids + ")");
    return kUsage;
  }
  // --only names a target by its id or its title; the tables know it by its id.
  const std::string only = o.only.empty() ? "" : rules->targets[*rules->target_index(o.only)].id;
  Stopwatch watch;
  auto batch = load_records(o.in, *rules, global);
  if (!batch) return kInvalidInput;
  spdlog::info("loaded {} records in {:.2f} s", batch->records.size(), watch.lap());
  const RankWithin within = ranking_of(o.within);
  auto scored = score(*rules, *batch, /*keep_traces=*/false, global.jobs);
  spdlog::info("scored in {:.2f} s", watch.lap());
  auto ranked = rank(*rules, *batch, std::move(scored), within, global.jobs);
  spdlog::info("ranked in {:.2f} s", watch.lap());
  if (*format == Format::kJson) return emit(render_json(*rules, *batch, ranked, only), o.output, o.in);
  // Tables are written row by row as they are made, to the terminal or to
  // the temporary file that replaces the output.
  auto tables = build_annex(*rules, *batch, ranked, AnnexOptions{only, within, /*lazy=*/true});
  auto write = [&](std::ostream& out) {
    if (*format == Format::kCsv) write_csv(out, tables, global.jobs);
    else if (*format == Format::kMarkdown) write_markdown(out, tables);
    else write_text(out, tables);
  };
  if (is_stdout(o.output)) {
    write(std::cout);
    return kSuccess;  // a failed write is found and said when standard output is flushed (main)
  }
  auto fill = [&](const std::string& temp) {
    std::ofstream file(temp, std::ios::binary | std::ios::trunc);
    write(file);
    file.close();
    if (!file) throw Error("cannot write");
  };
  return write_with(
      o.output,
      [&](const OutputOptions& options) {
        replace_atomically(o.output, fill, options);
        spdlog::info("written in {:.2f} s", watch.lap());
      },
      o.in);
}

}  // namespace

void add_score_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto o = std::make_shared<ScoreOptions>();
  auto* command = app.add_subcommand("score", "Score records and print the ranked tables");
  add_input_options(command, o->in, true);
  command->add_option("--format,-f", o->format, "table, csv, json or md (default: from -o's extension, else table)")
      ->check(CLI::IsMember({"table", "csv", "json", "md"}));
  command->add_option("--output,-o", o->output, "Write here (atomically) instead of standard output");
  command->add_option("--only", o->only, "Print only this target's table (e.g. website)");
  add_rank_within(command, o->within, "Rank within each target, or each target and group");
  command->callback([o, &global, &exit_code] { exit_code = run_score(*o, global); });
}

}  // namespace govscore::cli
