#include "govscore/summary.hpp"

#include <algorithm>
#include <map>

#include "govscore/records.hpp"
#include "govscore/rules.hpp"

namespace govscore {
namespace {

constexpr const char* kNoRegion = "（未填地区）";

template <typename T, typename U>
std::size_t index_of(std::vector<T>& items, const U& item) {
  auto it = std::find(items.begin(), items.end(), item);
  if (it != items.end()) return static_cast<std::size_t>(it - items.begin());
  items.emplace_back(item);
  return items.size() - 1;
}

std::string failure_reason(const Target& t, const Record& rec, const Result& r) {
  if (!r.vetoed()) return "得分低于" + t.pass_score.str() + "分";
  return "单项否决：" + t.veto_titles(rec.vetoes, "、");
}

RegionTable region_table(const RuleSet& rules, const Batch& batch, const std::vector<Result>& ranked,
                         const std::vector<std::size_t>& targets) {
  RegionTable table;
  std::vector<std::size_t> column_of(rules.targets.size(), 0);
  for (std::size_t t : targets) {
    column_of[t] = table.columns.size();
    RegionColumns cols;
    cols.target = t;
    for (const auto& [region, counts] : batch.registered_by_region) cols.registered = cols.registered || counts.count(t);
    table.columns.push_back(cols);
  }
  // Groups and regions in order of first appearance (in table order).
  std::vector<std::string> regions;
  for (const auto& rec : batch.records) {
    if (std::find(targets.begin(), targets.end(), rec.target) == targets.end()) continue;
    index_of(table.columns[column_of[rec.target]].groups, rec.group);
    index_of(regions, rec.region.empty() ? std::string_view(kNoRegion) : rec.region);
  }
  for (const auto& [region, counts] : batch.registered_by_region) index_of(regions, region);
  auto empty_row = [&](const std::string& name) {
    RegionRow row;
    row.region = name;
    for (const auto& cols : table.columns) {
      RegionCounts c;
      c.by_group.assign(cols.groups.size(), 0);
      if (cols.registered) c.registered = 0;
      row.targets.push_back(c);
    }
    return row;
  };
  for (const auto& name : regions) table.rows.push_back(empty_row(name));
  for (const auto& r : ranked) {
    const Record& rec = batch.records[r.record];
    std::size_t col = column_of[rec.target];
    RegionCounts& c = table.rows[index_of(regions, rec.region.empty() ? std::string_view(kNoRegion) : rec.region)].targets[col];
    c.by_group[index_of(table.columns[col].groups, rec.group)] += 1;
    c.failed += r.passed ? 0 : 1;
  }
  for (const auto& [region, counts] : batch.registered_by_region) {
    RegionRow& row = table.rows[index_of(regions, region)];
    for (const auto& [target, n] : counts)
      if (std::find(targets.begin(), targets.end(), target) != targets.end()) row.targets[column_of[target]].registered = n;
  }
  table.total = empty_row("合计");
  for (const auto& row : table.rows) {
    for (std::size_t col = 0; col < row.targets.size(); ++col) {
      RegionCounts& total = table.total.targets[col];
      const RegionCounts& c = row.targets[col];
      for (std::size_t g = 0; g < c.by_group.size(); ++g) total.by_group[g] += c.by_group[g];
      total.failed += c.failed;
      if (c.registered) total.registered = total.registered.value_or(0) + *c.registered;
    }
  }
  return table;
}

}  // namespace

std::string percent(long part, long whole) {
  if (whole <= 0) return "—";
  return (Exact(part) * 100 / Exact(whole)).fixed(2);
}

std::optional<std::string> TargetSummary::check_rate() const {
  if (!registered) return std::nullopt;
  return percent(checked, *registered);
}

long RegionCounts::checked() const {
  long n = 0;
  for (long g : by_group) n += g;
  return n;
}

Summary summarize(const RuleSet& rules, const Batch& batch, const std::vector<Result>& ranked, RankWithin within) {
  Summary s;
  std::vector<std::size_t> targets;
  for (const auto& r : ranked) index_of(targets, r.target);
  std::sort(targets.begin(), targets.end());
  for (std::size_t t : targets) {
    const Target& target = rules.targets[t];
    TargetSummary ts;
    ts.target = t;
    if (auto it = batch.registered.find(t); it != batch.registered.end()) ts.registered = it->second;
    std::vector<long> veto_counts(target.veto.size() + 1, 0);  // + the unnamed veto
    for (const auto& r : ranked) {
      if (r.target != t) continue;
      ++ts.checked;
      (r.passed ? ts.passed : ts.failed) += 1;
      if (!r.passed && !r.vetoed()) ++ts.failed_on_score;
      for (auto v : batch.records[r.record].vetoes) veto_counts[v < target.veto.size() ? v : target.veto.size()] += 1;
    }
    for (std::size_t v = 0; v < veto_counts.size(); ++v)
      if (veto_counts[v] > 0) ts.vetoes.emplace_back(target.veto_title(v < target.veto.size() ? v : kUnnamedVeto), veto_counts[v]);
    s.targets.push_back(ts);

    // Bands list names in rank order; ranked is already in that order.
    std::vector<std::string> groups{""};
    if (within == RankWithin::kGroup && !target.bands.empty()) {
      groups.clear();
      for (const auto& rec : batch.records)
        if (rec.target == t) index_of(groups, rec.group);
    }
    for (const auto& group : groups) {
      for (const auto& band : target.bands) {
        BandList list;
        list.target = t;
        list.title = band.title;
        list.group = group;
        for (const auto& r : ranked) {
          const Record& rec = batch.records[r.record];
          const auto score = r.score();
          if (rec.target != t || !score || (within == RankWithin::kGroup && rec.group != group)) continue;
          if (*score >= band.at_least && (!band.below || *score < *band.below)) list.records.push_back(r.record);
        }
        s.bands.push_back(std::move(list));
      }
    }
  }
  for (const auto& r : ranked) {
    if (!r.passed) s.failures.push_back({r.record, failure_reason(rules.targets[r.target], batch.records[r.record], r)});
    if (!batch.records[r.record].details().findings.empty()) s.with_findings.push_back(r.record);
  }
  s.regions = region_table(rules, batch, ranked, targets);
  return s;
}

}  // namespace govscore
