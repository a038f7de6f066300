// Checks raw records against the rule set and resolves every name to an
// index. Every rule about what a record may say lives here, whatever format
// it was read from.
#include "govscore/records.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <set>
#include <unordered_map>

#include "govscore/calendar.hpp"
#include "govscore/limits.hpp"
#include "govscore/rules.hpp"
#include "io/file_text.hpp"
#include "util/fresh_memory.hpp"
#include "util/parallel.hpp"
#include "load/id_index.hpp"
#include "load/event_tables.hpp"
#include "load/raw_record.hpp"
#include "load/sheet_records.hpp"
#include "util/text.hpp"

namespace govscore {
namespace {

constexpr const char* kNotAssessed = "不考核";

// Messages quote keys and texts, which are views into the input; C++26 has
// this operator, C++17 does not.
std::string operator+(const std::string& a, std::string_view b) { return a + std::string(b); }

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
  RecordChecker(const RuleSet& rules, Diagnostics& diag, bool skip_missing_facts)
      : rules_(rules), diag_(diag), texts_(std::make_shared<TextStore>()), skip_missing_(skip_missing_facts) {
    for (const auto& t : rules.targets) names_.emplace_back(t);
    // Ids and titles, each target's id before its title: either names it.
    for (const auto& t : rules.targets) {
      target_ids_.push_back(t.id);
      if (t.title != t.id && !t.title.empty()) target_ids_.push_back(t.title);
    }
  }

  // A file: its header first (period, window, counts …), then its records
  // one by one, then the checks that need the whole file.
  void begin_file(const RawFile& file, const LoadOptions& options, Batch& batch) {
    file_ = file.path;
    file_index_ = batch.files.size();
    batch.files.push_back(file.path);
    if (std::find(batch.texts.begin(), batch.texts.end(), texts_) == batch.texts.end()) batch.texts.push_back(texts_);
    index_.emplace(file.content);
    ndjson_ = file.ndjson;
    number_ = 0;
    progress_total_ = file.content.empty() ? file.records.size() : file.content.size();
    // One record a line: reserve once instead of regrowing (and moving) a
    // million records (unless records go to slots: add_record_at). The id
    // index grows as it goes: reserved for a million at once, it was slower.
    if (!reserve_) {
    } else if (file.ndjson && !file.content.empty())
      batch.records.reserve(batch.records.size() + text::count_line_ends(file.content) + 1);
    else if (!file.records.empty())
      batch.records.reserve(batch.records.size() + file.records.size());
    has_period_ = false;
    sheet_ = file.sheet;
    // --period first, then the file's name, so that a file saying otherwise
    // is reported where it does; every source that gives a period must
    // agree (docs/record-files.md, "The period").
    if (!options.period.empty()) set_period(standard_period(options.period), {}, batch, "--period");
    if (!file.period_in_name.empty()) set_period(file.period_in_name, {}, batch, "the file's name");
    for (const auto& f : file.header) {
      if (f.key == "period") {
        has_period_ = true;
        if (auto p = text_of(f.value, "", "period")) set_period(*p, f.value.place, batch, "\"period\"");
      } else if (f.key == "window") {
        read_window(f.value, batch);
      } else if (f.key == "registered") {
        read_counts(f.value, "registered", batch.registered);
      } else if (f.key == "registered_by_region") {
        read_registered_by_region(f.value, batch);
      } else if (f.key == "published_summary") {
        read_published_summary(f.value, batch);
      } else {
        error(f.place, "unknown top-level key \"" + f.key + "\"" + text::did_you_mean(f.key, kFileFields));
      }
    }
    set_check_point(options, batch);
  }

  // Checks a record into `slot` instead of appending it (the two-core NDJSON
  // reader gives each line its own slot); whether it has no errors.
  bool add_record_at(const RawRecord& raw, const LoadOptions& options, Batch& batch, Record& slot) {
    // Progress in bytes for text read by offset (JSON), else in records.
    if (options.progress && number_ % 65536 == 0)
      options.progress(file_, raw.place.offset != RawPlace::kNoOffset ? raw.place.offset : number_, progress_total_);
    ++number_;
    return read_record(raw, number_, ndjson_, batch, slot);
  }

  void add_record(const RawRecord& raw, const LoadOptions& options, Batch& batch) {
    Record record;
    if (add_record_at(raw, options, batch, record)) batch.records.push_back(std::move(record));
  }

  // A rule about the whole file that a record meets: its period must agree
  // with the file's, and a check point must exist for its dates (said once,
  // at the first record that needs it). Applied at once when records are
  // checked in file order; kept for the caller when they are checked in
  // blocks (use_slots), so that a block's messages never depend on which
  // blocks were read before it: the caller applies them in file order.
  struct FileWideNote {
    enum class Kind { kPeriod, kNoCheckPoint } kind;
    RawPlace place;
    std::string text;  // the period, or the record's subject
  };
  std::vector<FileWideNote> take_notes() { return std::move(notes_); }
  void apply(const FileWideNote& note, Batch& batch) {
    if (note.kind == FileWideNote::Kind::kPeriod)
      return set_period(note.text, note.place, batch, sheet_ ? "检查期" : "\"period\"");
    if (reported_no_check_point_) return;
    reported_no_check_point_ = true;
    error(note.place, note.text + ": the rules count days to the check point; give \"window\": {\"to\": …} in the file "
                                  "or --as-of");
  }

  // Records `id` as seen at `place`; where it was first seen when it was
  // seen before (see use_slots).
  const RecordPlace* see_id(std::string_view id, std::uint64_t hash, const RecordPlace& place) {
    return seen_ids_.insert(id, hash, place);
  }
  void prefetch_id(std::uint64_t hash) const { seen_ids_.prefetch(hash); }
  // The message for a second sighting of `id`.
  static std::string duplicate_id(std::string_view id, const RecordPlace& first, const std::vector<std::string>& files) {
    return "record \"" + std::string(id) + "\": duplicate id (first in " + files[first.file] + " line " +
           std::to_string(first.line) + ")";
  }
  void reserve_ids(std::size_t more) { seen_ids_.reserve(more); }
  // The file whose ids and notes the caller gives this checker while other
  // checkers read its records (use_slots): its places are this file's.
  void follow_file(const std::string& path, std::string_view content, std::size_t file_index) {
    file_ = path;
    file_index_ = file_index;
    index_.emplace(content);
  }
  [[nodiscard]] std::size_t file_index() const { return file_index_; }
  // Records will be checked into slots, by more than one checker at once:
  // nothing to reserve, and their ids (see_id) and file-wide notes
  // (take_notes) are left to the caller, to be seen in file order.
  void use_slots(bool slots = true) {
    reserve_ = !slots;
    ids_seen_by_caller_ = slots;
  }

  void end_file(const LoadOptions& options) {
    if (!ndjson_ && !has_period_ && options.period.empty() && number_ > 0)
      error({1, 1}, "missing \"period\" (e.g. \"2021Q1\"), or give --period");
  }

  // Lets the records' texts be views of `text` where they are written as
  // is, its owner held by the batch's store (else they are copied).
  void view_texts_in(const JsonText& text) {
    if (text.owner) texts_->hold(text.owner, text.content);
  }

  // A file read whole (spreadsheets).
  void add_file(const RawFile& file, const LoadOptions& options, Batch& batch) {
    begin_file(file, options, batch);
    for (const auto& raw : file.records) add_record(raw, options, batch);
    end_file(options);
  }

