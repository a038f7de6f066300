// Facts that are lists of events (messages with received/answered dates),
// the list functions over them, their evidence in the trace, the rule file's
// named lists in the summary, and audit of published counts and names.
#include <sys/stat.h>

#include "govscore/audit.hpp"
#include "govscore/bulletin.hpp"
#include "govscore/calendar.hpp"
#include "govscore/explain.hpp"
#include "govscore/html.hpp"
#include "helpers.hpp"

using namespace govscore;
using namespace govscore::test;

namespace {

// Replies are judged in working days on the official calendar: a unit is on
// the list when it answered every message within 1 working day, and is
// vetoed when any message waited more than 5 (or is unanswered).
const char* kReplyRules = R"yaml(id: replies
title: 留言答复
calendar: cn-official
facts:
  messages: {list: {received: date, answered: date}}
targets:
  - id: website
    title: 政府网站
    veto:
      - id: slow
        title: 留言答复超期
        when: not all(messages, has(answered) and working_days(received, answered) <= 5)
    deductions:
      - {id: late, title: 留言超1个工作日, max: 100, points: "2 * count(messages, not has(answered) or working_days(received, answered) > 1)"}
lists:
  - id: reply_1
    title: 1个工作日内在线答复留言的政府网站名单
    target: website
    when: count(messages) > 0 and all(messages, has(answered) and working_days(received, answered) <= 1)
    by: group
)yaml";

const RuleSet& reply_rules() {
  static const RuleSet rules = rules_from(kReplyRules);
  return rules;
}

std::string unit(const std::string& id, const std::string& group, const std::string& messages) {
  return R"({"id": ")" + id + R"(", "name": ")" + id + R"(网", "target": "website", "group": ")" + group +
         R"(", "facts": {"messages": [)" + messages + "]}}";
}

std::string message(const std::string& received, const std::string& answered) {
  return R"({"received": ")" + received + R"(", "answered": )" +
         (answered == "null" ? answered : "\"" + answered + "\"") + "}";
}

// A quarter across the 2024 Spring Festival (2月10日至17日放假，2月4日、18日上班).
std::string spring_festival_quarter() {
  return "{\"period\": \"2024Q1\", \"window\": {\"to\": \"2024-03-31\"}, \"records\": [\n" +
         // 2 Feb (Fri) → 4 Feb (Sun, worked): 1; 9 Feb → 18 Feb (Sun, worked): 1.
         unit("a", "区县", message("2024-02-02", "2024-02-04") + ", " + message("2024-02-09", "2024-02-18")) + ",\n" +
         // 8 Feb → 19 Feb: 9, 18, 19 = 3 working days: not on the list, 2 points.
         unit("b", "区县", message("2024-02-08", "2024-02-19") + ", " + message("2024-03-01", "2024-03-04")) + ",\n" +
         // No messages: count 0, not on the list, nothing deducted.
         unit("c", "部门", "") + ",\n" +
         // 1 Mar (Fri) → 4 Mar (Mon): 1.
         unit("d", "部门", message("2024-03-01", "2024-03-04")) + ",\n" +
         // Unanswered: vetoed, not on the list.
         unit("e", "部门", message("2024-03-01", "null")) + "\n]}";
}

}  // namespace

TEST_CASE("list functions count events on working days, and the named list holds exactly the units that meet it") {
  Batch batch = records_from(spring_festival_quarter(), reply_rules());
  Bulletin b = make_bulletin(reply_rules(), batch);
  REQUIRE(b.summary.lists.size() == 1);
  const auto& list = b.summary.lists[0];
  CHECK(list.count() == 2);
  REQUIRE(list.parts.size() == 2);
  CHECK(list.parts[0].heading == "区县");
  CHECK(list.parts[0].records == std::vector<std::size_t>{0});
  CHECK(list.parts[1].heading == "部门");
  CHECK(list.parts[1].records == std::vector<std::size_t>{3});
  CHECK(named_list_lines(b, list) == std::vector<std::string>{"1个工作日内在线答复留言的政府网站名单（2个）",
                                                              "区县（1个）：a网。", "部门（1个）：d网。"});
  // e's unanswered message fires the veto; b loses 2 points for one slow reply.
  std::vector<std::string> verdicts;
  for (const auto& r : score(reply_rules(), batch))
    verdicts.push_back(std::string(batch.records[r.record].id) + " " + r.verdict() +
                       (r.has_score() ? " " + r.score()->fixed(1) : ""));
  CHECK(verdicts ==
        std::vector<std::string>{"a 合格 100.0", "b 合格 98.0", "c 合格 100.0", "d 合格 100.0", "e 不合格"});
}

