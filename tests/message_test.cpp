// Messages in two languages (docs/language.md): the English is the msgid
// worded with its arguments, byte for byte what the code always said; the
// Chinese comes from the compiled-in catalog (po/zh_CN.po), whatever the
// machine's locale.
#include "govscore/message.hpp"

#include <clocale>

#include "govscore/error.hpp"
#include "helpers.hpp"

using namespace govscore;
using namespace govscore::test;

TEST_CASE("a message in English is its msgid with the arguments in place") {
  CHECK(tr("{0}: missing \"id\"", tr("record #{0}", 3)).str() == "record #3: missing \"id\"");
  CHECK(tr("{0}: missing \"id\"", tr("record \"{0}\"", "dz-w-04")).str(Language::kEnglish) ==
        "record \"dz-w-04\": missing \"id\"");
  // Braces that are not an argument's number stay text (messages quote JSON).
  CHECK(Message("e.g. {\"季度检查\": 10} or {1} or {x}", {Message::verbatim("a")}).str() ==
        "e.g. {\"季度检查\": 10} or {1} or {x}");
  CHECK(Message::verbatim("{0} 不变").str(Language::kChinese) == "{0} 不变");
}

TEST_CASE("a message in Chinese comes from the compiled-in catalog, arguments reordered as it says") {
  // No locale is set up (the tests run under LANG=C or none): the catalog
  // does not depend on one.
  std::setlocale(LC_ALL, "C");
  CHECK(catalog_size() > 0);
  CHECK(tr("{0}: missing \"id\"", tr("record #{0}", 3)).str(Language::kChinese) == "第3条记录：缺少\"id\"（编号）");
  // The Chinese puts the rule file ({2}) before the unknown target ({1}).
  CHECK(tr("{0}: target: unknown target \"{1}\" in rules {2}{3} (one of: {4})", tr("record \"{0}\"", "a"), "网占",
           "dazu-2020", Message::verbatim(""), "website, newmedia")
            .str(Language::kChinese) ==
        "记录\"a\"：target：规则文件 dazu-2020 中没有检查对象\"网占\"（可选：website, newmedia）");
  // Arguments quoted from the input are never translated, even when they
  // happen to be a msgid.
  CHECK(tr("record \"{0}\"", "record #{0}").str(Language::kChinese) == "记录\"record #{0}\"");
}

TEST_CASE("a msgid the catalog lacks is shown in English") {
  CHECK(translate("no such message in the catalog", Language::kChinese) == "no such message in the catalog");
  CHECK(Message("no such {0}", {Message::verbatim("记录")}).str(Language::kChinese) == "no such 记录");
}

TEST_CASE("a diagnostic keeps its English message and code, and is worded in Chinese on request") {
  Diagnostics d;
  d.error("r.json", 3, 1, tr("{0}: missing \"id\"", tr("record #{0}", 2)));
  d.warning("r.json", 0, 0, std::string("plain text stays as it is"));
  const Diagnostic& e = d.items()[0];
  CHECK(e.message == "record #2: missing \"id\"");
  CHECK(e.code == "missing-field");
  CHECK(e.str() == "r.json:3:1: error: record #2: missing \"id\"");
  CHECK(e.str(Language::kChinese) == "r.json:3:1: 错误：第2条记录：缺少\"id\"（编号）");
  CHECK(e.json(Language::kChinese) ==
        R"j({"severity":"error","file":"r.json","line":3,"column":1,"record":"#2","field":null,)j"
        R"j("code":"missing-field","message":"第2条记录：缺少\"id\"（编号）"})j");
  CHECK(d.items()[1].str(Language::kChinese) == "r.json: 警告：plain text stays as it is");
  CHECK(d.str(Language::kChinese) ==
        "r.json:3:1: 错误：第2条记录：缺少\"id\"（编号）\nr.json: 警告：plain text stays as it is\n");
}
