#include "govscore/xlsx.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <optional>
#include <set>

#include "govscore/bulletin.hpp"
#include "govscore/expression.hpp"
#include "govscore/records.hpp"
#include "govscore/output_file.hpp"
#include "govscore/report.hpp"
#include "govscore/rules.hpp"
#include "util/period.hpp"
#include "util/text.hpp"

namespace govscore {
namespace {

constexpr lxw_color_t kBadFill = 0xFFC7CE;  // Excel's own "Bad" cell style
constexpr lxw_color_t kBadFont = 0x9C0006;
constexpr lxw_color_t kHeaderFill = 0xDDEBF7;

// The formats of one workbook, made once (libxlsxwriter owns them).
struct Formats {
  lxw_format* title;
  lxw_format* header;
  lxw_format* text;
  lxw_format* number;
  lxw_format* score;
  lxw_format* rate;
  lxw_format* bad_text;
  lxw_format* bad_number;
  lxw_format* bad_score;

  Formats(lxw_workbook* wb, int decimals) {
    title = workbook_add_format(wb);
    format_set_bold(title);
    format_set_font_size(title, 14);
    header = workbook_add_format(wb);
    format_set_bold(header);
    format_set_align(header, LXW_ALIGN_CENTER);
    format_set_align(header, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(header);
    format_set_border(header, LXW_BORDER_THIN);
    format_set_bg_color(header, kHeaderFill);
    std::string score_format = decimals > 0 ? "0." + std::string(static_cast<std::size_t>(decimals), '0') : "0";
    auto cell = [&](bool bad, const char* num_format) {
      lxw_format* f = workbook_add_format(wb);
      format_set_border(f, LXW_BORDER_THIN);
      format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
      if (num_format) format_set_num_format(f, num_format);
      if (bad) {
        format_set_bg_color(f, kBadFill);
        format_set_font_color(f, kBadFont);
      }
      return f;
    };
    text = cell(false, nullptr);
    number = cell(false, "General");
    score = cell(false, score_format.c_str());
    rate = cell(false, "0.00");
    bad_text = cell(true, nullptr);
    bad_number = cell(true, "General");
    bad_score = cell(true, score_format.c_str());
  }
};

// Excel refuses sheet names over 31 characters or with []:*?/\ in them.
std::string sheet_name(const std::string& wanted, std::set<std::string>& used) {
  std::string name;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < wanted.size() && chars < 28;) {
    auto b = static_cast<unsigned char>(wanted[i]);
    std::size_t n = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
    std::string ch = wanted.substr(i, n);
    name += std::string("[]:*?/\\").find(ch) != std::string::npos && n == 1 ? "_" : ch;
    i += n;
    ++chars;
  }
  std::string unique = name;
  for (int k = 2; used.count(unique); ++k) unique = name + std::to_string(k);
  used.insert(unique);
  return unique;
}

class SheetWriter {
 public:
  SheetWriter(lxw_workbook* wb, const Formats& formats, std::set<std::string>& used)
      : wb_(wb), f_(formats), used_(used) {}

  // One table on its own sheet; `sentences` go between the title and it.
  void write(const AnnexTable& table, const std::vector<std::string>& sentences = {}) {
    std::string name = sheet_name(table.title, used_);
    lxw_worksheet* ws = workbook_add_worksheet(wb_, name.c_str());
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);  // A4
    worksheet_fit_to_pages(ws, 1, 0);
    const auto cols = static_cast<lxw_col_t>(table.columns.size());
    lxw_row_t row = 0;
    worksheet_write_string(ws, row++, 0, table.title.c_str(), f_.title);
    for (const auto& s : sentences) worksheet_write_string(ws, row++, 0, s.c_str(), nullptr);
    if (!sentences.empty()) ++row;

    std::vector<std::size_t> widths(table.columns.size(), 4);
    const bool two_rows = table.has_groups();
    lxw_row_t header = row;
    for (lxw_col_t c = 0; c < cols; ++c) {
      const Column& col = table.columns[c];
      std::string title = col.titled();
      widths[c] = std::max(widths[c], text::display_width(title));
      if (!two_rows) {
        worksheet_write_string(ws, header, c, title.c_str(), f_.header);
      } else if (col.group.empty()) {
        worksheet_merge_range(ws, header, c, header + 1, c, title.c_str(), f_.header);
      } else {
        // A group heading spans its consecutive columns: 内容更新（50分） over 周扫描, 季度检查.
        if (auto end = table.group_end(c)) {
          const auto last = static_cast<lxw_col_t>(*end);
          std::string group = col.group_titled();
          if (last > c) worksheet_merge_range(ws, header, c, header, last, group.c_str(), f_.header);
          else worksheet_write_string(ws, header, c, group.c_str(), f_.header);
        }
        worksheet_write_string(ws, header + 1, c, title.c_str(), f_.header);
      }
    }
    row = header + (two_rows ? 2 : 1);
    worksheet_freeze_panes(ws, row, 0);
    worksheet_repeat_rows(ws, header, row - 1);