TEST_CASE("the trace shows how many events met the condition and the first that are the evidence, with working days") {
  Batch batch = records_from(spring_festival_quarter(), reply_rules());
  const auto& evidence = batch.records[1].details().evidence;
  REQUIRE(evidence.size() == 2);
  CHECK(evidence[1].text ==
        "2 * count(messages, not has(answered) or working_days(received, answered) > 1) with messages = 2 events = 2; "
        "messages: 2 events, 1 meets the condition of count(): #1 (received 2024-02-08, answered 2024-02-19; 3 working "
        "days)");
  const auto& vetoed = batch.records[4].details().evidence;
  REQUIRE_FALSE(vetoed.empty());
  CHECK(
      vetoed[0].text ==
      "not all(messages, has(answered) and working_days(received, answered) <= 5) with messages = 1 event; messages: 1 "
      "event, 0 meet the condition of all(), 1 does not: #1 (received 2024-03-01, answered null)");
  // The same tallies in Chinese, as explain --lang zh shows them (checked
  // by hand against the English above: the same figures, in the same order).
  CHECK(evidence[1].words.str(Language::kChinese) ==
        "2 * count(messages, not has(answered) or working_days(received, answered) > 1)，其中 messages = 2条，结果 = 2；"
        "messages：2条，1条符合 count() 的条件：第1条（received 2024-02-08，answered 2024-02-19；3个工作日）");
  CHECK(vetoed[0].words.str(Language::kChinese) ==
        "not all(messages, has(answered) and working_days(received, answered) <= 5)，其中 messages = 1条；"
        "messages：1条，0条符合 all() 的条件，1条不符合：第1条（received 2024-03-01，answered null）");
}

TEST_CASE("share is a fraction, 0 when there are no events; any, max and min over events") {
  FactList facts{{"messages", ValueType::kList, {{"received", ValueType::kDate}, {"answered", ValueType::kDate}}}};
  using Events = std::vector<std::pair<const char*, const char*>>;  // received, answered (nullptr: null)
  auto date = [](const char* iso) {
    FactValue f;
    f.null = iso == nullptr;
    f.value.type = ValueType::kDate;
    f.value.date = iso ? calendar::parse_date(iso).value() : 0;
    return f;
  };
  auto eval = [&](const std::string& text, const Events& events) -> std::string {
    std::string message;
    int column = 0;
    auto e = Expression::parse(text, facts, std::nullopt, message, column, builtin_calendar("cn-official"));
    INFO(text << ": " << message);
    REQUIRE(e);
    auto list = std::make_shared<EventList>();
    for (const auto& [received, answered] : events) list->events.push_back({date(received), date(answered)});
    FactValue messages;
    messages.value.type = ValueType::kList;
    messages.value.events = list;
    auto outcome = e->evaluate({messages}, std::nullopt);
    return outcome.value ? format_value(*outcome.value) : "problem";
  };
  // 8 Feb → 19 Feb 2024: 3 working days; 1 Mar → 4 Mar: 1; the same day: 0.
  const Events three{{"2024-02-08", "2024-02-19"}, {"2024-03-01", "2024-03-04"}, {"2024-03-05", "2024-03-05"}};
  CHECK(eval("share(messages, working_days(received, answered) <= 1)", three) == "0.67");  // 2 of 3
  CHECK(eval("share(messages, working_days(received, answered) <= 1)", {}) == "0");
  CHECK(eval("count(messages)", three) == "3");
  CHECK(eval("any(messages, working_days(received, answered) > 1)", three) == "是");
  CHECK(eval("all(messages, working_days(received, answered) > 1)", {}) == "是");  // vacuously
  CHECK(eval("max(messages, working_days(received, answered))", three) == "3");
  CHECK(eval("min(messages, answered)", three) == "2024-02-19");
  CHECK(eval("max(messages, working_days(received, answered))", {}) == "problem");  // no events, no maximum
  CHECK(eval("count(messages, has(answered))", {{"2024-03-01", nullptr}, {"2024-03-01", "2024-03-01"}}) == "1");
  CHECK(eval("max(3, 4)", {}) == "4");  // the two-number max is still there
}

