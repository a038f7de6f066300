// The record checker's rules, one member a rule (record_checker.hpp).
#include "load/record_checker.hpp"

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
#include "util/period.hpp"
#include "load/id_index.hpp"
#include "load/event_tables.hpp"
#include "load/json_reader.hpp"
#include "load/raw_record.hpp"
#include "load/sheet_records.hpp"
#include "util/text.hpp"

namespace govscore {
namespace {

// The entry for points under an indicator or one of its parts (indices a
// rule set keeps small: limits.hpp).
PointsEntry entry_of(std::size_t indicator, std::optional<std::size_t> part, const Exact& points) {
  PointsEntry e;
  e.indicator = static_cast<std::uint32_t>(indicator);
  if (part) e.part = static_cast<std::uint32_t>(*part);
  e.points = points;
  return e;
}

constexpr const char* kNotAssessed = "不考核";

}  // namespace

RecordChecker::RecordChecker(const RuleSet& rules, Diagnostics& diag, bool skip_missing_facts)
    : rules_(rules), diag_(diag), store_(std::make_shared<RecordStore>()), skip_missing_(skip_missing_facts) {
  for (const auto& t : rules.targets) names_.emplace_back(t);
  // Ids and titles, each target's id before its title: either names it.
  for (const auto& t : rules.targets) {
    target_ids_.push_back(t.id);
    if (t.title != t.id && !t.title.empty()) target_ids_.push_back(t.title);
  }
}

void RecordChecker::begin_file(const RawFile& file, const LoadOptions& options, Batch& batch) {
  file_ = file.path;
  file_index_ = batch.files.size();
  batch.files.push_back(file.path);
  if (std::find(batch.storage.begin(), batch.storage.end(), store_) == batch.storage.end()) batch.storage.push_back(store_);
  index_.emplace(file.content);
  ndjson_ = file.ndjson;
  number_ = 0;
  progress_total_ = file.content.empty() ? file.records.size() : file.content.size();
  // Room for every record of the file (one a line in NDJSON), and for
  // their ids, mapped at once (fresh_memory.hpp) instead of regrown (and
  // moved) record by record; unless records go to slots (add_record_at),
  // whose owner makes the room.
  const std::size_t expected = !reserve_ ? 0
                               : file.ndjson && !file.content.empty() ? text::count_line_ends(file.content) + 1
                                                                      : file.records.size();
  if (expected > 0) {
    fresh_memory::reserve(batch.records, batch.records.size() + expected);
    seen_ids_.reserve(expected);
  }
  has_period_ = false;
  sheet_ = file.sheet;
  // --period first, then the file's name, so that a file saying otherwise
  // is reported where it does; every source that gives a period must
  // agree (docs/record-files.md, "The period").
  if (!options.period.empty()) set_period(standard_period(options.period), {}, batch, Message::verbatim("--period"));
  if (!file.period_in_name.empty()) set_period(file.period_in_name, {}, batch, tr("the file's name"));
  for (const auto& f : file.header) {
    if (f.key == "period") {
      has_period_ = true;
      if (auto p = text_of(f.value, Message(), "period")) set_period(*p, f.value.place, batch, Message::verbatim("\"period\""));
    } else if (f.key == "window") {
      read_window(f.value, batch);
    } else if (f.key == "registered") {
      read_counts(f.value, Message::verbatim("registered"), batch.registered);
    } else if (f.key == "registered_by_region") {
      read_registered_by_region(f.value, batch);
    } else if (f.key == "published_summary") {
      read_published_summary(f.value, batch);
    } else {
      error(f.place, tr("unknown top-level key \"{0}\"{1}", f.key, text::did_you_mean_message(f.key, kFileFields)));
    }
  }
  set_check_point(options, batch);
}

bool RecordChecker::add_record_at(const RawRecord& raw, const LoadOptions& options, Batch& batch, Record& slot) {
  // Progress in bytes for text read by offset (JSON), else in records.
  if (options.progress && number_ % 65536 == 0)
    options.progress(file_, raw.place.offset != RawPlace::kNoOffset ? raw.place.offset : number_, progress_total_);
  ++number_;
  return read_record(raw, number_, ndjson_, batch, slot);
}

void RecordChecker::add_record(const RawRecord& raw, const LoadOptions& options, Batch& batch) {
  Record record;
  if (add_record_at(raw, options, batch, record)) batch.records.push_back(std::move(record));
}

void RecordChecker::apply(const FileWideNote& note, Batch& batch) {
  if (note.kind == FileWideNote::Kind::kPeriod)
    return set_period(note.text, note.place, batch, Message::verbatim(sheet_ ? "检查期" : "\"period\""));
  if (reported_no_check_point_) return;
  reported_no_check_point_ = true;
  // An NDJSON file has no header to give a window in.
  error(note.place,
        ndjson_ ? tr("{0}: the rules count days to the check point; give --as-of (an NDJSON file has no \"window\")",
                     note.subject)
                : tr("{0}: the rules count days to the check point; give \"window\": {\"to\": …} in the file or --as-of",
                     note.subject));
}

const RecordPlace* RecordChecker::see_id(std::string_view id, std::uint64_t hash, const RecordPlace& place) {
  return seen_ids_.insert(id, hash, place);
}

Message RecordChecker::duplicate_id(std::string_view id, const RecordPlace& first, const std::vector<std::string>& files) {
  return tr("record \"{0}\": duplicate id (first in {1} line {2})", id, files[first.file], first.line);
}

void RecordChecker::follow_file(const RecordChecker& reader) {
  file_ = reader.file_;
  file_index_ = reader.file_index_;
  index_ = reader.index_;
  ndjson_ = reader.ndjson_;
  sheet_ = reader.sheet_;
  has_period_ = reader.has_period_;
  continue_from(reader);
}

void RecordChecker::continue_from(const RecordChecker& earlier) {
  period_source_ = earlier.period_source_;
  reported_bad_as_of_ = earlier.reported_bad_as_of_;
}

void RecordChecker::use_slots(bool slots) {
  reserve_ = !slots;
  ids_seen_by_caller_ = slots;
}

void RecordChecker::end_file(const LoadOptions& options) {
  if (!ndjson_ && !has_period_ && options.period.empty() && number_ > 0)
    error({1, 1}, tr("missing \"period\" (e.g. \"2021Q1\"), or give --period"));
}

void RecordChecker::view_texts_in(const JsonText& text) {
  if (text.owner) store_->hold(text.owner, text.content);
}

void RecordChecker::add_file(const RawFile& file, const LoadOptions& options, Batch& batch) {
  begin_file(file, options, batch);
  for (const auto& raw : file.records) add_record(raw, options, batch);
  end_file(options);
}

bool RecordChecker::read_record(const RawRecord& raw, std::size_t number, bool ndjson, Batch& batch, Record& r) {
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
    error(raw.place, tr("{0}: missing \"id\"", subject()));
  } else if (auto v = record_text(id->value, "id")) {
    r.id = store_->keep(*v);
    subject_id_ = &r.id;
    if (!ids_seen_by_caller_) {
      id_hash = IdIndex::hash(r.id);
      seen_ids_.prefetch(*id_hash);  // checked at the end, when the slot has arrived
    }
  }
  const Target* t = nullptr;
  if (!target) {
    error(raw.place, tr("{0}: missing \"target\" (one of: {1})", subject(), join(target_ids_)));
  } else if (auto v = record_text(target->value, "target")) {
    if (auto index = rules_.target_index(*v)) {
      r.target = static_cast<std::uint32_t>(*index);
      t = &rules_.targets[*index];
    } else {
      error(target->value.place, tr("{0}: target: unknown target \"{1}\" in rules {2}{3} (one of: {4})", subject(),
                                    *v, rules_.id, text::did_you_mean_message(*v, target_ids_), join(target_ids_)));
    }
  }
  if (!has_name) error(raw.place, tr("{0}: missing \"name\"", subject()));

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
      if (auto v = record_text(f.value, k, allow_empty)) into = store_->keep(*v);
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
        if (!ndjson)
          error(f.place, tr("{0}: period belongs at the top of a JSON file, not in a record", subject()));
        else if (auto v = record_text(f.value, k))
          file_wide({FileWideNote::Kind::kPeriod, f.value.place, std::string(*v), {}}, batch);
        break;
      case RecordField::kPublicServices:
        if (f.value.kind == RawValue::Kind::kBool) r.public_services = f.value.text == "true";
        else
          error(f.value.place, tr("{0}: public_services must be true or false", subject()));
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
          error(f.place,
                tr("{0}: unknown field \"{1}\"{2}", subject(), k, text::did_you_mean_message(k, kRecordFields)));
        break;
    }
  }
  points_.clear();
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
  r.deductions = store_->keep(points_);
  if (!details_.empty()) r.more = std::make_shared<const RecordDetails>(std::move(details_));
  return diag_.error_count() == errors_before;
}

