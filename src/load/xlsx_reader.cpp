// XLSX records: one sheet of an Office Open XML workbook, read with libzip
// (the container) and expat (the XML), both from Debian. Only what a table
// of records needs: shared strings, inline strings, numbers, booleans, the
// saved values of formulas and merged ranges. Every part is walked while it
// inflates (load/xlsx_part.hpp), and every count is bounded before anything
// is allocated for it (include/govscore/limits.hpp), so that no workbook, of
// any size or shape, costs more than the limits say.
#include <fmt/format.h>
#include <zip.h>

#include <cstdlib>
#include <map>
#include <memory>
#include <optional>

#include "govscore/limits.hpp"
#include "load/raw_record.hpp"
#include "load/table.hpp"
#include "load/xlsx_part.hpp"

namespace govscore {
namespace {

using limits::kMaxSheetCells;
using limits::kMaxSheetColumns;
using limits::kMaxSheetRows;
using limits::kMaxXlsxPartBytes;

// 1 → "A", 28 → "AB", 16384 → "XFD".
std::string column_letters(int column) {
  std::string letters;
  for (; column > 0; column = (column - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (column - 1) % 26));
  return letters;
}

std::string cell_name(int row, int column) { return column_letters(column) + std::to_string(row); }

enum class Reading { kRead, kPastLast, kMalformed };

// A row number as a <row r="…"> or a reference writes it: 1 to 1048576,
// read digit by digit with a bound, so that no length of digits overflows.
Reading row_number(std::string_view digits, int& row) {
  if (digits.empty() || digits[0] < '1' || digits[0] > '9') return Reading::kMalformed;
  long value = 0;
  for (char d : digits) {
    if (d < '0' || d > '9') return Reading::kMalformed;
    value = value * 10 + (d - '0');
    if (value > kMaxSheetRows) return Reading::kPastLast;  // no more digits are read
  }
  row = static_cast<int>(value);
  return Reading::kRead;
}

// "BC12" → column 55, row 12. At most three letters (XFD) and seven digits
// are looked at: a reference of a million letters costs no more than XFE1.
Reading cell_reference(std::string_view ref, int& column, int& row) {
  std::size_t i = 0;
  long value = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i) {
    value = value * 26 + (ref[i] - 'A' + 1);
    if (value > kMaxSheetColumns) return Reading::kPastLast;
  }
  if (i == 0) return Reading::kMalformed;
  column = static_cast<int>(value);
  return row_number(ref.substr(i), row);
}

// Excel writes a number's shortest round-trip form ("94.4") but sometimes
// 17 digits ("94.400000000000006"); both mean the double 94.4, whose
// shortest form is what the user typed. A computed value (a formula's, or
// one a script wrote) may need more than the 15 significant digits Excel
// keeps and shows ("0.30000000000000004" for 0.1 + 0.2): it is read as Excel
// shows it ("0.3").
std::string number_text(const std::string& v) {
  char* end = nullptr;
  double d = std::strtod(v.c_str(), &end);
  if (end == v.c_str() || *end != '\0') return v;
  std::string shortest = fmt::format("{}", d);
  int digits = 0;
  bool leading = true;
  for (char c : shortest) {
    if (c == 'e') break;
    if (c < '0' || c > '9' || (leading && c == '0')) continue;
    leading = false;
    ++digits;
  }
  return digits > 15 ? fmt::format("{:.15g}", d) : shortest;
}

// A formula as a message shows it: "=4+6", cut at 40 bytes on a character
// boundary; a shared formula's later cells have no text of their own.
std::string formula_shown(const std::string& formula) {
  if (formula.empty()) return "a shared formula";
  std::string shown = "=" + formula;
  if (shown.size() > 40) {
    std::size_t cut = 40;
    while (cut > 0 && (static_cast<unsigned char>(shown[cut]) & 0xC0) == 0x80) --cut;
    shown = shown.substr(0, cut) + "…";
  }
  return shown;
}

// A part's path from a relationship's target: absolute ("/xl/…") or
// relative to xl/ ("worksheets/sheet1.xml").
std::string part_path(const std::string& target) {
  return target.rfind('/', 0) == 0 ? target.substr(1) : "xl/" + target;
}

// The workbook's shared strings, in order: the text of each <si>, its runs
// joined, its phonetic runs (<rPh>, the pinyin or kana Excel keeps for
// sorting) left out.
struct SharedStrings {
  bool present = false;
  std::vector<std::string> texts;
};

// Walks one sheet's XML into cells; see read_xlsx_sheet for the rules.
class SheetWalk {
 public:
  SheetWalk(const std::string& path, const std::string& sheet, const SharedStrings& shared, std::size_t budget,
            Diagnostics& diag)
      : path_(path), sheet_(sheet), shared_(shared), budget_(budget), diag_(diag) {
    handlers_.start = [this](const std::string& n, const XmlAttributes& a) { start(n, a); };
    handlers_.end = [this](const std::string& n) { end(n); };
    handlers_.text = [this](std::string_view s) {
      if (collecting_) collecting_->append(s);
    };
  }