 private:
  bool read_record(const RawRecord& raw, std::size_t number, bool ndjson, Batch& batch, Record& r) {
    r.place = {static_cast<std::uint32_t>(file_index_), raw.place.line};
    // Each key told apart once (a million records have ten million keys).
    const RawField* id = nullptr;
    const RawField* target = nullptr;
    bool has_name = false;
    fields_.clear();
    for (const auto& f : raw.fields) {
      const RecordField which = field_of(f.key);
      fields_.push_back(which);
      if (which == RecordField::kId && !id) id = &f;
      if (which == RecordField::kTarget && !target) target = &f;
      has_name = has_name || which == RecordField::kName;
    }
    std::optional<std::uint64_t> id_hash;
    std::size_t errors_before = diag_.error_count();
    if (!details_.empty()) details_ = RecordDetails{};  // most have none: no 240-byte reset for them
    subject_id_ = nullptr;
    // An NDJSON record is numbered by its line: the same whichever part of
    // the file (and so which core) read it, and what the place says.
    subject_number_ = ndjson ? static_cast<std::size_t>(raw.place.line) : number;
    if (!id) {
      error(raw.place, subject() + ": missing \"id\"");
    } else if (auto v = record_text(id->value, "id")) {
      r.id = texts_->keep(*v);
      subject_id_ = &r.id;
      if (!ids_seen_by_caller_) {
        id_hash = IdIndex::hash(r.id);
        seen_ids_.prefetch(*id_hash);  // checked at the end, when the slot has arrived
      }
    }
    const Target* t = nullptr;
    if (!target) {
      error(raw.place, subject() + ": missing \"target\" (one of: " + join(target_ids_) + ")");
    } else if (auto v = record_text(target->value, "target")) {
      if (auto index = rules_.target_index(*v)) {
        r.target = static_cast<std::uint32_t>(*index);
        t = &rules_.targets[*index];
      } else {
        error(target->value.place, subject() + ": target: unknown target \"" + *v + "\" in rules " + rules_.id +
                                       text::did_you_mean(*v, target_ids_) + " (one of: " + join(target_ids_) + ")");
      }
    }
    if (!has_name) error(raw.place, subject() + ": missing \"name\"");

    const RawField* deductions = nullptr;
    const RawField* bonus = nullptr;
    const RawField* not_assessed = nullptr;
    const RawField* findings = nullptr;
    const RawField* facts = nullptr;
    std::set<std::string_view> reported_unknown;
    for (std::size_t i = 0; i < raw.fields.size(); ++i) {
      const RawField& f = raw.fields[i];
      std::string_view k = f.key;
      auto keep_text = [&](std::string_view& into, bool allow_empty) {
        if (auto v = record_text(f.value, k, allow_empty)) into = texts_->keep(*v);
      };
      switch (fields_[i]) {
        case RecordField::kId:
        case RecordField::kTarget: break;  // read above
        case RecordField::kName: keep_text(r.name, false); break;
        case RecordField::kOwner: keep_text(r.owner, true); break;
        case RecordField::kPlatform: keep_text(r.platform, true); break;
        case RecordField::kRegion: keep_text(r.region, true); break;
        case RecordField::kGroup: keep_text(r.group, true); break;
        case RecordField::kNote: keep_text(details_.note, true); break;
        case RecordField::kPeriod:
          if (!ndjson) error(f.place, subject() + ": period belongs at the top of a JSON file, not in a record");
          else if (auto v = record_text(f.value, k))
            file_wide({FileWideNote::Kind::kPeriod, f.value.place, std::string(*v)}, batch);
          break;
        case RecordField::kPublicServices:
          if (f.value.kind == RawValue::Kind::kBool) r.public_services = f.value.text == "true";
          else error(f.value.place, subject() + ": public_services must be true or false");
          break;
        case RecordField::kDeductions: deductions = &f; break;
        case RecordField::kBonus: bonus = &f; break;
        case RecordField::kNotAssessedList: not_assessed = &f; break;
        case RecordField::kVeto:
          if (t) read_vetoes(f, *t, r);
          break;
        case RecordField::kFindings: findings = &f; break;
        case RecordField::kPublished: read_published(f.value); break;
        case RecordField::kFacts: {
          std::size_t before = diag_.error_count();
          read_facts(f.value);
          // Conditions over facts that failed to read would only add noise.
          if (diag_.error_count() == before) facts = &f;
          break;
        }
        case RecordField::kUnknown:
          // Said once per key: a key given twice is the reader's to report.
          if (reported_unknown.insert(k).second)
            error(f.place, subject() + ": unknown field \"" + k + "\"" + text::did_you_mean(k, kRecordFields));
          break;
      }
    }
    deduction_places_.clear();
    if (t) {
      if (not_assessed) read_not_assessed(*not_assessed, *t, r);
      if (deductions) read_deductions(*deductions, *t, r);
      if (findings) read_findings(*findings, *t, r);
      if (facts && !details_.facts.empty()) apply_conditions(*facts, *t, batch, r);
      if (bonus) read_bonus(*bonus, *t, r);
      check_something_is_assessed(raw, *t, r);
    }
    if (id_hash) {
      if (const RecordPlace* first = seen_ids_.insert(r.id, *id_hash, r.place))
        error(id->value.place, duplicate_id(r.id, *first, batch.files));
    }
    if (!details_.empty()) r.more = std::make_shared<const RecordDetails>(std::move(details_));
    return diag_.error_count() == errors_before;
  }

  void read_vetoes(const RawField& f, const Target& t, Record& r) {
    // "veto": true / false, for tables that only say 单项否决 是/否.
    if (f.value.kind == RawValue::Kind::kBool) {
      if (f.value.text == "true") r.vetoes.push_back(kUnnamedVeto);
      return;
    }
    const auto& names = names_[r.target];
    for_each_name(f, "veto", [&](std::string_view name, const RawPlace& place) {
      auto it = names.refs.find(name);
      if (it == names.refs.end() || it->second.kind != NameRef::Kind::kVeto) {
        std::string why = it == names.refs.end() ? "unknown veto indicator" : "not a veto indicator";
        error(place, subject() + ": veto: " + why + " \"" + name + "\" of target " + t.id +
                         text::did_you_mean(name, names.of({NameRef::Kind::kVeto})) +
                         (t.veto.empty() ? " (this target has no veto indicators)" : ""));
        return;
      }
      if (std::find(r.vetoes.begin(), r.vetoes.end(), it->second.index) != r.vetoes.end()) {
        error(place, subject() + ": veto: \"" + name + "\" given twice");
        return;
      }
      r.vetoes.push_back(it->second.index);
    });
  }

  void read_not_assessed(const RawField& f, const Target& t, Record& r) {
    const auto& names = names_[r.target];
    for_each_name(f, "not_assessed", [&](std::string_view name, const RawPlace& place) {
      auto it = names.refs.find(name);
      if (it == names.refs.end() || it->second.kind != NameRef::Kind::kIndicator) {
        std::string why = it != names.refs.end() && it->second.kind == NameRef::Kind::kPart
                              ? "\"" + name + "\" is a part of \"" + t.deductions[it->second.index].title +
                                    "\"; only whole indicators can be not assessed"
                              : "unknown deduction indicator \"" + name + "\" of target " + t.id +
                                    text::did_you_mean(name, names.of({NameRef::Kind::kIndicator}));
        error(place, subject() + ": not_assessed: " + why);
        return;
      }
      r.set_not_assessed(it->second.index);
    });
  }

  void read_deductions(const RawField& f, const Target& t, Record& r) {
    deduction_places_.clear();
    if (f.value.kind != RawValue::Kind::kObject) {
      error(f.value.place, subject() + ": deductions must be an object of indicator → points, e.g. {\"季度检查\": 10}");
      return;
    }
    const auto& names = names_[r.target];
    auto& seen = seen_deductions_;  // this record's, by name as written
    seen.clear();
    r.deductions.reserve(f.value.entries.size());
    for (const auto& e : f.value.entries) {
      auto it = names.refs.find(e.key);
      auto where = [&] { return subject() + ": deductions: \"" + e.key + "\""; };
      if (it == names.refs.end() || (it->second.kind != NameRef::Kind::kIndicator && it->second.kind != NameRef::Kind::kPart)) {
        if (e.key == "加分" || e.key == "bonus") {
          error(e.place, subject() + ": deductions: \"" + e.key + "\" is the bonus: give it as \"bonus\": points, beside deductions");
          continue;
        }
        std::string what = it == names.refs.end() ? "unknown indicator" : "not a deduction indicator";
        error(e.place, subject() + ": deductions: " + what + " \"" + e.key + "\" of target " + t.id +
                           text::did_you_mean(e.key, names.of({NameRef::Kind::kIndicator, NameRef::Kind::kPart})));
        continue;
      }
      const NameRef& ref = it->second;
      const Indicator& ind = t.deductions[ref.index];
      bool duplicate = false;
      for (const auto& [other, other_name] : seen)
        if (other.kind == ref.kind && other.index == ref.index && other.part == ref.part) {
          error(e.place, where() + ": given twice (also as \"" + std::string(other_name) + "\")");
          duplicate = true;
        }
      if (duplicate) continue;
      seen.emplace_back(ref, e.key);
      if (e.value.kind == RawValue::Kind::kText && e.value.text == kNotAssessed) {
        if (ref.kind == NameRef::Kind::kPart)
          error(e.value.place, where() + ": a part cannot be 不考核; mark the indicator \"" + ind.title + "\"");
        else
          r.set_not_assessed(ref.index);
        continue;
      }
      if (e.value.kind == RawValue::Kind::kNull) continue;  // an empty cell: nothing deducted
      if (ref.kind == NameRef::Kind::kIndicator && !ind.parts.empty()) {
        error(e.place, where() + ": this indicator is entered by its parts (" + part_titles(ind) + ")");
        continue;
      }
      auto points = points_at(e.value, where);
      if (!points) continue;
      PointsEntry entry;
      entry.indicator = ref.index;
      if (ref.kind == NameRef::Kind::kPart) entry.part = ref.part;
      entry.points = *points;
      r.deductions.push_back(entry);
      deduction_places_.push_back(e.place);
    }
  }

