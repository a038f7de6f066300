// Checks raw records against the rule set and resolves every name to an
// index: every rule about what a record may say, whatever format it was read
// from (docs/record-files.md). Internal to the loader.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "govscore/records.hpp"
#include "govscore/rules.hpp"
#include "load/id_index.hpp"
#include "load/json_reader.hpp"
#include "load/raw_record.hpp"
#include "load/record_store.hpp"
#include "util/text.hpp"

namespace govscore {

// What a name (id or title) refers to within one target.
struct NameRef {
  enum class Kind { kVeto, kIndicator, kPart, kBonusItem } kind = Kind::kIndicator;
  std::size_t index = 0;  // veto, indicator or bonus item
  std::size_t part = 0;
};

// Every id and title of a target, for lookups and "did you mean".
struct TargetNames {
  std::unordered_map<std::string_view, NameRef> refs;  // views into the rule set, which outlives the checker
  std::vector<std::string> all;
  explicit TargetNames(const Target& t) {
    auto add = [&](const std::string& id, const std::string& title, NameRef ref) {
      refs.emplace(id, ref);
      refs.emplace(title, ref);
      all.push_back(title);
      if (id != title) all.push_back(id);
    };
    for (std::size_t v = 0; v < t.veto.size(); ++v) add(t.veto[v].id, t.veto[v].title, {NameRef::Kind::kVeto, v, 0});
    for (std::size_t i = 0; i < t.deductions.size(); ++i) {
      const auto& ind = t.deductions[i];
      add(ind.id, ind.title, {NameRef::Kind::kIndicator, i, 0});
      for (std::size_t p = 0; p < ind.parts.size(); ++p)
        add(ind.parts[p].id, ind.parts[p].title, {NameRef::Kind::kPart, i, p});
    }
    if (t.bonus)
      for (std::size_t b = 0; b < t.bonus->items.size(); ++b)
        add(t.bonus->items[b].id, t.bonus->items[b].title, {NameRef::Kind::kBonusItem, b, 0});
  }

  // Names of the given kinds only, for suggestions that fit the field.
  std::vector<std::string> of(std::initializer_list<NameRef::Kind> kinds) const {
    std::vector<std::string> out;
    for (const auto& name : all) {
      const NameRef& r = refs.at(name);
      for (auto k : kinds)
        if (r.kind == k) out.push_back(name);
    }
    return out;
  }
};
class RecordChecker {
 public:
  RecordChecker(const RuleSet& rules, Diagnostics& diag, bool skip_missing_facts);

  // A file: its header first (period, window, counts …), then its records
  // one by one, then the checks that need the whole file.
  void begin_file(const RawFile& file, const LoadOptions& options, Batch& batch);

  // Checks a record into `slot` instead of appending it (the block reader,
  // ndjson_blocks.hpp, gives each line its own slot); whether it has no errors.
  bool add_record_at(const RawRecord& raw, const LoadOptions& options, Batch& batch, Record& slot);
  void add_record(const RawRecord& raw, const LoadOptions& options, Batch& batch);

  // A rule about the whole file that a record meets: its period must agree
  // with the file's, and a check point must exist for its dates (said once,
  // at the first record that needs it). Applied at once when records are
  // checked in file order; kept for the caller when they are checked in
  // blocks (use_slots), so that a block's messages never depend on which
  // blocks were read before it: the caller applies them in file order.
  struct FileWideNote {
    enum class Kind { kPeriod, kNoCheckPoint } kind;
    RawPlace place;
    std::string text;  // the period
    Message subject;   // the record's, for kNoCheckPoint
  };
  std::vector<FileWideNote> take_notes() { return std::move(notes_); }
  void apply(const FileWideNote& note, Batch& batch);

  // Records `id` as seen at `place`; where it was first seen when it was
  // seen before (see use_slots).
  const RecordPlace* see_id(std::string_view id, std::uint64_t hash, const RecordPlace& place);
  void prefetch_id(std::uint64_t hash) const { seen_ids_.prefetch(hash); }
  // The message for a second sighting of `id`.
  static Message duplicate_id(std::string_view id, const RecordPlace& first, const std::vector<std::string>& files);
  void reserve_ids(std::size_t more, unsigned jobs = 1) { seen_ids_.reserve(more, jobs); }
  // Follows the file `reader` began (begin_file) while other checkers read
  // its records (use_slots), the caller giving this checker the file's ids
  // and notes: its places are that file's, and the period `reader` found
  // (--period, the file's name) is the one the notes must agree with.
  void follow_file(const RecordChecker& reader);
  // Knows what `earlier` learnt from the files before (where the batch's
  // period came from, what is said once a run), as if it had read them:
  // the checkers reading one file's blocks start from the caller's.
  void continue_from(const RecordChecker& earlier);
  [[nodiscard]] std::size_t file_index() const { return file_index_; }
  // Records will be checked into slots, by more than one checker at once:
  // nothing to reserve, and their ids (see_id) and file-wide notes
  // (take_notes) are left to the caller, to be seen in file order.
  void use_slots(bool slots = true);
  void end_file(const LoadOptions& options);