  XmlHandlers& handlers() { return handlers_; }
  std::map<int, std::map<int, TableCell>>& cells() { return cells_; }
  const std::vector<std::string>& merges() const { return merges_; }
  std::size_t budget() const { return budget_; }

 private:
  Message where() const { return tr("sheet \"{0}\": ", sheet_); }

  void stop(int line, int column, const Message& why) {
    diag_.error(path_, line, column, tr("{0}{1}", where(), why));
    handlers_.stop = true;
  }

  // Counts one more row, cell or filled cell against kMaxSheetCells.
  bool spend() {
    if (budget_ == 0) {
      stop(0, 0,
           tr("more than {0} cells (rows, cells, shared strings and merged ranges counted), the most govscore reads of "
              "one sheet",
              kMaxSheetCells));
      return false;
    }
    --budget_;
    return true;
  }

  void start(const std::string& n, const XmlAttributes& a) {
    if (in_cell_) {
      // Direct children: <v> (the value, or a formula's saved value) and
      // <f> (the formula); an inline string's text is in <is>, in <t> or
      // in runs' <t>, and its phonetic runs (<rPh>) are not read.
      if (depth_ == 0 && n == "v") {
        has_value_ = true;
        collecting_ = &value_;
      } else if (depth_ == 0 && n == "f") {
        has_formula_ = true;
        collecting_ = &formula_;
      } else if (depth_ == 0 && n == "is") {
        in_inline_ = true;
      } else if (in_inline_ && n == "rPh") {
        ++phonetic_;
      } else if (in_inline_ && phonetic_ == 0 && n == "t") {
        collecting_ = &inline_;
      }
      ++depth_;
    } else if (n == "sheetData") {
      in_sheet_data_ = true;
    } else if (in_sheet_data_ && !in_row_ && n == "row") {
      begin_row(a);
    } else if (in_row_ && n == "c") {
      begin_cell(a);
    } else if (n == "mergeCell") {
      if (const std::string* ref = a.find("ref"); ref && spend()) merges_.push_back(*ref);
    }
  }

  void end(const std::string& n) {
    if (in_cell_) {
      collecting_ = nullptr;
      if (depth_ == 0) {
        finish_cell();
        return;
      }
      --depth_;
      if (in_inline_ && n == "rPh") --phonetic_;
      if (depth_ == 0 && n == "is") in_inline_ = false;
    } else if (in_row_ && n == "row") {
      in_row_ = false;
    } else if (n == "sheetData") {
      in_sheet_data_ = false;
    }
  }

  // <row r="N">; without r, the row after the one before (the standard
  // allows leaving it out).
  void begin_row(const XmlAttributes& a) {
    int r = row_ + 1;
    if (const std::string* ref = a.find("r")) {
      Reading reading = row_number(*ref, r);
      if (reading == Reading::kPastLast)
        return stop(0, 0, tr("row number \"{0}\" is past {1}, the last row of a sheet", *ref, kMaxSheetRows));
      if (reading == Reading::kMalformed) return stop(0, 0, tr("row number \"{0}\" is not a row number", *ref));
    } else if (r > kMaxSheetRows) {
      return stop(0, 0, tr("a row after row {0}, the last row of a sheet", kMaxSheetRows));
    }
    if (!spend()) return;
    if (!cells_.try_emplace(r).second)
      return stop(r, 0, tr("row {0} appears twice (two <row r=\"{0}\">); keep one", r));
    row_ = r;
    column_ = 0;
    in_row_ = true;
  }