  // Itemised findings: each adds its points into the indicator or part it
  // names. An indicator entered both as a number and as findings would be
  // counted twice, so that is an error.
  void read_findings(const RawField& f, const Target& t, Record& r) {
    if (f.value.kind != RawValue::Kind::kList) {
      error(f.value.place, subject() + ": findings must be a list of {\"indicator\", \"points\", \"title\", \"url\", \"note\", \"found\"}");
      return;
    }
    const auto& names = names_[r.target];
    const std::size_t entered = r.deductions.size();  // entries from "deductions"
    std::size_t number = 0;
    for (const auto& item : f.value.entries) {
      std::string where = subject() + ": findings #" + std::to_string(++number);
      if (item.value.kind != RawValue::Kind::kObject) {
        error(item.value.place, where + ": a finding is an object with indicator and points");
        continue;
      }
      Finding finding;
      const RawField* indicator = nullptr;
      const RawField* points = nullptr;
      for (const auto& e : item.value.entries) {
        if (e.key == "indicator") indicator = &e;
        else if (e.key == "points") points = &e;
        else if (e.key == "title" || e.key == "url" || e.key == "note" || e.key == "found") {
          if (auto v = text_of(e.value, where, e.key, true))
            (e.key == "title" ? finding.title : e.key == "url" ? finding.url : e.key == "note" ? finding.note : finding.found) = *v;
        } else {
          error(e.place, where + ": unknown field \"" + e.key + "\"" +
                             text::did_you_mean(e.key, {"indicator", "points", "title", "url", "note", "found"}));
        }
      }
      if (!indicator && !points && !finding.title.empty()) {
        finding.scored = false;  // what was found, in words: nothing to add into deductions
        details_.findings.push_back(std::move(finding));
        continue;
      }
      if (!indicator || !points) {
        error(item.value.place, where + ": missing \"" + std::string(!indicator ? "indicator" : "points") + "\"");
        continue;
      }
      auto name = text_of(indicator->value, where, "indicator");
      if (!name) continue;
      auto it = names.refs.find(*name);
      if (it == names.refs.end() || (it->second.kind != NameRef::Kind::kIndicator && it->second.kind != NameRef::Kind::kPart)) {
        error(indicator->value.place, where + ": unknown indicator \"" + *name + "\" of target " + t.id +
                                          text::did_you_mean(*name, names.of({NameRef::Kind::kIndicator, NameRef::Kind::kPart})));
        continue;
      }
      const NameRef& ref = it->second;
      if (ref.kind == NameRef::Kind::kIndicator && !t.deductions[ref.index].parts.empty()) {
        error(indicator->value.place, where + ": \"" + *name + "\" is entered by its parts (" + part_titles(t.deductions[ref.index]) + ")");
        continue;
      }
      auto p = points_of(points->value, where + ": points");
      if (!p) continue;
      finding.indicator = ref.index;
      if (ref.kind == NameRef::Kind::kPart) finding.part = ref.part;
      finding.points = *p;
      bool counted = false;
      for (std::size_t k = 0; k < r.deductions.size(); ++k) {
        PointsEntry& e = r.deductions[k];
        if (e.indicator != finding.indicator || e.part != finding.part) continue;
        if (k < entered) {
          error(indicator->value.place, where + ": \"" + *name + "\" is given both in deductions and as findings; give one");
        } else {
          e.points += finding.points;
        }
        counted = true;
      }
      if (!counted) {
        r.deductions.push_back({finding.indicator, finding.part, finding.points});
        deduction_places_.push_back(indicator->value.place);
      }
      details_.findings.push_back(std::move(finding));
    }
  }

  void read_published(const RawValue& v) {
    std::string where = subject() + ": published";
    if (v.kind != RawValue::Kind::kObject) {
      error(v.place, where + " must be an object: {\"score\", \"result\", \"rank\", \"veto\"}");
      return;
    }
    Published p;
    for (const auto& e : v.entries) {
      std::string field = where + ": " + e.key;
      if (e.key == "score") {
        if (e.value.kind != RawValue::Kind::kNull) {
          p.score = points_of(e.value, field);
          p.score_text = std::string(e.value.text);
        }
      } else if (e.key == "result") {
        if (auto s = text_of(e.value, where, "result", true)) {
          if (*s == "合格" || *s == "不合格" || s->empty()) p.result = *s;
          else error(e.value.place, field + " must be 合格 or 不合格, not \"" + *s + "\"");
        }
      } else if (e.key == "rank") {
        if (e.value.kind != RawValue::Kind::kNull)
          if (auto n = count_of(e.value, field)) p.rank = *n;
      } else if (e.key == "veto") {
        if (e.value.kind == RawValue::Kind::kBool) p.veto = e.value.text == "true";
        else if (e.value.kind == RawValue::Kind::kText && (e.value.text == "是" || e.value.text == "否")) p.veto = e.value.text == "是";
        else error(e.value.place, field + " must be 是/否 or true/false");
      } else {
        error(e.place, where + ": unknown field \"" + e.key + "\"" + text::did_you_mean(e.key, {"score", "result", "rank", "veto"}));
      }
    }
    details_.published = std::move(p);
  }

  // A count: a whole number ≥ 0 (≥ 1 for ranks is left to the reader).
  std::optional<long> count_of(const RawValue& v, const std::string& where) {
    auto n = v.kind == RawValue::Kind::kNumber ? Exact::parse(v.text) : std::nullopt;
    if (!n || n->is_negative() || n->decimals() != 0 || *n > Exact(Exact::kMaxMagnitude)) {
      error(v.place, where + " must be a whole number ≥ 0");
      return std::nullopt;
    }
    return static_cast<long>(n->numerator());
  }

  // {"website": 804, "newmedia": 5360}: target id → count.
  void read_counts(const RawValue& v, const std::string& where, std::map<std::size_t, long>& out) {
    if (v.kind != RawValue::Kind::kObject) {
      error(v.place, where + " must be an object of target → count, e.g. {\"newmedia\": 5360}");
      return;
    }
    for (const auto& e : v.entries) {
      auto target = rules_.target_index(e.key);
      if (!target) {
        error(e.place, where + ": unknown target \"" + e.key + "\"" + text::did_you_mean(e.key, target_ids_));
        continue;
      }
      if (auto n = count_of(e.value, where + ": " + e.key)) set_count(out, *target, *n, e.value.place, where + ": " + e.key);
    }
  }

  void set_count(std::map<std::size_t, long>& out, std::size_t target, long n, const RawPlace& place, const std::string& where) {
    auto [it, fresh] = out.emplace(target, n);
    if (!fresh && it->second != n)
      error(place, where + ": " + std::to_string(n) + " differs from " + std::to_string(it->second) + " given earlier");
  }

  void read_registered_by_region(const RawValue& v, Batch& batch) {
    if (v.kind != RawValue::Kind::kObject) {
      error(v.place, "registered_by_region must be an object of region → {target: count}");
      return;
    }
    for (const auto& e : v.entries) read_counts(e.value, "registered_by_region: " + e.key, batch.registered_by_region[std::string(e.key)]);
  }

