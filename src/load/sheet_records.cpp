// Staff sheets as they are: a quarter named as staff name it (2024年第三季度),
// a sheet's target named by its sheet or its title, and workbooks with a
// website sheet and a new-media sheet read in one run. See sheet_records.hpp.
#include "load/sheet_records.hpp"

#include "govscore/message.hpp"

#include <zip.h>

#include <algorithm>
#include <memory>

#include "govscore/limits.hpp"
#include "govscore/records.hpp"
#include "govscore/rules.hpp"
#include "load/event_tables.hpp"
#include "load/xlsx_part.hpp"
#include "load/table.hpp"
#include "load/table_reader.hpp"

namespace govscore {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The quarter a word after "年" names: 第三季度, 三季度, 第3季度, 3季度 → 3;
// 0 when it names none. `length` is set to the bytes it takes.
int quarter_after_year(std::string_view s, std::size_t& length) {
  static const char* const kNumerals[] = {"一", "二", "三", "四"};
  std::size_t at = 0;
  if (s.compare(0, 3, "第") == 0) at = 3;
  int quarter = 0;
  std::size_t numeral = 0;
  if (at < s.size() && s[at] >= '1' && s[at] <= '4') {
    quarter = s[at] - '0';
    numeral = 1;
  } else {
    for (int q = 0; q < 4; ++q)
      if (s.compare(at, 3, kNumerals[q]) == 0) {
        quarter = q + 1;
        numeral = 3;
      }
  }
  if (quarter == 0 || s.compare(at + numeral, 6, "季度") != 0) return 0;
  length = at + numeral + 6;
  return quarter;
}

// The base name of a path: what follows its last slash.
std::string base_name(const std::string& path) {
  auto slash = path.find_last_of("/\\");
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// A workbook's sheet names, in the workbook's order; empty (with the error
// given) when the workbook cannot be read — read_xlsx_sheet then says why.
std::vector<std::string> sheet_names(const std::string& content) {
  std::vector<std::string> names;
  OpenZip zip = open_zip(content);
  if (!zip) return names;
  XmlHandlers wb;
  wb.start = [&](const std::string& n, const XmlAttributes& a) {
    const std::string* name = a.find("name");
    if (n == "sheet" && name && names.size() < 4096) names.push_back(*name);
  };
  PartOutcome outcome = walk_part(zip.get(), "xl/workbook.xml", wb, limits::kMaxXlsxPartBytes);
  if (outcome.kind != PartOutcome::Kind::kRead && outcome.kind != PartOutcome::Kind::kStopped) names.clear();
  return names;
}

bool is_list_fact(const RuleSet& rules, const std::string& name) {
  for (const auto& f : rules.facts)
    if (f.type == ValueType::kList && f.name == name) return true;
  return false;
}

std::string target_choices(const RuleSet& rules) {
  std::string out;
  for (const auto& t : rules.targets) out += (out.empty() ? "" : ", ") + t.id + " (" + t.title + ")";
  return out;
}

// A file's name without its extension ("2024年第三季度网站.csv" → "2024年第三季度网站").
std::string stem_of(const std::string& name) {
  const std::size_t dot = name.rfind('.');
  return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

// Puts `prefix` before every id the sheets' rows were given from 序号 or row numbers.
void prefix_made_ids(RawFile& file, const std::string& prefix) {
  for (auto& record : file.records) {
    if (!record.id_made) continue;
    for (auto& f : record.fields)
      if (f.key == "id") f.value.text = file.keep(prefix + std::string(f.value.text));
  }
}

}  // namespace

std::vector<std::string> periods_named_in(std::string_view text) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i + 4 < text.size(); ++i) {
    if (!is_digit(text[i]) || (i > 0 && is_digit(text[i - 1]))) continue;
    if (!is_digit(text[i + 1]) || !is_digit(text[i + 2]) || !is_digit(text[i + 3])) continue;
    std::string_view rest = text.substr(i + 4);
    int quarter = 0;
    std::size_t length = 0;
    if ((rest[0] == 'Q' || rest[0] == 'q') && rest.size() >= 2 && rest[1] >= '1' && rest[1] <= '4' &&
        (rest.size() == 2 || !is_digit(rest[2]))) {
      quarter = rest[1] - '0';
    } else if (rest.compare(0, 3, "年") == 0) {
      quarter = quarter_after_year(rest.substr(3), length);
    }
    if (quarter == 0) continue;
    std::string period = std::string(text.substr(i, 4)) + "Q" + std::to_string(quarter);
    if (std::find(out.begin(), out.end(), period) == out.end()) out.push_back(period);
  }
  return out;
}

std::string standard_period(std::string_view text) {
  std::size_t begin = text.find_first_not_of(" \t\r\n");
  std::size_t end = text.find_last_not_of(" \t\r\n");
  std::string_view trimmed = begin == std::string_view::npos ? std::string_view() : text.substr(begin, end - begin + 1);
  std::vector<std::string> periods = periods_named_in(trimmed);
  if (periods.size() != 1) return std::string(text);
  // Only a text that is a period and nothing else: "2024年第三季度检查" is not one.
  std::size_t length = 0;
  bool words = trimmed.size() > 7 && trimmed.compare(4, 3, "年") == 0 &&
               quarter_after_year(trimmed.substr(7), length) != 0 && 7 + length == trimmed.size();
  bool letter = trimmed.size() == 6 && (trimmed[4] == 'q' || trimmed[4] == 'Q');
  return words || letter ? periods.front() : std::string(text);
}