  // <c r="B3" t="…">; without r, the cell after the one before in its row.
  void begin_cell(const XmlAttributes& a) {
    int row = row_;
    int column = column_ + 1;
    if (const std::string* ref = a.find("r")) {
      Reading reading = cell_reference(*ref, column, row);
      if (reading == Reading::kPastLast)
        return stop(row_, 0, tr("cell reference \"{0}\" is past XFD1048576, the last cell of a sheet", *ref));
      if (reading == Reading::kMalformed) return stop(row_, 0, tr("\"{0}\" is not a cell reference (like B12)", *ref));
      if (row != row_) return stop(row_, 0, tr("cell {0} is inside row {1} (it belongs in row {2})", *ref, row_, row));
    } else if (column > kMaxSheetColumns) {
      return stop(row_, 0, tr("row {0} has a cell after XFD, the last column of a sheet", row_));
    }
    if (!spend()) return;
    auto [it, fresh] = cells_[row_].try_emplace(column);
    if (!fresh) return stop(row, column, tr("cell {0} appears twice", cell_name(row, column)));
    column_ = column;
    cell_ = &it->second;
    cell_->place = {row, column};
    const std::string* type = a.find("t");
    type_ = type ? *type : "n";
    value_.clear();
    formula_.clear();
    inline_.clear();
    has_value_ = has_formula_ = in_inline_ = false;
    phonetic_ = depth_ = 0;
    in_cell_ = true;
  }

  void finish_cell() {
    in_cell_ = false;
    int row = cell_->place.line;
    int column = cell_->place.column;
    // A formula's value is what the program that saved it computed; scripts
    // (openpyxl and the like) write formulas without one, and govscore does
    // not compute them. A text formula may have saved an empty text.
    if (has_formula_ && (!has_value_ || (value_.empty() && type_ != "str"))) {
      diag_.error(
          path_, row, column,
          tr("{0}cell {1} holds a formula ({2}) with no saved value: open the file in Excel or WPS and save it, so "
             "that the values are saved with the formulas",
             where(), cell_name(row, column), formula_shown(formula_)));
      return;
    }
    if (type_ == "s") {
      cell_->text = shared_text(row, column);
    } else if (type_ == "inlineStr") {
      cell_->text = inline_;
    } else if (type_ == "b") {
      cell_->text = value_ == "1" ? "true" : value_ == "0" ? "false" : value_;
    } else if (type_ == "n" && !value_.empty()) {
      cell_->text = number_text(value_);
      cell_->numeric = true;
    } else {
      cell_->text = value_;  // str, d (an ISO 8601 date), e (an error such as #DIV/0! shows as its text)
    }
  }

  std::string shared_text(int row, int column) {
    const std::string cell = cell_name(row, column);
    // Digits only; the index stops growing once past the most strings a
    // workbook may hold (kMaxSheetCells), so no length of digits overflows.
    std::size_t index = 0;
    bool number = !value_.empty();
    for (char d : value_) {
      number = number && d >= '0' && d <= '9';
      if (number && index < kMaxSheetCells) index = index * 10 + static_cast<std::size_t>(d - '0');
    }
    if (!number) {
      diag_.error(path_, row, column,
                  tr("{0}cell {1} refers to shared string \"{2}\", which is not a number", where(), cell, value_));
    } else if (!shared_.present) {
      diag_.error(path_, row, column,
                  tr("{0}cell {1} refers to shared string {2}, but the workbook has no shared strings "
                     "(xl/sharedStrings.xml)",
                     where(), cell, value_));
    } else if (index >= shared_.texts.size()) {
      diag_.error(path_, row, column,
                  tr("{0}cell {1} refers to shared string {2}, but the workbook has {3} (numbered from 0)", where(),
                     cell, value_, shared_.texts.size()));
    } else {
      return shared_.texts[index];
    }
    return "";
  }

  const std::string& path_;
  const std::string& sheet_;
  const SharedStrings& shared_;
  std::size_t budget_;
  Diagnostics& diag_;
  XmlHandlers handlers_;
  std::map<int, std::map<int, TableCell>> cells_;  // row → column → cell
  std::vector<std::string> merges_;                // <mergeCell ref="…">, as written
  bool in_sheet_data_ = false;
  bool in_row_ = false;
  bool in_cell_ = false;
  int row_ = 0;     // the current (or last) row's number
  int column_ = 0;  // the last cell's column in the current row
  TableCell* cell_ = nullptr;
  std::string type_;
  std::string value_;
  std::string formula_;
  std::string inline_;
  std::string* collecting_ = nullptr;  // where character data goes, if anywhere
  bool has_value_ = false;
  bool has_formula_ = false;
  bool in_inline_ = false;
  int phonetic_ = 0;  // depth of <rPh> in an inline string
  int depth_ = 0;     // elements open below the current <c>
};

}  // namespace