  void read_published_summary(const RawValue& v, Batch& batch) {
    if (v.kind != RawValue::Kind::kObject) {
      error(v.place, "published_summary must be an object of target → {checked, passed, failed, pass_rate, registered, check_rate}");
      return;
    }
    for (const auto& e : v.entries) {
      std::string where = "published_summary: " + e.key;
      auto target = rules_.target_index(e.key);
      if (!target) {
        error(e.place, "published_summary: unknown target \"" + e.key + "\"" + text::did_you_mean(e.key, target_ids_));
        continue;
      }
      if (e.value.kind != RawValue::Kind::kObject) {
        error(e.value.place, where + " must be an object");
        continue;
      }
      PublishedSummary& ps = batch.published_summary[*target];
      for (const auto& f : e.value.entries) {
        std::string field = where + ": " + f.key;
        if (f.key == "registered") ps.registered = count_of(f.value, field);
        else if (f.key == "checked") ps.checked = count_of(f.value, field);
        else if (f.key == "passed") ps.passed = count_of(f.value, field);
        else if (f.key == "failed") ps.failed = count_of(f.value, field);
        else if (f.key == "pass_rate") ps.pass_rate = points_of(f.value, field);
        else if (f.key == "check_rate") ps.check_rate = points_of(f.value, field);
        else if (f.key == "bands") read_published_names(f.value, field, band_titles(*target), ps.bands);
        else if (f.key == "lists") read_published_names(f.value, field, list_ids(*target), ps.lists);
        else
          error(f.place, where + ": unknown field \"" + f.key + "\"" +
                             text::did_you_mean(f.key, {"registered", "checked", "passed", "failed", "pass_rate", "check_rate",
                                                        "bands", "lists"}));
      }
    }
  }

  std::vector<std::string> band_titles(std::size_t target) const {
    std::vector<std::string> out;
    for (const auto& b : rules_.targets[target].bands) out.push_back(b.title);
    return out;
  }
  std::vector<std::string> list_ids(std::size_t target) const {
    std::vector<std::string> out;
    for (const auto& l : rules_.lists)
      if (l.target == target) out.push_back(l.id);
    return out;
  }

  // "bands": {"100分以上110分以下": {"count": 46, "names": ["…", …]}} — and the
  // same for "lists", by list id.
  void read_published_names(const RawValue& v, const std::string& where, const std::vector<std::string>& known,
                            std::map<std::string, PublishedSummary::Names>& out) {
    if (v.kind != RawValue::Kind::kObject) {
      error(v.place, where + " must be an object of name → {count, names}");
      return;
    }
    for (const auto& e : v.entries) {
      std::string key(e.key);
      std::string field = where + ": \"" + key + "\"";
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        error(e.place, field + ": not one of the rule file's" + text::did_you_mean(key, known) +
                           (known.empty() ? " (there are none for this target)" : ""));
        continue;
      }
      if (e.value.kind != RawValue::Kind::kObject) {
        error(e.value.place, field + " must be an object {count, names}");
        continue;
      }
      PublishedSummary::Names& names = out[key];
      for (const auto& f : e.value.entries) {
        if (f.key == "count") {
          names.count = count_of(f.value, field + ": count");
        } else if (f.key == "names" && f.value.kind == RawValue::Kind::kList) {
          names.names.emplace();
          for (const auto& n : f.value.entries) {
            if (n.value.kind == RawValue::Kind::kText) names.names->emplace_back(n.value.text);
            else error(n.value.place, field + ": names must be texts");
          }
        } else if (f.key == "names") {
          error(f.value.place, field + ": names must be a list of names");
        } else {
          error(f.place, field + ": unknown field \"" + std::string(f.key) + "\"" + text::did_you_mean(f.key, {"count", "names"}));
        }
      }
    }
  }

  // "facts": {"probes_total": 140, "homepage_last_update": "2021-03-20", …}
  void read_facts(const RawValue& v) {
    if (v.kind != RawValue::Kind::kObject) {
      error(v.place, subject() + ": facts must be an object of fact name → value");
      return;
    }
    details_.facts.assign(rules_.facts.size(), std::nullopt);
    std::vector<std::string> names;
    for (const auto& f : rules_.facts) names.push_back(f.name);
    for (const auto& e : v.entries) {
      auto it = std::find(names.begin(), names.end(), e.key);
      std::string where = subject() + ": facts: \"" + e.key + "\"";
      if (it == names.end()) {
        error(e.place, where + ": unknown fact" + text::did_you_mean(e.key, names) +
                           (names.empty() ? " (rules " + rules_.id + " declare no facts)" : ""));
        continue;
      }
      const FactDeclaration& decl = rules_.facts[static_cast<std::size_t>(it - names.begin())];
      auto fv = decl.type == ValueType::kList ? event_list(decl, e.value, where) : fact_value(decl, e.value, where);
      if (fv) details_.facts[static_cast<std::size_t>(it - names.begin())] = *fv;
    }
  }

  // One number, boolean or date (or null) as `decl` declares it. A fact's
  // own date (not an event's, which may fall after the check point and is
  // judged by the rule that reads it) must not be after the check point.
  std::optional<FactValue> fact_value(const FactDeclaration& decl, const RawValue& v, const std::string& where,
                                      bool event_field = false) {
    FactValue fv;
    fv.value.type = decl.type;
    if (v.kind == RawValue::Kind::kNull) {
      fv.null = true;
    } else if (decl.type == ValueType::kNumber && v.kind == RawValue::Kind::kNumber && Exact::parse(v.text)) {
      fv.value.number = *Exact::parse(v.text);
      if (fv.value.number > Exact(Exact::kMaxMagnitude) || fv.value.number < Exact(-Exact::kMaxMagnitude)) {
        error(v.place, where + ": " + std::string(v.text) + " is out of range");
        return std::nullopt;
      }
    } else if (decl.type == ValueType::kBool && v.kind == RawValue::Kind::kBool) {
      fv.value.boolean = v.text == "true";
    } else if (decl.type == ValueType::kDate && v.kind == RawValue::Kind::kText && calendar::parse_date(v.text)) {
      fv.value.date = *calendar::parse_date(v.text);
      if (!event_field && check_point_ && fv.value.date > *check_point_) {
        error(v.place, where + ": " + std::string(v.text) + " is after the check point " +
                           calendar::format_date(*check_point_) + "; a fact can only be dated up to it");
        return std::nullopt;
      }
    } else {
      std::string expected = decl.type == ValueType::kDate ? "a date (YYYY-MM-DD)"
                             : decl.type == ValueType::kBool ? "true or false"
                                                             : "a number";
      error(v.place, where + " must be " + expected + (v.text.empty() ? "" : ", not " + shown(v)));
      return std::nullopt;
    }
    return fv;
  }

  // "messages": [{"received": "2024-02-08", "answered": null}, …]: each event
  // an object of the list's declared fields; a field left out is "not given",
  // which has() tells apart from a value just as it does null.
  std::optional<FactValue> event_list(const FactDeclaration& decl, const RawValue& v, const std::string& where) {
    FactValue fv;
    fv.value.type = ValueType::kList;
    if (v.kind == RawValue::Kind::kNull) {
      fv.null = true;
      return fv;
    }
    if (v.kind != RawValue::Kind::kList) {
      error(v.place, where + " must be a list of events ([{\"" + decl.fields.front().name + "\": …}, …])" +
                         (v.text.empty() ? "" : ", not " + shown(v)));
      return std::nullopt;
    }
    auto list = std::make_shared<EventList>();
    std::vector<std::string> names;
    for (const auto& f : decl.fields) names.push_back(f.name);
    std::string joined;
    for (const auto& n : names) joined += (joined.empty() ? "" : ", ") + n;
    bool ok = true;
    for (std::size_t i = 0; i < v.entries.size(); ++i) {
      const RawValue& item = v.entries[i].value;
      std::string event_where = where + " #" + std::to_string(i + 1);
      if (item.kind != RawValue::Kind::kObject) {
        error(item.place, event_where + " must be an object of " + joined);
        ok = false;
        continue;
      }
      FactValues event(decl.fields.size());
      for (const auto& e : item.entries) {
        auto it = std::find(names.begin(), names.end(), e.key);
        std::string field_where = event_where + ": \"" + std::string(e.key) + "\"";
        if (it == names.end()) {
          error(e.place, field_where + ": unknown field of " + decl.name + text::did_you_mean(e.key, names));
          ok = false;
          continue;
        }
        std::size_t index = static_cast<std::size_t>(it - names.begin());
        auto value = fact_value(decl.fields[index], e.value, field_where, /*event_field=*/true);
        if (!value) ok = false;
        else event[index] = *value;
      }
      list->events.push_back(std::move(event));
    }
    if (!ok) return std::nullopt;
    fv.value.events = std::move(list);
    return fv;
  }

