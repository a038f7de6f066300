// Records: what a records file may say, and every way it can be wrong, with
// the exact message a user sees (file:line:column, record, field, reason).
#include "helpers.hpp"
#include "util/text.hpp"

using namespace govscore;
using namespace govscore::test;

namespace {

// Problems of one record (on line 2 of the file).
std::string problems_of(const std::string& record) { return record_problems(one_record(record), dazu()); }

}  // namespace

TEST_CASE("a record names indicators, parts and vetoes by id or by title") {
  Batch by_title = records_from(one_record(R"({"id": "a", "name": "甲", "target": "website",
      "deductions": {"周扫描": 10, "办事指南": 1}, "veto": ["首页不更新"], "bonus": 2})"),
                                dazu());
  Batch by_id = records_from(one_record(R"({"id": "a", "name": "甲", "target": "website",
      "deductions": {"weekly_scan": 10, "service_guide": 1}, "veto": ["homepage_stale"], "bonus": 2})"),
                             dazu());
  const Record& t = by_title.records.at(0);
  const Record& i = by_id.records.at(0);
  REQUIRE(t.deductions.size() == 2);
  REQUIRE(i.deductions.size() == 2);
  for (std::size_t k = 0; k < 2; ++k) {
    CHECK(t.deductions[k].indicator == i.deductions[k].indicator);
    CHECK(t.deductions[k].part == i.deductions[k].part);
    CHECK(t.deductions[k].points == i.deductions[k].points);
  }
  CHECK(t.deductions[0].indicator == 0);
  CHECK(t.deductions[0].part == std::optional<std::size_t>(0));
  CHECK(t.vetoes == std::vector<std::size_t>{2});
  CHECK(i.vetoes == t.vetoes);
  CHECK(*t.bonus_total() == Exact(2));
  CHECK(by_title.period == "2021Q1");
}

TEST_CASE("a record's deductions live in its batch's storage, as long as any copy of the batch does") {
  // Enough records that their entries (96 bytes a record) fill more than
  // the store's first block of 2 MiB; each record's points differ, so an
  // entry read from a wrong place shows.
  const int n = 30000;
  std::string text;
  for (int i = 0; i < n; ++i)
    text += R"({"period": "2021Q1", "id": "r)" + std::to_string(i) + R"(", "name": "甲", "target": "website", "deductions": {"周扫描": )" +
            std::to_string(i % 100) + R"(.5, "政策解读": )" + std::to_string(i % 7) + "}}\n";
  std::optional<Batch> copy;
  {
    Batch loaded = records_from(text, dazu(), "records.ndjson");
    copy = loaded;
  }
  REQUIRE(copy->records.size() == static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    const Record& r = copy->records[static_cast<std::size_t>(i)];
    REQUIRE(r.deductions.size() == 2);
    CHECK(r.deductions[0].points == *Exact::parse(std::to_string(i % 100) + ".5"));
    CHECK(r.deductions[1].points == Exact(i % 7));
    CHECK(r.deductions[1].indicator == 1);
  }
}

TEST_CASE("a record holds its bonus exactly, from the smallest to the largest the loader admits") {
  Record r;
  CHECK_FALSE(r.bonus_total());
  for (const char* points : {"0", "0.000001", "999999999.999999", "12.5"}) {
    r.set_bonus_total(*Exact::parse(points));
    CHECK(*r.bonus_total() == *Exact::parse(points));
  }
  CHECK_THROWS_AS(r.set_bonus_total(Exact(1, 3)), ArithmeticOverflow);
}

TEST_CASE("texts and keys with escapes are read unescaped, texts without as written") {
  // JSON and NDJSON: the reader views unescaped texts in place and unescapes the others.
  const std::string record =
      R"({"i\u0064": "a\"1", "name": "\u5927\u8db3 专栏\\", "owner": "区交通局", "target": "website", "note": "tab\there"})";
  for (const auto& [text, path] : {std::pair<std::string, std::string>{one_record(record), "records.json"},
                                   {R"({"period": "2021Q1", )" + record.substr(1) + "\n", "records.ndjson"}}) {
    INFO(path);
    Batch b = records_from(text, dazu(), path);
    REQUIRE(b.records.size() == 1);
    CHECK(b.records[0].id == "a\"1");
    CHECK(b.records[0].name == "大足 专栏\\");
    CHECK(b.records[0].owner == "区交通局");
    CHECK(b.records[0].details().note == "tab\there");
  }
}

