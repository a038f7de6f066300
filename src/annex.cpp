#include "govscore/annex.hpp"

#include "govscore/records.hpp"
#include "govscore/rules.hpp"

namespace govscore {
namespace {

std::string veto_titles(const Target& t, const Result& r) {
  std::string out;
  for (auto v : r.vetoes) out += (out.empty() ? "" : "；") + t.veto_title(v);
  return out;
}

AnnexTable build_table(std::size_t target, const RuleSet& rules, const Batch& batch, const std::vector<const Result*>& rows,
                       const AnnexOptions& options) {
  const Target& t = rules.targets[target];
  AnnexTable table;
  table.target_id = t.id;
  table.title = t.title;
  bool any_platform = false;
  bool any_veto = false;
  for (const Result* r : rows) {
    any_platform = any_platform || !batch.records[r->record].platform.empty();
    any_veto = any_veto || r->vetoed();
  }
  auto& cols = table.columns;
  cols.push_back({"序号", "", "", "", true});
  cols.push_back({"主管单位", "", "", "", false});
  cols.push_back({"名称", "", "", "", false});
  if (any_platform) cols.push_back({"类别", "", "", "", false});
  if (options.within == RankWithin::kGroup) cols.push_back({"分组", "", "", "", false});
  cols.push_back({"单项否决", "", "", "", false});
  if (any_veto) cols.push_back({"否决原因", "", "", "", false});
  for (const auto& ind : t.deductions) {
    if (ind.parts.empty()) {
      cols.push_back({ind.title, "", "", ind.max.str(), true});
    } else {
      for (const auto& p : ind.parts) cols.push_back({p.title, ind.title, ind.max.str(), "", true});
    }
  }
  if (t.bonus) cols.push_back({"加分", "", "", t.bonus->max.str(), true});
  if (t.scored()) cols.push_back({"得分", "", "", "", true});
  cols.push_back({"检查结果", "", "", "", false});
  if (t.scored()) cols.push_back({"排名", "", "", "", true});

  // One row: the cells of result `r`, numbered `number` (序号).
  auto fill = [&rules, &batch, &t, any_platform, any_veto, within = options.within](std::size_t number, const Result* r,
                                                                                    AnnexRow& row) {
    const Record& rec = batch.records[r->record];
    row.failed = !r->passed;
    auto& c = row.cells;
    c.push_back(std::to_string(number));
    c.push_back(rec.owner);
    c.push_back(rec.name);
    if (any_platform) c.push_back(rec.platform);
    if (within == RankWithin::kGroup) c.push_back(rec.group);
    c.push_back(r->vetoed() ? "是" : "否");
    if (any_veto) c.push_back(veto_titles(t, *r));
    // Indicator columns show the points as entered (周扫描 10, not 5): the
    // published annexes do, and the formula note says how they count.
    for (std::size_t i = 0; i < t.deductions.size(); ++i) {
      const auto& ind = t.deductions[i];
      std::vector<std::string> cells(ind.parts.empty() ? 1 : ind.parts.size());
      if (!rec.assessed(rules, i)) {
        for (auto& cell : cells) cell = "不考核";
      } else {
        for (const auto& e : rec.deductions)
          if (e.indicator == i) cells[e.part.value_or(0)] = e.points.str();
      }
      c.insert(c.end(), cells.begin(), cells.end());
    }
    if (t.bonus) c.push_back(r->bonus ? r->bonus->str() : "");
    if (t.scored()) c.push_back(r->score ? r->score->fixed(rules.decimals) : "");
    c.push_back(r->verdict());
    if (t.scored()) c.push_back(r->rank ? std::to_string(*r->rank) : "");
  };
  if (options.lazy) {
    auto held = std::make_shared<std::vector<const Result*>>(rows);
    table.lazy_rows = rows.size();
    table.make_row = [held, fill](std::size_t i, AnnexRow& row) { fill(i + 1, (*held)[i], row); };
    return table;
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    AnnexRow row;
    fill(i + 1, rows[i], row);
    table.rows.push_back(std::move(row));
  }
  return table;
}

}  // namespace

std::vector<AnnexTable> build_annex(const RuleSet& rules, const Batch& batch, const std::vector<Result>& ranked,
                                    const AnnexOptions& options) {
  std::vector<AnnexTable> tables;
  for (std::size_t t = 0; t < rules.targets.size(); ++t) {
    if (!options.target.empty() && rules.targets[t].id != options.target) continue;
    std::vector<const Result*> rows;
    for (const auto& r : ranked)
      if (batch.records[r.record].target == t) rows.push_back(&r);
    if (!rows.empty()) tables.push_back(build_table(t, rules, batch, rows, options));
  }
  return tables;
}

}  // namespace govscore
