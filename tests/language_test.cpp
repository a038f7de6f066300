// The command line in Chinese (docs/language.md): the whole bad-input corpus,
// --help of every command, a usage mistake and `explain` leave no English
// sentence behind; `--lang` and the locale variables choose the language.
#include <dirent.h>

#include <algorithm>
#include <regex>
#include <sstream>

#include "helpers.hpp"

using namespace govscore::test;

namespace {

// The environment of a run with the locale variables cleared but one.
const std::string kNoLocale = "LANGUAGE= LC_ALL= LC_MESSAGES= LANG= ";
const std::string kChineseLocale = "LANGUAGE= LC_ALL= LC_MESSAGES= LANG=zh_CN.UTF-8 ";

Run run_with(const std::string& environment, const std::string& args) { return run_govscore(args, environment); }

// The English left in `text` once what is quoted from the input or named
// by the grammar is taken out; empty when there is none. The rule, applied
// to each line in this order:
//  1. the place in front (`tests/data/bad/x.json:2:5: `) and a leading
//     `govscore: ` go;
//  2. what stands between quotes goes: "…", “…”, 「…」 and '…' — names and
//     values quoted from the input, JSON and YAML as written — and XML
//     markup quoted from a workbook (<row r="2">);
//  3. option names (`--missing-facts=skip`), calls (`has(x)`, `count(…)`)
//     and the command as typed (`…/govscore archive add`) go;
//  4. file paths go: a word with a `/`, or ending in a file extension;
//  5. a *word* is then a run of ASCII letters with a small letter among
//     them, standing alone (not part of an identifier with digits, `_`,
//     `-`, `.`, `+`, `/`: so `public_services`, `UTF-8`, `YYYY-MM-DD`,
//     `2021Q1`, `0xC4` are not words; nor are capitals only: `JSON`, `CSV`,
//     CLI11's type labels `TEXT`, `UINT`), and an English sentence is two or
//     more words in a row with only spaces between them. One word (a field
//     name such as `deductions`, a type such as `number`) may stay: it is
//     the grammar's, not a sentence.
std::string english_left(const std::string& text) {
  static const std::regex place(R"(^\S+?\.[A-Za-z]+(:\d+)*: )");
  static const std::regex quoted("\"[^\"]*\"|“[^”]*”|「[^」]*」|'[^']*'|<[^>]*>");
  static const std::regex paths(R"(\S*/\S*|\S+\.(json|ndjson|jsonl|yaml|yml|csv|xlsx|xls|md|docx|html|txt)\b)");
  static const std::regex options(R"(--[A-Za-z][A-Za-z-]*(=\S*)?|[A-Za-z_]+\([^)]*\)|\S*govscore( [a-z]+)*)");
  // A word: letters, one of them small.
  static const std::regex sentence(R"((^|[^A-Za-z0-9_.+/-])([A-Za-z]*[a-z][A-Za-z]*)( +))"
                                   R"(([A-Za-z]*[a-z][A-Za-z]*)(?=$|[^A-Za-z0-9_.+/-]))");
  std::string found;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::string rest = std::regex_replace(line, place, "");
    if (rest.rfind("govscore: ", 0) == 0) rest = rest.substr(10);
    for (const std::regex* r : {&quoted, &options, &paths}) rest = std::regex_replace(rest, *r, " ");
    std::smatch m;
    if (std::regex_search(rest, m, sentence)) found += "«" + m.str(2) + m.str(3) + m.str(4) + "» in: " + line + "\n";
  }
  return found;
}

std::vector<std::string> corpus() { return corpus_files(source_path("tests/data/bad")); }

// As tests/data/bad/README.md runs each file; `validate`, so no output is written.
std::string command_for(const std::string& file) {
  if (ends_with(file, ".yaml")) return "validate -r " + file + " samples/dazu-2021q1.json";
  if (ends_with(file, ".csv") || ends_with(file, ".xlsx") || ends_with(file, ".xls"))
    return "validate -r rules/dazu-2020.yaml " + file + " --target website --period 2021Q1";
  return "validate -r rules/dazu-2020.yaml " + file;
}

}  // namespace