TEST_CASE("line ends are counted as std::count counts them across the vector blocks and the tail") {
  // Blocks of 64 × 255 bytes are counted in 8-bit lanes: sizes around one
  // and two blocks, with a line end in every byte (the most a lane holds),
  // in none, and in a few.
  const std::size_t block = 64 * 255;
  for (std::size_t size : {std::size_t{0}, std::size_t{1}, block - 1, block, block + 1, 2 * block + 17, 5 * block}) {
    for (const char* pattern : {"\n", "x", "ab\ncd\n\n\"{}\"\r\n"}) {
      std::string s;
      while (s.size() < size) s += pattern;
      s.resize(size);
      INFO(size << " bytes of " << pattern);
      CHECK(text::count_line_ends(s) == static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')));
    }
  }
}

TEST_CASE("texts read from a records file stay readable after the file is replaced") {
  // Texts written as is are views of the mapped file, which the batch holds;
  // texts with escapes are copies. A later export written over the path
  // (a new file) must change neither.
  const std::string record =
      R"({"id": "a\"1", "name": "大足专栏", "owner": "区交通局", "target": "website", "note": "tab\there"})";
  for (const auto& [text, name] : {std::pair<std::string, std::string>{one_record(record), "held.json"},
                                   {R"({"period": "2021Q1", )" + record.substr(1) + "\n", "held.ndjson"}}) {
    INFO(name);
    const std::string path = std::string(GOVSCORE_TEST_TMP) + "/" + std::to_string(::getpid()) + "-" + name;
    std::ofstream(path) << text;
    RecordsLoad loaded = load_records({path}, dazu());
    REQUIRE_FALSE(loaded.diagnostics.has_errors());
    std::remove(path.c_str());
    std::ofstream(path) << std::string(text.size(), 'x');
    const Record& r = loaded.batch->records.at(0);
    CHECK(r.id == "a\"1");
    CHECK(r.name == "大足专栏");
    CHECK(r.owner == "区交通局");
    CHECK(r.details().note == "tab\there");
    Batch copy = *loaded.batch;  // a copy shares the store, and so the file
    loaded.batch.reset();
    CHECK(copy.records.at(0).name == "大足专栏");
    std::remove(path.c_str());
  }
}

TEST_CASE("not assessed: by list, by 不考核, or by public_services false") {
  const RuleSet& r = dazu();
  for (const char* record : {R"({"id": "a", "name": "甲", "target": "website", "not_assessed": ["办事指南"]})",
                             R"({"id": "a", "name": "甲", "target": "website", "deductions": {"办事指南": "不考核"}})",
                             R"({"id": "a", "name": "甲", "target": "website", "public_services": false})",
                             R"({"id": "a", "name": "甲", "target": "website", "public_services": false, "deductions": {"办事指南": 0}})"}) {
    INFO(record);
    Batch b = records_from(one_record(record), r);
    CHECK_FALSE(b.records[0].assessed(r, 3));
    CHECK(b.records[0].assessed(r, 0));
  }
}

TEST_CASE("NDJSON: one record per line, period from the records or --period") {
  std::string ndjson =
      "{\"id\": \"a\", \"name\": \"甲\", \"target\": \"website\", \"period\": \"2021Q1\"}\n"
      "\n"
      "{\"id\": \"b\", \"name\": \"乙\", \"target\": \"newmedia\", \"platform\": \"抖音\", \"deductions\": {\"周扫描\": 60}}\r\n";
  Batch b = records_from(ndjson, dazu(), "records.ndjson");
  CHECK(b.period == "2021Q1");
  REQUIRE(b.records.size() == 2);
  CHECK(b.records[1].platform == "抖音");
  CHECK(b.records[1].place.line == 3);

  LoadOptions options;
  options.period = "2021Q2";
  auto mixed = load_records_text(ndjson, "records.ndjson", dazu(), options);
  CHECK(mixed.diagnostics.str() ==
        "records.ndjson:1:57: error: period \"2021Q1\" (\"period\") differs from \"2021Q2\" given earlier (--period); score "
        "one period at a time\n");
}

