// Records as a format reader hands them over, before they are checked
// against the rule set (internal header). Readers (JSON, NDJSON) only
// check syntax; every rule about meaning lives in one place, record_checker.cpp.
#pragma once

#include <deque>
#include <functional>
#include <memory>
#include <string_view>
#include <string>
#include <vector>

#include "govscore/error.hpp"

namespace govscore {

// A place in the input: line and column (1-based) where the reader knows
// them (spreadsheets), or the byte offset into the file's text (JSON), which
// is turned into line:column only when a message needs it — for a national
// quarter that is most of the cost of knowing places at all.
struct RawPlace {
  static constexpr std::size_t kNoOffset = static_cast<std::size_t>(-1);
  int line = 0;
  int column = 0;
  std::size_t offset = kNoOffset;
};

struct RawField;

// A value as written: a number keeps its literal text so it can be read
// exactly; lists and objects keep their entries in order. Texts and keys are
// views, never copies: into the JSON parser's buffers, which live until the
// record has been checked, or into RawFile::texts (spreadsheets). A national
// quarter has tens of millions of keys and values; a heap string each would
// cost more than the rest of loading.
struct RawValue {
  enum class Kind { kNumber, kText, kBool, kNull, kList, kObject };
  Kind kind = Kind::kNull;
  std::string_view text;  // number literal, string content, "true"/"false"
  std::vector<RawField> entries;  // list items (empty key) or object fields
  RawPlace place;
};

struct RawField {
  std::string_view key;
  RawValue value;
  RawPlace place;  // of the key
};

struct RawRecord {
  std::vector<RawField> fields;
  RawPlace place;
  bool id_made = false;  // a sheet's row without an id column: its id is its 序号 or row number
};

// What one file holds: file-level fields (period, window) and the records.
// Move-only: views into `texts` must not outlive it.
struct RawFile {
  RawFile() = default;
  RawFile(RawFile&&) = default;
  RawFile& operator=(RawFile&&) = default;
  RawFile(const RawFile&) = delete;
  RawFile& operator=(const RawFile&) = delete;

  // Keeps a text made while reading (a spreadsheet's cell, normalised) for
  // as long as the file, and returns a view of it.
  std::string_view keep(std::string text) { return texts.emplace_back(std::move(text)); }

  std::string path;
  std::string_view content;  // the text offsets point into (JSON); alive while the file is checked
  std::vector<RawField> header;  // top-level fields other than "records"
  std::vector<RawRecord> records;
  bool ndjson = false;
  // A spreadsheet (CSV or XLSX): its records' periods are 检查期 cells, and
  // its file's name may give the period too (period_in_name, e.g. 2024Q3).
  bool sheet = false;
  std::string period_in_name;
  std::deque<std::string> texts;  // what keep() holds: a deque never moves its elements
};

// Where a streaming reader hands what it reads: the file-level fields once,
// before any record, then each record as soon as it is read. What they are
// given is valid only during the call (the reader reuses its buffers).
struct RecordSink {
  std::function<void(const RawFile&)> header;
  std::function<void(const RawRecord&)> record;
};

}  // namespace govscore