void RecordChecker::read_vetoes(const RawField& f, const Target& t, Record& r) {
  // "veto": true / false, for tables that only say 单项否决 是/否.
  if (f.value.kind == RawValue::Kind::kBool) {
    if (f.value.text == "true") r.vetoes.push_back(kUnnamedVeto);
    return;
  }
  const auto& names = names_[r.target];
  for_each_name(f, "veto", [&](std::string_view name, const RawPlace& place) {
    auto it = names.refs.find(name);
    if (it == names.refs.end() || it->second.kind != NameRef::Kind::kVeto) {
      Message why = it == names.refs.end() ? tr("unknown veto indicator") : tr("not a veto indicator");
      error(place, tr("{0}: veto: {1} \"{2}\" of target {3}{4}{5}", subject(), why, name, t.id,
                      text::did_you_mean_message(name, names.of({NameRef::Kind::kVeto})),
                      t.veto.empty() ? tr(" (this target has no veto indicators)") : Message()));
      return;
    }
    if (std::find(r.vetoes.begin(), r.vetoes.end(), it->second.index) != r.vetoes.end()) {
      error(place, tr("{0}: veto: \"{1}\" given twice", subject(), name));
      return;
    }
    r.vetoes.push_back(it->second.index);
  });
}

void RecordChecker::read_not_assessed(const RawField& f, const Target& t, Record& r) {
  const auto& names = names_[r.target];
  for_each_name(f, "not_assessed", [&](std::string_view name, const RawPlace& place) {
    auto it = names.refs.find(name);
    if (it == names.refs.end() || it->second.kind != NameRef::Kind::kIndicator) {
      Message why = it != names.refs.end() && it->second.kind == NameRef::Kind::kPart
                        ? tr("\"{0}\" is a part of \"{1}\"; only whole indicators can be not assessed", name,
                             t.deductions[it->second.index].title)
                        : tr("unknown deduction indicator \"{0}\" of target {1}{2}", name, t.id,
                             text::did_you_mean_message(name, names.of({NameRef::Kind::kIndicator})));
      error(place, tr("{0}: not_assessed: {1}", subject(), why));
      return;
    }
    r.set_not_assessed(it->second.index);
  });
}

