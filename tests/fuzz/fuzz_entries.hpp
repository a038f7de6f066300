// What each fuzz target does with one input, shared by the libFuzzer
// targets (tests/fuzz/*_fuzz.cpp) and by the normal test suite, which
// replays every input that ever crashed (tests/data/fuzz-regressions/) and
// the seed corpora through the same code.
#pragma once

#include <zip.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "govscore/audit.hpp"
#include "govscore/bulletin.hpp"
#include "govscore/docx.hpp"
#include "govscore/explain.hpp"
#include "govscore/expression.hpp"
#include "govscore/html.hpp"
#include "govscore/records.hpp"
#include "govscore/report.hpp"
#include "govscore/rules.hpp"

namespace govscore::fuzz {

inline const RuleSet& shipped(const char* name) {
  static const RuleSet dazu = *load_rules(std::string(GOVSCORE_SOURCE_DIR) + "/rules/dazu-2020.yaml").rules;
  static const RuleSet national = *load_rules(std::string(GOVSCORE_SOURCE_DIR) + "/rules/national-2019.yaml").rules;
  return std::string(name) == "dazu" ? dazu : national;
}

// Everything a loaded pair can be turned into; the results are discarded,
// the point is that none of it crashes or trips a sanitizer.
inline void render_everything(const RuleSet& rules, const Batch& batch) {
  for (auto within : {RankWithin::kTarget, RankWithin::kGroup}) {
    Bulletin b = make_bulletin(rules, batch, within);
    (void)render_text(b.annexes);
    (void)render_csv(b.annexes);
    (void)render_markdown(b.annexes);
    (void)render_json(rules, batch, b.ranked);
    (void)render_summary_text(b);
    (void)render_summary_json(b);
    (void)render_bulletin_markdown(b);
    (void)render_html(b);
    (void)docx_parts(b);
    std::size_t n = 0;
    for (const auto& r : b.ranked)
      if (n++ < 20) (void)explain(rules, batch, r);
  }
  (void)render_audit(rules, batch, audit(rules, batch));
}

inline void rules_input(const std::uint8_t* data, std::size_t size) {
  auto loaded = load_rules_text(std::string(reinterpret_cast<const char*>(data), size), "fuzz.yaml");
  (void)loaded.diagnostics.str();
  for (const auto& d : loaded.diagnostics.items()) (void)d.json();
  if (loaded.rules) (void)describe(*loaded.rules);
}

// The first byte picks the format and the rule set; the rest is the file.
inline void records_input(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return;
  static const char* kNames[] = {"fuzz.json", "fuzz.ndjson", "fuzz.csv", "fuzz.xlsx"};
  const char* name = kNames[data[0] % 4];
  const RuleSet& rules = shipped(data[0] & 4 ? "national" : "dazu");
  LoadOptions options;
  options.period = "2021Q1";
  options.as_of = "2021-03-31";
  options.target = "website";
  options.skip_missing_facts = (data[0] & 8) != 0;
  auto loaded = load_records_text(std::string(reinterpret_cast<const char*>(data + 1), size - 1), name, rules, options);
  (void)loaded.diagnostics.str();
  if (loaded.batch) render_everything(rules, *loaded.batch);
}

inline void expression_input(const std::uint8_t* data, std::size_t size) {
  static const FactList facts = {{"n", ValueType::kNumber}, {"m", ValueType::kNumber}, {"d", ValueType::kDate},
                                 {"b", ValueType::kBool}};
  std::string text(reinterpret_cast<const char*>(data), size);
  std::string error;
  int column = 0;
  if (auto e = Expression::parse(text, facts, std::nullopt, error, column)) {
    FactValues values(facts.size());
    FactValue n;
    n.value.number = Exact(7);
    FactValue zero;
    FactValue d;
    d.value.type = ValueType::kDate;
    d.value.date = 18000;
    FactValue b;
    b.value.type = ValueType::kBool;
    b.value.boolean = true;
    values[0] = n;
    values[1] = zero;
    values[2] = d;
    values[3] = b;
    auto outcome = e->evaluate(values, 18500);
    if (outcome.value) (void)format_value(*outcome.value);
    values[0] = std::nullopt;
    (void)e->evaluate(values, std::nullopt);
  }
  (void)Template::parse(text, facts, error, column);
}

// A rule file and a records file in one input, split at the first
// "\n---records---\n"; both must load for the pair to be scored and rendered.
inline void score_input(const std::uint8_t* data, std::size_t size) {
  std::string all(reinterpret_cast<const char*>(data), size);
  const std::string separator = "\n---records---\n";
  auto at = all.find(separator);
  if (at == std::string::npos) return;
  auto rules = load_rules_text(all.substr(0, at), "fuzz.yaml");
  if (!rules.rules) return;
  LoadOptions options;
  options.period = "2021Q1";
  options.as_of = "2021-03-31";
  options.skip_missing_facts = true;
  auto records = load_records_text(all.substr(at + separator.size()), "fuzz.json", *rules.rules, options);
  if (records.batch) render_everything(*rules.rules, *records.batch);
}

// A zip archive in memory holding `members` (name, bytes), stored without
// compression (a fuzz run's time goes to the XML, not to deflating it): the
// container of an .xlsx made from its parts.
inline std::string zip_of(const std::vector<std::pair<std::string, std::string>>& members) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(buffer);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  for (const auto& [name, bytes] : members) {
    zip_int64_t index =
        zip_file_add(archive, name.c_str(), zip_source_buffer(archive, bytes.data(), bytes.size(), 0), ZIP_FL_ENC_UTF_8);
    if (index >= 0) zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
  }
  zip_close(archive);
  std::string out;
  if (zip_source_open(buffer) == 0) {
    zip_source_seek(buffer, 0, SEEK_END);
    out.resize(static_cast<std::size_t>(zip_source_tell(buffer)));
    zip_source_seek(buffer, 0, SEEK_SET);
    zip_source_read(buffer, out.data(), out.size());
    zip_source_close(buffer);
  }
  zip_source_free(buffer);
  zip_error_fini(&error);
  return out;
}