TEST_CASE("list expressions: errors at load name the place and the reason") {
  auto problems = [](const std::string& when, const std::string& calendar = "calendar: cn-official\n") {
    return rule_problems(
        "id: r\ntitle: t\n" + calendar +
        "facts:\n  messages: {list: {received: date, answered: date}}\n  total: number\n"
        "targets:\n  - id: w\n    title: 网站\n    veto:\n      - id: v\n        title: 否决\n        when: " +
        when + "\n");
  };
  CHECK(problems("all(messages, working_days(received, answered) <= 1)", "") ==
        "rules.yaml:12:29: error: target \"w\": veto \"否决\": when: working_days() needs a calendar: add \"calendar: "
        "cn-official\" (or a calendar file) to the rule file\n");
  CHECK(problems("all(total, true)") ==
        "rules.yaml:13:19: error: target \"w\": veto \"否决\": when: all() takes a list fact first (declared as {list: "
        "{…}})\n");
  CHECK(problems("share(messages) > 0") ==
        "rules.yaml:13:15: error: target \"w\": veto \"否决\": when: share(messages, …) needs a condition over the "
        "events as "
        "its second argument\n");
  CHECK(problems("any(messages, recieved > answered)") ==
        "rules.yaml:13:29: error: target \"w\": veto \"否决\": when: unknown fact \"recieved\" (did you mean "
        "\"received\"?)\n");
  CHECK(problems("messages == messages") ==
        "rules.yaml:13:24: error: target \"w\": veto \"否决\": when: \"==\" cannot compare lists; compare count(…) or "
        "share(…)\n");
  CHECK(problems("count(messages) > 0", "calendar: cn-oficial\n") ==
        "rules.yaml:3:11: error: calendar: no built-in calendar \"cn-oficial\" (did you mean \"cn-official\"?) (a "
        "calendar "
        "file is named by its path, e.g. calendars/cn-oficial.yaml)\n");
}

TEST_CASE("records: list facts are checked event by event, and a year outside the calendar is an error") {
  auto problems = [](const std::string& messages) {
    return record_problems("{\"period\": \"2024Q1\", \"window\": {\"to\": \"2024-03-31\"}, \"records\": [\n" +
                               unit("a", "区县", messages) + "\n]}",
                           reply_rules());
  };
  CHECK(problems(R"({"received": "2024-02-30", "answered": null})") ==
        "records.json:2:99: error: record \"a\": facts: \"messages\" #1: \"received\" must be a date (YYYY-MM-DD), not "
        "\"2024-02-30\"\n");
  CHECK(problems(R"({"recieved": "2024-02-01"})") ==
        "records.json:2:87: error: record \"a\": facts: \"messages\" #1: \"recieved\": unknown field of messages (did "
        "you "
        "mean \"received\"?)\n");
  CHECK(
      problems(message("2026-12-30", "2027-01-04")) ==
      // Each rule that counts says so: the veto, the points and the named list.
      "records.json:2:72: error: record \"a\": 留言答复超期 (when) counts working days to 2027-01-04 (messages #1: "
      "answered), in 2027, a year calendar cn-official does not cover (2019–2026)\n"
      "records.json:2:72: error: record \"a\": 留言超1个工作日 (points) counts working days to 2027-01-04 (messages "
      "#1: "
      "answered), in 2027, a year calendar cn-official does not cover (2019–2026)\n"
      "records.json:2:72: error: record \"a\": list \"reply_1\" (when) counts working days to 2027-01-04 (messages #1: "
      "answered), in 2027, a year calendar cn-official does not cover (2019–2026)\n");
}

TEST_CASE("the sample quarter of messages: every unit as its note computes it, and both named lists exactly") {
  auto rules_load = load_rules(source_path("samples/replies-2024q1.rules.yaml"));
  INFO(rules_load.diagnostics.str());
  REQUIRE(rules_load.rules);
  const RuleSet& rules = *rules_load.rules;
  auto loaded = load_records({source_path("samples/replies-2024q1.json")}, rules);
  INFO(loaded.diagnostics.str());
  REQUIRE(loaded.batch);
  const Batch& batch = *loaded.batch;
  for (const auto& r : score(rules, batch)) {
    std::string note(batch.records[r.record].details().note);
    INFO(batch.records[r.record].id << ": " << note);
    if (note.find("单项否决") != std::string::npos) {
      CHECK(r.vetoed());
    } else {
      CHECK(r.score()->fixed(1) == note.substr(note.rfind("= ") + 2));
    }
  }
  // The lists, worked out by hand in the notes: within 1 working day every
  // time — hx-01, hx-03, by-02; within 5 every time — all but wd-01 (6
  // working days), wd-02 (unanswered) and wd-03 (no messages).
  Bulletin b = make_bulletin(rules, batch);
  REQUIRE(b.summary.lists.size() == 2);
  CHECK(named_list_lines(b, b.summary.lists[0]) ==
        std::vector<std::string>{"1个工作日内在线答复留言的政府网站名单（3个）", "区县（1个）：花溪区人民政府网。",
                                 "部门（2个）：花溪区卫健局网站、白云区住建局网站。"});
  CHECK(named_list_lines(b, b.summary.lists[1]) ==
        std::vector<std::string>{"留言全部在5个工作日内答复的政府网站（按地区）（5个）",
                                 "花溪区（3个）：花溪区人民政府网、花溪区教育局网站、花溪区卫健局网站。",
                                 "白云区（2个）：白云区人民政府网、白云区住建局网站。"});
}

