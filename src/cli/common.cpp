#include "cli/common.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>

#include "govscore/expression.hpp"
#include "govscore/output_file.hpp"

namespace govscore::cli {
namespace {

constexpr std::size_t kMaxPrinted = 200;  // a broken export can have 10⁶ errors

bool g_json_diagnostics = false;  // --diagnostics json (use_json_diagnostics)

// A progress bar on stderr, only for a terminal and only once a run has
// taken a second: scripts and short runs stay silent.
class ProgressBar {
 public:
  ProgressBar() : shown_(::isatty(2) != 0 && !g_json_diagnostics), start_(std::chrono::steady_clock::now()) {}
  ~ProgressBar() {
    if (drawn_) std::cerr << "\r\033[K" << std::flush;
  }
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;
  void update(const std::string& file, std::size_t done, std::size_t total) {
    if (!shown_ || total == 0 || std::chrono::steady_clock::now() - start_ < std::chrono::seconds(1)) return;
    const int width = 30;
    const int filled = static_cast<int>(width * std::min(done, total) / total);
    std::cerr << "\r\033[Kgovscore: " << file << " [" << std::string(static_cast<std::size_t>(filled), '#')
              << std::string(static_cast<std::size_t>(width - filled), ' ') << "] " << (100 * std::min(done, total) / total)
              << "%" << std::flush;
    drawn_ = true;
  }