TEST_CASE("NDJSON lines are checked one by one: a bad line does not hide the others") {
  std::string ndjson =
      "{\"id\": \"a\", \"name\": \"甲\", \"target\": \"website\", \"period\": \"2021Q1\"}\n"
      "{\"id\": \"b\", \"name\": \"乙\", \"target\": \"website\",}\n"
      "[1, 2]\n"
      "{\"id\": \"c\", \"name\": \"丙\", \"target\": \"web\"}\n";
  CHECK(record_problems(ndjson, dazu(), "x.ndjson") ==
        "x.ndjson:2:46: error: invalid JSON: syntax error while parsing object key - unexpected '}'; expected string literal\n"
        "x.ndjson:3:1: error: each line of an NDJSON file is one record: a JSON object\n"
        "x.ndjson:4:36: error: record \"c\": target: unknown target \"web\" in rules dazu-2020 (one of: website, 政府网站（专栏）, newmedia, 政务新媒体)\n");
}

TEST_CASE("missing id, name and target are named") {
  CHECK(problems_of(R"({"name": "甲", "target": "website"})") == "records.json:2:1: error: record #1: missing \"id\"\n");
  CHECK(problems_of(R"({"id": "a", "target": "website"})") == "records.json:2:1: error: record \"a\": missing \"name\"\n");
  CHECK(problems_of(R"({"id": "a", "name": "甲"})") ==
        "records.json:2:1: error: record \"a\": missing \"target\" (one of: website, 政府网站（专栏）, newmedia, 政务新媒体)\n");
  CHECK(problems_of(R"({"id": "", "name": "甲", "target": "website"})") ==
        "records.json:2:8: error: record #1: id must not be empty\n");
  CHECK(problems_of(R"({"id": 7, "name": "甲", "target": "website"})") ==
        "records.json:2:8: error: record #1: id must be a text (in quotes)\n");
}

TEST_CASE("unknown target and unknown indicator suggest the nearest name") {
  CHECK(problems_of(R"({"id": "a", "name": "甲", "target": "webiste"})") ==
        "records.json:2:36: error: record \"a\": target: unknown target \"webiste\" in rules dazu-2020 (did you mean "
        "\"website\"?) (one of: website, 政府网站（专栏）, newmedia, 政务新媒体)\n");
  CHECK(problems_of(R"({"id": "a", "name": "甲", "target": "website", "deductions": {"周扫秒": 10}})") ==
        "records.json:2:62: error: record \"a\": deductions: unknown indicator \"周扫秒\" of target website (did you mean "
        "\"周扫描\"?)\n");
  CHECK(problems_of(R"({"id": "a", "name": "甲", "target": "website", "deductions": {"功能设计": 1}})") ==
        "records.json:2:62: error: record \"a\": deductions: unknown indicator \"功能设计\" of target website\n");
}

TEST_CASE("duplicate ids are errors, pointing at the first") {
  CHECK(record_problems("{\"period\": \"2021Q1\", \"records\": [\n"
                        "{\"id\": \"a\", \"name\": \"甲\", \"target\": \"website\"},\n"
                        "{\"id\": \"a\", \"name\": \"乙\", \"target\": \"website\"}]}",
                        dazu()) == "records.json:3:8: error: record \"a\": duplicate id (first in records.json line 2)\n");
}

