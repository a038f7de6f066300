#include "event_tables.hpp"

#include <algorithm>
#include <filesystem>
#include <map>

#include "govscore/exact.hpp"
#include "govscore/expression.hpp"
#include "govscore/limits.hpp"
#include "govscore/rules.hpp"
#include "util/text.hpp"
#include "load/table.hpp"

namespace govscore {
namespace {

std::string trimmed(const std::string& s) {
  std::size_t b = s.find_first_not_of(" \t\r\n");
  std::size_t e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

RawField field(RawFile& raw, std::string_view key, RawValue value) {
  RawField f;
  f.key = raw.keep(std::string(key));
  f.place = value.place;
  f.value = std::move(value);
  return f;
}

// A cell as the JSON reader would hand it over for a field of `type`; what
// does not fit stays text, and records.cpp says what is wrong with it.
RawValue cell_value(RawFile& raw, const TableCell& cell, ValueType type) {
  RawValue v;
  v.place = cell.place;
  std::string text = trimmed(cell.text);
  v.kind = RawValue::Kind::kText;
  if (type == ValueType::kNumber && Exact::parse(text)) {
    v.kind = RawValue::Kind::kNumber;
  } else if (type == ValueType::kBool && (text == "是" || text == "true" || text == "否" || text == "false")) {
    v.kind = RawValue::Kind::kBool;
    text = text == "是" || text == "true" ? "true" : "false";
  } else if (type == ValueType::kDate && cell.numeric) {
    // Excel stores dates as days since 1899-12-30 (its 1900 system).
    if (auto serial = Exact::parse(text); serial && serial->decimals() == 0 && *serial > Exact(0))
      text = calendar::format_date(static_cast<long>(*serial->integer()) - 25569);
  }
  v.text = raw.keep(std::move(text));
  return v;
}

// An event's values are checked with the unit's record, so they are placed
// at the unit's row: the file named in those messages is the records file.
void place_at(RawValue& v, const RawPlace& place) {
  v.place = place;
  for (auto& e : v.entries) {
    e.place = place;
    place_at(e.value, place);
  }
}

}  // namespace

void attach_event_table(RawFile& raw, const Table& events, const FactDeclaration& fact, const std::string& file,
                        const Message& label, Diagnostics& diagnostics) {
  auto error = [&](const RawPlace& place, const Message& message) {
    diagnostics.error(file, place.line, place.column, tr("{0}{1}", label, message));
  };
  if (events.rows.empty()) return;
  // The header: the unit's id, then the fact's fields by name.
  std::optional<std::size_t> id_column;
  std::vector<std::optional<std::size_t>> field_of_column;
  std::vector<std::string> names{"id", "编号"};
  for (const auto& f : fact.fields) names.push_back(f.name);
  bool header_ok = true;
  for (std::size_t c = 0; c < events.rows[0].size(); ++c) {
    const TableCell& cell = events.rows[0][c];
    std::string heading = trimmed(cell.text);
    field_of_column.emplace_back();
    if (heading.empty()) continue;
    if (heading == "id" || heading == "编号") {
      id_column = c;
      continue;
    }
    auto it = std::find_if(fact.fields.begin(), fact.fields.end(),
                           [&](const FactDeclaration& f) { return f.name == heading; });
    if (it == fact.fields.end()) {
      std::string fields;
      for (const auto& f : fact.fields) fields += (fields.empty() ? "" : ", ") + f.name;
      error(cell.place, tr("unknown heading \"{0}\"{1} (one of: id, {2})", heading,
                           text::did_you_mean_message(heading, names), fields));
      header_ok = false;
      continue;
    }
    field_of_column.back() = static_cast<std::size_t>(it - fact.fields.begin());
  }
  if (!id_column) {
    error(events.rows[0].empty() ? RawPlace{} : events.rows[0][0].place,
          tr("no id column (id or 编号) naming each event's unit"));
    return;
  }
  if (!header_ok) return;

  // Events by unit id, in row order.
  std::map<std::string, std::vector<RawValue>, std::less<>> by_id;
  for (std::size_t r = 1; r < events.rows.size(); ++r) {
    const auto& row = events.rows[r];
    bool blank = std::all_of(row.begin(), row.end(), [](const TableCell& c) { return trimmed(c.text).empty(); });
    if (blank) continue;
    std::string id = *id_column < row.size() ? trimmed(row[*id_column].text) : "";
    if (id.empty()) {
      error(row.front().place, tr("an event without the id of its unit"));
      continue;
    }
    RawValue event;
    event.kind = RawValue::Kind::kObject;
    event.place = row.front().place;
    for (std::size_t c = 0; c < row.size() && c < field_of_column.size(); ++c) {
      if (!field_of_column[c] || trimmed(row[c].text).empty()) continue;  // blank: not given
      const FactDeclaration& f = fact.fields[*field_of_column[c]];
      event.entries.push_back(field(raw, f.name, cell_value(raw, row[c], f.type)));
    }
    by_id[id].push_back(std::move(event));
  }

  // Each record takes its events; ids no record has are reported.
  std::map<std::string, bool, std::less<>> used;
  for (auto& record : raw.records) {
    auto id = std::find_if(record.fields.begin(), record.fields.end(), [](const RawField& f) { return f.key == "id"; });
    if (id == record.fields.end()) continue;
    RawValue list;
    list.kind = RawValue::Kind::kList;
    list.place = record.place;
    if (auto it = by_id.find(id->value.text); it != by_id.end()) {
      for (auto& e : it->second) {
        RawValue event = e;
        place_at(event, record.place);
        list.entries.push_back(field(raw, "", std::move(event)));
      }
      used[it->first] = true;
    }
    auto facts =
        std::find_if(record.fields.begin(), record.fields.end(), [](const RawField& f) { return f.key == "facts"; });
    if (facts == record.fields.end()) {
      RawValue object;
      object.kind = RawValue::Kind::kObject;
      object.place = record.place;
      record.fields.push_back(field(raw, "facts", std::move(object)));
      facts = record.fields.end() - 1;
    }
    facts->value.entries.push_back(field(raw, fact.name, std::move(list)));
  }
  for (const auto& [id, events_of_id] : by_id)
    if (!used.count(id)) error(events_of_id.front().place, tr("no record has id \"{0}\"", id));
}

void attach_event_sheets(RawFile& raw, const std::string& content, const RuleSet& rules, Diagnostics& diagnostics) {
  for (const auto& fact : rules.facts) {
    if (fact.type != ValueType::kList) continue;
    Diagnostics sheet_diagnostics;
    Table events = read_xlsx_sheet(content, raw.path, fact.name, sheet_diagnostics);
    bool absent =
        sheet_diagnostics.has_errors() && sheet_diagnostics.items().front().message.rfind("no sheet named", 0) == 0;
    if (absent) continue;
    diagnostics.append(sheet_diagnostics);
    if (!sheet_diagnostics.has_errors())
      attach_event_table(raw, events, fact, raw.path, tr("sheet \"{0}\": ", fact.name), diagnostics);
  }
}

void attach_event_files(RawFile& raw, const std::string& path, const RuleSet& rules, Diagnostics& diagnostics) {
  std::string stem = path.size() > 4 ? path.substr(0, path.size() - 4) : path;
  for (const auto& fact : rules.facts) {
    if (fact.type != ValueType::kList) continue;
    std::string events_path = stem + "." + fact.name + ".csv";
    std::error_code ec;
    if (!std::filesystem::is_regular_file(events_path, ec)) continue;
    std::string content;
    try {
      content = text::read_file(events_path, limits::kMaxRecordsFileBytes);
    } catch (const Error& e) {
      diagnostics.error(events_path, 0, 0, e.message());
      continue;
    }
    std::size_t before = diagnostics.error_count();
    Table events = read_csv(content, events_path, diagnostics);
    if (diagnostics.error_count() == before)
      attach_event_table(raw, events, fact, events_path, Message::verbatim(""), diagnostics);
  }
}

}  // namespace govscore
