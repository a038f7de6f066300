// Inspection records: what the inspectors found for each website or account
// in one period, read from JSON or NDJSON and checked against a rule set.
// See docs/record-files.md for the contract.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "govscore/error.hpp"
#include "govscore/exact.hpp"
#include "govscore/expression.hpp"
#include "govscore/span.hpp"

namespace govscore {

struct RuleSet;
// Where a batch's records keep their texts and points (internal to the loader).
class RecordStore;

// Raw points entered under one indicator, or under one part of it.
// Trivially copyable, and small: a batch's storage holds a million.
struct PointsEntry {
  std::uint32_t indicator = 0;         // index into Target::deductions
  std::optional<std::uint32_t> part;   // index into Indicator::parts
  Exact points = 0;                    // as entered, before factor and cap
};

// Points entered for one bonus item.
struct BonusEntry {
  std::size_t item = 0;                // index into Bonus::items
  Exact points = 0;
};

// One problem found (检测报告 line): its points add into the indicator or
// part it names, exactly as if they had been entered under it.
struct Finding {
  std::size_t indicator = 0;
  std::optional<std::size_t> part;
  Exact points = 0;
  std::string title;  // what was found, e.g. the page or column
  std::string url;
  std::string note;
  std::string found;  // when, as written (ISO date or date-time)
  // false: a problem described in words only (a sheet's 问题描述 or 备注, a
  // JSON finding with a title and no indicator): `indicator`, `part` and
  // `points` mean nothing and nothing is deducted for it.
  bool scored = true;
};

// What an earlier publication said of a record, for `govscore audit`.
struct Published {
  std::optional<Exact> score;     // none: blank (e.g. vetoed)
  std::string score_text;         // the score as the publication wrote it ("100.04")
  std::string result;             // "合格" / "不合格", or empty
  std::optional<long> rank;
  std::optional<bool> veto;       // 单项否决 是/否
};

// What a rule's condition made of a record's facts, for the trace:
// "站点无法访问: 9 of 140 probes failed = 6.43 % ≥ 5 %".
struct Evidence {
  enum class Kind { kVeto, kPoints } kind = Kind::kVeto;
  enum class Use {
    kApplied,     // the veto fired, or the points were counted
    kNotFired,    // the condition was false (or the points 0)
    kOverridden,  // points entered by hand win over the evidence
    kSkipped,     // a fact was missing and --missing-facts=skip was given
  } use = Use::kApplied;
  std::size_t index = 0;             // veto or indicator
  std::optional<std::size_t> part;
  Exact points = 0;                  // for kPoints
  std::string text;                  // the evidence in words (English)
  Message words;                     // the same, to be worded in any language; empty: `text` in every language
};

// Where a record was read from, for messages about it.
struct RecordPlace {
  std::uint32_t file = 0;  // index into Batch::files
  int line = 0;
};

// What few records have: a note, bonus items, findings, facts and what
// they made of the record, published values, named lists. Shared by the
// copies of a record (Record::more), immutable once loaded.
struct RecordDetails {
  std::string_view note;                  // free text kept for the reader (备注), never scored
  std::vector<BonusEntry> bonus_items;    // "bonus": {"item": 5}
  std::vector<Finding> findings;          // itemised problems (already in deductions)
  FactValues facts;                       // parallel to RuleSet::facts; empty: no facts given
  std::vector<Evidence> evidence;         // what the conditions made of the facts
  std::optional<Published> published;     // what an earlier publication said (audit)
  std::vector<std::size_t> lists;         // the named lists (RuleSet::lists) its facts put it on

  [[nodiscard]] bool empty() const {
    return note.empty() && bonus_items.empty() && findings.empty() && facts.empty() && evidence.empty() && !published &&
           lists.empty();
  }
};

// One inspected unit, resolved against the rule set: every name has become
// an index, so scoring does no lookups. Copyable; its texts and its
// deductions are views into its batch's storage (Batch::storage), and live
// as long as that does.
struct Record {
  std::string_view name;
  std::string_view owner;      // 主管单位
  std::string_view platform;   // 类别 for new media: 微信公众号, 新浪微博, 抖音 …
  std::string_view group;
  std::uint32_t target = 0;    // index into RuleSet::targets
  bool public_services = true;
  std::vector<std::size_t> vetoes;        // indices into Target::veto
  Span<PointsEntry> deductions;           // in input order

 private:
  // Bit i: indicator i listed 不考核 (a target has at most
  // limits::kMaxDeductionIndicators, so 64 bits hold them all).
  std::uint64_t not_assessed_ = 0;

 public:
  std::string_view id;
  std::string_view region;
  std::shared_ptr<const RecordDetails> more;  // none when the record has no details
  RecordPlace place;