TEST_CASE("points must be plain non-negative numbers") {
  struct Case {
    const char* value;
    const char* message;
  };
  auto c = GENERATE(Case{"-3", "points must not be negative (-3); deductions are entered as positive points"},
                    Case{"-0", "points must not be negative (-0); deductions are entered as positive points"},
                    Case{"\"10\"", "points must be a number, not the text \"10\" (remove the quotes)"},
                    Case{"\"十\"", "points must be a number, not the text \"十\""},
                    Case{"1e309", "points 1e309 are out of range (at most 1000000000)"},
                    Case{"0.1234567", "points 0.1234567 have more than 6 decimals"},
                    Case{"true", "points must be a number"}, Case{"[1]", "points must be a number"});
  INFO(c.value);
  CHECK(problems_of(std::string(R"({"id": "a", "name": "甲", "target": "website", "deductions": {"季度检查": )") + c.value +
                    "}}") == std::string("records.json:2:70: error: record \"a\": deductions: \"季度检查\": ") + c.message + "\n");
}

TEST_CASE("NaN and Infinity are not JSON") {
  CHECK(problems_of(R"({"id": "a", "name": "甲", "target": "website", "deductions": {"季度检查": NaN}})") ==
        "records.json:2:70: error: invalid JSON: syntax error while parsing value - invalid literal; last read: '\"季度检查\": N'\n");
  CHECK(problems_of(R"({"id": "a", "name": "甲", "target": "website", "deductions": {"季度检查": Infinity}})") ==
        "records.json:2:70: error: invalid JSON: syntax error while parsing value - invalid literal; last read: '\"季度检查\": I'\n");
}

TEST_CASE("a syntax error that stops inside a character quotes its byte as \\xE5, so the message stays UTF-8") {
  CHECK(problems_of(R"({"id": "a", "name": "甲", "target": "website", "deductions": {"季度检查": 字}})") ==
        "records.json:2:70: error: invalid JSON: syntax error while parsing value - invalid literal; last read: "
        "'\"季度检查\": \\xE5'\n");
}

TEST_CASE("an NDJSON line that starts with a byte-order mark is said to, as a file that starts with one is") {
  const auto loaded = load_records_text(
      "{\"period\":\"2021Q1\",\"id\":\"a\",\"name\":\"n\",\"target\":\"newmedia\"}\n"
      "\xEF\xBB\xBF{\"id\":\"b\",\"name\":\"n\",\"target\":\"newmedia\"}\n",
      "joined.ndjson", dazu());
  REQUIRE(loaded.diagnostics.items().size() == 1);
  const auto& d = loaded.diagnostics.items()[0];
  CHECK(d.line == 2);
  CHECK(d.column == 1);
  CHECK(d.message ==
        "this line starts with a UTF-8 byte-order mark (BOM), which JSON does not allow; was the file joined from files "
        "saved with one?");
  CHECK(d.code == "bom");
}

TEST_CASE("vetoes must be veto indicators of the record's target") {
  CHECK(problems_of(R"({"id": "a", "name": "甲", "target": "website", "veto": ["内容更新", "首页不跟新", "内容不更新"]})") ==
        "records.json:2:56: error: record \"a\": veto: not a veto indicator \"内容更新\" of target website\n"
        "records.json:2:64: error: record \"a\": veto: unknown veto indicator \"首页不跟新\" of target website (did you mean "
        "\"首页不更新\"?)\n"
        "records.json:2:73: error: record \"a\": veto: unknown veto indicator \"内容不更新\" of target website\n");
}

TEST_CASE("not_assessed names whole indicators that exist") {
  CHECK(problems_of(R"({"id": "a", "name": "甲", "target": "website", "not_assessed": ["周扫描", "办事指"]})") ==
        "records.json:2:64: error: record \"a\": not_assessed: \"周扫描\" is a part of \"内容更新\"; only whole indicators can "
        "be not assessed\n"
        "records.json:2:71: error: record \"a\": not_assessed: unknown deduction indicator \"办事指\" of target website (did "
        "you mean \"办事指南\"?)\n");
}

TEST_CASE("points for a not-assessed indicator contradict it") {
  CHECK(problems_of(R"({"id": "a", "name": "甲", "target": "website", "public_services": false, "deductions": {"办事指南": 2}})") ==
        "records.json:2:88: error: record \"a\": deductions: points given for \"办事指南\", which is not assessed (不考核) "
        "(the unit has no public-facing services)\n");
}

