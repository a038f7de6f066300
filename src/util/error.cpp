#include "govscore/error.hpp"

#include <algorithm>
#include <tuple>

namespace govscore {

std::string Diagnostic::message_in(Language language) const {
  return what.empty() || language == Language::kEnglish ? message : what.str(language);
}

std::string Diagnostic::str(Language language) const {
  std::string out = file;
  if (line > 0) {
    out += ":" + std::to_string(line);
    if (column > 0) out += ":" + std::to_string(column);
  }
  if (!out.empty()) out += ": ";
  if (language == Language::kChinese)
    out += severity == Severity::kError ? "错误：" : "警告：";
  else
    out += severity == Severity::kError ? "error: " : "warning: ";
  return out + message_in(language);
}

void Diagnostics::error(std::string file, int line, int column, std::string message) {
  add({Severity::kError, std::move(file), line, column, std::move(message), "", {}});
}

void Diagnostics::warning(std::string file, int line, int column, std::string message) {
  add({Severity::kWarning, std::move(file), line, column, std::move(message), "", {}});
}

void Diagnostics::error(std::string file, int line, int column, Message message) {
  std::string english = message.str();
  add({Severity::kError, std::move(file), line, column, std::move(english), "", std::move(message)});
}

void Diagnostics::warning(std::string file, int line, int column, Message message) {
  std::string english = message.str();
  add({Severity::kWarning, std::move(file), line, column, std::move(english), "", std::move(message)});
}

void Diagnostics::add(Diagnostic d) {
  if (d.code.empty()) d.code = diagnostic_code(d.message);
  if (d.severity == Severity::kError) ++errors_;
  items_.push_back(std::move(d));
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
  errors_ += other.errors_;
}

void Diagnostics::sort_by_place(const std::vector<std::string>& file_order) {
  auto rank = [&](const Diagnostic& d) {
    auto it = std::find(file_order.begin(), file_order.end(), d.file);
    return std::make_tuple(it - file_order.begin(), d.line, d.column);
  };
  std::stable_sort(items_.begin(), items_.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return rank(a) < rank(b); });
}

std::string Diagnostics::str(Language language) const {
  std::string out;
  for (const auto& d : items_) out += d.str(language) + "\n";
  return out;
}

}  // namespace govscore
