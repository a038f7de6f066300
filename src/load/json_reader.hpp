// JSON and NDJSON record files read into raw records (internal header).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "govscore/error.hpp"
#include "load/raw_record.hpp"

namespace govscore {

// Text for the JSON reader: `padded` says at least 64 readable bytes follow
// it (files read by text::FileText); otherwise the reader copies it.
struct JsonText {
  std::string_view content;
  bool padded = false;
  // What keeps `content` alive (a mapped file), for the batch to hold so
  // that its records' texts can be views of it; none: texts are copied.
  std::shared_ptr<const void> owner;
};

// Reads JSON ({"period":…, "records":[…]}) or NDJSON (one record per line),
// streaming the records to `sink` (the returned file holds the header only).
// Syntax errors go to `diagnostics` with line:column; never throws.
RawFile read_json_records(JsonText text, const std::string& path, bool ndjson, Diagnostics& diagnostics,
                          const RecordSink& sink);

// Reads the NDJSON lines in bytes [begin, end) of the text (which start
// on line `first_line`); places and messages count from the start of the
// whole file.
RawFile read_ndjson_part(JsonText text, std::size_t begin, std::size_t end, int first_line, const std::string& path,
                         Diagnostics& diagnostics, const RecordSink& sink);

}  // namespace govscore
