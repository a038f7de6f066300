// Writing JSON text directly (internal header): the history commands write
// up to a million rows, for which a DOM per row costs more than the rest.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "archive/record_json.hpp"
#include "govscore/exact.hpp"

namespace govscore::archive {

// One JSON object, keys in the order they are added, on one line.
class JsonObject {
 public:
  explicit JsonObject(std::string& out) : out_(out) { out_ += '{'; }
  std::string& key(std::string_view name) {
    if (!first_) out_ += ", ";
    first_ = false;
    append_json_string(out_, name);
    out_ += ": ";
    return out_;
  }
  JsonObject& text(std::string_view name, std::string_view value) {
    append_json_string(key(name), value);
    return *this;
  }
  // A number from its exact decimal text ("88.9"), or null.
  JsonObject& number(std::string_view name, const std::optional<std::string>& decimal) {
    key(name) += decimal ? *decimal : "null";
    return *this;
  }
  JsonObject& integer(std::string_view name, std::optional<long> value) {
    key(name) += value ? std::to_string(*value) : "null";
    return *this;
  }
  JsonObject& boolean(std::string_view name, bool value) {
    key(name) += value ? "true" : "false";
    return *this;
  }
  // A list of texts (strings or views).
  template <class Texts>
  JsonObject& texts(std::string_view name, const Texts& values) {
    std::string& s = key(name);
    s += '[';
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i) s += ", ";
      append_json_string(s, values[i]);
    }
    s += ']';
    return *this;
  }
  // A list of objects, one a line: write(JsonObject&, item) fills each.
  template <class Items, class Write>
  JsonObject& objects(std::string_view name, const Items& items, Write write) {
    std::string& s = key(name);
    s += '[';
    bool first = true;
    for (const auto& item : items) {
      s += first ? "\n  " : ",\n  ";
      first = false;
      JsonObject o(s);
      write(o, item);
      o.close();
    }
    s += first ? "]" : "\n]";
    return *this;
  }
  void close() { out_ += '}'; }

 private:
  std::string& out_;
  bool first_ = true;
};

// One JSON object as a whole document: fill(JsonObject&) adds its keys; a
// newline ends it. `bytes` is what the text is expected to take.
template <class Fill>
std::string json_document(std::size_t bytes, Fill fill) {
  std::string out;
  out.reserve(bytes);
  JsonObject top(out);
  fill(top);
  top.close();
  out += '\n';
  return out;
}

// A score with the rule file's decimals ("88.9"), or nullopt.
inline std::optional<std::string> fixed_or_null(const std::optional<Exact>& value, int decimals) {
  if (!value) return std::nullopt;
  return value->fixed(decimals);
}

// A change with its sign, "+1.5", "-2.0", "0.0"; "" when there is none.
inline std::string signed_text(const std::optional<Exact>& change, int decimals) {
  if (!change) return "";
  std::string text = change->fixed(decimals);
  return change->is_negative() || change->is_zero() ? text : "+" + text;
}

}  // namespace govscore::archive