    for (const auto& r : table.rows) {
      for (lxw_col_t c = 0; c < cols; ++c) {
        const std::string& cell = r.cells[c];
        const Column& col = table.columns[c];
        widths[c] = std::max(widths[c], text::display_width(cell));
        auto value = col.numeric ? Exact::parse(cell) : std::nullopt;
        if (value) {
          // Stored as a number; the score column shows the rule file's decimals.
          lxw_format* fmt = col.title == "得分"                   ? (r.failed ? f_.bad_score : f_.score)
                            : col.title.find("率(%)") != std::string::npos ? f_.rate
                                                                           : (r.failed ? f_.bad_number : f_.number);
          worksheet_write_number(ws, row, c, value->to_double(), fmt);
        } else if (cell.empty()) {
          worksheet_write_blank(ws, row, c, r.failed ? f_.bad_text : f_.text);
        } else {
          worksheet_write_string(ws, row, c, cell.c_str(), r.failed ? f_.bad_text : f_.text);
        }
      }
      ++row;
    }
    // Widths in characters; a Chinese character is two. Long lists wrap.
    for (lxw_col_t c = 0; c < cols; ++c)
      worksheet_set_column(ws, c, c, static_cast<double>(std::min<std::size_t>(widths[c], 60) + 2), nullptr);
  }

 private:
  lxw_workbook* wb_;
  const Formats& f_;
  std::set<std::string>& used_;
};

// The last day of a period (2021, 2021H1, 2021Q1 or 2021-03) as a day
// number; none for anything else.
std::optional<long> last_day_of(const std::string& period) {
  const auto p = Period::parse(period);
  if (!p) return std::nullopt;
  const int month = p->last_month();
  char next[32];  // the first day of the next month
  std::snprintf(next, sizeof next, "%04d-%02d-01", month == 12 ? p->year + 1 : p->year, month == 12 ? 1 : month + 1);
  const auto first_of_next = calendar::parse_date(next);
  return first_of_next ? std::optional<long>(*first_of_next - 1) : std::nullopt;
}

// When the workbook says it was made and last changed (docProps/core.xml):
// the quarter's check point, else the last day of its period, at midnight
// UTC, so that the same inputs give the same bytes on every run
// (libxlsxwriter writes the current time when given none).
std::time_t workbook_time(const Batch& batch) {
  std::optional<long> day = batch.as_of ? batch.as_of : last_day_of(batch.period);
  return day && *day > 0 ? static_cast<std::time_t>(*day) * 86400 : 1;  // 0 would mean "now"
}

}  // namespace

void write_xlsx(const Bulletin& b, const std::string& path, const OutputOptions& options) {
  replace_atomically(path, [&](const std::string& temp) {
    lxw_workbook* wb = workbook_new(temp.c_str());
    if (!wb) throw Error(tr("cannot create the workbook"));
    lxw_doc_properties properties{};
    properties.created = workbook_time(*b.batch);
    workbook_set_properties(wb, &properties);
    Formats formats(wb, b.rules->decimals);
    std::set<std::string> used;
    SheetWriter sheets(wb, formats, used);
    std::vector<std::string> sentences;
    for (const auto& ts : b.summary.targets) sentences.push_back(summary_sentence(b, ts));
    AnnexTable figures = figures_table(b);
    figures.title = "汇总";
    sheets.write(figures, sentences);
    for (const auto& annex : b.annexes) sheets.write(annex);
    if (!b.summary.bands.empty()) sheets.write(bands_table(b));
    if (!b.summary.lists.empty()) sheets.write(named_lists_table(b));
    sheets.write(region_annex(b));
    sheets.write(failures_table(b));
    sheets.write(findings_table(b));
    for (const auto& section : b.sections) sheets.write(section);
    lxw_error err = workbook_close(wb);
    if (err != LXW_NO_ERROR) throw Error(tr("cannot write the workbook: {0}", lxw_strerror(err)));
  }, options);
}

}  // namespace govscore