 private:
  bool shown_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
};

// The temporary file being written, for a signal handler to remove. A
// fixed buffer: a handler may not allocate.
char g_pending[4096];

OutputOptions output_options(const InputOptions& in) {
  OutputOptions options;
  options.inputs = in.paths();
  if (const char* tmpdir = std::getenv("TMPDIR")) options.temporary_folder = tmpdir;
  options.on_temporary = [](const std::string& temp) {
    g_pending[0] = '\0';
    if (temp.size() < sizeof g_pending) std::memcpy(g_pending, temp.c_str(), temp.size() + 1);
  };
  return options;
}

}  // namespace

void print(const Diagnostics& diagnostics) {
  if (g_json_diagnostics) {
    for (const auto& d : diagnostics.items()) std::cerr << d.json(language()) << "\n";
    return;
  }
  std::size_t shown = 0;
  for (const auto& d : diagnostics.items()) {
    if (shown++ == kMaxPrinted) {
      std::cerr << worded(tr("… {0} more not shown", diagnostics.items().size() - kMaxPrinted)) << "\n";
      break;
    }
    std::cerr << d.str(language()) << "\n";
  }
}

std::vector<std::string> InputOptions::paths() const {
  std::vector<std::string> all = record_paths;
  if (!rules_path.empty()) all.push_back(rules_path);
  return all;
}

void add_input_options(CLI::App* command, InputOptions& in, bool records_required) {
  command->add_option("--rules,-r", in.rules_path, worded(tr("Rule file (YAML), e.g. rules/dazu-2020.yaml")))
      ->required();
  auto* records = command->add_option("records", in.record_paths,
                                      worded(tr("Records files: .json, .ndjson/.jsonl, .csv (UTF-8 or GBK) or .xlsx")));
  if (records_required) records->required();
  command->add_option("--period", in.period, worded(tr("Period (e.g. 2021Q1 or 2021年第一季度) where the files give none")));
  command->add_option(
      "--as-of", in.as_of,
      worded(tr("Check point (YYYY-MM-DD) that dates in facts are measured against (default: the file's window.to)")));
  command
      ->add_option(
          "--missing-facts", in.missing_facts,
          worded(tr("A fact a condition needs is missing: error (default), or skip (the rule is not triggered, said "
                    "in the trace)")))
      ->check(CLI::IsMember({"error", "skip"}));
  command->add_option("--target,-t", in.sheet_target,
                      worded(tr("Spreadsheet rows without a target column are of this target: its id or title (e.g. website, 政务新媒体)")));
  command->add_option("--sheet", in.sheet, worded(tr("Read only this sheet of an .xlsx records file (default: every sheet with a heading row of records)")));
}

void add_rank_within(CLI::App* command, std::string& within, const std::string& help) {
  command->add_option("--rank-within", within, help)->check(CLI::IsMember({"target", "group"}));
}

RankWithin ranking_of(const std::string& within) {
  return within == "group" ? RankWithin::kGroup : RankWithin::kTarget;
}

void add_bulletin_options(CLI::App* command, BulletinOptions& o) {
  add_rank_within(command, o.within, worded(tr("Rank (and list bands) within each target, or each target and group")));
  command->add_option(
      "--title", o.title,
      worded(tr("The bulletin's title (default: the rule file's title and the period, 2021年第一季度)")));
}

Bulletin bulletin_of(const Inputs& in, const BulletinOptions& o) {
  Bulletin bulletin = make_bulletin(in.rules, in.batch, ranking_of(o.within));
  bulletin.title = o.title;
  return bulletin;
}


void use_json_diagnostics(bool json) { g_json_diagnostics = json; }
bool json_diagnostics() { return g_json_diagnostics; }

namespace {

// A problem of the run itself as one JSON line (--diagnostics json).
void say_json(Severity severity, const std::string& code, const std::string& message, const std::string& file) {
  Diagnostic d;
  d.severity = severity;
  d.file = file;
  d.message = message;
  d.code = code;
  std::cerr << d.json() << "\n";
}

}  // namespace

void say_error(const std::string& code, const std::string& message, const std::string& file) {
  if (g_json_diagnostics) return say_json(Severity::kError, code, message, file);
  std::cerr << "govscore: " << message << "\n";
}

void say_warning(const std::string& code, const std::string& message, const std::string& file) {
  if (g_json_diagnostics) return say_json(Severity::kWarning, code, message, file);
  std::cerr << "govscore: " << worded(tr("warning: {0}", message)) << "\n";
}

void say(const std::string& text) {
  if (!g_json_diagnostics) std::cerr << text << "\n";
}

std::optional<RuleSet> load_rules(const std::string& path, std::string* text) {
  auto loaded = govscore::load_rules(path);
  print(loaded.diagnostics);
  if (text) *text = std::move(loaded.text);
  const std::size_t errors = loaded.diagnostics.error_count();
  if (!loaded.rules)
    say("govscore: " +
        worded(errors == 1 ? tr("{0} error in {1}", errors, path) : tr("{0} errors in {1}", errors, path)));
  return std::move(loaded.rules);
}

std::optional<Batch> load_records(const InputOptions& in, const RuleSet& rules, const GlobalOptions& global,
                                  std::size_t* warnings) {
  ProgressBar bar;
  LoadOptions options;
  options.progress = [&](const std::string& file, std::size_t done, std::size_t total) { bar.update(file, done, total); };
  options.period = in.period;
  options.as_of = in.as_of;
  options.skip_missing_facts = in.missing_facts == "skip";
  options.target = in.sheet_target;
  options.sheet = in.sheet;
  options.jobs = global.jobs;
  auto loaded = govscore::load_records(in.record_paths, rules, options);
  print(loaded.diagnostics);
  if (warnings) *warnings = loaded.diagnostics.items().size() - loaded.diagnostics.error_count();
  const std::size_t errors = loaded.diagnostics.error_count();
  if (!loaded.batch)
    say("govscore: " + worded(errors == 1 ? tr("{0} error in the records; nothing was scored", errors)
                                          : tr("{0} errors in the records; nothing was scored", errors)));
  return std::move(loaded.batch);
}

std::optional<Inputs> load_inputs(const InputOptions& in, const GlobalOptions& global) {
  auto rules = load_rules(in.rules_path);
  if (!rules) return std::nullopt;
  auto batch = load_records(in, *rules, global);
  if (!batch) return std::nullopt;
  return Inputs{std::move(*rules), std::move(*batch)};
}

bool check_input_options(const InputOptions& in) { return check_date_option("--as-of", in.as_of); }

bool check_date_option(const std::string& option, const std::string& value) {
  if (value.empty() || calendar::parse_date(value)) return true;
  say_error("usage", worded(tr("{0} {1}: not a date (YYYY-MM-DD)", option, value)));
  return false;
}

bool is_stdout(const std::string& output) { return output.empty() || output == "-"; }

std::string format_from_name(const std::string& command, const std::string& output,
                             const std::vector<std::pair<std::string, std::string>>& allowed, bool has_format_option) {
  const auto slash = output.rfind('/');
  const auto dot = output.rfind('.');
  std::string extension =
      dot == std::string::npos || (slash != std::string::npos && dot < slash) ? "" : output.substr(dot + 1);
  for (auto& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  Message known = Message::verbatim("");
  for (std::size_t i = 0; i < allowed.size(); ++i) {
    if (allowed[i].second == extension) return allowed[i].first;
    known = i == 0                    ? Message::verbatim("." + allowed[i].second)
            : i + 1 == allowed.size() ? tr("{0} or .{1}", known, allowed[i].second)
                                      : tr("{0}, .{1}", known, allowed[i].second);
  }
  say_error("usage", worded(tr("{0} -o {1}: the name must end in {2}{3}", command, output, known,
                               has_format_option ? tr(", or give --format") : Message())));
  return "";
}

std::string output_format(const std::string& command, const std::string& format, const std::string& output,
                          const std::vector<std::pair<std::string, std::string>>& allowed, const std::string& fallback) {
  if (!format.empty()) return format;
  if (is_stdout(output)) return fallback;
  return format_from_name(command, output, allowed, true);
}

int write_file(const std::string& output, const std::function<void(const std::string& temp)>& fill,
               const InputOptions& in) {
  return write_with(output, [&](const OutputOptions& options) { replace_atomically(output, fill, options); }, in);
}

int write_with(const std::string& output, const std::function<void(const OutputOptions&)>& writer,
               const InputOptions& in) {
  try {
    writer(output_options(in));
  } catch (const Error& e) {
    say_error("cannot-write", worded(e.message()), output);
    return kInvalidInput;
  }
  spdlog::info("{}", worded(tr("wrote {0}", output)));
  return kSuccess;
}

int emit_stream(const std::function<void(std::ostream&)>& write, const std::string& output, const InputOptions& in) {
  if (is_stdout(output)) {
    write(std::cout);
    return kSuccess;  // a failed write is found and said when standard output is flushed (main)
  }
  auto fill = [&](const std::string& temp) {
    std::ofstream file(temp, std::ios::binary | std::ios::trunc);
    write(file);
    file.close();
    if (!file) throw Error(tr("cannot write"));
  };
  return write_file(output, fill, in);
}

int emit(const std::string& content, const std::string& output, const InputOptions& in) {
  if (is_stdout(output)) {
    std::cout << content;
    return kSuccess;  // a failed write is found and said when standard output is flushed (main)
  }
  return write_with(output, [&](const OutputOptions& options) { write_file_atomically(output, content, options); }, in);
}

void remove_pending_output() {
  if (g_pending[0] != '\0') ::unlink(g_pending);
}

}  // namespace govscore::cli
