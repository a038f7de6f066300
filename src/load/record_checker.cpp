// The record checker's rules about a record's own fields, one member a rule
// (record_checker.hpp). A file's header is checked in
// record_checker_file.cpp, facts and conditions in record_checker_facts.cpp.
#include "load/record_checker.hpp"

#include <algorithm>
#include <set>

#include "govscore/limits.hpp"
#include "govscore/rules.hpp"
#include "load/id_index.hpp"
#include "load/sheet_records.hpp"
#include "util/fresh_memory.hpp"
#include "util/text.hpp"

namespace govscore {
namespace {

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

PointsEntry RecordChecker::entry_of(std::size_t indicator, std::optional<std::size_t> part, const Exact& points) {
  PointsEntry e;
  e.indicator = static_cast<std::uint32_t>(indicator);
  if (part) e.part = static_cast<std::uint32_t>(*part);
  e.points = points;
  return e;
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
