#include "govscore/docx.hpp"

#include <zip.h>

#include <algorithm>
#include <deque>
#include <memory>

#include "govscore/bulletin.hpp"
#include "govscore/bulletin_outline.hpp"
#include "govscore/records.hpp"
#include "govscore/output_file.hpp"
#include "govscore/report.hpp"
#include "govscore/rules.hpp"
#include "util/text.hpp"

namespace govscore {
namespace {

// Sizes in half-points, as w:sz counts them: 二号 22 pt, 三号 16 pt, 五号
// 10.5 pt, 小五 9 pt — the sizes of 党政机关公文格式 (GB/T 9704).
constexpr int kTitleSize = 44;
constexpr int kTextSize = 32;
constexpr int kTableSize = 21;
constexpr int kWideTableSize = 18;

// A4 in twentieths of a point; the portrait margins of GB/T 9704 (37 mm top,
// 35 mm bottom, 28 mm left, 26 mm right), 2 cm all round on landscape pages.
constexpr int kA4Short = 11906;
constexpr int kA4Long = 16838;
constexpr int kTop = 2098, kBottom = 1984, kLeft = 1588, kRight = 1474;
constexpr int kLandscapeMargin = 1134;
constexpr int kPortraitWidth = kA4Short - kLeft - kRight;           // 8844
constexpr int kLandscapeWidth = kA4Long - 2 * kLandscapeMargin;     // 14570
constexpr int kCellMargin = 57;                                    // 1 mm each side

constexpr const char* kXmlHead = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr const char* kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

// Run properties: east-Asian font (the others Times New Roman), size, bold.
std::string run_properties(const std::string& east_asian, int size, bool bold) {
  std::string out = "<w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"" + east_asian +
                    "\" w:cs=\"Times New Roman\"/>";
  if (bold) out += "<w:b/><w:bCs/>";
  return out + "<w:sz w:val=\"" + std::to_string(size) + "\"/><w:szCs w:val=\"" + std::to_string(size) + "\"/></w:rPr>";
}

std::string run(const std::string& text, const std::string& east_asian, int size, bool bold) {
  return "<w:r>" + run_properties(east_asian, size, bold) + "<w:t xml:space=\"preserve\">" + text::markup_text(text) + "</w:t></w:r>";
}

// A paragraph of one run. `properties` goes inside w:pPr.
std::string paragraph(const std::string& properties, const std::string& runs) {
  return "<w:p><w:pPr>" + properties + "</w:pPr>" + runs + "</w:p>\n";
}

std::string style(const std::string& id) { return "<w:pStyle w:val=\"" + id + "\"/>"; }

struct Page {
  bool landscape = false;
};

// The w:sectPr of a page layout; it closes the section it ends.
std::string section_properties(const Page& page) {
  if (page.landscape)
    return "<w:sectPr><w:pgSz w:w=\"" + std::to_string(kA4Long) + "\" w:h=\"" + std::to_string(kA4Short) +
           "\" w:orient=\"landscape\"/><w:pgMar w:top=\"" + std::to_string(kLandscapeMargin) + "\" w:right=\"" +
           std::to_string(kLandscapeMargin) + "\" w:bottom=\"" + std::to_string(kLandscapeMargin) + "\" w:left=\"" +
           std::to_string(kLandscapeMargin) + "\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr>";
  return "<w:sectPr><w:pgSz w:w=\"" + std::to_string(kA4Short) + "\" w:h=\"" + std::to_string(kA4Long) +
         "\"/><w:pgMar w:top=\"" + std::to_string(kTop) + "\" w:right=\"" + std::to_string(kRight) + "\" w:bottom=\"" +
         std::to_string(kBottom) + "\" w:left=\"" + std::to_string(kLeft) +
         "\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/><w:docGrid w:type=\"lines\" w:linePitch=\"579\"/></w:sectPr>";
}

// A column's widths in display columns (a Chinese character counts two):
// `natural` fits its longest cell or heading (headings wrap after 4
// characters, texts after 40); `least` is what it cannot go below — the
// longest number, or a short word — so numbers and 合格 never wrap.
struct ColumnWidth {
  std::size_t natural = 2;
  std::size_t least = 2;
};

std::vector<ColumnWidth> column_widths(const AnnexTable& table) {
  std::vector<ColumnWidth> out(table.columns.size());
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    const Column& col = table.columns[c];
    out[c].natural = std::max(out[c].natural, std::min<std::size_t>(text::display_width(col.titled()), 8));
    out[c].least = std::max(out[c].least, std::min<std::size_t>(text::display_width(col.titled()), 4));
  }
  table.for_each_row([&](const AnnexRow& row) {
    for (std::size_t c = 0; c < row.cells.size() && c < out.size(); ++c) {
      std::size_t w = text::display_width(row.cells[c]);
      out[c].natural = std::max(out[c].natural, std::min<std::size_t>(w, 40));
      // Numbers get two display columns to spare: a stand-in for Times New
      // Roman (DejaVu Serif where it is missing) sets digits wider.
      if (table.columns[c].numeric) out[c].least = std::max(out[c].least, std::min<std::size_t>(w + 2, 14));
      else if (w <= 6) out[c].least = std::max(out[c].least, w);
    }
  });
  for (auto& w : out) w.natural = std::max(w.natural, w.least);
  return out;
}

// Twips for `chars` display columns at `size` half-points: a display column
// is half a character, size / 2 points = size × 10 twips; plus the margins.
int twips(std::size_t chars, int size) { return static_cast<int>(chars) * size * 5 + 2 * kCellMargin + 30; }

int total_twips(const std::vector<ColumnWidth>& widths, int size, bool least) {
  int total = 0;
  for (const auto& w : widths) total += twips(least ? w.least : w.natural, size);
  return total;
}

// Widths in twips that add up to `width`: every column at least its
// `least`, the room left shared in proportion to what each would take more.
std::vector<int> fit(const std::vector<ColumnWidth>& widths, int size, int width) {
  std::vector<int> out;
  long least = 0;
  long more = 0;
  for (const auto& w : widths) {
    out.push_back(twips(w.least, size));
    least += out.back();
    more += twips(w.natural, size) - out.back();
  }
  long room = width - least;
  if (room < 0) {  // even the least is too wide: shrink everything alike
    for (auto& w : out) w = static_cast<int>(static_cast<long>(w) * width / least);
  } else if (more > 0 && room <= more) {
    for (std::size_t i = 0; i < out.size(); ++i)
      out[i] += static_cast<int>((twips(widths[i].natural, size) - out[i]) * room / more);
  } else {  // all fit at their natural width: the rest shared alike
    long natural = least + more;
    for (std::size_t i = 0; i < out.size(); ++i)
      out[i] = static_cast<int>(static_cast<long>(twips(widths[i].natural, size)) * width / natural);
  }
  int used = 0;
  for (int w : out) used += w;
  if (!out.empty()) out.back() += width - used;  // the rounding, given to the last column
  return out;
}

long sum(const std::vector<int>& v) {
  long total = 0;
  for (int w : v) total += w;
  return total;
}

// A table cell: `span` grid columns, `merge` "restart"/"continue"/"" for a
// heading two rows high.
std::string cell(const std::string& text, int width, int size, bool bold, bool centered, int span = 1,
                 const std::string& merge = "") {
  std::string out = "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) + "\" w:type=\"dxa\"/>";
  if (span > 1) out += "<w:gridSpan w:val=\"" + std::to_string(span) + "\"/>";
  if (merge == "restart") out += "<w:vMerge w:val=\"restart\"/>";
  if (merge == "continue") out += "<w:vMerge/>";
  out += "<w:vAlign w:val=\"center\"/></w:tcPr><w:p><w:pPr><w:snapToGrid w:val=\"0\"/><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" "
         "w:lineRule=\"auto\"/><w:jc w:val=\"" + std::string(centered ? "center" : "left") + "\"/></w:pPr>";
  if (!text.empty()) out += run(text, "宋体", size, bold);
  return out + "</w:p></w:tc>";
}

// The heading rows repeat on every page (w:tblHeader) and no row splits
// across pages.
std::string heading_row(const std::string& cells) {
  return "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" + cells + "</w:tr>\n";
}

std::string docx_table(const AnnexTable& table, const std::vector<int>& widths, int size) {
  std::string out = "<w:tbl><w:tblPr><w:tblW w:w=\"" + std::to_string(sum(widths)) +
                    "\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>";
  for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"})
    out += std::string("<w:") + side + " w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>";
  out += "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"" + std::to_string(kCellMargin) +
         "\" w:type=\"dxa\"/><w:right w:w=\"" + std::to_string(kCellMargin) +
         "\" w:type=\"dxa\"/></w:tblCellMar><w:tblLook w:val=\"0000\"/></w:tblPr><w:tblGrid>";
  for (int w : widths) out += "<w:gridCol w:w=\"" + std::to_string(w) + "\"/>";
  out += "</w:tblGrid>\n";

  const std::size_t n = table.columns.size();
  if (!table.has_groups()) {
    std::string cells;
    for (std::size_t c = 0; c < n; ++c) cells += cell(table.columns[c].titled(), widths[c], size, true, true);
    out += heading_row(cells);
  } else {
    // Row 1: lone columns two rows high, an indicator's heading over its parts.
    std::string first;
    std::string second;
    for (std::size_t c = 0; c < n; ++c) {
      const Column& col = table.columns[c];
      if (col.group.empty()) {
        first += cell(col.titled(), widths[c], size, true, true, 1, "restart");
        second += cell("", widths[c], size, true, true, 1, "continue");
        continue;
      }
      if (auto last = table.group_end(c)) {
        int width = 0;
        for (std::size_t k = c; k <= *last; ++k) width += widths[k];
        first += cell(col.group_titled(), width, size, true, true, static_cast<int>(*last - c + 1));
      }
      second += cell(col.titled(), widths[c], size, true, true);
    }
    out += heading_row(first) + heading_row(second);
  }
  table.for_each_row([&](const AnnexRow& row) {
    out += "<w:tr><w:trPr><w:cantSplit/></w:trPr>";
    for (std::size_t c = 0; c < n; ++c) {
      const std::string& text = c < row.cells.size() ? row.cells[c] : std::string();
      // Numbers and short texts centred, as published annexes set them; long texts flush left.
      bool centered = table.columns[c].numeric || widths[c] < 6 * size * 10;
      out += cell(text, widths[c], size, false, centered);
    }
    out += "</w:tr>\n";
  });
  return out + "</w:tbl>\n";
}

std::string document_xml(const Bulletin& b) {
  std::string body;
  const std::string text_style = "<w:spacing w:line=\"560\" w:lineRule=\"exact\"/><w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/><w:jc w:val=\"both\"/>";
  body += paragraph(style("BulletinTitle"), run(bulletin_title(b), "宋体", kTitleSize, true));
  for (const auto& section : bulletin_sections(b)) {
    body += paragraph(style("SectionHeading"), run(section.heading, "黑体", kTextSize, false));
    for (const auto& p : section.paragraphs) body += paragraph(text_style, run(p, "仿宋_GB2312", kTextSize, false));
  }
  auto annexes = bulletin_annexes(b);
  if (!annexes.empty()) {
    // 附件：1. … as official documents list them after the text.
    body += paragraph("<w:spacing w:before=\"560\" w:line=\"560\" w:lineRule=\"exact\"/><w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/>",
                      run("附件：", "仿宋_GB2312", kTextSize, false));
    for (const auto& a : annexes)
      body += paragraph("<w:spacing w:line=\"560\" w:lineRule=\"exact\"/><w:ind w:left=\"1600\"/>",
                        run(std::to_string(a.number) + ". " + a.title, "仿宋_GB2312", kTextSize, false));
  }
  Page page;  // the text is on portrait pages
  // Each annex, and each further section (复核情况), starts a section of its
  // own: a new page, landscape when its table does not fit the width of a
  // portrait page at 五号. Landscape when the table cannot fit a portrait
  // page without wrapping its numbers, or would wrap its texts into narrow
  // columns (it needs half as much again as the portrait width); 小五 when
  // even landscape is tight at 五号. `label` (附件2) comes first if any; the
  // band lists are lines laid out as their table would be.
  auto table_page = [&](const std::string& label, const std::string& title, const AnnexTable& table, bool band_lines) {
    std::vector<ColumnWidth> columns = column_widths(table);
    Page next{total_twips(columns, kTableSize, true) > kPortraitWidth ||
              total_twips(columns, kTableSize, false) > kPortraitWidth * 3 / 2};
    const int size = next.landscape && total_twips(columns, kTableSize, true) > kLandscapeWidth ? kWideTableSize : kTableSize;
    // The section that ends here; w:sectPr comes last in w:pPr, as the schema orders it.
    body += paragraph("<w:snapToGrid w:val=\"0\"/><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>" +
                          section_properties(page),
                      "");
    page = next;
    if (!label.empty()) body += paragraph(style("AnnexLabel"), run(label, "黑体", kTextSize, false));
    body += paragraph(style("AnnexTitle"), run(title, "宋体", 36, true));
    if (band_lines) {
      for (const auto& band : b.summary.bands)
        body += paragraph(text_style, run(band_line(b, band), "仿宋_GB2312", kTextSize, false));
      return;
    }
    body += docx_table(table, fit(columns, size, page.landscape ? kLandscapeWidth : kPortraitWidth), size);
  };
  for (const auto& a : annexes)
    table_page("附件" + std::to_string(a.number), a.title, a.table(), a.kind == BulletinAnnex::Kind::kBands);
  for (const auto& section : b.sections) table_page("", section.title, section, false);
  return std::string(kXmlHead) + "<w:document xmlns:w=\"" + kW +
         "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>\n" + body +
         section_properties(page) + "</w:body></w:document>\n";
}

// Styles: the defaults (仿宋_GB2312 三号, Chinese language), the title,
// section headings (黑体), annex labels and titles.
std::string styles_xml() {
  std::string out = std::string(kXmlHead) + "<w:styles xmlns:w=\"" + kW + "\">";
  out += "<w:docDefaults><w:rPrDefault>" + run_properties("仿宋_GB2312", kTextSize, false) +
         "</w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"0\"/></w:pPr></w:pPrDefault></w:docDefaults>";
  // Insert the language into the default run properties.
  const std::string lang = "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/>";
  out.insert(out.find("</w:rPr></w:rPrDefault>"), lang);
  out += "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>";
  auto paragraph_style = [&](const std::string& id, const std::string& name, const std::string& ppr, const std::string& rpr) {
    out += "<w:style w:type=\"paragraph\" w:styleId=\"" + id + "\"><w:name w:val=\"" + name +
           "\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr>" + ppr + "</w:pPr>" + rpr +
           "</w:style>";
  };
  paragraph_style("BulletinTitle", "Title", "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"560\" w:line=\"700\" w:lineRule=\"exact\"/><w:jc w:val=\"center\"/><w:outlineLvl w:val=\"0\"/>",
                  run_properties("宋体", kTitleSize, true));
  paragraph_style("SectionHeading", "heading 1", "<w:keepNext/><w:spacing w:line=\"560\" w:lineRule=\"exact\"/><w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/><w:outlineLvl w:val=\"1\"/>",
                  run_properties("黑体", kTextSize, false));
  paragraph_style("AnnexLabel", "Annex Label", "<w:keepNext/><w:spacing w:line=\"560\" w:lineRule=\"exact\"/>",
                  run_properties("黑体", kTextSize, false));
  paragraph_style("AnnexTitle", "Annex Title", "<w:keepNext/><w:spacing w:before=\"120\" w:after=\"240\"/><w:jc w:val=\"center\"/><w:outlineLvl w:val=\"1\"/>",
                  run_properties("宋体", 36, true));
  return out + "</w:styles>\n";
}

// The fonts, each with the one Word or WPS uses where it is missing
// (w:altName): 仿宋_GB2312 → 仿宋, and the Windows names of 宋体 and 黑体.
std::string font_table_xml() {
  std::string out = std::string(kXmlHead) + "<w:fonts xmlns:w=\"" + kW + "\">";
  auto font = [&](const std::string& name, const std::string& alt, const std::string& family, const std::string& pitch) {
    out += "<w:font w:name=\"" + name + "\">" + (alt.empty() ? "" : "<w:altName w:val=\"" + alt + "\"/>") +
           "<w:charset w:val=\"" + (alt.empty() ? "00" : "86") + "\"/><w:family w:val=\"" + family + "\"/><w:pitch w:val=\"" +
           pitch + "\"/></w:font>";
  };
  font("Times New Roman", "", "roman", "variable");
  font("仿宋_GB2312", "仿宋", "modern", "fixed");
  font("仿宋", "FangSong", "modern", "fixed");
  font("宋体", "SimSun", "auto", "variable");
  font("黑体", "SimHei", "modern", "fixed");
  return out + "</w:fonts>\n";
}

std::string core_xml(const Bulletin& b) {
  return std::string(kXmlHead) +
         "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
         "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>" +
         text::markup_text(bulletin_title(b)) + "</dc:title><dc:creator>govscore</dc:creator></cp:coreProperties>\n";
}

}  // namespace