TEST_CASE("audit: a published count that disagrees with its own names, and names that disagree with the records") {
  // As in the Chongqing bulletin: the count says one more than the names listed.
  std::string quarter = spring_festival_quarter();
  quarter.insert(
      quarter.find("\"records\""),
      R"("published_summary": {"website": {"lists": {"reply_1": {"count": 3, "names": ["a网", "c网"]}}}}, )");
  Batch batch = records_from(quarter, reply_rules());
  std::vector<std::string> lines;
  for (const auto& d : audit(reply_rules(), batch))
    if (d.kind == Disagreement::Kind::kSummary)
      lines.push_back(d.subject + " | " + d.published + " | " + d.expected + " | " + d.why);
  CHECK(
      lines ==
      std::vector<std::string>{
          "名单“1个工作日内在线答复留言的政府网站名单” | 3个 (count) | 2个 (names) | the publication's count "
          "disagrees with the 2 names it lists",
          "名单“1个工作日内在线答复留言的政府网站名单” | 3个 | 2个 | units the records and rules put in it",
          "名单“1个工作日内在线答复留言的政府网站名单”：c网 | listed | not in it | the records and rules leave it out",
          "名单“1个工作日内在线答复留言的政府网站名单”：d网 | not listed | listed | record d belongs in it"});
}

TEST_CASE(
    "named lists appear in every format: summary text, JSON and Markdown, the web page and the workbook's table") {
  Batch batch = records_from(spring_festival_quarter(), reply_rules());
  Bulletin b = make_bulletin(reply_rules(), batch);
  const std::string lines = "1个工作日内在线答复留言的政府网站名单（2个）\n区县（1个）：a网。\n部门（1个）：d网。\n";
  CHECK(render_summary_text(b).find("\n名单\n" + lines) != std::string::npos);
  CHECK(render_bulletin_markdown(b).find(
            "名单\n\n- 1个工作日内在线答复留言的政府网站名单（2个）\n  - 区县（1个）：a网。\n  - "
            "部门（1个）：d网。\n") != std::string::npos);
  CHECK(render_html(b).find(
            "<h2>名单</h2>\n<ul>\n<li>1个工作日内在线答复留言的政府网站名单（2个）</li>\n<li>区县（1个）：a网。</li>\n"
            "<li>部门（1个）：d网。</li>\n</ul>") != std::string::npos);
  CHECK(render_summary_json(b).find(R"("lists": [
    {
      "id": "reply_1",
      "title": "1个工作日内在线答复留言的政府网站名单",
      "count": 2,
      "units": [
        {
          "id": "a",
          "name": "a网",
          "group": "区县",
          "region": ""
        },
        {
          "id": "d",
          "name": "d网",
          "group": "部门",
          "region": ""
        }
      ]
    }
  ],)") != std::string::npos);
  AnnexTable table = named_lists_table(b);
  REQUIRE(table.rows.size() == 2);
  CHECK(table.rows[0].cells == std::vector<std::string>{"1个工作日内在线答复留言的政府网站名单", "区县", "1", "a网"});
  CHECK(table.rows[1].cells == std::vector<std::string>{"1个工作日内在线答复留言的政府网站名单", "部门", "1", "d网"});
}

