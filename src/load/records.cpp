// Loads records files: picks the reader by the file's extension, hands
// what it read to the record checker, and applies the rules about the
// whole run (registered counts, period, limits).
#include "govscore/records.hpp"

#include <algorithm>
#include <map>

#include "govscore/limits.hpp"
#include "govscore/millionths.hpp"
#include "govscore/rules.hpp"
#include "io/file_text.hpp"
#include "load/event_tables.hpp"
#include "load/ndjson_blocks.hpp"
#include "load/json_reader.hpp"
#include "load/raw_record.hpp"
#include "load/record_checker.hpp"
#include "load/sheet_records.hpp"
#include "util/text.hpp"

namespace govscore {
namespace {

bool ends_with(const std::string& path, const std::string& ext) {
  return path.size() >= ext.size() && path.compare(path.size() - ext.size(), ext.size(), ext) == 0;
}

bool is_ndjson(const std::string& path) { return ends_with(path, ".ndjson") || ends_with(path, ".jsonl"); }

bool is_sheet(const std::string& path) {
  return ends_with(path, ".csv") || ends_with(path, ".CSV") || ends_with(path, ".xlsx") || ends_with(path, ".XLSX");
}

// Reads one file into `batch`; a YAML file here is almost always a rule file
// given in the wrong place, which deserves one clear sentence.
// `several_sheets`: the run reads more than one CSV or XLSX file (sheet_records).
void add_file(JsonText text, const std::string& path, const RuleSet& rules, const LoadOptions& options,
              bool several_sheets, RecordChecker& checker, Batch& batch, Diagnostics& diagnostics) {
  if (ends_with(path, ".yaml") || ends_with(path, ".yml")) {
    diagnostics.error(path, 0, 0,
                      tr("a YAML file given as records; records are JSON, NDJSON, CSV or XLSX (is this the rule file? "
                         "give it with --rules)"));
    return;
  }
  RawFile raw;
  if (is_sheet(path)) {
    std::size_t before = diagnostics.error_count();
    raw = sheet_records(std::string(text.content), path, rules, options, several_sheets, diagnostics);
    if (diagnostics.error_count() != before && raw.records.empty()) return;
  } else if (ends_with(path, ".xls")) {
    diagnostics.error(path, 0, 0, tr("an .xls file (Excel 97-2003) cannot be read; save it as .xlsx or CSV"));
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
  auto check = [&](const Message& where, std::size_t target, long registered, long count) {
    const std::string& id = rules.targets[target].id;
    if (registered == 0)
      out.diagnostics.error(file, 0, 0,
                            tr("{0}{1}: 0 registered; give the number on the register, or leave it out", where, id));
    else if (registered < count)
      out.diagnostics.error(file, 0, 0,
                            tr("{0}{1}: {2} registered but {3} checked; the register counts every unit checked", where,
                               id, registered, count));
  };
  for (const auto& [target, n] : batch.registered) check(Message::verbatim("registered: "), target, n, checked[target]);
  for (const auto& [region, counts] : batch.registered_by_region)
    for (const auto& [target, n] : counts)
      check(Message::verbatim("registered_by_region: " + region + ": "), target, n,
            checked_in_region[{region, target}]);
}

void finish(RecordsLoad& out, Batch& batch, const RuleSet& rules, const std::vector<std::string>& paths) {
  if (!out.diagnostics.has_errors()) check_registered(out, batch, rules, paths.size() == 1 ? paths[0] : "");
  if (batch.records.size() > limits::kMaxRecords)
    out.diagnostics.error(paths.size() == 1 ? paths[0] : "", 0, 0,
                          tr("{0} records; one run scores at most {1}", batch.records.size(), limits::kMaxRecords));
  if (batch.period.empty() && !batch.records.empty() && !out.diagnostics.has_errors())
    out.diagnostics.error(paths.size() == 1 ? paths[0] : "", 0, 0,
                          tr("no period: give --period (e.g. 2021Q1), or a period in the records (检查期 in a sheet) or in "
                             "a sheet's file name (2021Q1, 2021年第一季度)"));
  out.diagnostics.sort_by_place(paths);
  if (batch.records.empty() && !out.diagnostics.has_errors())
    out.diagnostics.error(paths.size() == 1 ? paths[0] : "", 0, 0, tr("no records to score"));
  if (!out.diagnostics.has_errors()) out.batch = std::move(batch);
}

}  // namespace

// A national quarter holds a million records and a batch's storage a
// million points entries, and fresh memory is most of what a run costs
// (docs/performance.md): a record stays within 184 bytes, and a points
// entry holds 32-bit indices.
static_assert(sizeof(void*) != 8 || sizeof(Record) <= 184, "a record is at most 184 bytes (64-bit targets; wasm32 is smaller)");
static_assert(sizeof(void*) != 8 || sizeof(PointsEntry) == 48, "a points entry is 48 bytes (64-bit targets)");

std::optional<Exact> Record::bonus_total() const {
  return bonus_millionths_ != kNoBonus ? std::optional<Exact>(Millionths(bonus_millionths_).exact()) : std::nullopt;
}

void Record::set_bonus_total(const Exact& points) {
  // The loader admits no larger magnitude than fits.
  const std::int64_t millionths = Millionths::of(points).count64();
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
  add_file({content, padded, nullptr}, path, rules, options, false, checker, batch, out.diagnostics);
  finish(out, batch, rules, {path});
  return out;
}

RecordsLoad load_records(const std::vector<std::string>& paths, const RuleSet& rules, const LoadOptions& options) {
  RecordsLoad out;
  Batch batch;
  RecordChecker checker(rules, out.diagnostics, options.skip_missing_facts);
  const bool several_sheets = std::count_if(paths.begin(), paths.end(), is_sheet) > 1;
  for (const auto& path : paths) {
    std::shared_ptr<const text::FileText> file;
    try {
      file = std::make_shared<const text::FileText>(path, limits::kMaxRecordsFileBytes);
    } catch (const Error& e) {
      out.diagnostics.error(path, 0, 0, e.message());
      continue;
    }
    add_file({file->view(), /*padded=*/true, file}, path, rules, options, several_sheets, checker, batch,
             out.diagnostics);
  }
  finish(out, batch, rules, paths);
  return out;
}

}  // namespace govscore