void RecordChecker::read_deductions(const RawField& f, const Target& t, Record& r) {
  deduction_places_.clear();
  if (f.value.kind != RawValue::Kind::kObject) {
    error(f.value.place,
          tr("{0}: deductions must be an object of indicator → points, e.g. {\"季度检查\": 10}", subject()));
    return;
  }
  const auto& names = names_[r.target];
  auto& seen = seen_deductions_;  // this record's, by name as written
  seen.clear();
  for (const auto& e : f.value.entries) {
    auto it = names.refs.find(e.key);
    auto where = [&] { return tr("{0}: deductions: \"{1}\"", subject(), e.key); };
    if (it == names.refs.end() || (it->second.kind != NameRef::Kind::kIndicator && it->second.kind != NameRef::Kind::kPart)) {
      if (e.key == "加分" || e.key == "bonus") {
        error(e.place, tr("{0}: deductions: \"{1}\" is the bonus: give it as \"bonus\": points, beside deductions",
                          subject(), e.key));
        continue;
      }
      Message what = it == names.refs.end() ? tr("unknown indicator") : tr("not a deduction indicator");
      error(e.place,
            tr("{0}: deductions: {1} \"{2}\" of target {3}{4}", subject(), what, e.key, t.id,
               text::did_you_mean_message(e.key, names.of({NameRef::Kind::kIndicator, NameRef::Kind::kPart}))));
      continue;
    }
    const NameRef& ref = it->second;
    const Indicator& ind = t.deductions[ref.index];
    bool duplicate = false;
    for (const auto& [other, other_name] : seen)
      if (other.kind == ref.kind && other.index == ref.index && other.part == ref.part) {
        error(e.place, tr("{0}: given twice (also as \"{1}\")", where(), other_name));
        duplicate = true;
      }
    if (duplicate) continue;
    seen.emplace_back(ref, e.key);
    if (e.value.kind == RawValue::Kind::kText && e.value.text == kNotAssessed) {
      if (ref.kind == NameRef::Kind::kPart)
        error(e.value.place, tr("{0}: a part cannot be 不考核; mark the indicator \"{1}\"", where(), ind.title));
      else
        r.set_not_assessed(ref.index);
      continue;
    }
    if (e.value.kind == RawValue::Kind::kNull) continue;  // an empty cell: nothing deducted
    if (ref.kind == NameRef::Kind::kIndicator && !ind.parts.empty()) {
      error(e.place, tr("{0}: this indicator is entered by its parts ({1})", where(), part_titles(ind)));
      continue;
    }
    auto points = points_at(e.value, where);
    if (!points) continue;
    points_.push_back(
        entry_of(ref.index, ref.kind == NameRef::Kind::kPart ? std::optional<std::size_t>(ref.part) : std::nullopt, *points));
    deduction_places_.push_back(e.place);
  }
}

void RecordChecker::read_findings(const RawField& f, const Target& t, Record& r) {
  if (f.value.kind != RawValue::Kind::kList) {
    error(f.value.place,
          tr("{0}: findings must be a list of {\"indicator\", \"points\", \"title\", \"url\", \"note\", \"found\"}",
             subject()));
    return;
  }
  const auto& names = names_[r.target];
  const std::size_t entered = points_.size();  // entries from "deductions"
  std::size_t number = 0;
  for (const auto& item : f.value.entries) {
    Message where = tr("{0}: findings #{1}", subject(), ++number);
    if (item.value.kind != RawValue::Kind::kObject) {
      error(item.value.place, tr("{0}: a finding is an object with indicator and points", where));
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
        error(e.place,
              tr("{0}: unknown field \"{1}\"{2}", where, e.key,
                 text::did_you_mean_message(e.key, {"indicator", "points", "title", "url", "note", "found"})));
      }
    }
    if (!indicator && !points && !finding.title.empty()) {
      finding.scored = false;  // what was found, in words: nothing to add into deductions
      details_.findings.push_back(std::move(finding));
      continue;
    }
    if (!indicator || !points) {
      error(item.value.place, tr("{0}: missing \"{1}\"", where, !indicator ? "indicator" : "points"));
      continue;
    }
    auto name = text_of(indicator->value, where, "indicator");
    if (!name) continue;
    auto it = names.refs.find(*name);
    if (it == names.refs.end() || (it->second.kind != NameRef::Kind::kIndicator && it->second.kind != NameRef::Kind::kPart)) {
      error(indicator->value.place,
            tr("{0}: unknown indicator \"{1}\" of target {2}{3}", where, *name, t.id,
               text::did_you_mean_message(*name, names.of({NameRef::Kind::kIndicator, NameRef::Kind::kPart}))));
      continue;
    }
    const NameRef& ref = it->second;
    if (ref.kind == NameRef::Kind::kIndicator && !t.deductions[ref.index].parts.empty()) {
      error(indicator->value.place,
            tr("{0}: \"{1}\" is entered by its parts ({2})", where, *name, part_titles(t.deductions[ref.index])));
      continue;
    }
    auto p = points_of(points->value, tr("{0}: points", where));
    if (!p) continue;
    finding.indicator = ref.index;
    if (ref.kind == NameRef::Kind::kPart) finding.part = ref.part;
    finding.points = *p;
    bool counted = false;
    for (std::size_t k = 0; k < points_.size(); ++k) {
      PointsEntry& e = points_[k];
      if (e.indicator != finding.indicator || e.part != finding.part) continue;
      if (k < entered) {
        error(indicator->value.place,
              tr("{0}: \"{1}\" is given both in deductions and as findings; give one", where, *name));
      } else {
        e.points += finding.points;
      }
      counted = true;
    }
    if (!counted) {
      points_.push_back(entry_of(finding.indicator, finding.part, finding.points));
      deduction_places_.push_back(indicator->value.place);
    }
    details_.findings.push_back(std::move(finding));
  }
}