TEST_CASE("the rule against English sentences catches them and spares what is quoted or named") {
  CHECK(english_left("a.json:1:2: 错误：记录\"a\"：deductions：未知指标\"周扫秒\"") == "");
  CHECK(english_left("a.json: 错误：public_services 须为 true 或 false；UTF-8、YYYY-MM-DD、2021Q1、0xC4") == "");
  CHECK(english_left("govscore: 已写入 out/通报.docx：JSON 解析 value 时出错；读到的是 'not a word'") == "");
  CHECK(english_left("r.yaml:3:1: 错误：请用 --missing-facts=skip 或 has(probes total) 判断") == "");
  CHECK(english_left("a.json:1:2: 错误：记录\"a\"：points must be a number") ==
        "«points must» in: a.json:1:2: 错误：记录\"a\"：points must be a number\n");
  CHECK(english_left("  records TEXT ... 必填     记录文件：.json 或 CSV UTF-8") == "");
  CHECK(english_left("govscore: end of map not found") != "");
}

// Each file of the corpus in [from, to) of its sorted list, run three
// times: in two halves, so that each stays within ctest's time limit under
// AddressSanitizer (three runs of 90 files took over 300 s there).
void check_corpus_is_chinese(std::size_t from, std::size_t to) {
  const auto files = corpus();
  REQUIRE(files.size() > 80);
  for (std::size_t i = from; i < std::min(to, files.size()); ++i) {
    const std::string file = "tests/data/bad/" + files[i];
    INFO(file);
    Run by_option = run_with(kNoLocale, "--lang zh " + command_for(file));
    Run by_locale = run_with(kChineseLocale, command_for(file));
    Run english = run_with(kNoLocale, command_for(file));
    CHECK(by_option.exit_code == english.exit_code);
    CHECK(by_option.err == by_locale.err);
    CHECK(by_option.err != english.err);
    CHECK(english_left(by_option.err) == "");
  }
}

TEST_CASE("every message of the bad-input corpus is Chinese under --lang zh and under LANG=zh_CN.UTF-8 (first half)") {
  check_corpus_is_chinese(0, corpus().size() / 2);
}

TEST_CASE("every message of the bad-input corpus is Chinese under --lang zh and under LANG=zh_CN.UTF-8 (second half)") {
  check_corpus_is_chinese(corpus().size() / 2, corpus().size());
}

TEST_CASE("under a Chinese locale --lang en gives English, and under an English one --lang zh gives Chinese") {
  const std::string bad = "validate -r rules/dazu-2020.yaml tests/data/bad/unknown-indicator.json";
  const std::string english = slurp(source_path("tests/data/bad/unknown-indicator.json.expected"));
  CHECK(run_with(kChineseLocale, "--lang en " + bad).err == english);
  CHECK(run_with(kChineseLocale, bad + " --lang=en").err == english);
  CHECK(run_with("LANGUAGE= LC_ALL= LC_MESSAGES= LANG=en_US.UTF-8 ", "--lang zh " + bad).err ==
        run_with(kChineseLocale, bad).err);
}

TEST_CASE("the first locale variable set decides: LANGUAGE, LC_ALL, LC_MESSAGES, LANG") {
  const std::string bad = "validate -r rules/dazu-2020.yaml tests/data/bad/unknown-indicator.json";
  const std::string english = slurp(source_path("tests/data/bad/unknown-indicator.json.expected"));
  const std::string chinese = run_with(kNoLocale, "--lang zh " + bad).err;
  REQUIRE(chinese != english);
  CHECK(run_with(kNoLocale, bad).err == english);
  CHECK(run_with("LANGUAGE=zh_CN:en LC_ALL=C LC_MESSAGES= LANG=en_US.UTF-8 ", bad).err == chinese);
  CHECK(run_with("LANGUAGE=en LC_ALL= LC_MESSAGES= LANG=zh_CN.UTF-8 ", bad).err == english);
  CHECK(run_with("LANGUAGE= LC_ALL=zh_TW.UTF-8 LC_MESSAGES=C LANG=C ", bad).err == chinese);
  CHECK(run_with("LANGUAGE= LC_ALL= LC_MESSAGES=zh_CN.GB18030 LANG=C.UTF-8 ", bad).err == chinese);
  CHECK(run_with("LANGUAGE= LC_ALL=C.UTF-8 LC_MESSAGES= LANG=zh_CN.UTF-8 ", bad).err == english);
}

