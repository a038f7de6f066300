// The archive: scored quarters kept in one SQLite file, each with the rule
// file's text and hash, the records as loaded and the results, so that later
// comparisons (compare, recheck, rollup) read quarters instead of rescoring
// them, and any quarter's bulletin can be rebuilt from the file alone.
// The schema is documented in docs/archive.md.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "govscore/exact.hpp"
#include "govscore/rank.hpp"

namespace govscore {

struct RuleSet;
struct Batch;

namespace sqlite {
class Database;
}

// The schema version this govscore writes (PRAGMA user_version). Older files
// are migrated when opened for writing; newer ones are refused.
inline constexpr int kArchiveSchemaVersion = 1;

// What an archived quarter was scored with, and when it was added.
struct QuarterInfo {
  std::string period;            // "2021Q1"; unique in an archive
  std::string rules_id;
  std::string rules_title;
  std::string rules_file;        // the rule file as named when added
  std::string rules_sha256;      // of rules_text, 64 hex digits
  RankWithin within = RankWithin::kTarget;
  int decimals = 1;              // the rule file's: scores are rounded to it
  std::string govscore_version;  // of the govscore that added it
  std::string added_at;          // UTC, "2026-11-28T04:40:35Z"
  std::int64_t units = 0;        // records scored
};

// One unit's result as archived, with what it was scored as. Its texts are
// views: into its ArchivedQuarter's `texts` when loaded from an archive, or
// into whatever the maker of the quarter says outlives it (as_archived).
// Small, because a national quarter loads a million of them.
struct ArchivedUnit {
  std::string_view id;
  std::string_view name;
  std::string_view owner;
  std::string_view target;  // the target's id
  std::string_view region;
  std::string_view group;
  std::string_view platform;
  std::optional<Exact> score;        // rounded; none when vetoed or pass/fail only
  bool passed = false;
  std::optional<long> rank;          // none for pass/fail-only targets
  std::vector<std::string_view> vetoes;  // titles of the vetoes that fired
  // Indicator title → points deducted (after factor and cap), the indicators
  // with points only, in rule-file order.
  std::vector<std::pair<std::string_view, Exact>> deductions;
  std::optional<Exact> bonus;        // counted; none when none entered or vetoed
};

// A target of an archived quarter's rule file.
struct ArchivedTarget {
  std::string id;
  std::string title;
  Exact pass_score = 60;
};

// Bytes that texts view (std::string_view) into: blocks that never move,
// so every view stays valid as more texts are kept, and when the TextBlocks
// is moved (its views then belong to where it moved). Move-only. The
// archive fills them as it reads units; a caller only keeps them alive.
class TextBlocks {
 public:
  TextBlocks() = default;
  TextBlocks(TextBlocks&&) noexcept = default;
  TextBlocks& operator=(TextBlocks&&) noexcept = default;
  TextBlocks(const TextBlocks&) = delete;
  TextBlocks& operator=(const TextBlocks&) = delete;

  // A copy of `text`, kept here.
  [[nodiscard]] std::string_view keep(std::string_view text);

 private:
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* next_ = nullptr;  // where the next text goes in the last block
  std::size_t left_ = 0;  // bytes left after it
};

// A whole archived quarter: its units in table order (targets in rule-file
// order, then by rank, vetoed last), as `score` lists them.
// Move-only: its units view its `texts`, which a move keeps in place.
struct ArchivedQuarter {
  QuarterInfo info;
  std::vector<ArchivedTarget> targets;  // in rule-file order
  std::vector<ArchivedUnit> units;
  // What the units' texts view when loaded from an archive, each text
  // stored once however many units name it.
  TextBlocks texts;

  ArchivedQuarter() = default;
  ArchivedQuarter(ArchivedQuarter&&) noexcept = default;
  ArchivedQuarter& operator=(ArchivedQuarter&&) noexcept = default;
  ArchivedQuarter(const ArchivedQuarter&) = delete;
  ArchivedQuarter& operator=(const ArchivedQuarter&) = delete;
};

// What a quarter was made from: enough to load and score it again.
struct QuarterSource {
  QuarterInfo info;
  std::string rules_text;
  std::string records_json;  // one JSON records file (docs/record-files.md)
  std::string as_of;         // --as-of given when added ("" none)
  bool skip_missing_facts = false;
};

// One finding of an archived unit (for 复核名单 and 整改清单).
struct ArchivedFinding {
  std::string indicator;  // the indicator or part, by title; empty: a problem in words (问题描述), no points
  Exact points = 0;
  std::string title;
  std::string url;
  std::string note;
  std::string found;
};

// A quarter to add: everything is referred to, not copied; all must
// outlive the call.
struct QuarterToAdd {
  const RuleSet* rules = nullptr;
  const std::string* rules_text = nullptr;  // the rule file as loaded, hashed and stored
  const Batch* batch = nullptr;
  const std::vector<Result>* ranked = nullptr;  // as rank() returns them
  RankWithin within = RankWithin::kTarget;
  std::string as_of;
  bool skip_missing_facts = false;
  std::string govscore_version;
  std::string added_at;  // UTC ISO 8601; empty: now
  // Threads that make the rows' texts while the caller's thread stores
  // them: 0 one per core, 1 the caller's alone (the default); threads
  // started end before add() returns. The file is the same at any count.
  unsigned jobs = 1;
};

// An open archive file. Move-only. Every method throws govscore::Error,
// whose text starts with the file's name, when SQLite fails; reads never
// change the file. Threads: one Archive is used by one thread at a time
// (its SQLite connection is opened without a mutex); threads that read the
// same file at once each open their own (as load_quarters does).
class Archive {
 public:
  enum class Mode {
    kRead,    // the file must exist
    kWrite,   // created when missing (or empty); older schemas migrated
    kUpdate,  // as kWrite, but the file must exist
  };