void RecordChecker::read_published(const RawValue& v) {
  Message where = tr("{0}: published", subject());
  if (v.kind != RawValue::Kind::kObject) {
    error(v.place, tr("{0} must be an object: {\"score\", \"result\", \"rank\", \"veto\"}", where));
    return;
  }
  Published p;
  for (const auto& e : v.entries) {
    Message field = tr("{0}: {1}", where, e.key);
    if (e.key == "score") {
      if (e.value.kind != RawValue::Kind::kNull) {
        p.score = points_of(e.value, field);
        p.score_text = std::string(e.value.text);
      }
    } else if (e.key == "result") {
      if (auto s = text_of(e.value, where, "result", true)) {
        if (*s == "合格" || *s == "不合格" || s->empty()) p.result = *s;
        else
          error(e.value.place, tr("{0} must be 合格 or 不合格, not \"{1}\"", field, *s));
      }
    } else if (e.key == "rank") {
      if (e.value.kind != RawValue::Kind::kNull)
        if (auto n = count_of(e.value, field)) p.rank = *n;
    } else if (e.key == "veto") {
      if (e.value.kind == RawValue::Kind::kBool) p.veto = e.value.text == "true";
      else if (e.value.kind == RawValue::Kind::kText && (e.value.text == "是" || e.value.text == "否")) p.veto = e.value.text == "是";
      else
        error(e.value.place, tr("{0} must be 是/否 or true/false", field));
    } else {
      error(e.place, tr("{0}: unknown field \"{1}\"{2}", where, e.key,
                        text::did_you_mean_message(e.key, {"score", "result", "rank", "veto"})));
    }
  }
  details_.published = std::move(p);
}

std::optional<long> RecordChecker::count_of(const RawValue& v, const Message& where) {
  auto n = v.kind == RawValue::Kind::kNumber ? Exact::parse(v.text) : std::nullopt;
  if (!n || n->is_negative() || n->decimals() != 0 || *n > Exact(Exact::kMaxMagnitude)) {
    error(v.place, tr("{0} must be a whole number ≥ 0", where));
    return std::nullopt;
  }
  return static_cast<long>(*n->integer());
}

void RecordChecker::read_counts(const RawValue& v, const Message& where, std::map<std::size_t, long>& out) {
  if (v.kind != RawValue::Kind::kObject) {
    error(v.place, tr("{0} must be an object of target → count, e.g. {\"newmedia\": 5360}", where));
    return;
  }
  for (const auto& e : v.entries) {
    auto target = rules_.target_index(e.key);
    if (!target) {
      error(e.place,
            tr("{0}: unknown target \"{1}\"{2}", where, e.key, text::did_you_mean_message(e.key, target_ids_)));
      continue;
    }
    if (auto n = count_of(e.value, tr("{0}: {1}", where, e.key)))
      set_count(out, *target, *n, e.value.place, tr("{0}: {1}", where, e.key));
  }
}

void RecordChecker::set_count(std::map<std::size_t, long>& out, std::size_t target, long n, const RawPlace& place,
    const Message& where) {
  auto [it, fresh] = out.emplace(target, n);
  if (!fresh && it->second != n) error(place, tr("{0}: {1} differs from {2} given earlier", where, n, it->second));
}

void RecordChecker::read_registered_by_region(const RawValue& v, Batch& batch) {
  if (v.kind != RawValue::Kind::kObject) {
    error(v.place, tr("registered_by_region must be an object of region → {target: count}"));
    return;
  }
  for (const auto& e : v.entries)
    read_counts(e.value, tr("registered_by_region: {0}", e.key), batch.registered_by_region[std::string(e.key)]);
}

void RecordChecker::read_published_summary(const RawValue& v, Batch& batch) {
  if (v.kind != RawValue::Kind::kObject) {
    error(v.place, tr("published_summary must be an object of target → {checked, passed, failed, pass_rate, "
                      "registered, check_rate}"));
    return;
  }
  for (const auto& e : v.entries) {
    Message where = tr("published_summary: {0}", e.key);
    auto target = rules_.target_index(e.key);
    if (!target) {
      error(e.place, tr("published_summary: unknown target \"{0}\"{1}", e.key,
                        text::did_you_mean_message(e.key, target_ids_)));
      continue;
    }
    if (e.value.kind != RawValue::Kind::kObject) {
      error(e.value.place, tr("{0} must be an object", where));
      continue;
    }
    PublishedSummary& ps = batch.published_summary[*target];
    for (const auto& f : e.value.entries) {
      Message field = tr("{0}: {1}", where, f.key);
      if (f.key == "registered") ps.registered = count_of(f.value, field);
      else if (f.key == "checked") ps.checked = count_of(f.value, field);
      else if (f.key == "passed") ps.passed = count_of(f.value, field);
      else if (f.key == "failed") ps.failed = count_of(f.value, field);
      else if (f.key == "pass_rate") ps.pass_rate = points_of(f.value, field);
      else if (f.key == "check_rate") ps.check_rate = points_of(f.value, field);
      else if (f.key == "bands") read_published_names(f.value, field, band_titles(*target), ps.bands);
      else if (f.key == "lists") read_published_names(f.value, field, list_ids(*target), ps.lists);
      else
        error(f.place, tr("{0}: unknown field \"{1}\"{2}", where, f.key,
                          text::did_you_mean_message(f.key, {"registered", "checked", "passed", "failed", "pass_rate",
                                                             "check_rate", "bands", "lists"})));
    }
  }
}

std::vector<std::string> RecordChecker::band_titles(std::size_t target) const {
  std::vector<std::string> out;
  for (const auto& b : rules_.targets[target].bands) out.push_back(b.title);
  return out;
}

std::vector<std::string> RecordChecker::list_ids(std::size_t target) const {
  std::vector<std::string> out;
  for (const auto& l : rules_.lists)
    if (l.target == target) out.push_back(l.id);
  return out;
}

