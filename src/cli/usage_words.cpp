// What CLI11 itself says, in the run's language: the labels of --help, the
// flags it adds, and its parse errors. CLI11 words those in English only;
// its error messages are fixed patterns (CLI/Error.hpp, CLI/Validators.hpp
// of CLI11 2.1), taken apart here and worded from the catalog.
#include <regex>

#include "cli/common.hpp"

namespace govscore::cli {
namespace {

// CLI11's message for a parse error, matched against its patterns in turn:
// the error's name does not tell them apart (an extra argument of a
// subcommand is an error named after the subcommand). A message that
// matches none stays as CLI11 wrote it.
Message parse_error_words(const std::string& what) {
  std::smatch m;
  auto is = [&](const char* pattern) { return std::regex_match(what, m, std::regex(pattern)); };
  if (what == "A subcommand is required") return tr("A subcommand is required");
  if (is("The following arguments? (?:was|were) not expected: (.*)"))
    return tr("The following arguments were not expected: {0}", m.str(1));
  if (is("(\\S+): Value (.*) not in range (.*) to (.*)"))
    return tr("{0}: value {1} is not in range {2} to {3}", m.str(1), m.str(2), m.str(3), m.str(4));
  if (is("(\\S+): Value (.*) could not be converted.*"))
    return tr("{0}: value {1} could not be converted", m.str(1), m.str(2));
  if (is("(\\S+): (.*) not in (\\{.*\\})")) return tr("{0}: {1} not in {2}", m.str(1), m.str(2), m.str(3));
  if (is("Could not convert: (.*) = (.*)")) return tr("Could not convert: {0} = {1}", m.str(1), m.str(2));
  if (is("(.*): too many inputs for a flag")) return tr("{0}: too many inputs for a flag", m.str(1));
  if (is("(.*): (\\d+) required (\\S+) missing"))
    return tr("{0}: {1} required {2} missing", m.str(1), m.str(2), m.str(3));
  if (is("Expected exactly (\\d+) arguments to (.*), got (\\d+)"))
    return tr("Expected exactly {0} arguments to {1}, got {2}", m.str(1), m.str(2), m.str(3));
  if (is("Expected at least (\\d+) arguments to (.*), got (\\d+)"))
    return tr("Expected at least {0} arguments to {1}, got {2}", m.str(1), m.str(2), m.str(3));
  if (is("(.+) is required")) return tr("{0} is required", m.str(1));
  return Message::verbatim(what);
}

}  // namespace

void word_help(CLI::App& app) {
  // The formatter looks its labels up by their English text.
  const Message labels[] = {tr("Usage"),       tr("OPTIONS"),     tr("SUBCOMMAND"),
                            tr("SUBCOMMANDS"), tr("Positionals"), tr("REQUIRED")};
  for (const Message& label : labels) app.get_formatter()->label(label.id(), worded(label));
  app.option_defaults()->group(worded(tr("Options")));
  app.set_help_flag("-h,--help", worded(tr("Print this help message and exit")));
}

void word_subcommands(CLI::App& app) {
  for (CLI::App* sub : app.get_subcommands({})) {
    sub->group(worded(tr("Subcommands")));
    sub->option_defaults()->group(worded(tr("Options")));
    // A subcommand makes its --help before it takes its parent's defaults.
    if (CLI::Option* help = sub->get_help_ptr()) help->group(worded(tr("Options")));
    word_subcommands(*sub);
  }
}

std::string worded_parse_error(const CLI::ParseError& e) {
  return worded(parse_error_words(e.what())) + "\n" + worded(tr("Run with --help for more information.")) + "\n";
}

}  // namespace govscore::cli