TEST_CASE("from spreadsheets, a list fact's events come from a CSV file beside the records, one row per event") {
  const std::string dir = fresh_folder("event-tables");
  auto write = [&](const std::string& name, const std::string& text) { write_file(dir + "/" + name, text); };
  write("quarter.csv", "id,名称,分组\na,a网,区县\nb,b网,部门\nc,c网,部门\n");
  // a: 2 Feb → 4 Feb (Sun, worked) = 1 working day. b: the second message is
  // unanswered (a blank cell is "not given"). c: no rows, so no messages.
  write("quarter.messages.csv",
        "id,received,answered\na,2024-02-02,2024-02-04\nb,2024-02-08,2024-02-19\nb,2024-03-01,\n");
  LoadOptions options;
  options.period = "2024Q1";
  options.as_of = "2024-03-31";
  auto loaded = load_records({dir + "/quarter.csv"}, reply_rules(), options);
  INFO(loaded.diagnostics.str());
  REQUIRE(loaded.batch);
  Bulletin b = make_bulletin(reply_rules(), *loaded.batch);
  CHECK(named_list_lines(b, b.summary.lists[0]) ==
        std::vector<std::string>{"1个工作日内在线答复留言的政府网站名单（1个）", "区县（1个）：a网。"});
  std::vector<std::string> verdicts;
  for (const auto& r : b.ranked)
    verdicts.push_back(std::string(loaded.batch->records[r.record].id) + " " + r.verdict());
  CHECK(verdicts == std::vector<std::string>{"a 合格", "c 合格", "b 不合格"});

  write("quarter.messages.csv", "编号,recieved,answered\nz,2024-02-02,2024-02-04\n");
  CHECK(load_records({dir + "/quarter.csv"}, reply_rules(), options).diagnostics.str() ==
        dir +
            "/quarter.messages.csv:1:4: error: unknown heading \"recieved\" (did you mean \"received\"?) (one of: id, "
            "received, answered)\n");
  write("quarter.messages.csv", "编号,received,answered\nz,2024-02-02,2024-02-04\n");
  CHECK(load_records({dir + "/quarter.csv"}, reply_rules(), options).diagnostics.str() ==
        dir + "/quarter.messages.csv:2:1: error: no record has id \"z\"\n");
}

TEST_CASE("two quarter files numbered 1…n: each file's events name its units by their numbers in it") {
  const std::string dir = fresh_folder("event-tables-two");
  auto write = [&](const std::string& name, const std::string& text) { write_file(dir + "/" + name, text); };
  // 区县 1: 2 Feb → 4 Feb (Sun, worked) = 1 working day, on the list.
  // 部门 1: 8 Feb → 19 Feb = 3 working days, not on it (2 points).
  write("区县.csv", "序号,名称,分组\n1,a网,区县\n");
  write("区县.messages.csv", "id,received,answered\n1,2024-02-02,2024-02-04\n");
  write("部门.csv", "序号,名称,分组\n1,b网,部门\n");
  write("部门.messages.csv", "id,received,answered\n1,2024-02-08,2024-02-19\n");
  LoadOptions options;
  options.period = "2024Q1";
  options.as_of = "2024-03-31";
  options.target = "website";
  auto loaded = load_records({dir + "/区县.csv", dir + "/部门.csv"}, reply_rules(), options);
  INFO(loaded.diagnostics.str());
  REQUIRE(loaded.batch);
  Bulletin b = make_bulletin(reply_rules(), *loaded.batch);
  CHECK(named_list_lines(b, b.summary.lists[0]) ==
        std::vector<std::string>{"1个工作日内在线答复留言的政府网站名单（1个）", "区县（1个）：a网。"});
  std::vector<std::string> scores;
  for (const auto& r : b.ranked)
    scores.push_back(std::string(loaded.batch->records[r.record].id) + " " + r.score()->fixed(1));
  CHECK(scores == std::vector<std::string>{"区县-1 100.0", "部门-1 98.0"});
}

TEST_CASE("from a workbook, a list fact's events come from the sheet named after it, date cells as dates") {
  // tests/data/events/replies.xlsx (make_fixture.py): the same units and messages as the CSV case above.
  LoadOptions options;
  options.period = "2024Q1";
  options.as_of = "2024-03-31";
  auto loaded = load_records({source_path("tests/data/events/replies.xlsx")}, reply_rules(), options);
  INFO(loaded.diagnostics.str());
  REQUIRE(loaded.batch);
  Bulletin b = make_bulletin(reply_rules(), *loaded.batch);
  CHECK(named_list_lines(b, b.summary.lists[0]) ==
        std::vector<std::string>{"1个工作日内在线答复留言的政府网站名单（1个）", "区县（1个）：a网。"});
  std::vector<std::string> verdicts;
  for (const auto& r : b.ranked)
    verdicts.push_back(std::string(loaded.batch->records[r.record].id) + " " + r.verdict());
  CHECK(verdicts == std::vector<std::string>{"a 合格", "c 合格", "b 不合格"});
  CHECK(loaded.batch->records[1].details().evidence[1].text ==
        "2 * count(messages, not has(answered) or working_days(received, answered) > 1) with messages = 2 events = 4; "
        "messages: 2 events, 2 meet the condition of count(): #1 (received 2024-02-08, answered 2024-02-19; 3 working "
        "days), #2 (received 2024-03-01, answered not given)");
}
