// XLSX records: one sheet of an Office Open XML workbook, read with libzip
// (the container) and expat (the XML), both from Debian. Only what a table
// of records needs: shared strings, inline strings, numbers, booleans.
#include <expat.h>
#include <fmt/format.h>
#include <zip.h>

#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <optional>

#include "load/raw_record.hpp"

namespace govscore {
namespace {

// Reads one member of the zip; nullopt when it is not there.
std::optional<std::string> read_member(zip_t* zip, const std::string& name) {
  zip_stat_t st;
  if (zip_stat(zip, name.c_str(), 0, &st) != 0) return std::nullopt;
  std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(zip_fopen(zip, name.c_str(), 0), &zip_fclose);
  if (!file) return std::nullopt;
  std::string out(static_cast<std::size_t>(st.size), '\0');
  zip_int64_t n = zip_fread(file.get(), out.data(), st.size);
  if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) return std::nullopt;
  return out;
}

// A small SAX walk: calls `start(name, attributes)`, `text(chars)` and
// `end(name)` with namespace prefixes stripped. Returns false on bad XML.
struct XmlHandlers {
  std::function<void(const std::string&, const std::map<std::string, std::string>&)> start;
  std::function<void(const std::string&)> end;
  std::function<void(const char*, int)> text;
};

std::string local_name(const char* name) {
  std::string n(name);
  auto colon = n.rfind(':');
  return colon == std::string::npos ? n : n.substr(colon + 1);
}

bool parse_xml(const std::string& xml, XmlHandlers& h) {
  std::unique_ptr<XML_ParserStruct, decltype(&XML_ParserFree)> parser(XML_ParserCreate("UTF-8"), &XML_ParserFree);
  XML_SetUserData(parser.get(), &h);
  XML_SetElementHandler(
      parser.get(),
      [](void* data, const XML_Char* name, const XML_Char** attrs) {
        auto* handlers = static_cast<XmlHandlers*>(data);
        if (!handlers->start) return;
        std::map<std::string, std::string> a;
        for (int i = 0; attrs[i]; i += 2) a[local_name(attrs[i])] = attrs[i + 1];
        handlers->start(local_name(name), a);
      },
      [](void* data, const XML_Char* name) {
        auto* handlers = static_cast<XmlHandlers*>(data);
        if (handlers->end) handlers->end(local_name(name));
      });
  XML_SetCharacterDataHandler(parser.get(), [](void* data, const XML_Char* s, int len) {
    auto* handlers = static_cast<XmlHandlers*>(data);
    if (handlers->text) handlers->text(s, len);
  });
  return XML_Parse(parser.get(), xml.data(), static_cast<int>(xml.size()), XML_TRUE) == XML_STATUS_OK;
}

// "BC12" → column 55 (1-based), row 12.
bool cell_reference(const std::string& ref, int& column, int& row) {
  column = 0;
  std::size_t i = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') column = column * 26 + (ref[i++] - 'A' + 1);
  row = i < ref.size() ? std::atoi(ref.c_str() + i) : 0;
  return column > 0 && row > 0;
}

// Excel writes a number's shortest round-trip form ("94.4") but sometimes
// 17 digits ("94.400000000000006"); both mean the double 94.4, whose
// shortest form is what the user typed.
std::string number_text(const std::string& v) {
  char* end = nullptr;
  double d = std::strtod(v.c_str(), &end);
  if (end == v.c_str() || *end != '\0') return v;
  return fmt::format("{}", d);
}

}  // namespace