void RecordChecker::read_published_names(const RawValue& v, const Message& where, const std::vector<std::string>& known,
    std::map<std::string, PublishedSummary::Names>& out) {
  if (v.kind != RawValue::Kind::kObject) {
    error(v.place, tr("{0} must be an object of name → {count, names}", where));
    return;
  }
  for (const auto& e : v.entries) {
    std::string key(e.key);
    Message field = tr("{0}: \"{1}\"", where, key);
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      error(e.place, tr("{0}: not one of the rule file's{1}{2}", field, text::did_you_mean_message(key, known),
                        known.empty() ? tr(" (there are none for this target)") : Message()));
      continue;
    }
    if (e.value.kind != RawValue::Kind::kObject) {
      error(e.value.place, tr("{0} must be an object {count, names}", field));
      continue;
    }
    PublishedSummary::Names& names = out[key];
    for (const auto& f : e.value.entries) {
      if (f.key == "count") {
        names.count = count_of(f.value, tr("{0}: count", field));
      } else if (f.key == "names" && f.value.kind == RawValue::Kind::kList) {
        names.names.emplace();
        for (const auto& n : f.value.entries) {
          if (n.value.kind == RawValue::Kind::kText) names.names->emplace_back(n.value.text);
          else
            error(n.value.place, tr("{0}: names must be texts", field));
        }
      } else if (f.key == "names") {
        error(f.value.place, tr("{0}: names must be a list of names", field));
      } else {
        error(f.place, tr("{0}: unknown field \"{1}\"{2}", field, f.key,
                          text::did_you_mean_message(f.key, {"count", "names"})));
      }
    }
  }
}

void RecordChecker::read_facts(const RawValue& v) {
  if (v.kind != RawValue::Kind::kObject) {
    error(v.place, tr("{0}: facts must be an object of fact name → value", subject()));
    return;
  }
  details_.facts.assign(rules_.facts.size(), std::nullopt);
  std::vector<std::string> names;
  for (const auto& f : rules_.facts) names.push_back(f.name);
  for (const auto& e : v.entries) {
    auto it = std::find(names.begin(), names.end(), e.key);
    Message where = tr("{0}: facts: \"{1}\"", subject(), e.key);
    if (it == names.end()) {
      error(e.place, tr("{0}: unknown fact{1}{2}", where, text::did_you_mean_message(e.key, names),
                        names.empty() ? tr(" (rules {0} declare no facts)", rules_.id) : Message()));
      continue;
    }
    const FactDeclaration& decl = rules_.facts[static_cast<std::size_t>(it - names.begin())];
    auto fv = decl.type == ValueType::kList ? event_list(decl, e.value, where) : fact_value(decl, e.value, where);
    if (fv) details_.facts[static_cast<std::size_t>(it - names.begin())] = *fv;
  }
}

std::optional<FactValue> RecordChecker::fact_value(const FactDeclaration& decl, const RawValue& v, const Message& where,
    bool event_field) {
  FactValue fv;
  fv.value.type = decl.type;
  if (v.kind == RawValue::Kind::kNull) {
    fv.null = true;
  } else if (decl.type == ValueType::kNumber && v.kind == RawValue::Kind::kNumber && Exact::parse(v.text)) {
    fv.value.number = *Exact::parse(v.text);
    if (fv.value.number > Exact(Exact::kMaxMagnitude) || fv.value.number < Exact(-Exact::kMaxMagnitude)) {
      error(v.place, tr("{0}: {1} is out of range", where, v.text));
      return std::nullopt;
    }
  } else if (decl.type == ValueType::kBool && v.kind == RawValue::Kind::kBool) {
    fv.value.boolean = v.text == "true";
  } else if (decl.type == ValueType::kDate && v.kind == RawValue::Kind::kText && calendar::parse_date(v.text)) {
    fv.value.date = *calendar::parse_date(v.text);
    if (!event_field && check_point_ && fv.value.date > *check_point_) {
      error(v.place, tr("{0}: {1} is after the check point {2}; a fact can only be dated up to it", where, v.text,
                        calendar::format_date(*check_point_)));
      return std::nullopt;
    }
  } else {
    Message expected = decl.type == ValueType::kDate   ? tr("a date (YYYY-MM-DD)")
                       : decl.type == ValueType::kBool ? tr("true or false")
                                                       : tr("a number");
    error(v.place, tr("{0} must be {1}{2}", where, expected, v.text.empty() ? Message() : tr(", not {0}", shown(v))));
    return std::nullopt;
  }
  return fv;
}

