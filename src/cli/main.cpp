// govscore: the command line. Parses flags, calls the library, prints
// diagnostics and maps outcomes to exit codes; nothing else lives here.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <csignal>
#include <fstream>
#include <functional>
#include <iostream>
#include <thread>

#include "govscore/annex.hpp"
#include "govscore/audit.hpp"
#include "govscore/bulletin.hpp"
#include "govscore/html.hpp"
#include "govscore/explain.hpp"
#include "govscore/rank.hpp"
#include "govscore/records.hpp"
#include "govscore/report.hpp"
#include "govscore/rules.hpp"
#include "govscore/score.hpp"
#include "govscore/xlsx.hpp"
#include "cli/common.hpp"
#include "cli/history_commands.hpp"

namespace {

using namespace govscore::cli;  // NOLINT(google-build-using-namespace): the shared CLI helpers

int run_score(const Common& c, const std::string& format_name, const std::string& output, const std::string& target,
              const std::string& within) {
  auto format = govscore::parse_format(format_name);
  if (!format) {
    std::cerr << "govscore: unknown format \"" << format_name << "\" (table, csv, json, md)\n";
    return kUsage;
  }
  auto rules = load_rules(c.rules_path);
  if (!rules) return kInvalidInput;
  if (!target.empty() && !rules->find_target(target)) {
    std::string ids;
    for (const auto& t : rules->targets) ids += (ids.empty() ? "" : ", ") + t.id;
    std::cerr << "govscore: --target " << target << ": no such target in " << c.rules_path << " (" << ids << ")\n";
    return kUsage;
  }
  Stopwatch watch;
  auto batch = load_records(c, *rules);
  if (!batch) return kInvalidInput;
  spdlog::info("loaded {} records in {:.2f} s", batch->records.size(), watch.lap());
  auto ranking = within == "group" ? govscore::RankWithin::kGroup : govscore::RankWithin::kTarget;  // NOLINT
  auto scored = govscore::score(*rules, *batch, /*keep_traces=*/false);
  spdlog::info("scored in {:.2f} s", watch.lap());
  auto ranked = govscore::rank(*rules, *batch, std::move(scored), ranking);
  spdlog::info("ranked in {:.2f} s", watch.lap());
  if (*format == govscore::Format::kJson) return emit(govscore::render_json(*rules, *batch, ranked, target), output);
  // Tables are written row by row as they are made, to the terminal or to
  // the temporary file that replaces `output`.
  govscore::AnnexOptions annex{target, ranking, /*lazy=*/true};
  auto tables = govscore::build_annex(*rules, *batch, ranked, annex);
  auto write = [&](std::ostream& out) {
    if (*format == govscore::Format::kCsv) govscore::write_csv(out, tables);
    else if (*format == govscore::Format::kMarkdown) govscore::write_markdown(out, tables);
    else govscore::write_text(out, tables);
  };
  if (output.empty() || output == "-") {
    write(std::cout);
    std::cout << std::flush;
    return std::cout ? kSuccess : kInvalidInput;
  }
  // Once the tables are written, what is left is disk work (closing the file
  // flushes it, fsync waits for it, the rename frees the file it replaces):
  // a national quarter's records go back on the other core meanwhile, and
  // its results on this one when the disk work is done.
  std::thread release;
  auto release_memory = [&] {
    tables.clear();  // their rows point into the batch
    release = std::thread([&] { batch.reset(); });
  };
  struct JoinAtEnd {
    std::thread& t;
    ~JoinAtEnd() {
      if (t.joinable()) t.join();
    }
  } join_at_end{release};
  const int code = write_output(output, [&] {
    govscore::replace_atomically(output, [&](const std::string& temp) {
      std::ofstream file(temp, std::ios::binary | std::ios::trunc);
      write(file);
      file.flush();
      if (!file) throw govscore::Error("cannot write");
      release_memory();
    });
    spdlog::info("written in {:.2f} s", watch.lap());
  });
  ranked = {};
  return code;
}

int run_summary(const Common& c, const std::string& format, const std::string& output, const std::string& within) {
  auto in = load_inputs(c);
  if (!in) return kInvalidInput;
  auto bulletin = govscore::make_bulletin(in->rules, in->batch, ranking_of(within));
  std::string content = format == "json" ? govscore::render_summary_json(bulletin)
                        : format == "md" ? govscore::render_bulletin_markdown(bulletin)
                                         : govscore::render_summary_text(bulletin);
  return emit(content, output);
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

int run_report(const Common& c, const std::string& output, const std::string& within, const std::string& db) {
  if (!ends_with(output, ".xlsx") && !ends_with(output, ".html") && !ends_with(output, ".md")) {
    std::cerr << "govscore: report -o " << output << ": the name must end in .xlsx, .html or .md\n";
    return kUsage;
  }
  auto in = load_inputs(c);
  if (!in) return kInvalidInput;
  auto bulletin = govscore::make_bulletin(in->rules, in->batch, ranking_of(within));
  if (!db.empty() && !add_previous_quarter(bulletin, db)) return kInvalidInput;
  if (ends_with(output, ".html")) return emit(govscore::render_html(bulletin), output);
  if (ends_with(output, ".md")) return emit(govscore::render_bulletin_markdown(bulletin), output);
  return write_output(output, [&] { govscore::write_xlsx(bulletin, output); });
}

int run_audit(const Common& c, const std::string& within, const std::string& ranking) {
  auto in = load_inputs(c);
  if (!in) return kInvalidInput;
  govscore::AuditOptions options;
  options.within = ranking_of(within);
  options.ranking = ranking == "dense" ? govscore::RankingMethod::kDense : govscore::RankingMethod::kCompetition;
  auto found = govscore::audit(in->rules, in->batch, options);
  std::cout << govscore::render_audit(in->rules, in->batch, found) << std::flush;
  return found.empty() ? kSuccess : kInvalidInput;
}

int run_validate(const Common& c) {
  auto rules = load_rules(c.rules_path);
  if (!rules) return kInvalidInput;
  if (c.record_paths.empty()) {
    std::cerr << c.rules_path << ": ok (" << plural(rules->targets.size(), "target") << ")\n";
    return kSuccess;
  }
  auto batch = load_records(c, *rules);
  if (!batch) return kInvalidInput;
  std::cerr << c.rules_path << ": ok; " << plural(batch->records.size(), "record") << " ok\n";
  return kSuccess;
}

int run_explain(const Common& c, const std::string& id) {
  auto in = load_inputs(c);
  if (!in) return kInvalidInput;
  auto ranked = govscore::rank(in->rules, in->batch, govscore::score(in->rules, in->batch));
  for (const auto& r : ranked) {
    if (in->batch.records[r.record].id == id) {
      std::cout << govscore::explain(in->rules, in->batch, r);
      return kSuccess;
    }
  }
  std::cerr << "govscore: no record with id \"" << id << "\" in the records given\n";
  return kInvalidInput;
}

int run_rules(const std::string& path) {
  auto rules = load_rules(path);
  if (!rules) return kInvalidInput;
  std::cout << govscore::describe(*rules);
  return kSuccess;
}

// Interrupted (Ctrl-C, kill): remove the half-written temporary file, then
// end as the signal would have. The output file itself is only ever
// replaced whole, by rename.
extern "C" void on_interrupt(int signal_number) {
  const char* pending = govscore::pending_temporary_file();
  if (pending[0] != '\0') ::unlink(pending);
  std::signal(signal_number, SIG_DFL);
  std::raise(signal_number);
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
  auto logger = spdlog::stderr_color_mt("govscore");
  spdlog::set_default_logger(logger);
  spdlog::set_pattern("govscore: %v");
  spdlog::set_level(spdlog::level::warn);

  CLI::App app{"govscore — scores quarterly inspections of government websites and new media"};
  app.require_subcommand(1);
  app.set_version_flag("--version", GOVSCORE_VERSION);
  app.fallthrough();  // --verbose also after the subcommand
  bool verbose = false;
  app.add_flag("--verbose,-v", verbose, "Say what is being done on stderr");

  Common common;
  std::string format = "table";
  std::string output;
  std::string within = "target";
  auto* score = app.add_subcommand("score", "Score records and print the ranked tables");
  add_inputs(score, common, true);
  score->add_option("--format,-f", format, "table, csv, json or md")->check(CLI::IsMember({"table", "csv", "json", "md"}));
  score->add_option("--output,-o", output, "Write here (atomically) instead of standard output");
  add_rank_within(score, within, "Rank within each target, or each target and group");

  std::string summary_format = "table";
  auto* summary = app.add_subcommand("summary", "Print the bulletin's figures: pass and check rates, regions, bands, failures");
  add_inputs(summary, common, true);
  summary->add_option("--format,-f", summary_format, "table, json or md (the bulletin's annexes)")
      ->check(CLI::IsMember({"table", "json", "md"}));
  summary->add_option("--output,-o", output, "Write here (atomically) instead of standard output");
  add_rank_within(summary, within, "Rank (and list bands) within each target, or each target and group");

  std::string report_output;
  auto* report = app.add_subcommand("report", "Write the bulletin as a workbook, a web page or Markdown");
  add_inputs(report, common, true);
  report->add_option("--output,-o", report_output, "report.xlsx, report.html or report.md")->required();
  std::string report_db;
  report->add_option("--db", report_db, "Add the previous archived quarter's scores and a 复核情况 section (archive file)");
  add_rank_within(report, within, "Rank (and list bands) within each target, or each target and group");

  std::string ranking_method = "competition";
  auto* audit = app.add_subcommand("audit", "Recompute a published table and list every disagreement (exit 1 if any)");
  add_inputs(audit, common, true);
  add_rank_within(audit, within, "The published ranks are within each target, or each target and group");
  audit->add_option("--ranking", ranking_method, "How the published table ranks: competition (1, 1, 3) or dense (1, 1, 2)")
      ->check(CLI::IsMember({"competition", "dense"}));

  auto* validate = app.add_subcommand("validate", "Check a rule file and (optionally) records; problems to stderr");
  add_inputs(validate, common, false);

  std::string id;
  auto* explain = app.add_subcommand("explain", "Show where every point of one record went");
  add_inputs(explain, common, true);
  explain->add_option("--id", id, "The record's id")->required();

  std::string rules_path;
  auto* rules = app.add_subcommand("rules", "Print a rule file's indicator tree");
  rules->add_option("rules", rules_path, "Rule file (YAML)")->required();

  const std::vector<Command> history = {add_archive_command(app), add_compare_command(app), add_recheck_command(app),
                                       add_rollup_command(app)};

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kUsage;
  }
  if (verbose) spdlog::set_level(spdlog::level::info);

  if (*score) return run_score(common, format, output, common.target, within);
  if (*summary) return run_summary(common, summary_format, output, within);
  if (*report) return run_report(common, report_output, within, report_db);
  if (*audit) return run_audit(common, within, ranking_method);
  if (*validate) return run_validate(common);
  if (*explain) return run_explain(common, id);
  if (*rules) return run_rules(rules_path);
  for (const auto& command : history)
    if (*command.app) return command.run();
  return kUsage;
}