  // "bonus": 5, as entered (at most Exact::kMaxDecimals decimals and
  // Exact::kMaxMagnitude, as the loader checks).
  [[nodiscard]] std::optional<Exact> bonus_total() const;
  void set_bonus_total(const Exact& points);
  // The record's details: note, bonus items, findings, facts, evidence,
  // published values (empty ones when it has none).
  [[nodiscard]] const RecordDetails& details() const;
  // An indicator named 不考核 for this unit (not_assessed, or a 不考核 cell).
  void set_not_assessed(std::size_t indicator) { not_assessed_ |= std::uint64_t{1} << indicator; }
  [[nodiscard]] bool listed_not_assessed(std::size_t indicator) const { return (not_assessed_ >> indicator) & 1U; }
  // Whether the indicator is scored for this unit (not 不考核: listed, or
  // needing public-facing services the unit does not offer).
  [[nodiscard]] bool assessed(const RuleSet& rules, std::size_t indicator) const;

 private:
  static constexpr std::int64_t kNoBonus = INT64_MIN;  // outside what the loader admits
  std::int64_t bonus_millionths_ = kNoBonus;  // fits: |points| ≤ 10⁹ with 6 decimals
};

// Summary figures as an earlier publication gave them, per target, for
// `govscore audit`. Each is optional.
struct PublishedSummary {
  std::optional<long> registered, checked, passed, failed;
  std::optional<Exact> pass_rate, check_rate;  // in percent: 99.38
  // What a publication said of a band or a named list: how many, and whom
  // it named (the Chongqing bulletin says 46 sites scored 100–110 and names 45).
  struct Names {
    std::optional<long> count;
    std::optional<std::vector<std::string>> names;
  };
  std::map<std::string, Names> bands;  // by band title
  std::map<std::string, Names> lists;  // by list id (lists of this target)
};

// The records of one period, in input order.
struct Batch {
  std::vector<std::string> files;           // the files read, as named; RecordPlace::file indexes it
  std::string period;                       // "2021Q1"
  std::string window_from, window_to;       // ISO dates, optional
  std::optional<long> as_of;                // the check point: --as-of, else window.to (a day number)
  std::vector<Record> records;
  std::vector<std::shared_ptr<const RecordStore>> storage;  // where the records' texts and deductions live
  // How many targets are registered (在册), for the check rate: per target
  // index, overall and per region.
  std::map<std::size_t, long> registered;
  std::map<std::string, std::map<std::size_t, long>> registered_by_region;
  std::map<std::size_t, PublishedSummary> published_summary;
};

struct LoadOptions {
  std::string period;  // --period: used where files give none; must agree where they do
  std::string as_of;   // --as-of: the check point dates are measured against (default: window.to)
  // A fact a condition needs but a record (that has facts) lacks: an error
  // naming the record, or (skip) the rule counts as not triggered, said in the trace.
  bool skip_missing_facts = false;
  std::string target;  // --target: the target of spreadsheet rows when the sheet has no target column
  std::string sheet;   // --sheet: the one sheet of an .xlsx file to read (default: every sheet with a heading row of records)
  // Threads for a large NDJSON file: 1 (the default) reads it on the
  // caller's thread; more (0: one per core) read it in blocks on threads of
  // the loader's own that end before it returns. The batch and the
  // diagnostics are the same at any count.
  unsigned jobs = 1;
  // Called now and then while records are checked, with how much of a file
  // is done (bytes of a JSON file, rows of a sheet), always on the thread
  // that called load_records, in file order; the CLI draws a progress bar
  // from it. May be empty.
  std::function<void(const std::string& file, std::size_t done, std::size_t total)> progress;
};

// The outcome of loading: a batch when `diagnostics` has no errors.
struct RecordsLoad {
  std::optional<Batch> batch;
  Diagnostics diagnostics;
};

// Loads every file — JSON; NDJSON (.ndjson, .jsonl); CSV (.csv: UTF-8 or
// GBK/GB18030); XLSX (.xlsx) — checks every record against `rules`, and
// reports every problem with its file, line, record id and field. Never
// throws on bad input. A regular file is memory-mapped, and the batch's
// records view it for as long as the batch (or a copy) lives: it must not
// be changed or cut short meanwhile (govscore.hpp, "Lifetimes").
[[nodiscard]] RecordsLoad load_records(const std::vector<std::string>& paths, const RuleSet& rules,
                                       const LoadOptions& options = {});

// Same for content already in memory; `path` names it in messages and its
// extension picks the format.
[[nodiscard]] RecordsLoad load_records_text(const std::string& content, const std::string& path,
                                            const RuleSet& rules, const LoadOptions& options = {});

}  // namespace govscore