Table read_xlsx_sheet(const std::string& content, const std::string& path, const std::string& sheet,
                      Diagnostics& diag) {
  Table table;
  // Excel's binary container (OLE): an .xls renamed, or an .xlsx saved with
  // a password, which Excel encrypts into one.
  if (content.compare(0, 8, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") == 0) {
    diag.error(path, 0, 0,
               tr("not an .xlsx workbook but Excel's older binary format: an .xls file renamed, or a workbook saved "
                  "with a password; open it and save it as Excel Workbook (.xlsx) without a password"));
    return table;
  }
  OpenZip zip = open_zip(content);
  if (!zip) {
    diag.error(path, 0, 0, tr("not an .xlsx workbook (not a zip file); save the sheet as Excel Workbook (.xlsx)"));
    return table;
  }
  auto fail = [&](const Message& why) {
    diag.error(path, 0, 0, tr("not a readable .xlsx workbook: {0}", why));
    return table;
  };
  // Walks a part; false (with the error given) when it could not be read.
  auto walk = [&](const std::string& part, XmlHandlers& handlers) {
    PartOutcome outcome = walk_part(zip.get(), part, handlers, kMaxXlsxPartBytes);
    if (outcome.kind == PartOutcome::Kind::kRead || outcome.kind == PartOutcome::Kind::kStopped) return true;
    fail(describe(outcome, part, kMaxXlsxPartBytes));
    return false;
  };

  // Sheet names → relationship ids → paths; the shared strings' path.
  std::vector<std::pair<std::string, std::string>> sheets;  // name, r:id
  std::map<std::string, std::string> targets;               // r:id → path
  std::string shared_path = "xl/sharedStrings.xml";
  XmlHandlers wb;
  wb.start = [&](const std::string& n, const XmlAttributes& a) {
    const std::string* name = a.find("name");
    const std::string* id = a.find("id");
    if (n == "sheet" && name && id && sheets.size() < 4096) sheets.emplace_back(*name, *id);
  };
  XmlHandlers rl;
  rl.start = [&](const std::string& n, const XmlAttributes& a) {
    const std::string* id = a.find("Id");
    const std::string* target = a.find("Target");
    const std::string* type = a.find("Type");
    if (n != "Relationship" || !id || !target) return;
    if (targets.size() < 4096) targets[*id] = *target;
    const std::string kShared = "/sharedStrings";
    if (type && type->size() > kShared.size() &&
        type->compare(type->size() - kShared.size(), kShared.size(), kShared) == 0)
      shared_path = part_path(*target);
  };
  if (!walk("xl/workbook.xml", wb) || !walk("xl/_rels/workbook.xml.rels", rl)) return table;
  if (sheets.empty()) return fail(tr("xl/workbook.xml names no sheets"));
  std::string wanted = sheet.empty() ? sheets.front().first : sheet;
  std::string target;
  std::string names;
  bool named = false;
  for (const auto& [name, id] : sheets) {
    names += (names.empty() ? "" : ", ") + name;
    if (name == wanted && !named) {
      named = true;
      target = targets.count(id) ? targets[id] : "";
    }
  }
  if (named && target.empty())
    return fail(tr("xl/_rels/workbook.xml.rels does not say where sheet \"{0}\" is", wanted));
  if (target.empty()) {
    diag.error(path, 0, 0, tr("no sheet named \"{0}\" (sheets: {1})", wanted, names));
    return table;
  }
  target = part_path(target);

  // Shared strings count against the sheet's cells: a workbook whose every
  // cell is a distinct string holds as many strings as cells.
  SharedStrings shared;
  std::size_t budget = kMaxSheetCells;
  if (zip_name_locate(zip.get(), shared_path.c_str(), 0) >= 0) {
    shared.present = true;
    std::string current;
    std::string* collecting = nullptr;
    bool in_si = false;
    int phonetic = 0;
    XmlHandlers h;
    h.start = [&](const std::string& n, const XmlAttributes&) {
      if (n == "si") {
        in_si = true;
        phonetic = 0;
        current.clear();
      } else if (in_si && n == "rPh") {
        ++phonetic;
      } else if (in_si && phonetic == 0 && n == "t") {
        collecting = &current;
      }
    };
    h.end = [&](const std::string& n) {
      collecting = nullptr;
      if (n == "si" && in_si) {
        in_si = false;
        if (budget == 0) {
          h.stop = true;
          return;
        }
        --budget;
        shared.texts.push_back(current);
      } else if (n == "rPh" && phonetic > 0) {
        --phonetic;
      }
    };
    h.text = [&](std::string_view s) {
      if (collecting) collecting->append(s);
    };
    if (!walk(shared_path, h)) return table;
    if (h.stop)
      return fail(tr("{0} holds more than {1} strings, the most govscore reads (limits.kMaxSheetCells)", shared_path,
                     kMaxSheetCells));
  }

  SheetWalk sheet_walk(path, wanted, shared, budget, diag);
  std::size_t before = diag.error_count();
  if (!walk(target, sheet_walk.handlers()) || diag.error_count() != before) return table;
  auto& cells = sheet_walk.cells();
  budget = sheet_walk.budget();

  // A merged range shows its first (top-left) cell's value over the whole
  // range; the others are empty in the file. Every cell of the range is
  // marked with it, and the others are given that value: the table reader
  // fills labels (a group, an owner) and refuses merged points.
  for (const std::string& ref : sheet_walk.merges()) {
    auto colon = ref.find(':');
    int c1 = 0, r1 = 0, c2 = 0, r2 = 0;
    bool ok = cell_reference(std::string_view(ref).substr(0, colon), c1, r1) == Reading::kRead;
    if (colon == std::string::npos) {
      c2 = c1;
      r2 = r1;
    } else {
      ok = ok && cell_reference(std::string_view(ref).substr(colon + 1), c2, r2) == Reading::kRead;
    }
    if (!ok) {
      diag.error(path, 0, 0,
                 tr("sheet \"{0}\": merged range \"{1}\" is not a range of cells (like A3:A4) within A1:XFD1048576",
                    wanted, ref));
      return table;
    }
    if (c1 > c2) std::swap(c1, c2);
    if (r1 > r2) std::swap(r1, r2);
    auto row = cells.find(r1);
    if (row == cells.end() || !row->second.count(c1) || is_blank_text(row->second.at(c1).text)) continue;
    std::size_t area = static_cast<std::size_t>(r2 - r1 + 1) * static_cast<std::size_t>(c2 - c1 + 1);
    if (area == 1) continue;  // a "merge" of one cell, as some writers leave: nothing shared
    if (area > budget) {
      diag.error(
          path, 0, 0,
          tr("sheet \"{0}\": more than {1} cells with its merged ranges filled, the most govscore reads of one sheet",
             wanted, kMaxSheetCells));
      return table;
    }
    budget -= area;
    const TableCell origin = row->second.at(c1);
    std::string range = cell_name(r1, c1) + ":" + cell_name(r2, c2);
    for (int r = r1; r <= r2; ++r) {
      for (int c = c1; c <= c2; ++c) {
        TableCell& cell = cells[r][c];
        if (r != r1 || c != c1) {
          cell = origin;
          cell.place = {r, c};
          cell.merged_copy = true;
        }
        cell.merged = range;
      }
    }
  }

  // Rows as the table reader takes them: each padded to its last cell.
  std::size_t padded = 0;
  for (const auto& [r, columns] : cells)
    if (!columns.empty()) padded += static_cast<std::size_t>(columns.rbegin()->first);
  if (padded > kMaxSheetCells) {
    diag.error(
        path, 0, 0,
        tr("sheet \"{0}\": more than {1} cells with each row filled out to its last cell, the most govscore reads "
           "of one sheet",
           wanted, kMaxSheetCells));
    return table;
  }
  for (auto& [r, columns] : cells) {
    if (columns.empty()) continue;
    int last = columns.rbegin()->first;
    std::vector<TableCell> out(static_cast<std::size_t>(last));
    for (int c = 1; c <= last; ++c) out[static_cast<std::size_t>(c - 1)].place = {r, c};
    for (auto& [c, cell] : columns) out[static_cast<std::size_t>(c - 1)] = std::move(cell);
    if (!is_blank_row(out)) table.rows.push_back(std::move(out));
  }
  return table;
}

}  // namespace govscore
