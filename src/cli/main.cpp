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
#include "govscore/bulletin_outline.hpp"
#include "govscore/docx.hpp"
#include "govscore/html.hpp"
#include "govscore/explain.hpp"
#include "govscore/rank.hpp"
#include "govscore/records.hpp"
#include "govscore/report.hpp"
#include "govscore/rules.hpp"
#include "govscore/score.hpp"
#include "govscore/xlsx.hpp"

namespace {

// The only place exit codes are decided.
enum ExitCode : int {
  kSuccess = 0,
  kInvalidInput = 1,  // a rule or records file has errors; an output cannot be written
  kUsage = 2,         // the command line itself is wrong
};

constexpr std::size_t kMaxPrinted = 200;  // a broken export can have 10⁶ errors

// --diagnostics json: stderr holds only JSON lines, one per error or
// warning, every one of them (scripts count them); no prose besides.
bool g_json_diagnostics = false;

// A problem of the run itself (not of an input file: a usage mistake, an
// output that cannot be written), worded or as a JSON line with `code`.
void say_error(const std::string& code, const std::string& message, const std::string& file = "") {
  if (!g_json_diagnostics) {
    std::cerr << "govscore: " << message << "\n";
    return;
  }
  govscore::Diagnostic d;
  d.file = file;
  d.message = message;
  d.code = code;
  std::cerr << d.json() << "\n";
}

// What was done, for a person; left out of --diagnostics json.
void say(const std::string& text) {
  if (!g_json_diagnostics) std::cerr << text << "\n";
}

void print(const govscore::Diagnostics& diagnostics) {
  if (g_json_diagnostics) {
    for (const auto& d : diagnostics.items()) std::cerr << d.json() << "\n";
    return;
  }
  std::size_t shown = 0;
  for (const auto& d : diagnostics.items()) {
    if (shown++ == kMaxPrinted) {
      std::cerr << "… " << diagnostics.items().size() - kMaxPrinted << " more not shown\n";
      break;
    }
    std::cerr << d.str() << "\n";
  }
}

std::string plural(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

struct Common {
  std::string rules_path;
  std::vector<std::string> record_paths;
  std::string period;
  std::string as_of;
  std::string missing_facts = "error";
  std::string target;  // score: only this target; spreadsheets: the rows' target
  std::string sheet;
};

std::optional<govscore::RuleSet> load_rules(const std::string& path) {
  auto loaded = govscore::load_rules(path);
  print(loaded.diagnostics);
  if (!loaded.rules) say("govscore: " + plural(loaded.diagnostics.error_count(), "error") + " in " + path);
  return std::move(loaded.rules);
}

// A progress bar on stderr, only for a terminal and only once a run has
// taken a second: scripts and short runs stay silent.
class ProgressBar {
 public:
  ProgressBar() : shown_(::isatty(2) != 0 && !g_json_diagnostics), start_(std::chrono::steady_clock::now()) {}
  ~ProgressBar() {
    if (drawn_) std::cerr << "\r\033[K" << std::flush;
  }
  void update(const std::string& file, std::size_t done, std::size_t total) {
    if (!shown_ || total == 0 || std::chrono::steady_clock::now() - start_ < std::chrono::seconds(1)) return;
    int width = 30;
    int filled = static_cast<int>(width * done / total);
    std::cerr << "\r\033[Kgovscore: " << file << " [" << std::string(static_cast<std::size_t>(filled), '#')
              << std::string(static_cast<std::size_t>(width - filled), ' ') << "] " << (100 * done / total) << "%"
              << std::flush;
    drawn_ = true;
  }

 private:
  bool shown_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
};

// Seconds since the last lap, for --verbose: where a long run spends its time.
class Stopwatch {
 public:
  double lap() {
    auto now = std::chrono::steady_clock::now();
    double seconds = std::chrono::duration<double>(now - last_).count();
    last_ = now;
    return seconds;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

std::optional<govscore::Batch> load_records(const Common& c, const govscore::RuleSet& rules) {
  ProgressBar bar;
  govscore::LoadOptions options;
  options.progress = [&](const std::string& file, std::size_t done, std::size_t total) { bar.update(file, done, total); };
  options.period = c.period;
  options.as_of = c.as_of;
  options.skip_missing_facts = c.missing_facts == "skip";
  options.target = c.target;
  options.sheet = c.sheet;
  auto loaded = govscore::load_records(c.record_paths, rules, options);
  print(loaded.diagnostics);
  if (!loaded.batch) say("govscore: " + plural(loaded.diagnostics.error_count(), "error") + " in the records; nothing was scored");
  return std::move(loaded.batch);
}

// The rule file and the records, both loaded and valid; nullopt after
// printing why not.
struct Inputs {
  govscore::RuleSet rules;
  govscore::Batch batch;
};

std::optional<Inputs> load_inputs(const Common& c) {
  auto rules = load_rules(c.rules_path);
  if (!rules) return std::nullopt;
  auto batch = load_records(c, *rules);
  if (!batch) return std::nullopt;
  return Inputs{std::move(*rules), std::move(*batch)};
}

void add_rank_within(CLI::App* cmd, std::string& within, const std::string& help) {
  cmd->add_option("--rank-within", within, help)->check(CLI::IsMember({"target", "group"}));
}

void add_inputs(CLI::App* cmd, Common& c, bool records_required) {
  cmd->add_option("--rules,-r", c.rules_path, "Rule file (YAML), e.g. rules/dazu-2020.yaml")->required();
  auto* records = cmd->add_option("records", c.record_paths, "Records files (.json, or .ndjson/.jsonl)");
  if (records_required) records->required();
  cmd->add_option("--period", c.period, "Period (e.g. 2021Q1) where the files give none");
  cmd->add_option("--as-of", c.as_of, "Check point that dates in facts are measured against (default: the file's window.to)");
  cmd->add_option("--missing-facts", c.missing_facts,
                  "A fact a condition needs is missing: error (default), or skip (the rule is not triggered, said in the trace)")
      ->check(CLI::IsMember({"error", "skip"}));
  cmd->add_option("--target,-t", c.target,
                  "Spreadsheet rows without a target column are of this target (e.g. website); score: only this target");
  cmd->add_option("--sheet", c.sheet, "The sheet of an .xlsx records file (default: the first)");
}

int emit(const std::string& content, const std::string& output);
int write_output(const std::string& output, const std::function<void()>& write);

int run_score(const Common& c, const std::string& format_name, const std::string& output, const std::string& target,
              const std::string& within) {
  auto format = govscore::parse_format(format_name);
  if (!format) {
    say_error("usage", "unknown format \"" + format_name + "\" (table, csv, json, md)");
    return kUsage;
  }
  auto rules = load_rules(c.rules_path);
  if (!rules) return kInvalidInput;
  if (!target.empty() && !rules->find_target(target)) {
    std::string ids;
    for (const auto& t : rules->targets) ids += (ids.empty() ? "" : ", ") + t.id;
    say_error("usage", "--target " + target + ": no such target in " + c.rules_path + " (" + ids + ")");
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

// Runs a writer of `output`, mapping its failure to an exit code.
int write_output(const std::string& output, const std::function<void()>& write) {
  try {
    write();
  } catch (const govscore::Error& e) {
    say_error("cannot-write", e.what(), output);
    return kInvalidInput;
  }
  spdlog::info("wrote {}", output);
  return kSuccess;
}

// Prints to standard output, or writes `output` atomically.
int emit(const std::string& content, const std::string& output) {
  if (output.empty() || output == "-") {
    std::cout << content << std::flush;
    return std::cout ? kSuccess : kInvalidInput;
  }
  return write_output(output, [&] { govscore::write_file_atomically(output, content); });
}

govscore::RankWithin ranking_of(const std::string& within) {
  return within == "group" ? govscore::RankWithin::kGroup : govscore::RankWithin::kTarget;
}

int run_summary(const Common& c, const std::string& format, const std::string& output, const std::string& within,
                const std::string& title) {
  auto in = load_inputs(c);
  if (!in) return kInvalidInput;
  auto bulletin = govscore::make_bulletin(in->rules, in->batch, ranking_of(within));
  bulletin.title = title;
  std::string content = format == "json" ? govscore::render_summary_json(bulletin)
                        : format == "md" ? govscore::render_bulletin_markdown(bulletin)
                                         : govscore::render_summary_text(bulletin);
  return emit(content, output);
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

int run_report(const Common& c, const std::string& output, const std::string& within, const std::string& title) {
  if (!ends_with(output, ".xlsx") && !ends_with(output, ".html") && !ends_with(output, ".md") && !ends_with(output, ".docx")) {
    say_error("usage", "report -o " + output + ": the name must end in .docx, .xlsx, .html or .md");
    return kUsage;
  }
  auto in = load_inputs(c);
  if (!in) return kInvalidInput;
  auto bulletin = govscore::make_bulletin(in->rules, in->batch, ranking_of(within));
  bulletin.title = title;
  int code = ends_with(output, ".html") ? emit(govscore::render_html(bulletin), output)
             : ends_with(output, ".md") ? emit(govscore::render_bulletin_markdown(bulletin), output)
             : ends_with(output, ".docx")
                 ? write_output(output, [&] { govscore::write_docx(bulletin, output); })
                 : write_output(output, [&] { govscore::write_xlsx(bulletin, output); });
  if (code == kSuccess) say("govscore: wrote " + output + ": " + govscore::bulletin_contents(bulletin));
  return code;
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
    say(c.rules_path + ": ok (" + plural(rules->targets.size(), "target") + ")");
    return kSuccess;
  }
  auto batch = load_records(c, *rules);
  if (!batch) return kInvalidInput;
  say(c.rules_path + ": ok; " + plural(batch->records.size(), "record") + " ok");
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
  say_error("no-such-record", "no record with id \"" + id + "\" in the records given");
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
  std::string diagnostics_format = "text";
  app.add_option("--diagnostics", diagnostics_format,
                 "How errors and warnings go to stderr: text (default), or json (one object per line, docs/diagnostics.md)")
      ->check(CLI::IsMember({"text", "json"}));

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
  std::string title;
  summary->add_option("--title", title, "The bulletin's title (default: the rule file's title and the period, 2021年第一季度)");

  std::string report_output;
  auto* report = app.add_subcommand("report", "Write the bulletin as a Word document, a workbook, a web page or Markdown");
  add_inputs(report, common, true);
  report->add_option("--output,-o", report_output, "通报.docx, report.xlsx, report.html or report.md")->required();
  add_rank_within(report, within, "Rank (and list bands) within each target, or each target and group");
  report->add_option("--title", title, "The bulletin's title (default: the rule file's title and the period, 2021年第一季度)");

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
  g_json_diagnostics = diagnostics_format == "json";
  if (g_json_diagnostics) spdlog::set_level(spdlog::level::off);  // stderr holds JSON lines only

  if (*score) return run_score(common, format, output, common.target, within);
  if (*summary) return run_summary(common, summary_format, output, within, title);
  if (*report) return run_report(common, report_output, within, title);
  if (*audit) return run_audit(common, within, ranking_method);
  if (*validate) return run_validate(common);
  if (*explain) return run_explain(common, id);
  if (*rules) return run_rules(rules_path);
  return kUsage;
}