  // Opens `path`. Refused (govscore::Error naming the file) when it is not a
  // SQLite file, is corrupt, belongs to another program, or was written by
  // a newer govscore; such a file is never changed. A writer waits up to
  // `busy_ms` for another writer to finish.
  [[nodiscard]] static Archive open(const std::string& path, Mode mode, int busy_ms = 10000);

  Archive(Archive&&) noexcept;
  ~Archive();
  Archive(const Archive&) = delete;
  Archive& operator=(const Archive&) = delete;
  Archive& operator=(Archive&&) = delete;

  [[nodiscard]] const std::string& path() const { return path_; }

  // Every archived quarter, in period order.
  [[nodiscard]] std::vector<QuarterInfo> list();
  [[nodiscard]] std::optional<QuarterInfo> find(const std::string& period);
  // The latest archived period before `period` (in text order, which is
  // time order for 2021Q4 < 2022Q1), if any.
  [[nodiscard]] std::optional<std::string> previous(const std::string& period);
  // The earliest archived period after `period`, if any.
  [[nodiscard]] std::optional<std::string> next(const std::string& period);

  // Stores a scored quarter in one transaction: a failure or a killed run
  // leaves the file as it was. A period already archived is replaced only
  // with `replace`; without it, govscore::Error says so and nothing changes.
  // Returns what was replaced, if anything.
  std::optional<QuarterInfo> add(const QuarterToAdd& quarter, bool replace);

  // Removes a quarter; false when it is not archived.
  bool remove(const std::string& period);

  // What load() fills in: everything, or all but the units' deductions
  // (which a rollup does not use).
  enum class Parts { kAll, kWithoutDeductions };
  // Which of its units load() gives: all, or only those that failed (what
  // a re-check lists).
  enum class Units { kAll, kFailed };
  // The quarter's results. Precondition: find(period) has it (else Error).
  [[nodiscard]] ArchivedQuarter load(const std::string& period, Parts parts = Parts::kAll, Units units = Units::kAll);
  // The units of `period` whose ids are ids of units of `among`, as load()
  // lists them: of the quarter after a re-checked one, what the re-check
  // needs. Precondition as load().
  [[nodiscard]] ArchivedQuarter load_matching(const std::string& period, const ArchivedQuarter& among,
                                              Parts parts = Parts::kAll);
  // The units load() lists, handed to `visit` one at a time in the same
  // order and not kept: a unit lives for its call, and the texts it views
  // are added to `texts`, which the caller keeps as long as it keeps views.
  // Precondition as load().
  void read_units(const std::string& period, Parts parts, TextBlocks& texts,
                  const std::function<void(const ArchivedUnit&)>& visit, Units units = Units::kAll);
  // The findings of every unit that failed in the quarter, by unit id, from
  // their archived records (an empty list for a unit without findings).
  [[nodiscard]] std::map<std::string, std::vector<ArchivedFinding>> findings_of_failed(const std::string& period);
  // The text of the rule file the quarter was scored with.
  [[nodiscard]] std::string rules_text(const std::string& period);
  // What the quarter was made from.
  [[nodiscard]] QuarterSource source(const std::string& period);

 private:
  Archive(std::string path, std::unique_ptr<sqlite::Database> db);
  // The quarter's info and targets, no units yet.
  ArchivedQuarter quarter_of(const std::string& period);
  std::string path_;
  std::unique_ptr<sqlite::Database> db_;
};

// Loads each of `periods` from the archive file `path`, as Archive::load
// does, on up to `jobs` threads (1: the caller's; each thread opens the
// file on its own connection, to read), and returns them in the order
// given. Throws what opening or loading throws (the first, when several do).
[[nodiscard]] std::vector<ArchivedQuarter> load_quarters(const std::string& path,
                                                         const std::vector<std::string>& periods,
                                                         Archive::Parts parts = Archive::Parts::kAll,
                                                         unsigned jobs = 1);

// The time now in UTC as ISO 8601 ("2026-11-28T04:40:35Z").
[[nodiscard]] std::string utc_now();

}  // namespace govscore