std::optional<std::size_t> target_named_in(std::string_view text, const RuleSet& rules) {
  std::optional<std::size_t> found;
  for (std::size_t i = 0; i < rules.targets.size(); ++i) {
    const Target& t = rules.targets[i];
    bool named = text == t.id || (!t.title.empty() && text.find(t.title) != std::string_view::npos);
    for (const char* word : {"网站", "新媒体"})
      named = named || (t.title.find(word) != std::string::npos && text.find(word) != std::string_view::npos);
    if (!named) continue;
    if (found) return std::nullopt;  // names two targets ("政府网站和政务新媒体")
    found = i;
  }
  return found;
}

RawFile sheet_records(const std::string& content, const std::string& path, const RuleSet& rules,
                      const LoadOptions& options, bool one_of_several, Diagnostics& diagnostics) {
  RawFile file;
  file.path = path;
  file.sheet = true;
  const std::size_t errors_before = diagnostics.error_count();
  const std::string name = base_name(path);
  std::vector<std::string> periods = periods_named_in(name);
  if (periods.size() > 1) {
    diagnostics.error(path, 0, 0,
                      tr("the file's name names {0} periods ({1}, {2}); score one period at a time", periods.size(),
                         periods[0], periods[1]));
    return file;
  }
  if (!periods.empty()) file.period_in_name = periods.front();

  // The tables to read: a CSV's one; a workbook's sheets of records.
  struct Sheet {
    Table table;
    SheetInfo info;
  };
  std::vector<Sheet> sheets;
  const bool csv = path.size() >= 4 && (path.compare(path.size() - 4, 4, ".csv") == 0 ||
                                        path.compare(path.size() - 4, 4, ".CSV") == 0);
  if (csv) {
    std::size_t before = diagnostics.error_count();
    Sheet sheet;
    sheet.table = read_csv(content, path, diagnostics);
    if (diagnostics.error_count() != before) return file;
    sheet.info.name = stem_of(name);
    sheets.push_back(std::move(sheet));
  } else {
    std::vector<std::string> names = options.sheet.empty() ? sheet_names(content) : std::vector<std::string>{};
    std::vector<Sheet> read;
    std::vector<std::string> skipped;
    for (const auto& sheet_name : names) {
      if (is_list_fact(rules, sheet_name)) continue;  // a list of events, attached below
      Diagnostics sheet_diagnostics;
      Sheet sheet;
      sheet.table = read_xlsx_sheet(content, path, sheet_name, sheet_diagnostics);
      sheet.info.name = sheet_name;
      // A sheet that could not be read may have been one of records: its
      // errors stand. One read, without a heading row of records, is not.
      if (sheet_diagnostics.has_errors() || has_records_heading(sheet.table)) {
        diagnostics.append(sheet_diagnostics);
        if (!sheet_diagnostics.has_errors()) read.push_back(std::move(sheet));
      } else {
        skipped.push_back(sheet_name);
      }
    }
    if (diagnostics.error_count() != errors_before && read.empty()) return file;
    if (read.empty()) {
      // No sheet has a heading row of records: the first (or --sheet) is
      // read as one, so that its headings are reported.
      std::size_t before = diagnostics.error_count();
      Sheet sheet;
      sheet.table = read_xlsx_sheet(content, path, options.sheet, diagnostics);
      if (diagnostics.error_count() != before) return file;
      sheet.info.name = options.sheet.empty() && !names.empty() ? names.front() : options.sheet;
      read.push_back(std::move(sheet));
      skipped.clear();
    }
    for (const auto& s : skipped)
      diagnostics.warning(path, 0, 0, tr("sheet \"{0}\" skipped: no heading row of records (a row with 名称)", s));
    if (read.size() > 1) {
      // Several sheets of records: ids made from 序号 or row numbers carry
      // the sheet's name, so that two sheets numbered 1…n do not clash.
      for (auto& s : read) {
        s.info.id_prefix = s.info.name + "-";
        s.info.where = "sheet \"" + s.info.name + "\": ";
      }
    }
    sheets = std::move(read);
  }

  std::vector<std::string> without_target;
  bool period_given = !options.period.empty() || !file.period_in_name.empty();
  for (auto& s : sheets) {
    table_records_into(file, s.table, rules, options, s.info, diagnostics);
    if (s.info.target_unknown) without_target.push_back(s.info.name);
    period_given = period_given || s.info.has_period_column;
  }
  if (!without_target.empty()) {
    // Everything the file leaves untold, in one message.
    std::string which;
    for (const auto& n : without_target) which += (which.empty() ? "\"" : ", \"") + n + "\"";
    const Message sheet = csv ? tr("the sheet {0}", which) : tr("sheet {0}", which);
    diagnostics.error(path, 0, 0,
                      period_given
                          ? tr("cannot tell the target of {0}: give the target as a 检查对象 column, --target, or 网站 / "
                               "新媒体 in the sheet's name or title ({1})",
                               sheet, target_choices(rules))
                          : tr("cannot tell the target of {0} nor the period: give the target as a 检查对象 column, "
                               "--target, or 网站 / 新媒体 in the sheet's name or title ({1}); the period as a 检查期 "
                               "column, --period, or in the file's name (2024Q3, 2024年第三季度)",
                               sheet, target_choices(rules)));
  }
  if (csv) attach_event_files(file, path, rules, diagnostics);
  else attach_event_sheets(file, content, rules, diagnostics);
  if (one_of_several) prefix_made_ids(file, stem_of(name) + "-");
  return file;
}

}  // namespace govscore
