// What every command of the command line shares: exit codes, the options
// that name the inputs, loading them with their diagnostics printed, and
// writing an output (to standard output, or atomically to a file).
#pragma once

#include <CLI/CLI.hpp>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "govscore/bulletin.hpp"
#include "govscore/message.hpp"
#include "govscore/output_file.hpp"
#include "govscore/rank.hpp"
#include "govscore/records.hpp"
#include "govscore/rules.hpp"

namespace govscore::cli {

// The only place exit codes are decided (docs/cli.md).
enum ExitCode : int {
  kSuccess = 0,
  kInvalidInput = 1,     // a rule or records file has errors; an output cannot be written
  kUsage = 2,            // the command line itself is wrong
  kAuditDisagrees = 3,   // audit: the published table disagrees with the records
};

// The language of the run (docs/language.md): `--lang zh|en` among the
// arguments, else the first non-empty of LANGUAGE, LC_ALL, LC_MESSAGES and
// LANG (Chinese when it begins with "zh"), else English.
[[nodiscard]] Language language_of_run(int argc, char** argv);
// Set once, before the options are declared (their help is worded in it).
void use_language(Language language);
[[nodiscard]] Language language();
// `message` in the run's language.
[[nodiscard]] std::string worded(const Message& message);
// CLI11's own words in the run's language (cli/usage_words.cpp): the help's
// labels and --help (before the subcommands are added), the subcommands'
// group title (after), and a parse error with its hint, as printed.
void word_help(CLI::App& app);
void word_subcommands(CLI::App& app);
[[nodiscard]] std::string worded_parse_error(const CLI::ParseError& e);

// Options of the whole program, given before or after the command.
struct GlobalOptions {
  bool verbose = false;
  std::string diagnostics = "text";  // --diagnostics: text, or json (one object per line, docs/diagnostics.md)
  unsigned jobs = 0;  // --jobs: threads for large inputs and outputs; 0 = one per core
  std::string lang;   // --lang: zh or en; read before parsing (language_of_run)
};

// The options of a command that reads a rule file and records.
struct InputOptions {
  std::string rules_path;
  std::vector<std::string> record_paths;
  std::string period;
  std::string as_of;
  std::string missing_facts = "error";
  std::string sheet_target;  // --target: the target of spreadsheet rows without a target column
  std::string sheet;
  [[nodiscard]] std::vector<std::string> paths() const;  // every input file, for OutputOptions::inputs
};

// Adds --rules, the records, --period, --as-of, --missing-facts, --target
// and --sheet to `command`.
void add_input_options(CLI::App* command, InputOptions& in, bool records_required);
// Adds --rank-within.
void add_rank_within(CLI::App* command, std::string& within, const std::string& help);
[[nodiscard]] RankWithin ranking_of(const std::string& within);

// The rule file, loaded, its diagnostics printed; nullopt when invalid.
// `text`, when given, receives the file as read.
[[nodiscard]] std::optional<RuleSet> load_rules(const std::string& path, std::string* text = nullptr);
// The records, loaded against `rules`, their diagnostics printed.
// Loads and prints every diagnostic; `warnings`, when given, receives how many were warnings.
[[nodiscard]] std::optional<Batch> load_records(const InputOptions& in, const RuleSet& rules, const GlobalOptions& global,
                                                std::size_t* warnings = nullptr);

// Both, loaded and valid; nullopt after printing why not.
struct Inputs {
  RuleSet rules;
  Batch batch;
};
[[nodiscard]] std::optional<Inputs> load_inputs(const InputOptions& in, const GlobalOptions& global);

// How summary and report make the bulletin: --rank-within and --title.
struct BulletinOptions {
  std::string within = "target";
  std::string title;
};
void add_bulletin_options(CLI::App* command, BulletinOptions& o);
// The bulletin of `in`, ranked and titled as `o` says.
[[nodiscard]] Bulletin bulletin_of(const Inputs& in, const BulletinOptions& o);

// Checks the options that need no file: --as-of is a real date. Prints the
// problem and returns false when not.
[[nodiscard]] bool check_input_options(const InputOptions& in);
// Whether `value`, given to `option` ("--deadline"), is empty or a real
// date (YYYY-MM-DD); when not, says so on stderr (a usage error).
[[nodiscard]] bool check_date_option(const std::string& option, const std::string& value);

// What an output option names: standard output ("" or "-") or a file.
[[nodiscard]] bool is_stdout(const std::string& output);
// The format an output file's name asks for (".csv" → "csv"), among
// `allowed` (format name, extension); "" when the name says nothing known,
// after printing why (and, when `has_format_option`, that --format can say).
[[nodiscard]] std::string format_from_name(const std::string& command, const std::string& output,
                                           const std::vector<std::pair<std::string, std::string>>& allowed,
                                           bool has_format_option);
// The format a command with --format writes: `format` as given, else the
// one `output`'s name asks for among `allowed`, else (standard output)
// `fallback`; "" after saying that the name asks for none.
[[nodiscard]] std::string output_format(const std::string& command, const std::string& format,
                                        const std::string& output,
                                        const std::vector<std::pair<std::string, std::string>>& allowed,
                                        const std::string& fallback);
// The text formats of a table (--format name, extension).
inline const std::vector<std::pair<std::string, std::string>> kTableFormats = {
    {"csv", "csv"}, {"json", "json"}, {"md", "md"}, {"table", "txt"}};

// Writes `content` to standard output, or atomically to `output` (never
// over one of `in`'s files); the exit code.
[[nodiscard]] int emit(const std::string& content, const std::string& output, const InputOptions& in = InputOptions());
// Writes to standard output, or atomically to `output` (never over one of
// `in`'s files), what `write` puts on the stream it is given, as it goes
// (a large table is never held whole); the exit code.
[[nodiscard]] int emit_stream(const std::function<void(std::ostream&)>& write, const std::string& output,
                              const InputOptions& in = InputOptions());
// Writes `output` with `fill` (see replace_atomically); the exit code.
[[nodiscard]] int write_file(const std::string& output, const std::function<void(const std::string& temp)>& fill,
                             const InputOptions& in);
// Runs a library writer of `output` that takes OutputOptions (write_xlsx),
// with this run's; the exit code.
[[nodiscard]] int write_with(const std::string& output, const std::function<void(const OutputOptions&)>& writer,
                             const InputOptions& in);

// Removes the temporary file of a write in progress; for a signal handler
// (async-signal-safe).
void remove_pending_output();


// Prints diagnostics to stderr: worded (at most 200, then a count), or as
// JSON lines with --diagnostics json.
void print(const Diagnostics& diagnostics);

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

// With --diagnostics json, stderr holds only JSON lines, one per error or
// warning (scripts count them): set once, before any command runs.
void use_json_diagnostics(bool json);
[[nodiscard]] bool json_diagnostics();
// A problem of the run itself (a usage mistake, an output that cannot be
// written), worded ("govscore: …") or as a JSON line with `code`.
void say_error(const std::string& code, const std::string& message, const std::string& file = "");
// A warning about the run itself, worded ("govscore: warning: …") or as a
// JSON line with `code`.
void say_warning(const std::string& code, const std::string& message, const std::string& file = "");
// What was done, for a person; left out of --diagnostics json.
void say(const std::string& text);

}  // namespace govscore::cli