  static std::string shown(const RawValue& v) {
    return v.kind == RawValue::Kind::kText ? "\"" + std::string(v.text) + "\"" : std::string(v.text);
  }

  // The facts an expression read, with their values: "probes_failed = 9, probes_total = 140".
  std::string fact_values(const Expression& e) const {
    std::string out;
    for (auto i : e.facts()) {
      const auto& f = details_.facts[i];
      out += (out.empty() ? "" : ", ") + rules_.facts[i].name + " = " +
             (!f ? std::string("(not given)") : f->null ? std::string("null") : format_value(f->value));
    }
    return out;
  }

  // Says why an expression could not be evaluated; true when the record
  // should be treated as "not triggered" (skip), false when it is an error.
  bool problem(const EvaluationProblem& p, const std::string& rule, const RawField& facts) {
    std::string why;
    const std::string fact_name = p.fact ? rules_.facts[*p.fact].name : std::string();
    switch (p.kind) {
      case EvaluationProblem::Kind::kMissingFact:
        why = "needs fact \"" + fact_name + "\", which this record does not give";
        break;
      case EvaluationProblem::Kind::kNullFact:
        if (p.field) {
          const std::string& field = rules_.facts[*p.fact].fields[*p.field].name;
          why = "needs " + event_field_name(p) + ", which is null or not given there (guard it with has(" + field + "))";
        } else {
          why = "needs fact \"" + fact_name + "\", which is null here (guard it with has(" + fact_name + "))";
        }
        break;
      case EvaluationProblem::Kind::kDivisionByZero: why = "divides by zero with this record's facts"; break;
      case EvaluationProblem::Kind::kOverflow: why = "gives a number too large to compute with this record's facts"; break;
      case EvaluationProblem::Kind::kEmptyList:
        why = "takes max() or min() over " + fact_name + ", which has no events here (guard it with count(" + fact_name + ") > 0)";
        break;
      case EvaluationProblem::Kind::kNoCheckPoint: return false;  // reported once for the file
      case EvaluationProblem::Kind::kOutsideCalendar: {
        // Never skipped: a working-day count outside the notices would be a guess.
        std::string source = p.field ? " (" + event_field_name(p) + ")" : p.fact ? " (fact " + fact_name + ")" : "";
        error(facts.value.place, subject() + ": " + rule + " counts working days to " + calendar::format_date(p.day) + source +
                                     ", in " + std::to_string(p.year) + ", a year calendar " + rules_.calendar_name +
                                     " does not cover (" + rules_.calendar->years_text() + ")");
        return false;
      }
    }
    // --missing-facts=skip is for facts a record lacks; a division by zero
    // or an overflow is the rule's or the data's to fix, never skipped.
    const bool missing = p.kind == EvaluationProblem::Kind::kMissingFact || p.kind == EvaluationProblem::Kind::kNullFact;
    if (skip_missing_ && missing) return true;
    error(facts.value.place, subject() + ": " + rule + " " + why +
                                 (missing ? " (or run with --missing-facts=skip)" : "; fix the facts or the rule"));
    return false;
  }

  // "messages #3: answered" (events count from 1).
  std::string event_field_name(const EvaluationProblem& p) const {
    const FactDeclaration& list = rules_.facts[*p.fact];
    return list.name + " #" + std::to_string(p.event + 1) + ": " + list.fields[*p.field].name;
  }

  std::string skipped_text(const EvaluationProblem& p, const FactList& facts) const {
    if (p.kind == EvaluationProblem::Kind::kDivisionByZero) return "not evaluated: division by zero; counted as not triggered";
    if (p.kind == EvaluationProblem::Kind::kOverflow) return "not evaluated: a number grew too large; counted as not triggered";
    if (p.kind == EvaluationProblem::Kind::kEmptyList)
      return "not evaluated: " + facts[*p.fact].name + " has no events for max()/min(); counted as not triggered";
    if (p.field) return "not evaluated: " + event_field_name(p) + " is null; counted as not triggered (--missing-facts=skip)";
    return "not evaluated: fact " + facts[*p.fact].name + (p.kind == EvaluationProblem::Kind::kNullFact ? " is null" : " missing") +
           "; counted as not triggered (--missing-facts=skip)";
  }

  // The evidence of a condition's list functions: "; messages: 5 events, …".
  std::string tallies_text(const Expression::Outcome& outcome) const {
    std::string out;
    for (const auto& tally : outcome.tallies) out += "; " + describe_tally(tally, rules_.facts, details_.facts);
    return out;
  }

  // The named lists of the record's target that its facts put it on.
  void place_on_lists(const RawField& facts, const Batch& batch, Record& r) {
    for (std::size_t l = 0; l < rules_.lists.size(); ++l) {
      const NamedList& list = rules_.lists[l];
      if (list.target != r.target || !list.when) continue;
      auto outcome = list.when->evaluate(details_.facts, batch.as_of);
      if (outcome.problem) {
        problem(*outcome.problem, "list \"" + list.id + "\" (when)", facts);
        continue;
      }
      if (outcome.value->boolean) details_.lists.push_back(l);
    }
  }

  // Evaluates the rule file's conditions on a record that carries facts:
  // vetoes that fire join those entered by hand; points from facts count
  // only where nothing was entered by hand for that indicator or part.
  void apply_conditions(const RawField& facts, const Target& t, Batch& batch, Record& r) {
    if (rules_.uses_dates() && !batch.as_of) {
      file_wide({FileWideNote::Kind::kNoCheckPoint, facts.value.place, subject()}, batch);
      return;
    }
    for (std::size_t v = 0; v < t.veto.size(); ++v) {
      const Veto& veto = t.veto[v];
      if (!veto.when) continue;
      Evidence ev;
      ev.kind = Evidence::Kind::kVeto;
      ev.index = v;
      auto outcome = veto.when->evaluate(details_.facts, batch.as_of);
      if (outcome.problem) {
        if (!problem(*outcome.problem, veto.title + " (when)", facts)) continue;
        ev.use = Evidence::Use::kSkipped;
        ev.text = skipped_text(*outcome.problem, rules_.facts);
      } else {
        bool fired = outcome.value->boolean;
        ev.use = fired ? Evidence::Use::kApplied : Evidence::Use::kNotFired;
        const auto& words = fired ? veto.evidence_fired : veto.evidence_clear;
        ev.text = (words ? words->render(details_.facts, batch.as_of) : veto.when->text() + " with " + fact_values(*veto.when)) +
                  tallies_text(outcome);
        if (fired && std::find(r.vetoes.begin(), r.vetoes.end(), v) == r.vetoes.end()) r.vetoes.push_back(v);
      }
      details_.evidence.push_back(ev);
    }
    for (std::size_t i = 0; i < t.deductions.size(); ++i) {
      const Indicator& ind = t.deductions[i];
      if (ind.points) derive_points(*ind.points, i, std::nullopt, ind.title, facts, batch, r);
      for (std::size_t p = 0; p < ind.parts.size(); ++p)
        if (ind.parts[p].points) derive_points(*ind.parts[p].points, i, p, ind.parts[p].title, facts, batch, r);
    }
    place_on_lists(facts, batch, r);
  }