std::optional<FactValue> RecordChecker::event_list(const FactDeclaration& decl, const RawValue& v, const Message& where) {
  FactValue fv;
  fv.value.type = ValueType::kList;
  if (v.kind == RawValue::Kind::kNull) {
    fv.null = true;
    return fv;
  }
  if (v.kind != RawValue::Kind::kList) {
    error(v.place, tr("{0} must be a list of events ([{\"{1}\": …}, …]){2}", where, decl.fields.front().name,
                      v.text.empty() ? Message() : tr(", not {0}", shown(v))));
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
    Message event_where = tr("{0} #{1}", where, i + 1);
    if (item.kind != RawValue::Kind::kObject) {
      error(item.place, tr("{0} must be an object of {1}", event_where, joined));
      ok = false;
      continue;
    }
    FactValues event(decl.fields.size());
    for (const auto& e : item.entries) {
      auto it = std::find(names.begin(), names.end(), e.key);
      Message field_where = tr("{0}: \"{1}\"", event_where, e.key);
      if (it == names.end()) {
        error(e.place,
              tr("{0}: unknown field of {1}{2}", field_where, decl.name, text::did_you_mean_message(e.key, names)));
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

std::string RecordChecker::shown(const RawValue& v) {
  return v.kind == RawValue::Kind::kText ? "\"" + std::string(v.text) + "\"" : std::string(v.text);
}

Message RecordChecker::fact_values(const Expression& e) const {
  Message out = Message::verbatim("");
  for (auto i : e.facts()) {
    const auto& f = details_.facts[i];
    Message value =
        !f ? tr("(not given)") : f->null ? Message::verbatim("null") : value_words(f->value);
    out = out.id().empty() && out.is_verbatim() ? tr("{0} = {1}", rules_.facts[i].name, value)
                                                : tr("{0}, {1} = {2}", out, rules_.facts[i].name, value);
  }
  return out;
}

bool RecordChecker::problem(const EvaluationProblem& p, const Message& rule, const RawField& facts) {
  Message why;
  const std::string fact_name = p.fact ? rules_.facts[*p.fact].name : std::string();
  switch (p.kind) {
    case EvaluationProblem::Kind::kMissingFact:
      why = tr("needs fact \"{0}\", which this record does not give", fact_name);
      break;
    case EvaluationProblem::Kind::kNullFact:
      if (p.field) {
        const std::string& field = rules_.facts[*p.fact].fields[*p.field].name;
        why = tr("needs {0}, which is null or not given there (guard it with has({1}))", event_field_name(p), field);
      } else {
        why = tr("needs fact \"{0}\", which is null here (guard it with has({0}))", fact_name);
      }
      break;
    case EvaluationProblem::Kind::kDivisionByZero:
      why = tr("divides by zero with this record's facts");
      break;
    case EvaluationProblem::Kind::kOverflow:
      why = tr("gives a number too large to compute with this record's facts");
      break;
    case EvaluationProblem::Kind::kEmptyList:
      why = tr("takes max() or min() over {0}, which has no events here (guard it with count({0}) > 0)", fact_name);
      break;
    case EvaluationProblem::Kind::kNoCheckPoint: return false;  // reported once for the file
    case EvaluationProblem::Kind::kOutsideCalendar: {
      // Never skipped: a working-day count outside the notices would be a guess.
      Message source = p.field  ? tr(" ({0})", event_field_name(p))
                       : p.fact ? tr(" (fact {0})", fact_name)
                                : Message();
      error(facts.value.place,
            tr("{0}: {1} counts working days to {2}{3}, in {4}, a year calendar {5} does not cover ({6})", subject(),
               rule, calendar::format_date(p.day), source, p.year, rules_.calendar_name,
               rules_.calendar->years_text()));
      return false;
    }
  }
  // --missing-facts=skip is for facts a record lacks; a division by zero
  // or an overflow is the rule's or the data's to fix, never skipped.
  const bool missing = p.kind == EvaluationProblem::Kind::kMissingFact || p.kind == EvaluationProblem::Kind::kNullFact;
  if (skip_missing_ && missing) return true;
  error(facts.value.place,
        tr("{0}: {1} {2}{3}", subject(), rule, why,
           missing ? tr(" (or run with --missing-facts=skip)") : tr("; fix the facts or the rule")));
  return false;
}

std::string RecordChecker::event_field_name(const EvaluationProblem& p) const {
  const FactDeclaration& list = rules_.facts[*p.fact];
  return list.name + " #" + std::to_string(p.event + 1) + ": " + list.fields[*p.field].name;
}

Message RecordChecker::skipped_text(const EvaluationProblem& p, const FactList& facts) const {
  if (p.kind == EvaluationProblem::Kind::kDivisionByZero)
    return tr("not evaluated: division by zero; counted as not triggered");
  if (p.kind == EvaluationProblem::Kind::kOverflow)
    return tr("not evaluated: a number grew too large; counted as not triggered");
  if (p.kind == EvaluationProblem::Kind::kEmptyList)
    return tr("not evaluated: {0} has no events for max()/min(); counted as not triggered", facts[*p.fact].name);
  if (p.field)
    return tr("not evaluated: {0} is null; counted as not triggered (--missing-facts=skip)", event_field_name(p));
  if (p.kind == EvaluationProblem::Kind::kNullFact)
    return tr("not evaluated: fact {0} is null; counted as not triggered (--missing-facts=skip)",
              facts[*p.fact].name);
  return tr("not evaluated: fact {0} missing; counted as not triggered (--missing-facts=skip)", facts[*p.fact].name);
}

Message RecordChecker::tallies_text(const Expression::Outcome& outcome) const {
  Message out = Message::verbatim("");
  for (const auto& tally : outcome.tallies) out = tr("{0}; {1}", out, describe_tally(tally, rules_.facts, details_.facts));
  return out;
}

void RecordChecker::place_on_lists(const RawField& facts, const Batch& batch, Record& r) {
  for (std::size_t l = 0; l < rules_.lists.size(); ++l) {
    const NamedList& list = rules_.lists[l];
    if (list.target != r.target || !list.when) continue;
    auto outcome = list.when->evaluate(details_.facts, batch.as_of);
    if (outcome.problem) {
      problem(*outcome.problem, tr("list \"{0}\" (when)", list.id), facts);
      continue;
    }
    if (outcome.value->boolean) details_.lists.push_back(l);
  }
}

void RecordChecker::apply_conditions(const RawField& facts, const Target& t, Batch& batch, Record& r) {
  if (rules_.uses_dates() && !batch.as_of) {
    file_wide({FileWideNote::Kind::kNoCheckPoint, facts.value.place, "", subject()}, batch);
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
      if (!problem(*outcome.problem, tr("{0} (when)", veto.title), facts)) continue;
      ev.use = Evidence::Use::kSkipped;
      ev.words = skipped_text(*outcome.problem, rules_.facts);
      ev.text = ev.words.str();
    } else {
      bool fired = outcome.value->boolean;
      ev.use = fired ? Evidence::Use::kApplied : Evidence::Use::kNotFired;
      const auto& words = fired ? veto.evidence_fired : veto.evidence_clear;
      ev.words = tr("{0}{1}",
                    words ? Message::verbatim(words->render(details_.facts, batch.as_of))
                          : tr("{0} with {1}", veto.when->text(), fact_values(*veto.when)),
                    tallies_text(outcome));
      ev.text = ev.words.str();
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

void RecordChecker::derive_points(const Expression& e, std::size_t indicator, std::optional<std::size_t> part, const std::string& title,
    const RawField& facts, const Batch& batch, Record& r) {
  if (!r.assessed(rules_, indicator)) return;  // 不考核: no points either way
  Evidence ev;
  ev.kind = Evidence::Kind::kPoints;
  ev.index = indicator;
  ev.part = part;
  auto outcome = e.evaluate(details_.facts, batch.as_of);
  if (outcome.problem) {
    if (!problem(*outcome.problem, tr("{0} (points)", title), facts)) return;
    ev.use = Evidence::Use::kSkipped;
    ev.words = skipped_text(*outcome.problem, rules_.facts);
    ev.text = ev.words.str();
    details_.evidence.push_back(ev);
    return;
  }
  ev.points = outcome.value->number;
  ev.words =
      tr("{0} with {1} = {2}{3}", e.text(), fact_values(e), value_words(*outcome.value), tallies_text(outcome));
  ev.text = ev.words.str();
  if (ev.points.is_negative()) {
    error(facts.value.place, tr("{0}: {1} (points): {2}, below 0", subject(), title, ev.words));
    return;
  }
  bool manual = std::any_of(points_.begin(), points_.end(),
                            [&](const PointsEntry& p) { return p.indicator == indicator && p.part == part; });
  if (manual) {
    ev.use = Evidence::Use::kOverridden;
  } else if (ev.points.is_zero()) {
    ev.use = Evidence::Use::kNotFired;
  } else {
    ev.use = Evidence::Use::kApplied;
    points_.push_back(entry_of(indicator, part, ev.points));
    deduction_places_.push_back(facts.value.place);
  }
  details_.evidence.push_back(ev);
}

void RecordChecker::read_bonus(const RawField& f, const Target& t, Record& r) {
  Message where = tr("{0}: bonus", subject());
  if (!t.bonus) {
    error(f.value.place, tr("{0}: target {1} has no bonus (加分) in rules {2}", where, t.id, rules_.id));
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
      Message hint = t.bonus->items.empty()
                         ? tr(" (this bonus has no items: give it as a number, e.g. \"bonus\": 5)")
                         : text::did_you_mean_message(e.key, names.of({NameRef::Kind::kBonusItem}));
      error(e.place, tr("{0}: unknown bonus item \"{1}\"{2}", where, e.key, hint));
      continue;
    }
    bool duplicate = false;
    for (const auto& earlier : details_.bonus_items) duplicate = duplicate || earlier.item == it->second.index;
    if (duplicate) {
      error(e.place, tr("{0}: \"{1}\" given twice", where, e.key));
      continue;
    }
    if (e.value.kind == RawValue::Kind::kNull) continue;
    if (auto p = points_of(e.value, tr("{0}: \"{1}\"", where, e.key)))
      details_.bonus_items.push_back({it->second.index, *p});
  }
}

void RecordChecker::check_something_is_assessed(const RawRecord& raw, const Target& t, Record& r) {
  for (std::size_t k = 0; k < points_.size(); ++k) {
    const PointsEntry& entry = points_[k];
    // 0 under a not-assessed indicator says nothing was deducted: harmless.
    if (!r.assessed(rules_, entry.indicator) && !entry.points.is_zero()) {
      const Indicator& ind = t.deductions[entry.indicator];
      Message why = ind.requires_public_services && !r.public_services
                        ? tr(" (the unit has no public-facing services)")
                        : Message();
      error(deduction_places_[k], tr("{0}: deductions: points given for \"{1}\", which is not assessed (不考核){2}",
                                     subject(), ind.title, why));
    }
  }
  if (t.deductions.empty()) return;
  for (std::size_t i = 0; i < t.deductions.size(); ++i)
    if (r.assessed(rules_, i)) return;
  error(raw.place, tr("{0}: every deduction indicator is not assessed; nothing is left to score", subject()));
}

std::optional<Exact> RecordChecker::points_of(const RawValue& v, const Message& where) {
  return points_at(v, [&] { return where; });
}

template <typename Where>
std::optional<Exact> RecordChecker::points_at(const RawValue& v, Where where) {
  if (v.kind == RawValue::Kind::kText) {
    bool numeric = Exact::parse(v.text).has_value();
    error(v.place, tr("{0}: points must be a number, not the text \"{1}\"{2}", where(), v.text,
                      numeric ? tr(" (remove the quotes)") : Message()));
    return std::nullopt;
  }
  if (v.kind != RawValue::Kind::kNumber) {
    error(v.place, tr("{0}: points must be a number", where()));
    return std::nullopt;
  }
  auto p = Exact::parse(v.text);
  if (!p) {
    error(v.place,
          tr("{0}: points {1} have more digits than can be read exactly (at most 18 significant)", where(), v.text));
    return std::nullopt;
  }
  if (v.text[0] == '-') {
    error(v.place,
          tr("{0}: points must not be negative ({1}); deductions are entered as positive points", where(), v.text));
    return std::nullopt;
  }
  if (*p > Exact(Exact::kMaxMagnitude)) {
    error(v.place, tr("{0}: points {1} are out of range (at most {2})", where(), v.text, Exact::kMaxMagnitude));
    return std::nullopt;
  }
  if (!p->decimals() || *p->decimals() > Exact::kMaxDecimals) {
    error(v.place, tr("{0}: points {1} have more than {2} decimals", where(), v.text, Exact::kMaxDecimals));
    return std::nullopt;
  }
  return p;
}

std::optional<std::string> RecordChecker::text_of(const RawValue& v, const Message& subject, std::string_view field,
    bool allow_empty) {
  auto where = [&] {
    return subject.empty() ? Message::verbatim(std::string(field)) : tr("{0}: {1}", subject, field);
  };
  if (v.kind != RawValue::Kind::kText) {
    error(v.place, tr("{0} must be a text (in quotes)", where()));
    return std::nullopt;
  }
  if (!allow_empty && v.text.empty()) {
    error(v.place, tr("{0} must not be empty", where()));
    return std::nullopt;
  }
  return std::string(v.text);
}

std::optional<std::string_view> RecordChecker::record_text(const RawValue& v, std::string_view field, bool allow_empty) {
  if (v.kind != RawValue::Kind::kText || (!allow_empty && v.text.empty())) {
    text_of(v, subject(), field, allow_empty);  // says why not
    return std::nullopt;
  }
  if (auto bad = text::forbidden_character(v.text, /*line_breaks=*/field == "note")) {
    error(v.place, tr("{0}: {1}: character {2} is {3}, a control character; remove it", subject(), field,
                      bad->position, bad->code));
    return std::nullopt;
  }
  if (v.text.size() > limits::kMaxTextCharacters && text::character_count(v.text) > limits::kMaxTextCharacters) {
    error(v.place, tr("{0}: {1}: {2} characters; a text may have at most {3} (what a spreadsheet cell holds)",
                      subject(), field, text::character_count(v.text), limits::kMaxTextCharacters));
    return std::nullopt;
  }
  return v.text;
}

template <typename Fn>
void RecordChecker::for_each_name(const RawField& f, const std::string& field, Fn fn) {
  if (f.value.kind == RawValue::Kind::kText) return fn(f.value.text, f.value.place);
  if (f.value.kind != RawValue::Kind::kList) {
    error(f.value.place, tr("{0}: {1} must be a list of indicator names{2}", subject(), field,
                            field == "veto" ? tr(" (or true/false)") : Message()));
    return;
  }
  for (const auto& item : f.value.entries)
    if (auto name = record_text(item.value, field)) fn(*name, item.value.place);
}

void RecordChecker::read_window(const RawValue& v, Batch& batch) {
  if (v.kind != RawValue::Kind::kObject) {
    error(v.place, tr("window must be an object: {\"from\": \"2021-01-01\", \"to\": \"2021-03-31\"}"));
    return;
  }
  std::optional<long> from;
  std::optional<long> to;
  for (const auto& e : v.entries) {
    if (e.key == "from" || e.key == "to") {
      auto s = text_of(e.value, Message::verbatim("window"), e.key);
      if (!s) continue;
      auto day = calendar::parse_date(*s);
      if (!day || s->size() != 10) {
        error(e.value.place, tr("window: {0}: \"{1}\" is not a date (YYYY-MM-DD)", e.key, *s));
        continue;
      }
      std::string& known = e.key == "from" ? batch.window_from : batch.window_to;
      if (!known.empty() && known != *s) {
        error(e.value.place,
              tr("window: {0}: {1} differs from {2} given earlier; files scored together share one window", e.key, *s,
                 known));
        continue;
      }
      known = *s;
      (e.key == "from" ? from : to) = day;
    } else {
      error(e.place, tr("window: unknown key \"{0}\" (expected from, to)", e.key));
    }
  }
  if (from && to && *from > *to)
    error(v.place, tr("window: from {0} is after to {1}", batch.window_from, batch.window_to));
}

void RecordChecker::set_check_point(const LoadOptions& options, Batch& batch) {
  if (!options.as_of.empty()) {
    auto day = calendar::parse_date(options.as_of);
    if (!day) {
      if (!reported_bad_as_of_) diag_.error("", 0, 0, tr("--as-of {0}: not a date (YYYY-MM-DD)", options.as_of));
      reported_bad_as_of_ = true;
    } else if (!reported_bad_as_of_ && ((!batch.window_from.empty() && *day < *calendar::parse_date(batch.window_from)) ||
                                        (!batch.window_to.empty() && *day > *calendar::parse_date(batch.window_to)))) {
      diag_.error(file_, 0, 0,
                  tr("--as-of {0} is outside the window {1} – {2} the file gives", options.as_of, batch.window_from,
                     batch.window_to));
      reported_bad_as_of_ = true;
    }
    batch.as_of = day;
  } else if (!batch.window_to.empty()) {
    batch.as_of = calendar::parse_date(batch.window_to);
  }
  check_point_ = batch.as_of;
}

void RecordChecker::file_wide(FileWideNote note, Batch& batch) {
  if (ids_seen_by_caller_) notes_.push_back(std::move(note));
  else apply(note, batch);
}

void RecordChecker::set_period(const std::string& period, const RawPlace& place, Batch& batch, const Message& source) {
  if (!Period::parse(period)) {
    error(place,
          tr("period \"{0}\" is not a period: a year, half, quarter or month, e.g. 2021, 2021H1, 2021Q1 or 2021-03",
             period));
    return;
  }
  if (batch.period.empty()) {
    batch.period = period;
    period_source_ = source.id() == "--period" || file_.empty() ? source
                     : source.id() == "the file's name"       ? tr("the name of {0}", file_)
                                                              : tr("{0} in {1}", source, file_);
  } else if (batch.period != period) {
    error(place, tr("period \"{0}\" ({1}) differs from \"{2}\" given earlier ({3}); score one period at a time", period,
                    source, batch.period, period_source_.empty() ? Message::verbatim("\"period\"") : period_source_));
  }
}

RecordChecker::RecordField RecordChecker::field_of(std::string_view key) {
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

std::string RecordChecker::join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string RecordChecker::part_titles(const Indicator& ind) {
  std::vector<std::string> titles;
  for (const auto& p : ind.parts) titles.push_back(p.title);
  return join(titles);
}

template <class Text>
void RecordChecker::error(const RawPlace& place, Text message) {
  if (place.offset != RawPlace::kNoOffset && index_) {
    auto lc = index_->at(place.offset);
    diag_.error(file_, lc.line, lc.column, std::move(message));
  } else {
    diag_.error(file_, place.line, place.column, std::move(message));
  }
}

Message RecordChecker::subject() const {
  return subject_id_ ? tr("record \"{0}\"", *subject_id_) : tr("record #{0}", subject_number_);
}

}  // namespace govscore
