#include "govscore/html.hpp"

#include <algorithm>
#include <map>

#include "govscore/bulletin.hpp"
#include "govscore/bulletin_outline.hpp"
#include "govscore/records.hpp"
#include "govscore/rules.hpp"
#include "util/text.hpp"

namespace govscore {
namespace {

constexpr const char* kStyle = R"(
@page { size: A4; margin: 15mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "SimSun", sans-serif;
       font-size: 10.5pt; color: #222; margin: 0 auto; max-width: 1100px; padding: 12px; }
h1 { font-size: 18pt; text-align: center; margin: 0.5em 0; }
h2 { font-size: 13pt; border-bottom: 2px solid #2f5496; padding-bottom: 2px; margin-top: 1.5em; }
p.figures { margin: 0.3em 0; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0; font-size: 9pt; }
th, td { border: 1px solid #999; padding: 2px 4px; }
th { background: #ddebf7; text-align: center; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.failed td { background: #ffc7ce; color: #9c0006; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
figure { margin: 0.5em 0; page-break-inside: avoid; }
figcaption { font-size: 9pt; color: #555; }
svg text { font-size: 10px; fill: #333; }
)";

std::string cell_class(const Column& c) { return c.numeric ? " class=\"n\"" : ""; }

std::string html_table(const AnnexTable& table) {
  const bool two_rows = table.has_groups();
  std::string out = "<table>\n<thead>\n<tr>";
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    const Column& col = table.columns[c];
    std::string title = html_escape(col.titled());
    if (!two_rows) {
      out += "<th>" + title + "</th>";
    } else if (col.group.empty()) {
      out += "<th rowspan=\"2\">" + title + "</th>";
    } else if (auto last = table.group_end(c)) {
      out += "<th colspan=\"" + std::to_string(*last - c + 1) + "\">" + html_escape(col.group_titled()) + "</th>";
    }
  }
  out += "</tr>\n";
  if (two_rows) {
    out += "<tr>";
    for (const auto& col : table.columns)
      if (!col.group.empty()) out += "<th>" + html_escape(col.title) + "</th>";
    out += "</tr>\n";
  }
  out += "</thead>\n<tbody>\n";
  table.for_each_row([&](const AnnexRow& row) {
    out += row.failed ? "<tr class=\"failed\">" : "<tr>";
    for (std::size_t c = 0; c < row.cells.size(); ++c)
      out += "<td" + cell_class(table.columns[c]) + ">" + html_escape(row.cells[c]) + "</td>";
    out += "</tr>\n";
  });
  return out + "</tbody>\n</table>\n";
}

// Bars with a label under each and the value above; heights scale to the
// largest value. Labels and values arrive already as text.
struct Bar {
  std::string label;
  double value = 0;
  std::string shown;
};

std::string bar_chart(const std::vector<Bar>& bars, double max_value, const std::string& caption) {
  const int height = 160;
  const int bar_width = 36;
  const int gap = 14;
  const int top = 16;
  const int bottom = 34;
  int width = std::max(200, static_cast<int>(bars.size()) * (bar_width + gap) + gap);
  std::string out = "<figure><svg width=\"" + std::to_string(width) +
                    "\" height=\"" + std::to_string(height + top + bottom) + "\" role=\"img\" aria-label=\"" +
                    html_escape(caption) + "\">\n";
  out += "<line x1=\"0\" y1=\"" + std::to_string(top + height) + "\" x2=\"" + std::to_string(width) + "\" y2=\"" +
         std::to_string(top + height) + "\" stroke=\"#999\"/>\n";
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const Bar& bar = bars[i];
    int h = max_value > 0 ? static_cast<int>(bar.value / max_value * height + 0.5) : 0;
    int x = gap + static_cast<int>(i) * (bar_width + gap);
    int y = top + height - h;
    out += "<rect x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(y) + "\" width=\"" + std::to_string(bar_width) +
           "\" height=\"" + std::to_string(h) + "\" fill=\"#2f5496\"/>\n";
    out += "<text x=\"" + std::to_string(x + bar_width / 2) + "\" y=\"" + std::to_string(y - 3) +
           "\" text-anchor=\"middle\">" + html_escape(bar.shown) + "</text>\n";
    out += "<text x=\"" + std::to_string(x + bar_width / 2) + "\" y=\"" + std::to_string(top + height + 14) +
           "\" text-anchor=\"middle\">" + html_escape(bar.label) + "</text>\n";
  }
  return out + "</svg><figcaption>" + html_escape(caption) + "</figcaption></figure>\n";
}

// Scores of one target counted in bins whose edges are the rule file's
// pass line and band limits (10-point steps from the pass line up to the
// base when the target has no bands): <60, 60–70, …, ≥100; vetoed units as
// their own bar. Compared as exact decimals, so 59.95 is never in 60–70.
std::string distribution_chart(const Bulletin& b, std::size_t target) {
  const Target& t = b.rules->targets[target];
  std::vector<Exact> edges{t.pass_score};
  for (const auto& band : t.bands) {
    edges.push_back(band.at_least);
    if (band.below) edges.push_back(*band.below);
  }
  if (t.bands.empty())
    for (Exact e = t.pass_score + 10; e <= t.base; e = e + 10) edges.push_back(e);
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end(), [](const Exact& x, const Exact& y) { return x == y; }), edges.end());
  std::vector<long> bins(edges.size() + 1, 0);  // bin i: edges[i-1] ≤ score < edges[i]
  long vetoed = 0;
  long scored = 0;
  for (const auto& r : b.ranked) {
    if (r.target != target) continue;
    if (r.vetoed()) {
      ++vetoed;
    } else if (auto score = r.score()) {
      std::size_t bin = 0;
      while (bin < edges.size() && *score >= edges[bin]) ++bin;
      bins[bin] += 1;
      ++scored;
    }
  }
  if (scored == 0) return "";
  std::vector<Bar> bars;
  if (vetoed) bars.push_back({"否决", static_cast<double>(vetoed), std::to_string(vetoed)});
  long most = vetoed;
  for (std::size_t i = 0; i < bins.size(); ++i) {
    std::string label = i == 0               ? "<" + edges[0].str()
                        : i == edges.size() ? "≥" + edges[i - 1].str()
                                            : edges[i - 1].str() + "–" + edges[i].str();
    bars.push_back({label, static_cast<double>(bins[i]), std::to_string(bins[i])});
    most = std::max(most, bins[i]);
  }
  return bar_chart(bars, static_cast<double>(most), t.title + "得分分布（个）");
}

std::string pass_rate_chart(const Bulletin& b) {
  std::vector<Bar> bars;
  for (const auto& row : b.summary.regions.rows) {
    long checked = 0;
    long failed = 0;
    for (const auto& t : row.targets) {
      checked += t.checked();
      failed += t.failed;
    }
    if (checked == 0) continue;
    std::string rate = percent(checked - failed, checked);
    bars.push_back({row.region, Exact::parse(rate)->to_double(), rate});
  }
  if (bars.size() < 2) return "";  // one region: the summary says it all
  return bar_chart(bars, 100, "各地区合格率（%）");
}

}  // namespace

std::string html_escape(const std::string& text) { return text::markup_text(text); }

std::string render_html(const Bulletin& b) {
  std::string title = bulletin_title(b);
  std::string out = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + html_escape(title) +
                    "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
  out += "<h1>" + html_escape(title) + "</h1>\n";
  bool charts = false;
  for (const auto& section : bulletin_sections(b)) {
    out += "<h2>" + html_escape(section.heading) + "</h2>\n";
    for (const auto& p : section.paragraphs) out += "<p class=\"figures\">" + html_escape(p) + "</p>\n";
    if (!charts) {  // the charts belong to 总体情况, the first section
      for (const auto& ts : b.summary.targets) out += distribution_chart(b, ts.target);
      out += pass_rate_chart(b);
      charts = true;
    }
  }
  if (!b.summary.lists.empty()) {
    out += "<h2>名单</h2>\n<ul>\n";
    for (const auto& list : b.summary.lists)
      for (const auto& line : named_list_lines(b, list)) out += "<li>" + html_escape(line) + "</li>\n";
    out += "</ul>\n";
  }
  for (const auto& annex : bulletin_annexes(b)) {
    out += "<h2>" + html_escape(annex.label()) + "</h2>\n";
    if (annex.kind == BulletinAnnex::Kind::kBands) {
      out += "<ul>\n";
      for (const auto& band : b.summary.bands) out += "<li>" + html_escape(band_line(b, band)) + "</li>\n";
      out += "</ul>\n";
    } else {
      out += html_table(annex.table());
    }
  }
  for (const auto& section : b.sections) out += "<h2>" + html_escape(section.title) + "</h2>\n" + html_table(section);
  return out + "</body>\n</html>\n";
}

}  // namespace govscore