  void derive_points(const Expression& e, std::size_t indicator, std::optional<std::size_t> part, const std::string& title,
                     const RawField& facts, const Batch& batch, Record& r) {
    if (!r.assessed(rules_, indicator)) return;  // 不考核: no points either way
    Evidence ev;
    ev.kind = Evidence::Kind::kPoints;
    ev.index = indicator;
    ev.part = part;
    auto outcome = e.evaluate(details_.facts, batch.as_of);
    if (outcome.problem) {
      if (!problem(*outcome.problem, title + " (points)", facts)) return;
      ev.use = Evidence::Use::kSkipped;
      ev.text = skipped_text(*outcome.problem, rules_.facts);
      details_.evidence.push_back(ev);
      return;
    }
    ev.points = outcome.value->number;
    ev.text = e.text() + " with " + fact_values(e) + " = " + format_value(*outcome.value) + tallies_text(outcome);
    if (ev.points.is_negative()) {
      error(facts.value.place, subject() + ": " + title + " (points): " + ev.text + ", below 0");
      return;
    }
    bool manual = std::any_of(r.deductions.begin(), r.deductions.end(),
                              [&](const PointsEntry& p) { return p.indicator == indicator && p.part == part; });
    if (manual) {
      ev.use = Evidence::Use::kOverridden;
    } else if (ev.points.is_zero()) {
      ev.use = Evidence::Use::kNotFired;
    } else {
      ev.use = Evidence::Use::kApplied;
      r.deductions.push_back({indicator, part, ev.points});
      deduction_places_.push_back(facts.value.place);
    }
    details_.evidence.push_back(ev);
  }

  void read_bonus(const RawField& f, const Target& t, Record& r) {
    std::string where = subject() + ": bonus";
    if (!t.bonus) {
      error(f.value.place, where + ": target " + t.id + " has no bonus (加分) in rules " + rules_.id);
      return;
    }
    if (f.value.kind == RawValue::Kind::kNull) return;
    if (f.value.kind != RawValue::Kind::kObject) {
      if (auto points = points_of(f.value, where)) r.set_bonus_total(*points);
      return;
    }
    const auto& names = names_[r.target];
    for (const auto& e : f.value.entries) {
      auto it = names.refs.find(e.key);
      if (it == names.refs.end() || it->second.kind != NameRef::Kind::kBonusItem) {
        std::string hint = t.bonus->items.empty() ? " (this bonus has no items: give it as a number, e.g. \"bonus\": 5)"
                                                  : text::did_you_mean(e.key, names.of({NameRef::Kind::kBonusItem}));
        error(e.place, where + ": unknown bonus item \"" + e.key + "\"" + hint);
        continue;
      }
      bool duplicate = false;
      for (const auto& earlier : details_.bonus_items) duplicate = duplicate || earlier.item == it->second.index;
      if (duplicate) {
        error(e.place, where + ": \"" + e.key + "\" given twice");
        continue;
      }
      if (e.value.kind == RawValue::Kind::kNull) continue;
      if (auto p = points_of(e.value, where + ": \"" + e.key + "\"")) details_.bonus_items.push_back({it->second.index, *p});
    }
  }

  void check_something_is_assessed(const RawRecord& raw, const Target& t, Record& r) {
    for (std::size_t k = 0; k < r.deductions.size(); ++k) {
      const PointsEntry& entry = r.deductions[k];
      // 0 under a not-assessed indicator says nothing was deducted: harmless.
      if (!r.assessed(rules_, entry.indicator) && !entry.points.is_zero()) {
        const Indicator& ind = t.deductions[entry.indicator];
        std::string why = ind.requires_public_services && !r.public_services ? " (the unit has no public-facing services)" : "";
        error(deduction_places_[k], subject() + ": deductions: points given for \"" + ind.title +
                                        "\", which is not assessed (不考核)" + why);
      }
    }
    if (t.deductions.empty()) return;
    for (std::size_t i = 0; i < t.deductions.size(); ++i)
      if (r.assessed(rules_, i)) return;
    error(raw.place, subject() + ": every deduction indicator is not assessed; nothing is left to score");
  }

  // A points value: a JSON number, not negative, within range and decimals.
  std::optional<Exact> points_of(const RawValue& v, const std::string& where) {
    return points_at(v, [&] { return where; });
  }

  // The same, with the message's subject made only when there is a message.
  template <typename Where>
  std::optional<Exact> points_at(const RawValue& v, Where where) {
    if (v.kind == RawValue::Kind::kText) {
      bool numeric = Exact::parse(v.text).has_value();
      error(v.place, where() + ": points must be a number, not the text \"" + v.text + "\"" +
                         (numeric ? " (remove the quotes)" : ""));
      return std::nullopt;
    }
    if (v.kind != RawValue::Kind::kNumber) {
      error(v.place, where() + ": points must be a number");
      return std::nullopt;
    }
    auto p = Exact::parse(v.text);
    if (!p) {
      error(v.place, where() + ": points " + v.text + " have more digits than can be read exactly (at most 18 significant)");
      return std::nullopt;
    }
    if (v.text[0] == '-') {
      error(v.place, where() + ": points must not be negative (" + v.text + "); deductions are entered as positive points");
      return std::nullopt;
    }
    if (*p > Exact(Exact::kMaxMagnitude)) {
      error(v.place, where() + ": points " + v.text + " are out of range (at most " + std::to_string(Exact::kMaxMagnitude) + ")");
      return std::nullopt;
    }
    if (!p->decimals() || *p->decimals() > Exact::kMaxDecimals) {
      error(v.place, where() + ": points " + v.text + " have more than " + std::to_string(Exact::kMaxDecimals) + " decimals");
      return std::nullopt;
    }
    return p;
  }

  // A text value; `subject` names what it belongs to in messages (empty: the
  // field alone), and is only looked at when there is a message.
  std::optional<std::string> text_of(const RawValue& v, const std::string& subject, std::string_view field,
                                     bool allow_empty = false) {
    auto where = [&] { return subject.empty() ? std::string(field) : subject + ": " + field; };
    if (v.kind != RawValue::Kind::kText) {
      error(v.place, where() + " must be a text (in quotes)");
      return std::nullopt;
    }
    if (!allow_empty && v.text.empty()) {
      error(v.place, where() + " must not be empty");
      return std::nullopt;
    }
    return std::string(v.text);
  }

  // A text field of the record being read, as a view into the raw record
  // (valid while it is read); its subject is made only for a message.
  // A record's text field, when it is a text every output can show as
  // written: no control or bidirectional characters (line breaks only in a
  // note), and no longer than a spreadsheet cell holds.
  std::optional<std::string_view> record_text(const RawValue& v, std::string_view field, bool allow_empty = false) {
    if (v.kind != RawValue::Kind::kText || (!allow_empty && v.text.empty())) {
      text_of(v, subject(), field, allow_empty);  // says why not
      return std::nullopt;
    }
    if (auto bad = text::forbidden_character(v.text, /*line_breaks=*/field == "note")) {
      error(v.place, subject() + ": " + field + ": character " + std::to_string(bad->position) + " is " + bad->code +
                         ", a control character; remove it");
      return std::nullopt;
    }
    if (v.text.size() > limits::kMaxTextCharacters && text::character_count(v.text) > limits::kMaxTextCharacters) {
      error(v.place, subject() + ": " + field + ": " + std::to_string(text::character_count(v.text)) +
                         " characters; a text may have at most " + std::to_string(limits::kMaxTextCharacters) +
                         " (what a spreadsheet cell holds)");
      return std::nullopt;
    }
    return v.text;
  }

  template <typename Fn>
  void for_each_name(const RawField& f, const std::string& field, Fn fn) {
    if (f.value.kind == RawValue::Kind::kText) return fn(f.value.text, f.value.place);
    if (f.value.kind != RawValue::Kind::kList) {
      error(f.value.place, subject() + ": " + field + " must be a list of indicator names" +
                               (field == "veto" ? " (or true/false)" : ""));
      return;
    }
    for (const auto& item : f.value.entries)
      if (auto name = record_text(item.value, field)) fn(*name, item.value.place);
  }

