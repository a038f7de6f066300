// The HTML report: self-contained, every input string escaped, and the
// numbers it shows are the engine's.
#include "govscore/bulletin.hpp"
#include "govscore/html.hpp"
#include "helpers.hpp"

using namespace govscore;
using namespace govscore::test;

namespace {

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("every string from the input is escaped") {
  Batch batch = records_from(R"({"period": "2021Q1", "records": [
    {"id": "x", "name": "<script>alert('x')</script>专栏", "owner": "A & B \"局\"", "target": "website", "region": "<i>区",
     "findings": [{"indicator": "季度检查", "points": 2, "url": "javascript:alert(1)\"><img src=x>", "note": "<b>"}]}]})",
                             dazu());
  std::string html = render_html(make_bulletin(dazu(), batch));
  CHECK(html.find("<script>") == std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("<i>") == std::string::npos);
  CHECK(html.find("<b>") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;专栏") != std::string::npos);
  CHECK(html.find("A &amp; B &quot;局&quot;") != std::string::npos);
  CHECK(html.find("&lt;i&gt;区") != std::string::npos);
  CHECK(html.find("javascript:alert(1)&quot;&gt;&lt;img src=x&gt;") != std::string::npos);
}

TEST_CASE("HTML and the Word document escape text alike: five entities, and no control XML cannot hold") {
  CHECK(html_escape("a&b<c>d\"e'f") == "a&amp;b&lt;c&gt;d&quot;e&#39;f");
  CHECK(html_escape("tab\tline\nx\x01y\x1fz") == "tab\tline\nxyz");
  CHECK(html_escape("专栏") == "专栏");
}

TEST_CASE("the page is self-contained and shows the engine's numbers") {
  auto loaded = load_records({source_path("samples/dazu-2021q1.json")}, dazu());
  REQUIRE(loaded.batch);
  Bulletin b = make_bulletin(dazu(), *loaded.batch);
  std::string html = render_html(b);
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("<link") == std::string::npos);
  CHECK(html.find("src=") == std::string::npos);
  CHECK(html.find("url(") == std::string::npos);  // nothing fetched: no stylesheet, image or font from outside
  CHECK(html.find("<script") == std::string::npos);
  CHECK(count(html, "<svg") >= 2);                // a score distribution per target (pass rate by region needs ≥ 2 regions)
  CHECK(html.find("@page { size: A4;") != std::string::npos);
  // Every score and verdict of the annexes appears in its row, rows in rank order.
  auto at = html.find("检查情况统计表</h2>");
  for (const auto& r : b.ranked) {
    const Record& rec = loaded.batch->records[r.record];
    INFO(rec.id);
    at = html.find(">" + std::string(rec.name) + "</td>", at + 1);
    REQUIRE(at != std::string::npos);
    std::string row = html.substr(at, html.find("</tr>", at) - at);
    if (r.has_score()) CHECK(row.find("<td class=\"n\">" + r.score()->fixed(1) + "</td>") != std::string::npos);
    CHECK(row.find(std::string("<td>") + r.verdict() + "</td>") != std::string::npos);
  }
  CHECK(html.find("政府网站（专栏）：检查29个，合格25个，不合格4个，合格率86.21%") != std::string::npos);
  CHECK(count(html, "<tr class=\"failed\">") == 6 + 6);  // in the annexes and in the failing list
}

TEST_CASE("the score charts bin at the rule file's pass line and bands") {
  auto bars = [](const std::string& html, const std::string& caption) {
    // The labels under the bars of the chart with this caption, left to right.
    auto end = html.find("<figcaption>" + caption);
    auto start = html.rfind("<figure>", end);
    std::string chart = html.substr(start, end - start);
    std::vector<std::string> labels;
    for (auto at = chart.find("text-anchor=\"middle\">"); at != std::string::npos;
         at = chart.find("text-anchor=\"middle\">", at + 1)) {
      auto from = at + std::string("text-anchor=\"middle\">").size();
      labels.push_back(chart.substr(from, chart.find("</text>", from) - from));
    }
    // Each bar has its count above and its label below: keep the labels.
    std::vector<std::string> out;
    for (std::size_t i = 1; i < labels.size(); i += 2) out.push_back(labels[i]);
    return out;
  };
  auto loaded = load_records({source_path("samples/dazu-2021q1.json")}, dazu());
  REQUIRE(loaded.batch);
  std::string html = render_html(make_bulletin(dazu(), *loaded.batch));
  // Dazu has no bands: 10-point steps from the pass line 60 to the base 100.
  CHECK(bars(html, "政府网站（专栏）得分分布") ==
        std::vector<std::string>{"否决", "&lt;60", "60–70", "70–80", "80–90", "90–100", "≥100"});
  RuleSet chongqing = shipped_rules("chongqing-2022.yaml");
  auto cq = load_records({source_path("samples/chongqing-2022q2.json")}, chongqing);
  REQUIRE(cq.batch);
  std::string cq_html = render_html(make_bulletin(chongqing, *cq.batch));
  // Chongqing's bands 100—110 and 110分及以上 over the pass line 60.
  CHECK(bars(cq_html, "政府网站得分分布") == std::vector<std::string>{"否决", "&lt;60", "60–100", "100–110", "≥110"});
}
