// Diagnostics: every problem found in an input, with its place and reason.
// Loaders collect them all (instead of stopping at the first) so that a user
// fixes a file in one pass; the CLI prints them and picks the exit code.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "govscore/message.hpp"

namespace govscore {

enum class Severity { kError, kWarning };

// One problem. `line` and `column` count from 1; 0 means "not known"
// (a whole-file problem). Copyable value type.
struct Diagnostic {
  Severity severity = Severity::kError;
  std::string file;     // as the user named it, e.g. "rules/dazu-2020.yaml"
  int line = 0;
  int column = 0;
  std::string message;  // names its subject: `record "dz-w-04": deductions: …`
  // A stable code for scripts, e.g. "unknown-indicator" (docs/diagnostics.md);
  // Diagnostics::add derives it from the message when it is empty.
  std::string code;
  // The message as msgid and arguments, to be worded in any language;
  // `message` is its English wording. Empty for a diagnostic made from a
  // plain text, which reads the same in every language.
  Message what;

  // "file:line:column: error: message" (omitting what is unknown), worded
  // in `language` ("错误：" …); the place and the code never change.
  [[nodiscard]] std::string str(Language language = Language::kEnglish) const;
  // One line of JSON: {"severity", "file", "line", "column", "record",
  // "field", "code", "message"}; unknown places are null; the message is
  // worded in `language`, the record, field and code come from the English.
  [[nodiscard]] std::string json(Language language = Language::kEnglish) const;
  // The message worded in `language`.
  [[nodiscard]] std::string message_in(Language language) const;
};

// The stable code of a message, from the one table of them
// (src/util/diagnostic_codes.cpp): "invalid-json", "unknown-field", …;
// "invalid-input" for a message the table does not know.
[[nodiscard]] std::string diagnostic_code(const std::string& message);

// An ordered list of diagnostics. Copyable.
class Diagnostics {
 public:
  void error(std::string file, int line, int column, std::string message);
  void warning(std::string file, int line, int column, std::string message);
  // The same with a Message, kept for wording in another language.
  void error(std::string file, int line, int column, Message message);
  void warning(std::string file, int line, int column, Message message);
  void add(Diagnostic d);
  void append(const Diagnostics& other);

  // Orders them as a reader meets them: by file (in the order given), then
  // line and column; file-wide problems first. Stable.
  void sort_by_place(const std::vector<std::string>& file_order);

  [[nodiscard]] bool has_errors() const { return errors_ > 0; }
  // Kept as they are added: loaders ask after every record, and a broken
  // export can have a million errors.
  [[nodiscard]] std::size_t error_count() const { return errors_; }
  [[nodiscard]] const std::vector<Diagnostic>& items() const { return items_; }
  [[nodiscard]] bool empty() const { return items_.empty(); }

  // Every diagnostic on its own line, in the order found.
  [[nodiscard]] std::string str(Language language = Language::kEnglish) const;

 private:
  std::vector<Diagnostic> items_;
  std::size_t errors_ = 0;
};

// Thrown only by API functions whose contract says so (e.g. writing an
// output file); loaders return Diagnostics instead. what() is English;
// message() is the Message to word in any language (what() as a verbatim
// text when the error was made from a plain string).
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
  explicit Error(Message message) : std::runtime_error(message.str()), message_(std::move(message)) {}
  [[nodiscard]] Message message() const { return message_.empty() ? Message::verbatim(what()) : message_; }

 private:
  Message message_;
};

}  // namespace govscore
