// Several archived quarters rolled up into a half-year or annual assessment
// (include/govscore/history.hpp).
#include <algorithm>
#include <numeric>

#include "archive/json_text.hpp"
#include "archive/unit_index.hpp"
#include "govscore/history.hpp"
#include "govscore/rules.hpp"

#include "archive/history_tables.hpp"
#include "util/fresh_memory.hpp"

namespace govscore {

using history_tables::column;
using history_tables::joined;

namespace {

// Puts items[order[k]] at place k for every k, moving each item once and
// allocating none (`order` is a permutation of the places).
template <class T>
void permute(std::vector<T>& items, const std::vector<std::size_t>& order) {
  std::vector<bool> placed(items.size());
  for (std::size_t start = 0; start < items.size(); ++start) {
    if (placed[start]) continue;
    T held = std::move(items[start]);
    std::size_t k = start;
    for (; order[k] != start; k = order[k]) {
      items[k] = std::move(items[order[k]]);
      placed[k] = true;
    }
    items[k] = std::move(held);
    placed[k] = true;
  }
}

const char* yes_no(bool yes) { return yes ? "是" : "否"; }

}  // namespace

Rollup rollup(const std::vector<QuarterInfo>& quarters, const QuarterUnits& units_of, const RuleSet& rules) {
  Rollup out;
  out.decimals = rules.decimals;
  const std::size_t count = quarters.size();
  std::vector<RollupUnit> units;
  archive::UnitIndex index;  // id → its unit in `units`
  std::size_t most = 0;
  for (const auto& q : quarters) most = std::max(most, static_cast<std::size_t>(q.units));
  fresh_memory::reserve(units, most);
  index.reserve(most);
  for (std::size_t p = 0; p < count; ++p) {
    const std::string& period = quarters[p].period;
    out.periods.push_back(period);
    units_of(p, out.texts, [&](const ArchivedUnit& a) {
      auto seen = index.insert(a.id, units.size());
      if (!seen) {
        units.emplace_back();
        units.back().scores.resize(count);
      }
      RollupUnit& u = units[seen ? *seen : units.size() - 1];
      // What a unit is called and where it belongs: as the latest quarter says.
      history_tables::copy_names(a, u);
      u.region = a.region;
      u.group = a.group;
      u.scores[p] = a.score;
      ++u.checked;
      u.passed += a.passed ? 1 : 0;
      for (const auto& v : a.vetoes) u.vetoes.push_back(period + " " + std::string(v));
    });
  }
  for (auto& u : units) {
    u.all_passed = u.checked > 0 && u.passed == u.checked;
    Exact sum = 0;
    long scored = 0;
    for (const auto& s : u.scores) {
      if (!s) continue;
      sum += *s;
      ++scored;
    }
    // The mean stays a fraction until it is rounded, once, as the rule
    // file rounds scores: (88.9 + 90.0 + 91.1) ÷ 3 = 90.0 exactly.
    if (scored) u.mean = (sum / Exact(scored)).round(rules.decimals);
  }

  // Targets in rule-file order (any the rule file lacks after them), each
  // ranked on its rounded mean; ties and unranked units keep first appearance.
  std::vector<std::string> target_order;
  for (const auto& t : rules.targets) target_order.push_back(t.id);
  for (const auto& u : units)
    if (std::find(target_order.begin(), target_order.end(), u.target) == target_order.end())
      target_order.emplace_back(u.target);
  std::vector<std::size_t> order;  // the table's order, by unit number
  order.reserve(units.size());
  for (const auto& target : target_order) {
    // Ranked by a key beside the unit's number, not through the units: a
    // million units in random order are a cache miss a comparison.
    struct Ranked {
      bool has_mean;
      Millionths mean;  // a mean has the rule file's decimals, at most six
      std::size_t unit;
    };
    std::vector<Ranked> ranked;
    for (std::size_t i = 0; i < units.size(); ++i)
      if (units[i].target == target)
        ranked.push_back({units[i].mean.has_value(), units[i].mean ? Millionths::of(*units[i].mean) : Millionths(), i});
    std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
      if (a.has_mean && b.has_mean) return a.mean > b.mean;
      return a.has_mean && !b.has_mean;
    });
    std::optional<long> rank;
    for (std::size_t k = 0; k < ranked.size(); ++k) {
      if (!ranked[k].has_mean) break;  // the unranked come last
      if (!(k && ranked[k - 1].mean == ranked[k].mean)) rank = static_cast<long>(k) + 1;
      units[ranked[k].unit].rank = rank;
    }
    const Target* t = rules.find_target(target);
    if (t && !t->tiers.empty()) {
      std::vector<std::optional<Exact>> means;
      std::vector<std::optional<long>> ranks;
      for (const auto& r : ranked) {
        means.push_back(units[r.unit].mean);
        ranks.push_back(units[r.unit].rank);
      }
      auto assigned = assign_tiers(t->tiers, means, ranks);
      for (std::size_t tier = 0; tier < t->tiers.size(); ++tier) {
        std::vector<TierList> lists;  // by group, in order of first appearance
        for (std::size_t k = 0; k < ranked.size(); ++k) {
          if (assigned[k] != tier) continue;
          RollupUnit& u = units[ranked[k].unit];
          u.tier = t->tiers[tier].title;
          auto list = std::find_if(lists.begin(), lists.end(), [&](const TierList& l) { return l.group == u.group; });
          if (list == lists.end()) list = lists.insert(lists.end(), TierList{target, u.tier, std::string(u.group), {}});
          list->names.push_back(u.name);
        }
        for (auto& l : lists) out.tiers.push_back(std::move(l));
      }
    }
    for (const auto& r : ranked) order.push_back(r.unit);
  }
  permute(units, order);
  out.units = std::move(units);

  std::map<std::string_view, RollupRegion> regions;
  for (const auto& u : out.units) {
    RollupRegion& r = regions[u.region];
    if (r.units == 0) r.region = u.region;
    ++r.units;
    r.checks += u.checked;
    r.passed += u.passed;
  }
  for (auto& [name, r] : regions) {
    r.all_passed = r.checks == r.passed;
    out.regions.push_back(r);
  }
  return out;
}

