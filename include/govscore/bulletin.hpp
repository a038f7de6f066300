// The bulletin (通报): its summary figures, regional table, band lists,
// failing list and per-unit findings, worded as bulletins word them and laid
// out as tables (AnnexTable) so that every format — terminal, Markdown, CSV,
// XLSX, HTML — renders the same content.
#pragma once

#include <string>
#include <vector>

#include "govscore/annex.hpp"
#include "govscore/summary.hpp"

namespace govscore {

struct Record;

// Everything a bulletin is made from, computed once.
struct Bulletin {
  const RuleSet* rules = nullptr;
  const Batch* batch = nullptr;
  std::vector<Result> ranked;
  RankWithin within = RankWithin::kTarget;
  Summary summary;
  std::vector<AnnexTable> annexes;  // the ranked tables, one per target
  std::string title;                // --title; empty: the rule file's title and the period (bulletin_title())
  // Further sections every format prints last, each under its title (the
  // archive's 复核情况, added by add_previous_quarter in history.hpp).
  std::vector<AnnexTable> sections;
};

// Scores, ranks, summarises and lays out the annexes. The bulletin refers
// to `rules` and `batch`, which must outlive it (a temporary batch is refused).
[[nodiscard]] Bulletin make_bulletin(const RuleSet& rules, const Batch& batch, RankWithin within = RankWithin::kTarget);
Bulletin make_bulletin(const RuleSet& rules, Batch&& batch, RankWithin within = RankWithin::kTarget) = delete;

// A unit as the bulletin names it: its 名称, then its platform (类别) in
// brackets when it has one — "大足发布（微信公众号）".
[[nodiscard]] std::string unit_name(const Record& rec);

// "政府网站：检查804个，合格799个，不合格5个，合格率99.38%。"
[[nodiscard]] std::string summary_sentence(const Bulletin& b, const TargetSummary& t);

// "110分及以上（17个）：江北区人民政府网、万盛经开区管委会网、…"
[[nodiscard]] std::string band_line(const Bulletin& b, const BandList& band);

// A named list as the bulletin prints it: "TITLE（61个）：A、B、C。" or, split
// by group, the title line "TITLE（61个）" then "GROUP（30个）：A、B、C。" lines.
[[nodiscard]] std::vector<std::string> named_list_lines(const Bulletin& b, const NamedListResult& list);

// The tables of the bulletin besides the annexes.
[[nodiscard]] AnnexTable figures_table(const Bulletin& b);   // per target: 在册, 检查, 抽查率, 合格, 不合格, 合格率, 单项否决
[[nodiscard]] AnnexTable region_annex(const Bulletin& b);    // rows = regions, two-row header per target, 合计 last
[[nodiscard]] AnnexTable failures_table(const Bulletin& b);  // 类别, 主管单位, 名称, 平台, 得分, 原因, 存在问题
[[nodiscard]] AnnexTable findings_table(const Bulletin& b);  // one row per finding
[[nodiscard]] AnnexTable bands_table(const Bulletin& b);     // 类别, 分数段, 数量, 名单
[[nodiscard]] AnnexTable named_lists_table(const Bulletin& b);  // 名单, 分组, 数量, 名称: one row per list part

// `govscore summary`: the figures, regional table, bands and failing list
// for the terminal.
[[nodiscard]] std::string render_summary_text(const Bulletin& b);

// The summary as JSON for scripts (docs/json-output.md, "summary").
[[nodiscard]] std::string render_summary_json(const Bulletin& b);

// A draft of the bulletin in Markdown, to paste into a document: the title,
// the sections of bulletin_sections() and the annexes of bulletin_annexes()
// (附件1：… — figures, the ranked tables, bands, regional table, failing
// list, findings).
[[nodiscard]] std::string render_bulletin_markdown(const Bulletin& b);

}  // namespace govscore