  // Lets the records' texts be views of `text` where they are written as
  // is, its owner held by the batch's store (else they are copied).
  void view_texts_in(const JsonText& text);

  // A file read whole (spreadsheets).
  void add_file(const RawFile& file, const LoadOptions& options, Batch& batch);

 private:
  bool read_record(const RawRecord& raw, std::size_t number, bool ndjson, Batch& batch, Record& r);
  void read_vetoes(const RawField& f, const Target& t, Record& r);
  void read_not_assessed(const RawField& f, const Target& t, Record& r);
  void read_deductions(const RawField& f, const Target& t, Record& r);

  // Itemised findings: each adds its points into the indicator or part it
  // names. An indicator entered both as a number and as findings would be
  // counted twice, so that is an error.
  void read_findings(const RawField& f, const Target& t, Record& r);
  void read_published(const RawValue& v);

  // A count: a whole number ≥ 0 (≥ 1 for ranks is left to the reader).
  std::optional<long> count_of(const RawValue& v, const Message& where);

  // {"website": 804, "newmedia": 5360}: target id → count.
  void read_counts(const RawValue& v, const Message& where, std::map<std::size_t, long>& out);
  void set_count(std::map<std::size_t, long>& out, std::size_t target, long n, const RawPlace& place,
                 const Message& where);
  void read_registered_by_region(const RawValue& v, Batch& batch);
  void read_published_summary(const RawValue& v, Batch& batch);
  std::vector<std::string> band_titles(std::size_t target) const;
  std::vector<std::string> list_ids(std::size_t target) const;

  // "bands": {"100分以上110分以下": {"count": 46, "names": ["…", …]}} — and the
  // same for "lists", by list id.
  void read_published_names(const RawValue& v, const Message& where, const std::vector<std::string>& known,
                            std::map<std::string, PublishedSummary::Names>& out);

  // "facts": {"probes_total": 140, "homepage_last_update": "2021-03-20", …}
  void read_facts(const RawValue& v);

  // One number, boolean or date (or null) as `decl` declares it. A fact's
  // own date (not an event's, which may fall after the check point and is
  // judged by the rule that reads it) must not be after the check point.
  std::optional<FactValue> fact_value(const FactDeclaration& decl, const RawValue& v, const Message& where,
                                      bool event_field = false);

  // "messages": [{"received": "2024-02-08", "answered": null}, …]: each event
  // an object of the list's declared fields; a field left out is "not given",
  // which has() tells apart from a value just as it does null.
  std::optional<FactValue> event_list(const FactDeclaration& decl, const RawValue& v, const Message& where);
  static std::string shown(const RawValue& v);

  // The facts an expression read, with their values: "probes_failed = 9, probes_total = 140".
  Message fact_values(const Expression& e) const;

  // Says why an expression could not be evaluated; true when the record
  // should be treated as "not triggered" (skip), false when it is an error.
  bool problem(const EvaluationProblem& p, const Message& rule, const RawField& facts);

  // "messages #3: answered" (events count from 1).
  std::string event_field_name(const EvaluationProblem& p) const;
  Message skipped_text(const EvaluationProblem& p, const FactList& facts) const;

  // The evidence of a condition's list functions: "; messages: 5 events, …".
  Message tallies_text(const Expression::Outcome& outcome) const;

  // The named lists of the record's target that its facts put it on.
  void place_on_lists(const RawField& facts, const Batch& batch, Record& r);

  // Evaluates the rule file's conditions on a record that carries facts:
  // vetoes that fire join those entered by hand; points from facts count
  // only where nothing was entered by hand for that indicator or part.
  void apply_conditions(const RawField& facts, const Target& t, Batch& batch, Record& r);
  void derive_points(const Expression& e, std::size_t indicator, std::optional<std::size_t> part, const std::string& title,
                     const RawField& facts, const Batch& batch, Record& r);
  void read_bonus(const RawField& f, const Target& t, Record& r);
  void check_something_is_assessed(const RawRecord& raw, const Target& t, Record& r);