  void read_window(const RawValue& v, Batch& batch) {
    if (v.kind != RawValue::Kind::kObject) {
      error(v.place, "window must be an object: {\"from\": \"2021-01-01\", \"to\": \"2021-03-31\"}");
      return;
    }
    std::optional<long> from;
    std::optional<long> to;
    for (const auto& e : v.entries) {
      if (e.key == "from" || e.key == "to") {
        auto s = text_of(e.value, "window", e.key);
        if (!s) continue;
        auto day = calendar::parse_date(*s);
        if (!day || s->size() != 10) {
          error(e.value.place, "window: " + e.key + ": \"" + *s + "\" is not a date (YYYY-MM-DD)");
          continue;
        }
        std::string& known = e.key == "from" ? batch.window_from : batch.window_to;
        if (!known.empty() && known != *s) {
          error(e.value.place, "window: " + e.key + ": " + *s + " differs from " + known +
                                   " given earlier; files scored together share one window");
          continue;
        }
        known = *s;
        (e.key == "from" ? from : to) = day;
      } else {
        error(e.place, "window: unknown key \"" + e.key + "\" (expected from, to)");
      }
    }
    if (from && to && *from > *to)
      error(v.place, "window: from " + batch.window_from + " is after to " + batch.window_to);
  }

  // The check point dates are measured against: --as-of, else window.to.
  void set_check_point(const LoadOptions& options, Batch& batch) {
    if (!options.as_of.empty()) {
      auto day = calendar::parse_date(options.as_of);
      if (!day) {
        if (!reported_bad_as_of_) diag_.error("", 0, 0, "--as-of " + options.as_of + ": not a date (YYYY-MM-DD)");
        reported_bad_as_of_ = true;
      } else if (!reported_bad_as_of_ && ((!batch.window_from.empty() && *day < *calendar::parse_date(batch.window_from)) ||
                                          (!batch.window_to.empty() && *day > *calendar::parse_date(batch.window_to)))) {
        diag_.error(file_, 0, 0, "--as-of " + options.as_of + " is outside the window " + batch.window_from + " – " +
                                     batch.window_to + " the file gives");
        reported_bad_as_of_ = true;
      }
      batch.as_of = day;
    } else if (!batch.window_to.empty()) {
      batch.as_of = calendar::parse_date(batch.window_to);
    }
    check_point_ = batch.as_of;
  }

  void file_wide(FileWideNote note, Batch& batch) {
    if (ids_seen_by_caller_) notes_.push_back(std::move(note));
    else apply(note, batch);
  }

  // A period as bulletins name one: a year (2021), a half (2021H1), a
  // quarter (2021Q1) or a month (2021-03).
  static bool is_period(const std::string& p) {
    auto digits = [&](std::size_t from, std::size_t n) {
      return p.size() >= from + n && std::all_of(p.begin() + static_cast<long>(from), p.begin() + static_cast<long>(from + n),
                                                 [](char c) { return c >= '0' && c <= '9'; });
    };
    if (!digits(0, 4)) return false;
    if (p.size() == 4) return true;
    if (p.size() == 6 && p[4] == 'Q') return p[5] >= '1' && p[5] <= '4';
    if (p.size() == 6 && p[4] == 'H') return p[5] == '1' || p[5] == '2';
    return p.size() == 7 && p[4] == '-' && digits(5, 2) && p.substr(5) >= "01" && p.substr(5) <= "12";
  }

  // `source` says where the period comes from (--period, the file's name,
  // 检查期, "period"): a disagreement names both sources.
  void set_period(const std::string& period, const RawPlace& place, Batch& batch, const std::string& source) {
    if (!is_period(period)) {
      error(place, "period \"" + period + "\" is not a period: a year, half, quarter or month, e.g. 2021, 2021H1, 2021Q1 or 2021-03");
      return;
    }
    if (batch.period.empty()) {
      batch.period = period;
      period_source_ = source == "--period" || file_.empty() ? source
                       : source == "the file's name"       ? "the name of " + file_
                                                           : source + " in " + file_;
    } else if (batch.period != period) {
      error(place, "period \"" + period + "\" (" + source + ") differs from \"" + batch.period + "\" given earlier (" +
                       (period_source_.empty() ? "\"period\"" : period_source_) + "); score one period at a time");
    }
  }

  // The fields a record may have (kRecordFields names them), and which one
  // a key is: by its length first, so that a key is compared with a name or
  // two of that length, not with each name in turn.
  enum class RecordField {
    kId, kName, kOwner, kTarget, kPlatform, kRegion, kGroup, kNote, kPeriod, kPublicServices,
    kNotAssessedList, kVeto, kDeductions, kBonus, kFindings, kPublished, kFacts, kUnknown
  };
  static RecordField field_of(std::string_view key) {
    auto is = [key](auto&& name) {  // a literal: its length is known, so the comparison is inlined
      return key.size() == sizeof name - 1 && std::memcmp(key.data(), name, sizeof name - 1) == 0;
    };
    using F = RecordField;
    switch (key.size()) {
      case 2: return is("id") ? F::kId : F::kUnknown;
      case 4: return is("name") ? F::kName : is("note") ? F::kNote : is("veto") ? F::kVeto : F::kUnknown;
      case 5: return is("owner") ? F::kOwner : is("group") ? F::kGroup : is("bonus") ? F::kBonus
                   : is("facts") ? F::kFacts : F::kUnknown;
      case 6: return is("target") ? F::kTarget : is("region") ? F::kRegion : is("period") ? F::kPeriod : F::kUnknown;
      case 8: return is("platform") ? F::kPlatform : is("findings") ? F::kFindings : F::kUnknown;
      case 9: return is("published") ? F::kPublished : F::kUnknown;
      case 10: return is("deductions") ? F::kDeductions : F::kUnknown;
      case 12: return is("not_assessed") ? F::kNotAssessedList : F::kUnknown;
      case 15: return is("public_services") ? F::kPublicServices : F::kUnknown;
      default: return F::kUnknown;
    }
  }

  static std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
    return out;
  }

  static std::string part_titles(const Indicator& ind) {
    std::vector<std::string> titles;
    for (const auto& p : ind.parts) titles.push_back(p.title);
    return join(titles);
  }

  void error(const RawPlace& place, const std::string& message) {
    if (place.offset != RawPlace::kNoOffset && index_) {
      auto lc = index_->at(place.offset);
      diag_.error(file_, lc.line, lc.column, message);
    } else {
      diag_.error(file_, place.line, place.column, message);
    }
  }

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
  std::shared_ptr<TextStore> texts_;  // the records' texts: shared with the batch
  RecordDetails details_;  // of the record being read, kept with it when not empty
  IdIndex seen_ids_;
  std::string file_;
  std::optional<text::LineIndex> index_;  // the current file's offsets → line:column
  // What messages call the record being read: record "dz-w-04", or record #3
  // before its id is known. Made only when a message needs it.
  std::string subject() const {
    return subject_id_ ? "record \"" + std::string(*subject_id_) + "\"" : "record #" + std::to_string(subject_number_);
  }
  const std::string_view* subject_id_ = nullptr;
  std::size_t subject_number_ = 0;
  std::vector<RawPlace> deduction_places_;  // of the current record's entries
  std::vector<std::pair<NameRef, std::string_view>> seen_deductions_;  // read_deductions' scratch
  bool ndjson_ = false;
  bool has_period_ = false;
  bool sheet_ = false;          // the file being read is a spreadsheet
  std::string period_source_;   // where the batch's period came from, for messages
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

bool ends_with(const std::string& path, const std::string& ext) {
  return path.size() >= ext.size() && path.compare(path.size() - ext.size(), ext.size(), ext) == 0;
}

bool is_ndjson(const std::string& path) { return ends_with(path, ".ndjson") || ends_with(path, ".jsonl"); }

// From this size an NDJSON file is read in blocks of about this many bytes,
// on as many threads as LoadOptions::jobs allows.
constexpr std::size_t kBlockReadBytes = std::size_t{4} << 20;
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
    for (const auto& f : record.fields) {
      if (f.key != "id") continue;
      const auto lc = lines.at(f.value.place.offset);
      place = {lc.line, lc.column};
    }
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
  fresh_memory::reserve(batch.records, base + lines);
  batch.records.resize(base + lines);
  checker.reserve_ids(lines);
  std::vector<std::uint64_t> id_hashes(lines, 0);  // each line's id hash, made by the thread that read it
  auto slot = [&](const RawRecord& record) -> Record& {
    return batch.records[base + static_cast<std::size_t>(record.place.line) - 1];
  };

  // Each thread's checker, messages and batch (period, files, text stores),
  // all told of the file before any block is read.
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
    w.checker = std::make_unique<RecordChecker>(rules, w.diagnostics, options.skip_missing_facts);
    w.checker->use_slots();
    w.checker->view_texts_in(text);
    w.checker->begin_file(file, quiet, w.batch);
  }
  // What begin_file says about the file (its header, --period) is said
  // once, by the first worker; the others' copies go.
  for (std::size_t w = 1; w < workers.size(); ++w) workers[w].diagnostics = Diagnostics();
  batch.files = workers[0].batch.files;
  checker.follow_file(path, content, batch.files.size() - 1);

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
    for (const auto& store : w.batch.texts)
      if (std::find(batch.texts.begin(), batch.texts.end(), store) == batch.texts.end()) batch.texts.push_back(store);
  }
  if (batch.period.empty()) batch.period = workers[0].batch.period;
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