// The parts of a one-sheet workbook, in the order xlsx_input takes them.
inline const char* const kXlsxParts[] = {"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/workbook.xml",
                                         "xl/_rels/workbook.xml.rels"};
inline const char* const kPartSeparator = "\n--part--\n";

// An .xlsx from its parts: the sheet, then (if given) the shared strings,
// the workbook and its relationships, split at kPartSeparator; the
// workbook and relationships default to one sheet named "S".
inline std::string xlsx_of(const std::string& parts) {
  std::vector<std::string> given;
  std::size_t from = 0;
  for (std::size_t at; given.size() < 3 && (at = parts.find(kPartSeparator, from)) != std::string::npos;
       from = at + std::char_traits<char>::length(kPartSeparator))
    given.push_back(parts.substr(from, at - from));
  given.push_back(parts.substr(from));
  if (given.size() < 3)
    given.resize(3, "<workbook xmlns:r=\"r\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
  if (given.size() < 4)
    given.push_back("<Relationships><Relationship Id=\"rId1\" Type=\"t/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                    "<Relationship Id=\"rId2\" Type=\"t/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>");
  std::vector<std::pair<std::string, std::string>> members;
  for (std::size_t i = 0; i < given.size(); ++i)
    if (i != 1 || parts.find(kPartSeparator) != std::string::npos) members.emplace_back(kXlsxParts[i], given[i]);
  return zip_of(members);
}

inline void sheet_input(const std::string& content, const char* name) {
  LoadOptions options;
  options.period = "2021Q1";
  options.as_of = "2021-03-31";
  options.target = "website";
  auto loaded = load_records_text(content, name, shipped("dazu"), options);
  (void)loaded.diagnostics.str();
  if (loaded.batch) render_everything(shipped("dazu"), *loaded.batch);
}

// The first byte's low bit: 0, the rest is an .xlsx file (the zip is
// fuzzed); 1, the rest is its parts (xlsx_of: the XML is fuzzed). What
// loads is scored with the Dazu rules and rendered.
inline void xlsx_input(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return;
  std::string rest(reinterpret_cast<const char*>(data + 1), size - 1);
  sheet_input(data[0] & 1 ? xlsx_of(rest) : rest, "fuzz.xlsx");
}

// Any bytes as a CSV file, scored with the Dazu rules and rendered.
inline void csv_input(const std::uint8_t* data, std::size_t size) {
  sheet_input(std::string(reinterpret_cast<const char*>(data), size), "fuzz.csv");
}

}  // namespace govscore::fuzz
