// A large NDJSON file read in blocks on several threads (ndjson_blocks.hpp).
#include "load/ndjson_blocks.hpp"

#include <simdjson.h>

#include <algorithm>

#include "util/fresh_memory.hpp"
#include "util/parallel.hpp"
#include "util/text.hpp"
#include "load/json_reader.hpp"

namespace govscore {
namespace {

constexpr std::size_t kBlockBytes = std::size_t{1} << 20;

// Where the id of the NDJSON record on `line` stands, read again: only a
// duplicate id needs it, and reading its line once more gives it the place
// a single pass would.
RawPlace id_place(JsonText text, const std::string& path, text::LineIndex& lines, int line) {
  const std::size_t start = lines.start_of(line);
  const std::size_t end = std::min(text.content.find('\n', start), text.content.size());
  RawPlace place{line, 0};
  Diagnostics ignored;  // the line was read before; its problems are known
  RecordSink sink;
  sink.header = [](const RawFile&) {};
  sink.record = [&](const RawRecord& record) {
    // The record's id is its first "id" (a second is a duplicate key).
    const auto id = std::find_if(record.fields.begin(), record.fields.end(), [](const RawField& f) { return f.key == "id"; });
    if (id == record.fields.end()) return;
    const auto lc = lines.at(id->value.place.offset);
    place = {lc.line, lc.column};
  };
  read_ndjson_part(text, start, end, line, path, ignored, sink);
  return place;
}

// A run of whole lines of an NDJSON file.
struct LineBlock {
  std::size_t begin = 0;
  std::size_t end = 0;
  int first_line = 0;
  std::size_t lines = 0;  // line ends in it
  bool utf8 = true;
};

// The file cut into blocks of about kBlockBytes at line ends, each block's
// lines counted and its UTF-8 checked.
std::vector<LineBlock> line_blocks(std::string_view content, unsigned jobs) {
  std::vector<LineBlock> blocks;
  for (std::size_t begin = 0; begin < content.size();) {
    std::size_t end = content.find('\n', std::min(begin + kBlockBytes, content.size() - 1));
    end = end == std::string_view::npos ? content.size() : end + 1;
    blocks.push_back({begin, end, 0, 0, true});
    begin = end;
  }
  parallel::for_each(blocks.size(), jobs, [&](std::size_t k, unsigned) {
    const std::string_view part = content.substr(blocks[k].begin, blocks[k].end - blocks[k].begin);
    blocks[k].lines = text::count_line_ends(part);
    blocks[k].utf8 = simdjson::validate_utf8(part.data(), part.size());
  });
  int line = 1;
  for (auto& b : blocks) {
    b.first_line = line;
    line += static_cast<int>(b.lines);
  }
  return blocks;
}

}  // namespace

// A large NDJSON file read in blocks of lines, each read and checked by a
// thread's own checker, each record straight into its line's slot. Then,
// block by block in file order, on the caller's thread: the block's
// messages are added, the file-wide rules its records met are applied
// (FileWideNote), and its ids are seen, so that records, places and
// messages are those of one pass at any thread count. Returns false,
// having read nothing, when the file is not UTF-8 or starts with a
// byte-order mark: one pass then says so once, where it starts.
bool add_ndjson_in_blocks(JsonText text, const std::string& path, const RuleSet& rules, const LoadOptions& options,
                          RecordChecker& checker, Batch& batch, Diagnostics& diagnostics) {
  const std::string_view content = text.content;
  if (content.substr(0, 3) == "\xEF\xBB\xBF") return false;
  const std::vector<LineBlock> blocks = line_blocks(content, options.jobs);
  if (std::any_of(blocks.begin(), blocks.end(), [](const LineBlock& b) { return !b.utf8; })) return false;
  std::size_t lines = 1;
  for (const auto& b : blocks) lines += b.lines;

  // One slot per line, so the records are never held twice; blank lines
  // and lines that are not records leave empty slots, removed at the end.
  const std::size_t base = batch.records.size();
  fresh_memory::reserve(batch.records, base + lines, options.jobs);
  batch.records.resize(base + lines);
  checker.reserve_ids(lines, options.jobs);
  fresh_memory::Vector<std::uint64_t> id_hashes(lines, 0);  // each line's id hash, made by the thread that read it
  auto slot = [&](const RawRecord& record) -> Record& {
    return batch.records[base + static_cast<std::size_t>(record.place.line) - 1];
  };

  // Each thread's checker, messages and batch (period, window, files, text
  // stores), all told of the earlier files and of this one before any block
  // is read.
  RawFile file;
  file.path = path;
  file.content = content;
  file.ndjson = true;
  LoadOptions quiet = options;
  quiet.progress = nullptr;  // the bar is drawn as blocks are taken, in order
  struct Worker {
    Diagnostics diagnostics;
    Batch batch;
    std::unique_ptr<RecordChecker> checker;
    std::size_t records = 0;    // slots filled with a record that has an id
    std::size_t last_line = 0;  // the last of them
  };
  const unsigned threads = parallel::threads_for(options.jobs, blocks.size());
  std::vector<Worker> workers(threads);
  for (auto& w : workers) {
    w.batch.files = batch.files;
    w.batch.period = batch.period;
    w.batch.window_from = batch.window_from;  // an earlier file's window gives the check point
    w.batch.window_to = batch.window_to;
    w.batch.as_of = batch.as_of;
    w.checker = std::make_unique<RecordChecker>(rules, w.diagnostics, options.skip_missing_facts);
    w.checker->continue_from(checker);
    w.checker->use_slots();
    w.checker->view_texts_in(text);
    w.checker->begin_file(file, quiet, w.batch);
  }
  // What begin_file says about the file (its header, --period) is said
  // once, by the first worker; the others' copies go. The caller's checker
  // and batch take on the period it found, which every record's must
  // agree with.
  for (std::size_t w = 1; w < workers.size(); ++w) workers[w].diagnostics = Diagnostics();
  batch.files = workers[0].batch.files;
  batch.period = workers[0].batch.period;
  checker.follow_file(*workers[0].checker);

  // Per block, what its reading left for the ordered part.
  struct BlockOutcome {
    Diagnostics diagnostics;
    std::vector<RecordChecker::FileWideNote> notes;
  };
  std::vector<BlockOutcome> outcomes(blocks.size());
  auto read_block = [&](std::size_t k, unsigned thread) {
    Worker& w = workers[thread];
    RecordSink sink;
    sink.header = [](const RawFile&) {};  // told above
    sink.record = [&](const RawRecord& record) {
      Record& r = slot(record);
      w.checker->add_record_at(record, quiet, w.batch, r);
      if (r.id.empty()) return;
      const auto line = static_cast<std::size_t>(record.place.line);
      id_hashes[line - 1] = IdIndex::hash(r.id);
      ++w.records;
      w.last_line = std::max(w.last_line, line);
    };
    read_ndjson_part(text, blocks[k].begin, blocks[k].end, blocks[k].first_line, path, w.diagnostics, sink);
    outcomes[k].diagnostics = std::move(w.diagnostics);
    w.diagnostics = Diagnostics();
    outcomes[k].notes = w.checker->take_notes();
  };

  // Every id, in file order, as one pass sees them (a record with other
  // errors included). The thread that read a record hashed its id, so the
  // slot of the id table for a record well ahead can be asked for at once.
  text::LineIndex line_index(content);  // built only if a duplicate needs it
  auto see_ids = [&](std::size_t from, std::size_t to) {
    constexpr std::size_t kAhead = 16;
    for (std::size_t i = from; i < to && i < from + kAhead; ++i) checker.prefetch_id(id_hashes[i - base]);
    for (std::size_t i = from; i < to; ++i) {
      if (i + kAhead < to) checker.prefetch_id(id_hashes[i + kAhead - base]);
      const Record& r = batch.records[i];
      if (r.id.empty()) continue;
      if (const RecordPlace* first_seen = checker.see_id(r.id, id_hashes[i - base], r.place)) {
        const RawPlace at = id_place(text, path, line_index, r.place.line);
        diagnostics.error(path, at.line, at.column, RecordChecker::duplicate_id(r.id, *first_seen, batch.files));
      }
    }
  };
  std::size_t bytes_done = 0;
  auto take_block = [&](std::size_t k) {
    diagnostics.append(outcomes[k].diagnostics);
    outcomes[k].diagnostics = Diagnostics();
    for (const auto& note : outcomes[k].notes) checker.apply(note, batch);
    const std::size_t from = base + static_cast<std::size_t>(blocks[k].first_line) - 1;
    const std::size_t to =
        k + 1 < blocks.size() ? base + static_cast<std::size_t>(blocks[k + 1].first_line) - 1 : batch.records.size();
    see_ids(from, to);
    bytes_done += blocks[k].end - blocks[k].begin;
    if (options.progress) options.progress(path, bytes_done, content.size());
  };
  diagnostics.append(workers[0].diagnostics);  // what begin_file said
  workers[0].diagnostics = Diagnostics();
  parallel::for_each_ordered(blocks.size(), options.jobs, read_block, take_block);

  for (auto& w : workers) {
    for (const auto& store : w.batch.storage)
      if (std::find(batch.storage.begin(), batch.storage.end(), store) == batch.storage.end())
        batch.storage.push_back(store);
  }
  batch.as_of = workers[0].batch.as_of;
  // Records with errors stay in their slots: with errors there is no batch.
  // The slots left empty go: only the last (after the final line end) when
  // no line was blank or not a record, which the counts tell without
  // visiting every record again.
  std::size_t records = 0;
  std::size_t last_line = 0;
  for (const auto& w : workers) {
    records += w.records;
    last_line = std::max(last_line, w.last_line);
  }
  if (last_line == records) {
    batch.records.resize(base + records);
  } else {
    batch.records.erase(std::remove_if(batch.records.begin() + static_cast<long>(base), batch.records.end(),
                                       [](const Record& r) { return r.id.empty(); }),
                        batch.records.end());
  }
  return true;
}

}  // namespace govscore
