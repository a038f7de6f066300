// The language of a run: --lang, else the locale variables, else English.
// Decided before the options are declared, so that --help is worded in it
// too; kept for the run in this file (the library keeps no language).
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "cli/common.hpp"

namespace govscore::cli {
namespace {

Language g_language = Language::kEnglish;

bool is_chinese(std::string_view value) { return value.rfind("zh", 0) == 0; }

}  // namespace

Language language_of_run(int argc, char** argv) {
  // Global options may follow the command (like --jobs); the last --lang wins,
  // as CLI11 would take it. A value after "--" is a file name, not an option.
  std::string_view chosen;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") break;
    if (arg == "--lang" && i + 1 < argc)
      chosen = argv[++i];
    else if (arg.rfind("--lang=", 0) == 0)
      chosen = arg.substr(7);
  }
  if (chosen == "zh") return Language::kChinese;
  if (chosen == "en") return Language::kEnglish;
  // GNU gettext's order; the first variable set to something decides.
  for (const char* name : {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    if (value != nullptr && *value != '\0') return is_chinese(value) ? Language::kChinese : Language::kEnglish;
  }
  return Language::kEnglish;
}

void use_language(Language language) { g_language = language; }
Language language() { return g_language; }
std::string worded(const Message& message) { return message.str(g_language); }

}  // namespace govscore::cli