// Reads one file into `batch`; a YAML file here is almost always a rule file
// given in the wrong place, which deserves one clear sentence.
void add_file(JsonText text, const std::string& path, const RuleSet& rules, const LoadOptions& options,
              RecordChecker& checker, Batch& batch, Diagnostics& diagnostics) {
  if (ends_with(path, ".yaml") || ends_with(path, ".yml")) {
    diagnostics.error(path, 0, 0, "a YAML file given as records; records are JSON, NDJSON, CSV or XLSX (is this the rule file? give it with --rules)");
    return;
  }
  RawFile raw;
  if (ends_with(path, ".csv") || ends_with(path, ".CSV") || ends_with(path, ".xlsx") || ends_with(path, ".XLSX")) {
    std::size_t before = diagnostics.error_count();
    raw = sheet_records(std::string(text.content), path, rules, options, diagnostics);
    if (diagnostics.error_count() != before && raw.records.empty()) return;
  } else if (ends_with(path, ".xls")) {
    diagnostics.error(path, 0, 0, "an .xls file (Excel 97-2003) cannot be read; save it as .xlsx or CSV");
    return;
  } else {
    // JSON texts written as they are stay views of the file (a spreadsheet's
    // cells are converted, so they are copied and its file is not held).
    checker.view_texts_in(text);
    if (is_ndjson(path) && text.content.size() >= kBlockReadBytes && options.jobs != 1 &&
        add_ndjson_in_blocks(text, path, rules, options, checker, batch, diagnostics))
      return;
    RecordSink sink;
    sink.header = [&](const RawFile& file) { checker.begin_file(file, options, batch); };
    sink.record = [&](const RawRecord& record) { checker.add_record(record, options, batch); };
    raw = read_json_records(text, path, is_ndjson(path), diagnostics, sink);
    checker.end_file(options);
    return;
  }
  checker.add_file(raw, options, batch);
}

// `registered` counts every unit on the register, so it is at least the
// number checked, and a target with none registered has none to check.
void check_registered(RecordsLoad& out, const Batch& batch, const RuleSet& rules, const std::string& file) {
  if (batch.registered.empty() && batch.registered_by_region.empty()) return;
  std::map<std::size_t, long> checked;
  std::map<std::pair<std::string_view, std::size_t>, long> checked_in_region;
  for (const auto& r : batch.records) {
    ++checked[r.target];
    ++checked_in_region[{r.region, r.target}];
  }
  auto check = [&](const std::string& where, std::size_t target, long registered, long count) {
    const std::string& id = rules.targets[target].id;
    if (registered == 0)
      out.diagnostics.error(file, 0, 0, where + id + ": 0 registered; give the number on the register, or leave it out");
    else if (registered < count)
      out.diagnostics.error(file, 0, 0, where + id + ": " + std::to_string(registered) + " registered but " +
                                            std::to_string(count) + " checked; the register counts every unit checked");
  };
  for (const auto& [target, n] : batch.registered) check("registered: ", target, n, checked[target]);
  for (const auto& [region, counts] : batch.registered_by_region)
    for (const auto& [target, n] : counts)
      check("registered_by_region: " + region + ": ", target, n, checked_in_region[{region, target}]);
}

void finish(RecordsLoad& out, Batch& batch, const RuleSet& rules, const std::vector<std::string>& paths) {
  if (!out.diagnostics.has_errors()) check_registered(out, batch, rules, paths.size() == 1 ? paths[0] : "");
  if (batch.records.size() > limits::kMaxRecords)
    out.diagnostics.error(paths.size() == 1 ? paths[0] : "", 0, 0,
                          std::to_string(batch.records.size()) + " records; one run scores at most " +
                              std::to_string(limits::kMaxRecords));
  if (batch.period.empty() && !batch.records.empty() && !out.diagnostics.has_errors())
    out.diagnostics.error(paths.size() == 1 ? paths[0] : "", 0, 0,
                          "no period: give --period (e.g. 2021Q1), or a period in the records (检查期 in a sheet) or in a "
                          "sheet's file name (2021Q1, 2021年第一季度)");
  out.diagnostics.sort_by_place(paths);
  if (batch.records.empty() && !out.diagnostics.has_errors())
    out.diagnostics.error(paths.size() == 1 ? paths[0] : "", 0, 0, "no records to score");
  if (!out.diagnostics.has_errors()) out.batch = std::move(batch);
}

}  // namespace

void TextStore::hold(std::shared_ptr<const void> owner, std::string_view bytes) {
  owners_.push_back(std::move(owner));
  held_ = bytes;
}

std::string_view TextStore::keep(std::string_view text) {
  constexpr std::size_t kBlock = std::size_t{1} << 20;
  if (text.empty()) return {};
  const auto at = reinterpret_cast<std::uintptr_t>(text.data());
  const auto held = reinterpret_cast<std::uintptr_t>(held_.data());
  if (at >= held && at - held <= held_.size() && text.size() <= held_.size() - (at - held)) return text;
  if (text.size() > left_) {
    // A new block (a text longer than a block gets one of its own).
    const std::size_t size = std::max(kBlock, text.size());
    blocks_.push_back(std::make_unique<char[]>(size));
    next_ = blocks_.back().get();
    left_ = size;
  }
  char* copy = next_;
  std::memcpy(copy, text.data(), text.size());
  next_ += text.size();
  left_ -= text.size();
  return {copy, text.size()};
}

std::optional<Exact> Record::bonus_total() const {
  return bonus_millionths_ != kNoBonus ? std::optional<Exact>(Exact::from_millionths(bonus_millionths_)) : std::nullopt;
}

void Record::set_bonus_total(const Exact& points) {
  // The loader admits no larger magnitude than fits.
  const std::int64_t millionths = points.millionths64();
  if (millionths == kNoBonus) throw ArithmeticOverflow();
  bonus_millionths_ = millionths;
}

const RecordDetails& Record::details() const {
  static const RecordDetails kNone;
  return more ? *more : kNone;
}

bool Record::assessed(const RuleSet& rules, std::size_t indicator) const {
  if (listed_not_assessed(indicator)) return false;
  return public_services || !rules.targets[target].deductions[indicator].requires_public_services;
}

RecordsLoad load_records_text(const std::string& content, const std::string& path, const RuleSet& rules,
                              const LoadOptions& options) {
  RecordsLoad out;
  Batch batch;
  RecordChecker checker(rules, out.diagnostics, options.skip_missing_facts);
  const bool padded = content.capacity() >= content.size() + text::kReadPadding;
  add_file({content, padded, nullptr}, path, rules, options, checker, batch, out.diagnostics);
  finish(out, batch, rules, {path});
  return out;
}

RecordsLoad load_records(const std::vector<std::string>& paths, const RuleSet& rules, const LoadOptions& options) {
  RecordsLoad out;
  Batch batch;
  RecordChecker checker(rules, out.diagnostics, options.skip_missing_facts);
  for (const auto& path : paths) {
    std::shared_ptr<const text::FileText> file;
    try {
      file = std::make_shared<const text::FileText>(path, limits::kMaxRecordsFileBytes);
    } catch (const Error& e) {
      out.diagnostics.error(path, 0, 0, e.what());
      continue;
    }
    add_file({file->view(), /*padded=*/true, file}, path, rules, options, checker, batch, out.diagnostics);
  }
  finish(out, batch, rules, paths);
  return out;
}

}  // namespace govscore