TEST_CASE("an indicator with parts is entered by its parts, once") {
  CHECK(problems_of(R"({"id": "a", "name": "甲", "target": "website", "deductions": {"内容更新": 3}})") ==
        "records.json:2:62: error: record \"a\": deductions: \"内容更新\": this indicator is entered by its parts (周扫描, "
        "季度检查)\n");
  CHECK(problems_of(R"({"id": "a", "name": "甲", "target": "website", "deductions": {"周扫描": 3, "weekly_scan": 2}})") ==
        "records.json:2:72: error: record \"a\": deductions: \"weekly_scan\": given twice (also as \"周扫描\")\n");
}

TEST_CASE("unknown fields, duplicate keys and bonus misuse are errors") {
  CHECK(problems_of(R"({"id": "a", "name": "甲", "target": "website", "deduction": {}})") ==
        "records.json:2:47: error: record \"a\": unknown field \"deduction\" (did you mean \"deductions\"?)\n");
  CHECK(problems_of(R"({"id": "a", "name": "甲", "name": "乙", "target": "website"})") ==
        "records.json:2:26: error: duplicate key \"name\" in one object (first on line 2)\n");
  CHECK(problems_of(R"({"id": "a", "name": "甲", "target": "website", "bonus": {"创新": 1}})") ==
        "records.json:2:57: error: record \"a\": bonus: unknown bonus item \"创新\" (this bonus has no items: give it as a "
        "number, e.g. \"bonus\": 5)\n");
  CHECK(problems_of(R"({"id": "a", "name": "甲", "target": "website", "public_services": "否"})") ==
        "records.json:2:66: error: record \"a\": public_services must be true or false\n");
}

TEST_CASE("every error target has nothing left to score") {
  RuleSet r = rules_from(
      "id: t\ntitle: 测试\ntargets:\n  - id: w\n    title: 网站\n    deductions:\n"
      "      - {id: a, title: 甲, max: 100, requires_public_services: true}\n");
  CHECK(record_problems(one_record(R"({"id": "a", "name": "甲", "target": "w", "public_services": false})"), r) ==
        "records.json:2:1: error: record \"a\": every deduction indicator is not assessed; nothing is left to score\n");
}

TEST_CASE("malformed JSON is reported at its line and column") {
  struct Case {
    const char* text;
    const char* message;
  };
  auto c = GENERATE(
      Case{"{\"period\": \"2021Q1\", \"records\": [\n  {\"id\": \"a\",, }\n]}",
           "records.json:2:14: error: invalid JSON: syntax error while parsing object key - unexpected ','; expected string "
           "literal\n"},
      Case{"{\"period\": \"2021Q1\", \"records\": [\n  {\"id\": \"a\", \"name\": \"b\", \"target\": \"website\"},\n]}",
           "records.json:3:1: error: invalid JSON: syntax error while parsing value - unexpected ']'; expected '[', '{', or a "
           "literal\n"},
      Case{"{\"period\": \"2021Q1\", \"records\": [\n  {\"id\": \"a\", \"name\": \"b\", \"target\": \"website\"}\n]",
           "records.json:3:2: error: invalid JSON: syntax error while parsing object - unexpected end of input; expected "
           "'}'\n"},
      Case{"", "records.json: error: the file is empty: expected {\"period\": …, \"records\": […]}\n"},
      Case{"{\"period\": \"2021Q1\", \"records\": []}", "records.json: error: no records to score\n"},
      Case{"\xEF\xBB\xBF{\"period\": \"2021Q1\", \"records\": []}",
           "records.json:1:1: error: the file starts with a UTF-8 byte-order mark (BOM), which JSON does not allow; save it "
           "as UTF-8 without BOM\n"},
      Case{"{\"period\": \"2021Q1\", \"records\": [\n{\"id\": \"a\", \"name\": \"\xB4\xF3\xD7\xE3\", \"target\": \"website\"}]}",
           "records.json:2:22: error: not valid UTF-8 (byte 55 is 0xB4); save the file as UTF-8 (GBK is not accepted in "
           "JSON)\n"},
      Case{"[{\"id\": \"a\"}]",
           "records.json:1:1: error: a records file is a JSON object: {\"period\": …, \"records\": […]} (or use .ndjson for "
           "one record per line)\n"},
      Case{"{\"period\": \"2021Q1\", \"records\": {}}", "records.json:1:22: error: \"records\" must be a list of records\n"},
      Case{"{\"period\": \"2021Q1\", \"record\": []}",
           "records.json:1:1: error: missing \"records\": the list of inspection records\n"
           "records.json:1:22: error: unknown top-level key \"record\" (did you mean \"records\"?)\n"});
  INFO(c.text);
  CHECK(record_problems(c.text, dazu()) == c.message);
}