std::vector<AnnexTable> rollup_tables(const Rollup& r) {
  std::vector<AnnexTable> tables;
  AnnexTable units;
  units.title = joined(r.periods, "、") + " 汇总";
  units.columns = {column("id"), column("名称"), column("主管单位"), column("检查对象"), column("地区"), column("分组")};
  for (const auto& p : r.periods) units.columns.push_back(column(p + "得分", true));
  for (const char* title : {"检查次数", "合格次数"}) units.columns.push_back(column(title, true));
  units.columns.push_back(column("全部合格"));
  units.columns.push_back(column("单项否决"));
  units.columns.push_back(column("平均分", true));
  units.columns.push_back(column("排名", true));
  units.columns.push_back(column("等次"));
  units.lazy_rows = r.units.size();
  units.make_row = [&r](std::size_t i, RowSink& sink) {
    const RollupUnit& u = r.units[i];
    sink.begin(!u.all_passed);
    for (std::string_view s : {u.id, u.name, u.owner, u.target, u.region, u.group}) sink.cell(s);
    for (const auto& s : u.scores) sink.cell(s ? s->fixed(r.decimals) : "");
    sink.cell(std::to_string(u.checked));
    sink.cell(std::to_string(u.passed));
    sink.cell(yes_no(u.all_passed));
    sink.cell(joined(u.vetoes, "；"));
    sink.cell(u.mean ? u.mean->fixed(r.decimals) : "");
    sink.cell(u.rank ? std::to_string(*u.rank) : "");
    sink.cell(u.tier);
    sink.end();
  };
  tables.push_back(std::move(units));

  if (!r.tiers.empty()) {
    AnnexTable tiers;
    tiers.title = "等次名单";
    tiers.columns = {column("检查对象"), column("等次"), column("分组"), column("数量", true), column("名单")};
    for (const auto& l : r.tiers)
      tiers.rows.push_back({{l.target, l.tier, l.group, std::to_string(l.names.size()), joined(l.names, "、")}, false});
    tables.push_back(std::move(tiers));
  }

  AnnexTable regions;
  regions.title = "各地区合格情况";
  regions.columns = {column("地区"), column("单位数", true), column("检查次数", true), column("合格次数", true),
                     column("合格率均达100%")};
  for (const auto& g : r.regions)
    regions.rows.push_back({{g.region, std::to_string(g.units), std::to_string(g.checks), std::to_string(g.passed),
                             yes_no(g.all_passed)},
                            !g.all_passed});
  tables.push_back(std::move(regions));
  return tables;
}

std::string render_rollup_json(const Rollup& r) {
  using archive::JsonObject;
  return archive::json_document(r.units.size() * 256 + 512, [&](JsonObject& top) {
    top.texts("periods", r.periods);
    top.objects("units", r.units, [&r](JsonObject& o, const RollupUnit& u) {
      o.text("id", u.id).text("name", u.name).text("owner", u.owner).text("target", u.target).text("region", u.region);
      o.text("group", u.group).text("platform", u.platform);
      {
        JsonObject scores(o.key("scores"));
        for (std::size_t p = 0; p < r.periods.size(); ++p) scores.number(r.periods[p], archive::fixed_or_null(u.scores[p], r.decimals));
        scores.close();
      }
      o.integer("checked", u.checked).integer("passed", u.passed).boolean("all_passed", u.all_passed);
      o.texts("vetoes", u.vetoes);
      o.number("mean", archive::fixed_or_null(u.mean, r.decimals)).integer("rank", u.rank);
      if (u.tier.empty()) o.key("tier") += "null";
      else o.text("tier", u.tier);
    });
    top.objects("tiers", r.tiers, [](JsonObject& o, const TierList& l) {
      o.text("target", l.target).text("tier", l.tier).text("group", l.group).integer("count", static_cast<long>(l.names.size()));
      o.texts("names", l.names);
    });
    top.objects("regions", r.regions, [](JsonObject& o, const RollupRegion& g) {
      o.text("region", g.region).integer("units", g.units).integer("checked", g.checks).integer("passed", g.passed);
      o.boolean("all_passed", g.all_passed);
    });
  });
}

}  // namespace govscore