std::vector<DocxPart> docx_parts(const Bulletin& b) {
  const std::string rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  std::vector<DocxPart> parts;
  parts.push_back({"[Content_Types].xml",
                   std::string(kXmlHead) +
                       "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                       "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                       "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                       "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
                       "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
                       "<Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>"
                       "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
                       "</Types>\n"});
  parts.push_back({"_rels/.rels",
                   std::string(kXmlHead) +
                       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                       "<Relationship Id=\"rId1\" Type=\"" + rels + "/officeDocument\" Target=\"word/document.xml\"/>"
                       "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
                       "</Relationships>\n"});
  parts.push_back({"docProps/core.xml", core_xml(b)});
  parts.push_back({"word/_rels/document.xml.rels",
                   std::string(kXmlHead) +
                       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                       "<Relationship Id=\"rId1\" Type=\"" + rels + "/styles\" Target=\"styles.xml\"/>"
                       "<Relationship Id=\"rId2\" Type=\"" + rels + "/fontTable\" Target=\"fontTable.xml\"/>"
                       "</Relationships>\n"});
  parts.push_back({"word/document.xml", document_xml(b)});
  parts.push_back({"word/styles.xml", styles_xml()});
  parts.push_back({"word/fontTable.xml", font_table_xml()});
  return parts;
}