TEST_CASE("a records file without a period needs --period") {
  std::string json = "{\"records\": [{\"id\": \"a\", \"name\": \"甲\", \"target\": \"website\"}]}";
  CHECK(record_problems(json, dazu()) == "records.json:1:1: error: missing \"period\" (e.g. \"2021Q1\"), or give --period\n");
  LoadOptions options;
  options.period = "2021Q1";
  auto loaded = load_records_text(json, "records.json", dazu(), options);
  REQUIRE(loaded.batch);
  CHECK(loaded.batch->period == "2021Q1");
}

TEST_CASE("nesting deeper than any record needs is refused without recursion") {
  std::string deep = std::string(10000, '[') + std::string(10000, ']');
  std::string json = "{\"period\": \"2021Q1\", \"records\": [{\"id\": \"a\", \"name\": \"甲\", \"target\": \"website\", \"note\": " +
                     deep + "}]}";
  // The note starts at column 83; its 14th bracket (column 96) is level 16.
  CHECK(record_problems(json, dazu()) == "records.json:1:88: error: record \"a\": note must be a text (in quotes)\n"
                                         "records.json:1:102: error: nested deeper than 16 levels\n");
}

TEST_CASE("files that cannot be read are named, and all files are checked") {
  auto loaded = load_records({"no/such.json", "no/other.json"}, dazu());
  CHECK(loaded.diagnostics.str() ==
        "no/such.json: error: cannot open: No such file or directory\n"
        "no/other.json: error: cannot open: No such file or directory\n");
}

TEST_CASE("a table that only says 单项否决 是 can say \"veto\": true") {
  Batch yes = records_from(one_record(R"({"id": "a", "name": "甲", "target": "website", "veto": true})"), dazu());
  CHECK(yes.records[0].vetoes == std::vector<std::size_t>{kUnnamedVeto});
  CHECK(dazu().targets[0].veto_title(kUnnamedVeto) == "单项否决");
  Batch no = records_from(one_record(R"({"id": "a", "name": "甲", "target": "website", "veto": false})"), dazu());
  CHECK(no.records[0].vetoes.empty());
  CHECK(problems_of(R"({"id": "a", "name": "甲", "target": "website", "veto": 1})") ==
        "records.json:2:55: error: record \"a\": veto must be a list of indicator names (or true/false)\n");
}

TEST_CASE("加分 typed among the deductions points to the bonus field") {
  CHECK(problems_of(R"({"id": "a", "name": "甲", "target": "website", "deductions": {"加分": 5}})") ==
        "records.json:2:62: error: record \"a\": deductions: \"加分\" is the bonus: give it as \"bonus\": points, beside "
        "deductions\n");
}

TEST_CASE("a rule file or a folder given as records is named as such") {
  CHECK(load_records({source_path("rules/dazu-2020.yaml")}, dazu()).diagnostics.str() ==
        source_path("rules/dazu-2020.yaml") +
            ": error: a YAML file given as records; records are JSON, NDJSON, CSV or XLSX (is this the rule file? give "
            "it with --rules)\n");
  CHECK(load_records({source_path("samples")}, dazu()).diagnostics.str() ==
        source_path("samples") + ": error: is a directory, not a file\n");
}