  // A points value: a JSON number, not negative, within range and decimals.
  std::optional<Exact> points_of(const RawValue& v, const Message& where);

  // The same, with the message's subject made only when there is a message.
  template <typename Where>
  std::optional<Exact> points_at(const RawValue& v, Where where);

  // A text value; `subject` names what it belongs to in messages (empty: the
  // field alone), and is only looked at when there is a message.
  std::optional<std::string> text_of(const RawValue& v, const Message& subject, std::string_view field,
                                     bool allow_empty = false);

  // A text field of the record being read, as a view into the raw record
  // (valid while it is read); its subject is made only for a message. A
  // record's text field, when it is a text every output can show as
  // written: no control or bidirectional characters (line breaks only in a
  // note), and no longer than a spreadsheet cell holds.
  std::optional<std::string_view> record_text(const RawValue& v, std::string_view field, bool allow_empty = false);
  template <typename Fn>
  void for_each_name(const RawField& f, const std::string& field, Fn fn);
  void read_window(const RawValue& v, Batch& batch);

  // The check point dates are measured against: --as-of, else window.to.
  void set_check_point(const LoadOptions& options, Batch& batch);
  void file_wide(FileWideNote note, Batch& batch);

  // Sets the batch's period, one that Period::parse admits (util/period.hpp).
  // `source` says where the period comes from (--period, the file's name,
  // 检查期, "period"): a disagreement names both sources.
  void set_period(const std::string& period, const RawPlace& place, Batch& batch, const Message& source);

  // The fields a record may have (kRecordFields names them), and which one
  // a key is: by its length first, so that a key is compared with a name or
  // two of that length, not with each name in turn.
  enum class RecordField {
    kId, kName, kOwner, kTarget, kPlatform, kRegion, kGroup, kNote, kPeriod, kPublicServices,
    kNotAssessedList, kVeto, kDeductions, kBonus, kFindings, kPublished, kFacts, kUnknown
  };
  static RecordField field_of(std::string_view key);
  static std::string join(const std::vector<std::string>& items);
  static std::string part_titles(const Indicator& ind);
  // The entry for points under an indicator or one of its parts (indices a
  // rule set keeps small: limits.hpp).
  static PointsEntry entry_of(std::size_t indicator, std::optional<std::size_t> part, const Exact& points);

  // `message`: a std::string (English only) or a Message.
  template <class Text>
  void error(const RawPlace& place, Text message);

  inline static const std::vector<std::string> kRecordFields = {
      "id", "name", "owner", "target", "platform", "region", "group", "note", "period", "public_services",
      "not_assessed", "veto", "deductions", "bonus", "findings", "published", "facts"};
  inline static const std::vector<std::string> kFileFields = {
      "period", "window", "records", "registered", "registered_by_region", "published_summary"};
  const RuleSet& rules_;
  Diagnostics& diag_;
  std::vector<RecordField> fields_;  // read_record's: which field each key is
  std::vector<TargetNames> names_;
  std::vector<std::string> target_ids_;
  std::shared_ptr<RecordStore> store_;  // the records' texts and deductions: shared with the batch
  RecordDetails details_;  // of the record being read, kept with it when not empty
  IdIndex seen_ids_;
  std::string file_;
  std::optional<text::LineIndex> index_;  // the current file's offsets → line:column
  // What messages call the record being read: record "dz-w-04", or record #3
  // before its id is known. Made only when a message needs it.
  Message subject() const;
  const std::string_view* subject_id_ = nullptr;
  std::size_t subject_number_ = 0;
  std::vector<PointsEntry> points_;         // the current record's deductions, kept in the store at its end
  std::vector<RawPlace> deduction_places_;  // of the current record's entries
  std::vector<std::pair<NameRef, std::string_view>> seen_deductions_;  // read_deductions' scratch
  bool ndjson_ = false;
  bool has_period_ = false;
  bool sheet_ = false;          // the file being read is a spreadsheet
  Message period_source_;       // where the batch's period came from, for messages
  std::size_t number_ = 0;  // records of the current file so far
  std::size_t progress_total_ = 0;
  std::size_t file_index_ = 0;
  bool reserve_ = true;
  bool ids_seen_by_caller_ = false;
  bool skip_missing_ = false;
  bool reported_no_check_point_ = false;
  std::optional<long> check_point_;  // the current file's (set_check_point)
  std::vector<FileWideNote> notes_;  // with use_slots: for the caller to apply
  bool reported_bad_as_of_ = false;
};
}  // namespace govscore
