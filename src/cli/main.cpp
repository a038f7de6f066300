// govscore: the command line. Parses flags, calls the library, prints
// diagnostics and maps outcomes to exit codes; each command lives in its
// own file (cli/*_command.cpp), the options they share in cli/common.
#include "govscore/version.hpp"
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>

#include "cli/commands.hpp"
#if GOVSCORE_ARCHIVE
#include <sqlite3.h>

#include "cli/history_commands.hpp"
#endif

namespace {

using namespace govscore::cli;
using govscore::tr;

// Interrupted (Ctrl-C, kill): remove the half-written temporary file, then
// end as the signal would have. An output file is only ever replaced whole,
// by rename.
extern "C" void on_interrupt(int signal_number) {
  remove_pending_output();
  std::signal(signal_number, SIG_DFL);
  std::raise(signal_number);
}

// Standard output, flushed: a write that failed (a full disk, a closed
// pipe) is an error said on stderr, whatever the command.
int flush_stdout(int exit_code) {
  errno = 0;
  std::cout.flush();
  const bool failed = !std::cout || std::fflush(stdout) != 0 || std::ferror(stdout);
  if (!failed) return exit_code;
  const int err = errno;
  say_error("cannot-write", worded(err ? tr("cannot write to standard output: {0}", std::strerror(err))
                                       : tr("cannot write to standard output")));
  return exit_code == kSuccess ? kInvalidInput : exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
#if GOVSCORE_ARCHIVE
  // SQLite counts every allocation under a global mutex unless told not to
  // before its first use, and archiving a quarter makes millions of them.
  // The setting is the whole process's, so the program makes it, not the
  // library.
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
#endif
  auto logger = spdlog::stderr_color_mt("govscore");
  spdlog::set_default_logger(logger);
  spdlog::set_pattern("govscore: %v");
  spdlog::set_level(spdlog::level::warn);
  use_language(language_of_run(argc, argv));

  CLI::App app{worded(tr("govscore — scores quarterly inspections of government websites and new media")), "govscore"};
  word_help(app);
  app.require_subcommand(1);
  app.footer(worded(tr("Exit codes: 0 success; 1 invalid input, or an output that cannot be written; 2 usage error; 3 "
                       "audit found the publication disagreeing with the records (docs/cli.md)")));
  app.set_version_flag("--version", govscore::kVersion, worded(tr("Display program version information and exit")));
  app.fallthrough();  // global options also after the command
  GlobalOptions global;
  app.add_flag("--verbose,-v", global.verbose, worded(tr("Say what is being done on stderr")));
  app.add_option("--jobs,-j", global.jobs,
                 worded(tr("Threads for large files (default 0: one per core); outputs are the same at any count")))
      ->check(CLI::Range(0u, 1024u).description(worded(tr("UINT in [0 - 1024]"))));
  app.add_option("--diagnostics", global.diagnostics,
                 worded(tr("How errors and warnings go to stderr: text (default), or json (one object per line, "
                           "docs/diagnostics.md)")))
      ->check(CLI::IsMember({"text", "json"}));
  app.add_option(
         "--lang", global.lang,
         worded(tr("Language of messages and help: zh or en (default: from LANGUAGE, LC_ALL, LC_MESSAGES, LANG)")))
      ->check(CLI::IsMember({"zh", "en"}));
  app.parse_complete_callback([&global] {
    use_json_diagnostics(global.diagnostics == "json");
    if (global.verbose) spdlog::set_level(spdlog::level::info);
    if (json_diagnostics()) spdlog::set_level(spdlog::level::off);  // stderr holds JSON lines only
  });

  int exit_code = kUsage;
  add_score_command(app, global, exit_code);
  add_summary_command(app, global, exit_code);
  add_report_command(app, global, exit_code);
  add_audit_command(app, global, exit_code);
  add_validate_command(app, global, exit_code);
  add_explain_command(app, global, exit_code);
  add_rules_command(app, global, exit_code);
#if GOVSCORE_ARCHIVE
  add_archive_command(app, global, exit_code);
  add_compare_command(app, global, exit_code);
  add_recheck_command(app, global, exit_code);
  add_rollup_command(app, global, exit_code);
#endif
  word_subcommands(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return flush_stdout(app.exit(e));
  } catch (const CLI::CallForAllHelp& e) {
    return flush_stdout(app.exit(e));
  } catch (const CLI::CallForVersion& e) {
    return flush_stdout(app.exit(e));
  } catch (const CLI::ParseError& e) {
    if (language() == govscore::Language::kEnglish)
      app.exit(e);
    else
      std::cerr << worded_parse_error(e);
    return kUsage;
  }
  return flush_stdout(exit_code);
}