TEST_CASE("--help of the program and of every command is Chinese under a Chinese locale, option names excepted") {
  for (const char* command :
       {"", "score ", "summary ", "report ", "audit ", "validate ", "explain ", "rules ", "archive ", "archive add ",
        "archive list ", "archive remove ", "compare ", "recheck ", "rollup "}) {
    INFO(command);
    Run help = run_with(kChineseLocale, std::string(command) + "--help");
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("用法") != std::string::npos);
    CHECK(english_left(help.out) == "");
  }
}

TEST_CASE("a usage mistake is said in Chinese, with the hint") {
  Run unknown = run_with(kChineseLocale, "score --rules rules/dazu-2020.yaml samples/dazu-2021q1.json --bogus");
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err == "无法识别的参数：--bogus\n加 --help 运行可查看帮助。\n");
  Run missing = run_with(kChineseLocale, "validate samples/dazu-2021q1.json");
  CHECK(missing.exit_code == 2);
  CHECK(missing.err == "缺少必填的 --rules\n加 --help 运行可查看帮助。\n");
  Run bad_value = run_with(kChineseLocale, "score -r rules/dazu-2020.yaml samples/dazu-2021q1.json -f pdf");
  CHECK(bad_value.exit_code == 2);
  CHECK(bad_value.err == "--format：pdf 不在可选值 {table,csv,json,md} 之中\n加 --help 运行可查看帮助。\n");
  Run none = run_with(kChineseLocale, "");
  CHECK(none.exit_code == 2);
  CHECK(english_left(none.err) == "");
}

TEST_CASE("explain in Chinese words the same trace as tests/data/golden/explain-dz-w-17.txt") {
  // Checked by hand against the English golden file, line by line: the
  // same figures, names and order; only the words differ.
  Run run = run_with(kChineseLocale, "explain -r rules/dazu-2020.yaml samples/dazu-2021q1.json --id dz-w-17");
  CHECK(run.exit_code == 0);
  CHECK(run.out ==
        "双桥经开区专栏 (dz-w-17) · 双桥经开区管委会 · 政府网站（专栏） · dazu-2020 · 2021Q1\n"
        "单项否决: 无\n"
        "扣分:\n"
        "  内容更新 (50): 季度检查 10 → −10\n"
        "  政策解读 (10): 不扣分\n"
        "  错情整改 (20): 不扣分\n"
        "  办事指南 (10): 不考核（无对外办事服务），其 10 分不计入基础分\n"
        "  公开信箱 (8): 不扣分\n"
        "  网站找错 (2): 不扣分\n"
        "共扣分：10\n"
        "折算：不考核 办事指南 10 → 按 90 分计，再 × 100 ÷ 90\n"
        "加分 (上限 20，在折算括号之内): 无\n"
        "得分：(90 − 10) × 100 ÷ 90 = 88.888… → 88.9\n"
        "结果：合格（88.9 ≥ 60）；排名第22\n");
  CHECK(english_left(run.out) == "");
  Run vetoed =
      run_with(kChineseLocale,
               "--lang zh explain --rules rules/national-2019.yaml samples/national-facts-2022q1.json --id yl-f-03");
  CHECK(vetoed.out.find("结果：不合格——单项否决指标触发，不再计分；排名第7，列于所有计分单位之后\n") !=
        std::string::npos);
  CHECK(vetoed.out.find("依据（检查时点 2022-03-31）：\n") != std::string::npos);
}
