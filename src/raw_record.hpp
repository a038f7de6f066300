// Records as a format reader hands them over, before they are checked
// against the rule set (internal header). Readers (JSON, NDJSON) only
// check syntax; every rule about meaning lives in one place, records.cpp.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "govscore/error.hpp"

namespace govscore {

struct RawPlace {
  int line = 0;
  int column = 0;
};

struct RawField;

// A value as written: a number keeps its literal text so it can be read
// exactly; lists and objects keep their entries in order.
struct RawValue {
  enum class Kind { kNumber, kText, kBool, kNull, kList, kObject };
  Kind kind = Kind::kNull;
  std::string text;  // number literal, string content, "true"/"false"
  std::vector<RawField> entries;  // list items (empty key) or object fields
  RawPlace place;
};

struct RawField {
  std::string key;
  RawValue value;
  RawPlace place;  // of the key
};

struct RawRecord {
  std::vector<RawField> fields;
  RawPlace place;
};

// What one file holds: file-level fields (period, window) and the records.
struct RawFile {
  std::string path;
  std::vector<RawField> header;  // top-level fields other than "records"
  std::vector<RawRecord> records;
  bool ndjson = false;
};

// Reads JSON ({"period":…, "records":[…]}) or NDJSON (one record per line).
// Syntax errors go to `diagnostics` with line:column; never throws.
RawFile read_json_records(const std::string& content, const std::string& path, bool ndjson,
                          Diagnostics& diagnostics);

}  // namespace govscore
