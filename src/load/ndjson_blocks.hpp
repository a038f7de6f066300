// Reading a large NDJSON file in blocks on several threads, with the
// records, places and messages of one pass. Internal to the loader.
#pragma once

#include <cstddef>
#include <string>

#include "govscore/records.hpp"
#include "load/json_reader.hpp"
#include "load/raw_record.hpp"
#include "load/record_checker.hpp"

namespace govscore {

// From this size an NDJSON file is read in blocks, on as many threads as
// LoadOptions::jobs allows.
constexpr std::size_t kBlockReadBytes = std::size_t{4} << 20;

// A large NDJSON file read in blocks of lines, each read and checked by a
// thread's own checker, each record straight into its line's slot. Then,
// block by block in file order, on the caller's thread: the block's
// messages are added, the file-wide rules its records met are applied
// (FileWideNote), and its ids are seen, so that records, places and
// messages are those of one pass at any thread count. Returns false,
// having read nothing, when the file is not UTF-8 or starts with a
// byte-order mark: one pass then says so once, where it starts.
bool add_ndjson_in_blocks(JsonText text, const std::string& path, const RuleSet& rules, const LoadOptions& options,
                          RecordChecker& checker, Batch& batch, Diagnostics& diagnostics);

}  // namespace govscore