void write_docx(const Bulletin& b, const std::string& path, const OutputOptions& options) {
  const std::vector<DocxPart> parts = docx_parts(b);  // alive until zip_close has read them
  replace_atomically(path, [&](const std::string& temp) {
    int code = 0;
    zip_t* archive = zip_open(temp.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
    if (!archive) {
      zip_error_t error;
      zip_error_init_with_code(&error, code);
      std::string reason = zip_error_strerror(&error);
      zip_error_fini(&error);
      throw Error(tr("cannot create the document: {0}", reason));
    }
    auto fail = [&](const Message& what) {
      std::string reason = zip_strerror(archive);
      zip_discard(archive);
      throw Error(tr("{0}: {1}", what, reason));
    };
    // 1980-01-01 00:00 in MS-DOS form: the same bytes whenever and wherever it is written.
    constexpr zip_uint16_t kDosTime = 0;
    constexpr zip_uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;
    for (const auto& part : parts) {
      zip_source_t* source = zip_source_buffer(archive, part.xml.data(), part.xml.size(), 0);
      if (!source) fail(tr("cannot add {0}", part.name));
      zip_int64_t index = zip_file_add(archive, part.name.c_str(), source, ZIP_FL_ENC_UTF_8);
      if (index < 0) {
        zip_source_free(source);
        fail(tr("cannot add {0}", part.name));
      }
      const auto at = static_cast<zip_uint64_t>(index);
      if (zip_set_file_compression(archive, at, ZIP_CM_DEFLATE, 9) != 0 ||
          zip_file_set_dostime(archive, at, kDosTime, kDosDate, 0) != 0)
        fail(tr("cannot add {0}", part.name));
    }
    if (zip_close(archive) != 0) fail(tr("cannot write the document"));
  }, options);
}

}  // namespace govscore
