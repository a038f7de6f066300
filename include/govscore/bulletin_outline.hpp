// The bulletin as a document people send: its title, the period as staff
// write it (2024年第三季度), the summary paragraphs (一、总体情况 …), the
// failing list with each unit's score or veto and its findings, and the
// numbered annexes with their titles (附件1：2024年第三季度政府网站检查情况统计表).
// Markdown, HTML and Word render this one outline, so that a number, a
// heading or an annex number cannot differ between them.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "govscore/annex.hpp"
#include "govscore/message.hpp"

namespace govscore {

struct Bulletin;
struct Failure;

// A period as staff write it: "2024Q3" → "2024年第三季度", "2024H1" →
// "2024年上半年", "2024-05" / "2024M05" → "2024年5月", "2024" → "2024年".
// Any other text is returned as it is (it is already how the file words it).
[[nodiscard]] std::string period_words(std::string_view period);

// Bulletin::title when set (--title), else the rule file's title followed by
// the period in words: "重庆市大足区…考核方案（2021年第一季度）".
[[nodiscard]] std::string bulletin_title(const Bulletin& b);

// "一", "二", … "十", "十一" … "九十九" for section numbers (1 ≤ n ≤ 99).
[[nodiscard]] std::string chinese_number(int n);

// One section of the bulletin's text: "一、总体情况" and its paragraphs.
struct BulletinSection {
  std::string heading;                  // with its number: "一、总体情况"
  std::vector<std::string> paragraphs;  // each one paragraph of running text
};

// The text before the annexes: 总体情况 (one sentence per target), 分数段情况
// (the band lists, when the rule file has bands), 不合格情况 (a count, then
// one numbered line per failing unit, see failure_line). Sections without
// content are left out; the numbering has no gaps.
[[nodiscard]] std::vector<BulletinSection> bulletin_sections(const Bulletin& b);

// "1. 智凤街道专栏（智凤街道办事处）：得分55.0分，低于60分；存在问题：内容更新/季度检查：…（扣30分）。"
// `number` counts from 1. A vetoed unit gives its veto titles instead of a score.
[[nodiscard]] std::string failure_line(const Bulletin& b, const Failure& failure, std::size_t number);

// A unit's findings in one cell: "季度检查：首页信息3周未更新（扣10分）；…"
// (indicator or part, what was found, points), empty when it has none.
[[nodiscard]] std::string findings_text(const Bulletin& b, std::size_t record);

// One annex of the bulletin, numbered in the order they appear.
struct BulletinAnnex {
  enum class Kind { kFigures, kRanked, kBands, kRegions, kFailures, kFindings };
  Kind kind = Kind::kFigures;
  int number = 0;       // 附件 number, from 1
  std::string title;    // "2021年第一季度政府网站（专栏）检查情况统计表"

  // "附件1：2021年第一季度检查情况汇总表"
  [[nodiscard]] std::string label() const { return "附件" + std::to_string(number) + "：" + title; }
  // What it shows; for kBands the bands table (formats may print
  // band_line()s instead). A ranked table is the bulletin's own, not a
  // copy: it lives as long as the bulletin.
  [[nodiscard]] const AnnexTable& table() const { return *table_; }

  std::shared_ptr<const AnnexTable> table_;
};

// Every annex in order: 检查情况汇总表; one 检查情况统计表 per target (the
// ranked table, rule-file order); 分数段名单 (when the rule file has bands);
// 各地区检查情况统计表 (when some record or registered count names a
// region); 检查不合格名单 (when a unit failed); 问题明细表 (when a unit has
// findings). Each title starts with the period in words.
[[nodiscard]] std::vector<BulletinAnnex> bulletin_annexes(const Bulletin& b);

// What a written bulletin holds, for the line `report` prints:
// "重庆市…（2022年第二季度）: 32 units (政府网站 22, 政务新媒体 10), 4 failing, 7 annexes".
[[nodiscard]] std::string bulletin_contents(const Bulletin& b);
// The same as a Message, to be worded in any language.
[[nodiscard]] Message bulletin_contents_message(const Bulletin& b);

}  // namespace govscore