Table read_xlsx_sheet(const std::string& content, const std::string& path, const std::string& sheet, Diagnostics& diag) {
  Table table;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(content.data(), content.size(), 0, &error);
  zip_t* opened = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
  zip_error_fini(&error);
  if (!opened) {
    if (source) zip_source_free(source);
    diag.error(path, 0, 0, "not an .xlsx workbook (not a zip file); save the sheet as Excel Workbook (.xlsx)");
    return table;
  }
  std::unique_ptr<zip_t, decltype(&zip_discard)> zip(opened, &zip_discard);
  auto fail = [&](const std::string& why) {
    diag.error(path, 0, 0, "not a readable .xlsx workbook: " + why);
    return table;
  };
  auto workbook = read_member(zip.get(), "xl/workbook.xml");
  auto rels = read_member(zip.get(), "xl/_rels/workbook.xml.rels");
  if (!workbook || !rels) return fail("xl/workbook.xml is missing");

  // Sheet names → relationship ids → paths.
  std::vector<std::pair<std::string, std::string>> sheets;  // name, r:id
  std::map<std::string, std::string> targets;              // r:id → path
  XmlHandlers wb;
  wb.start = [&](const std::string& n, const std::map<std::string, std::string>& a) {
    if (n == "sheet" && a.count("name") && a.count("id")) sheets.emplace_back(a.at("name"), a.at("id"));
  };
  XmlHandlers rl;
  rl.start = [&](const std::string& n, const std::map<std::string, std::string>& a) {
    if (n == "Relationship" && a.count("Id") && a.count("Target")) targets[a.at("Id")] = a.at("Target");
  };
  if (!parse_xml(*workbook, wb) || !parse_xml(*rels, rl) || sheets.empty()) return fail("no sheets");
  std::string wanted = sheet.empty() ? sheets.front().first : sheet;
  std::string target;
  std::string names;
  for (const auto& [name, id] : sheets) {
    names += (names.empty() ? "" : ", ") + name;
    if (name == wanted) target = targets.count(id) ? targets[id] : "";
  }
  if (target.empty()) {
    diag.error(path, 0, 0, "no sheet named \"" + wanted + "\" (sheets: " + names + ")");
    return table;
  }
  if (target.rfind("/", 0) == 0) target = target.substr(1);
  else target = "xl/" + target;

  std::vector<std::string> shared;
  if (auto sst = read_member(zip.get(), "xl/sharedStrings.xml")) {
    std::string current;
    bool in_si = false;
    bool in_t = false;
    XmlHandlers h;
    h.start = [&](const std::string& n, const std::map<std::string, std::string>&) {
      if (n == "si") {
        in_si = true;
        current.clear();
      } else if (n == "t") {
        in_t = true;
      }
    };
    h.end = [&](const std::string& n) {
      if (n == "si") {
        shared.push_back(current);
        in_si = false;
      } else if (n == "t") {
        in_t = false;
      }
    };
    h.text = [&](const char* s, int len) {
      if (in_si && in_t) current.append(s, static_cast<std::size_t>(len));
    };
    if (!parse_xml(*sst, h)) return fail("xl/sharedStrings.xml is not valid XML");
  }

  auto xml = read_member(zip.get(), target);
  if (!xml) return fail(target + " is missing");
  std::map<int, std::map<int, TableCell>> cells;  // row → column → cell
  TableCell cell;
  std::string type;
  std::string value;
  int row = 0;
  int column = 0;
  bool in_cell = false;
  bool in_value = false;
  XmlHandlers h;
  h.start = [&](const std::string& n, const std::map<std::string, std::string>& a) {
    if (n == "c") {
      in_cell = true;
      value.clear();
      type = a.count("t") ? a.at("t") : "n";
      if (!a.count("r") || !cell_reference(a.at("r"), column, row)) column = row = 0;
    } else if (in_cell && (n == "v" || n == "t")) {
      in_value = true;
    }
  };
  h.end = [&](const std::string& n) {
    if (n == "v" || n == "t") {
      in_value = false;
    } else if (n == "c" && in_cell) {
      in_cell = false;
      if (row == 0) return;
      TableCell c;
      c.place = {row, column};
      if (type == "s") {
        std::size_t index = static_cast<std::size_t>(std::atol(value.c_str()));
        c.text = index < shared.size() ? shared[index] : "";
      } else if (type == "b") {
        c.text = value == "1" ? "true" : "false";
      } else if (type == "n" && !value.empty()) {
        c.text = number_text(value);
        c.numeric = true;
      } else {
        c.text = value;  // str, inlineStr, e (errors show as their text)
      }
      cells[row][column] = c;
    }
  };
  h.text = [&](const char* s, int len) {
    if (in_value) value.append(s, static_cast<std::size_t>(len));
  };
  if (!parse_xml(*xml, h)) return fail(target + " is not valid XML");
  for (auto& [r, columns] : cells) {
    if (columns.empty()) continue;
    int last = columns.rbegin()->first;
    std::vector<TableCell> out(static_cast<std::size_t>(last));
    for (int c = 1; c <= last; ++c) {
      out[static_cast<std::size_t>(c - 1)].place = {r, c};
      if (columns.count(c)) out[static_cast<std::size_t>(c - 1)] = columns[c];
    }
    bool blank = true;
    for (const auto& c : out) blank = blank && c.text.empty();
    if (!blank) table.rows.push_back(std::move(out));
  }
  return table;
}

}  // namespace govscore
