// A quarter scored now beside the archive: its results in the archive's
// shape, and the previous quarter's columns and 复核情况 in its bulletin
// (include/govscore/history.hpp).
#include <unordered_map>

#include "archive/json_text.hpp"
#include "govscore/history.hpp"
#include "govscore/records.hpp"
#include "govscore/rules.hpp"

namespace govscore {

ArchivedQuarter as_archived(const RuleSet& rules, const Batch& batch, const std::vector<Result>& ranked, int decimals) {
  ArchivedQuarter q;
  q.info.period = batch.period;
  q.info.rules_id = rules.id;
  q.info.decimals = decimals;
  q.info.units = static_cast<std::int64_t>(ranked.size());
  for (const auto& t : rules.targets) q.targets.push_back({t.id, t.title, t.pass_score});
  q.units.reserve(ranked.size());
  for (const Result& r : ranked) {
    const Record& rec = batch.records[r.record];
    const Target& t = rules.targets[rec.target];
    ArchivedUnit u;
    u.id = rec.id;
    u.name = rec.name;
    u.owner = rec.owner;
    u.target = t.id;
    u.region = rec.region;
    u.group = rec.group;
    u.platform = rec.platform;
    u.score = r.score();
    u.passed = r.passed;
    if (auto rank = r.rank()) u.rank = static_cast<long>(*rank);
    for (auto v : rec.vetoes) u.vetoes.push_back(t.veto_title(v));
    if (r.has_score()) {
      std::shared_ptr<const Trace> trace = r.trace ? r.trace : score_record(rules, rec).trace;
      for (const auto& it : trace->indicators)
        if (it.assessed && !it.deducted.is_zero()) u.deductions.emplace_back(t.deductions[it.indicator].title, it.deducted);
    }
    u.bonus = r.bonus();
    q.units.push_back(std::move(u));
  }
  return q;
}

void add_previous_quarter(Bulletin& b, const ArchivedQuarter& previous) {
  const int decimals = b.rules->decimals;
  ArchivedQuarter now = as_archived(*b.rules, *b.batch, b.ranked, decimals);
  Comparison c = compare(now, previous, MatchBy::kId);
  std::unordered_map<std::string_view, const ComparedUnit*> by_id;
  for (const auto& u : c.units)
    if (u.status != CompareStatus::kNotChecked) by_id.emplace(u.id, &u);

  // The annexes list each target's results in table order (build_annex).
  for (AnnexTable& table : b.annexes) {
    for (const char* title : {"上季度得分", "变化", "连续不合格"}) {
      Column column;
      column.title = title;
      column.numeric = std::string(title) != "连续不合格";
      table.columns.push_back(column);
    }
    std::size_t row = 0;
    for (const Result& r : b.ranked) {
      if (b.rules->targets[r.target].id != table.target_id || row >= table.rows.size()) continue;
      auto it = by_id.find(b.batch->records[r.record].id);
      const ComparedUnit* u = it == by_id.end() ? nullptr : it->second;
      auto& cells = table.rows[row++].cells;
      cells.push_back(u && u->previous_score ? u->previous_score->fixed(decimals) : "");
      cells.push_back(u ? archive::signed_text(u->score_change, decimals) : "");
      cells.push_back(u && u->status == CompareStatus::kStillFailing ? "是" : "");
    }
  }

  Recheck r = recheck(previous, {}, &now, "");
  AnnexTable section;
  section.title = "复核情况（" + previous.info.period + "不合格单位）";
  for (const char* title : {"名称", "主管单位", "检查对象", "上季度得分", "上季度不合格原因", "复核情况", "本季度得分"}) {
    Column column;
    column.title = title;
    column.numeric = std::string(title).find("得分") != std::string::npos;
    section.columns.push_back(column);
  }
  for (const auto& u : r.units) {
    const char* now_text = *u.now == CompareStatus::kRectified ? "已整改" : *u.now == CompareStatus::kStillFailing ? "连续不合格" : "未检查";
    std::string reasons;
    for (const auto& reason : u.reasons) reasons += (reasons.empty() ? "" : "、") + reason;
    section.rows.push_back({{u.name, u.owner, u.target, u.score ? u.score->fixed(decimals) : "", reasons, now_text,
                             u.now_score ? u.now_score->fixed(decimals) : ""},
                            *u.now != CompareStatus::kRectified});
  }
  b.sections.push_back(std::move(section));
}

}  // namespace govscore
