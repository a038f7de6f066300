// The Word document read back by a real reader (python-docx, from Debian's
// python3-docx) and compared with what the engine computed: every unit,
// score, verdict and rank of every annex, the summary figures, the two-row
// headings repeated on each page, landscape pages for wide annexes, the
// fonts of official documents, and the same bytes on every run.
#include <nlohmann/json.hpp>

#include "govscore/bulletin.hpp"
#include "govscore/bulletin_outline.hpp"
#include "govscore/docx.hpp"
#include "govscore/report.hpp"
#include "helpers.hpp"

using namespace govscore;
using namespace govscore::test;
using nlohmann::json;

namespace {

std::string temp_path(const std::string& name) { return std::string(GOVSCORE_TEST_TMP) + "/" + name; }

// Writes the bulletin's document and reads it back through python-docx.
json read_back(const Bulletin& b, const std::string& name) {
  std::string path = temp_path(name);
  write_docx(b, path);
  std::string dump = path + ".json";
  std::string command = "/usr/bin/python3 '" + source_path("tests/tools/docx_dump.py") + "' '" + path + "' > '" + dump + "'";
  REQUIRE(std::system(command.c_str()) == 0);
  return json::parse(slurp(dump));
}

std::vector<std::string> paragraph_texts(const json& doc) {
  std::vector<std::string> out;
  for (const auto& p : doc["paragraphs"]) out.push_back(p["text"]);
  return out;
}

bool has(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

// The column of a heading in the last heading row.
std::size_t column(const json& table, const std::string& heading) {
  const json& header = table["rows"][table["heading_rows"].size() - 1];
  for (std::size_t c = 0; c < header.size(); ++c)
    if (header[c] == heading) return c;
  FAIL("no column " << heading);
  return 0;
}

struct Dazu {
  Batch batch;
  Bulletin bulletin;
};

const Dazu& dazu_quarter() {
  static const Dazu* quarter = [] {
    auto loaded = load_records({source_path("samples/dazu-2021q1.json")}, dazu());
    REQUIRE(loaded.batch);
    auto* q = new Dazu{std::move(*loaded.batch), {}};
    q->bulletin = make_bulletin(dazu(), q->batch);
    return q;
  }();
  return *quarter;
}

}  // namespace

TEST_CASE("every unit, score, verdict and rank read back from the DOCX equals the engine's results") {
  const Bulletin& b = dazu_quarter().bulletin;
  json doc = read_back(b, "dazu.docx");
  json results = json::parse(render_json(dazu(), dazu_quarter().batch, b.ranked))["results"];
  auto annexes = bulletin_annexes(b);
  // Every annex but the band lists is a table, in annex order.
  std::vector<const BulletinAnnex*> tabled;
  for (const auto& a : annexes)
    if (a.kind != BulletinAnnex::Kind::kBands) tabled.push_back(&a);
  REQUIRE(doc["tables"].size() == tabled.size());

  // The ranked tables: 附件2 websites, 附件3 new media.
  REQUIRE(annexes[1].kind == BulletinAnnex::Kind::kRanked);
  REQUIRE(annexes[2].kind == BulletinAnnex::Kind::kRanked);
  std::size_t checked = 0;
  for (int t = 0; t < 2; ++t) {
    const json& table = doc["tables"][1 + t];
    std::size_t first = table["heading_rows"].size();
    std::size_t name = column(table, "名称"), score = column(table, "得分"), verdict = column(table, "检查结果"),
                rank = column(table, "排名");
    std::size_t row = first;
    for (const auto& r : results) {
      if (r["target"] != annexes[1 + t].table().target_id) continue;
      INFO(r["id"]);
      REQUIRE(row < table["rows"].size());
      const json& cells = table["rows"][row++];
      CHECK(cells[name] == r["name"]);
      // The score as the JSON contract gives it, with the rule file's one decimal.
      CHECK(cells[score] == (r["score"].is_null() ? std::string() : Exact::parse(r["score"].dump())->fixed(1)));
      CHECK(cells[verdict] == r["result"]);
      CHECK(cells[rank] == std::to_string(r["rank"].get<long>()));
      ++checked;
    }
    CHECK(row == table["rows"].size());
  }
  CHECK(checked == 29 + 14);

  // Every other table holds exactly the cells of the engine's table.
  for (std::size_t i = 0; i < tabled.size(); ++i) {
    const json& table = doc["tables"][i];
    const AnnexTable& expected = tabled[i]->table();
    INFO(tabled[i]->title);
    REQUIRE(table["rows"].size() == table["heading_rows"].size() + expected.rows.size());
    for (std::size_t r = 0; r < expected.rows.size(); ++r)
      CHECK(table["rows"][table["heading_rows"].size() + r].get<std::vector<std::string>>() == expected.rows[r].cells);
  }
}

TEST_CASE("the DOCX holds the title, the summary paragraphs, the failing list and the numbered annexes") {
  const Bulletin& b = dazu_quarter().bulletin;
  json doc = read_back(b, "dazu-text.docx");
  auto texts = paragraph_texts(doc);
  REQUIRE(!texts.empty());
  CHECK(texts[0] == "重庆市大足区政府网站和政务新媒体运行管理考核方案（2021年第一季度）");
  CHECK(doc["paragraphs"][0]["style"] == "Title");
  CHECK(has(texts, "一、总体情况"));
  CHECK(has(texts, "政府网站（专栏）：检查29个，合格25个，不合格4个，合格率86.21%；单项否决：站点无法访问1个、首页不更新1个。"));
  CHECK(has(texts, "政务新媒体：在册18个，检查14个，抽查率77.78%，合格12个，不合格2个，合格率85.71%；单项否决：内容不更新1个。"));
  CHECK(has(texts, "二、不合格情况"));
  CHECK(has(texts, "检查发现不合格6个："));
  // 29 + 14 units, 4 + 2 failing: each with its score, or its veto.
  CHECK(has(texts, "1. 智凤街道专栏（智凤街道办事处）：得分55.0分，低于60分。"));
  CHECK(has(texts, "3. 区交通局专栏（区交通局）：单项否决：首页不更新。"));
  CHECK(has(texts, "附件："));
  CHECK(has(texts, "1. 2021年第一季度检查情况汇总表"));
  CHECK(has(texts, "附件2"));
  CHECK(has(texts, "2021年第一季度政府网站（专栏）检查情况统计表"));
  // Fonts of official documents: 仿宋_GB2312 text, 黑体 headings, 宋体 title.
  for (const auto& p : doc["paragraphs"]) {
    if (p["text"] == "一、总体情况") CHECK(p["font"] == "黑体");
    if (p["text"] == "检查发现不合格6个：") CHECK(p["font"] == "仿宋_GB2312");
  }
  CHECK(doc["paragraphs"][0]["font"] == "宋体");
}

TEST_CASE("the DOCX annexes have the published two-row headings, repeated on every page") {
  const Bulletin& b = dazu_quarter().bulletin;
  json doc = read_back(b, "dazu-headings.docx");
  const json& sites = doc["tables"][1];
  CHECK(sites["heading_rows"] == json::array({0, 1}));
  const json& top = sites["rows"][0];
  const json& second = sites["rows"][1];
  std::size_t weekly = column(sites, "周扫描");
  // 内容更新（50分） spans its two parts; lone columns are two rows high.
  CHECK(top[weekly] == "内容更新（50分）");
  CHECK(top[weekly + 1] == "内容更新（50分）");
  CHECK(second[weekly + 1] == "季度检查");
  CHECK(top[column(sites, "名称")] == "名称");
  CHECK(top[column(sites, "政策解读（10分）")] == "政策解读（10分）");
  // A table of one heading row repeats that row.
  CHECK(doc["tables"][0]["heading_rows"] == json::array({0}));
}

TEST_CASE("wide annexes are on landscape pages, the text on portrait A4") {
  const Bulletin& b = dazu_quarter().bulletin;
  json doc = read_back(b, "dazu-pages.docx");
  const json& sections = doc["sections"];
  REQUIRE(sections.size() == 1 + bulletin_annexes(b).size());  // the text, then one per annex
  CHECK(sections[0]["orientation"] == "portrait");
  CHECK(sections[0]["width"] == 11906);
  CHECK(sections[0]["height"] == 16838);
  CHECK(sections[1]["orientation"] == "portrait");   // 附件1 汇总表: 8 columns
  CHECK(sections[2]["orientation"] == "landscape");  // 附件2 websites: 16 columns
  CHECK(sections[2]["width"] == 16838);
  CHECK(sections[3]["orientation"] == "landscape");  // 附件3 new media: 15 columns
}

TEST_CASE("the DOCX is the same bytes on every run, its entries dated 1980-01-01") {
  const Bulletin& b = dazu_quarter().bulletin;
  write_docx(b, temp_path("same-1.docx"));
  write_docx(b, temp_path("same-2.docx"));
  std::string first = slurp(temp_path("same-1.docx"));
  CHECK(first == slurp(temp_path("same-2.docx")));
  // Every local file header ("PK\3\4") holds MS-DOS time 0 and date 0x0021
  // (1980-01-01), and the first entry is [Content_Types].xml.
  std::size_t entries = 0;
  for (auto at = first.find("PK\x03\x04"); at != std::string::npos; at = first.find("PK\x03\x04", at + 4)) {
    auto u16 = [&](std::size_t i) { return static_cast<unsigned>(static_cast<unsigned char>(first[i])) |
                                           static_cast<unsigned>(static_cast<unsigned char>(first[i + 1])) << 8; };
    CHECK(u16(at + 10) == 0u);
    CHECK(u16(at + 12) == 0x21u);
    CHECK(u16(at + 28) == 0u);  // no extra field
    ++entries;
  }
  CHECK(entries == docx_parts(b).size());
  CHECK(first.compare(30, 19, "[Content_Types].xml") == 0);
}

TEST_CASE("text from the input cannot break the document's XML") {
  Batch batch = records_from(R"({"period": "2021Q1", "records": [
    {"id": "x", "name": "<w:p>A & B \"专栏\"]]>", "owner": "局", "target": "website", "region": "区", "veto": ["首页不更新"]}]})",
                             dazu());
  Bulletin b = make_bulletin(dazu(), batch);
  b.title = "关于<2021年>第一季度 & 的通报";
  json doc = read_back(b, "escaped.docx");
  auto texts = paragraph_texts(doc);
  CHECK(texts[0] == "关于<2021年>第一季度 & 的通报");
  CHECK(has(texts, "1. <w:p>A & B \"专栏\"]]>（局）：单项否决：首页不更新。"));  // control characters never load (records.cpp)
}

TEST_CASE("each section break is the last property of its paragraph, as the schema orders w:pPr") {
  // Word refuses a document whose w:pPr children are out of schema order;
  // LibreOffice and python-docx would read it anyway, so this is checked here.
  std::string document;
  for (const auto& part : docx_parts(dazu_quarter().bulletin))
    if (part.name == "word/document.xml") document = part.xml;
  REQUIRE(!document.empty());
  std::size_t breaks = 0;
  for (auto at = document.find("</w:sectPr>"); at != std::string::npos; at = document.find("</w:sectPr>", at + 1)) {
    std::string after = document.substr(at + 11, 8);
    CHECK((after == "</w:pPr>" || after == "</w:body"));
    ++breaks;
  }
  CHECK(breaks == 1 + bulletin_annexes(dazu_quarter().bulletin).size());
}
