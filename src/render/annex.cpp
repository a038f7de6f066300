#include "govscore/annex.hpp"

#include <algorithm>
#include <charconv>
#include <string_view>

#include "govscore/records.hpp"
#include "govscore/rules.hpp"
#include "util/fresh_memory.hpp"

namespace govscore {
namespace {

// A whole number as text, in `buffer`.
std::string_view whole(std::size_t n, char (&buffer)[24]) {
  auto end = std::to_chars(buffer, buffer + sizeof buffer, n).ptr;
  return {buffer, static_cast<std::size_t>(end - buffer)};
}

// Asks for every cache line (64 bytes) the record spans.
void prefetch_record(const Record& r) {
  const char* first = reinterpret_cast<const char*>(&r);
  const char* last = first + sizeof(Record) - 1;
  for (const char* p = first; p < last; p += 64) __builtin_prefetch(p);
  __builtin_prefetch(last);
}

void prefetch_record_texts(const Record& r) {
  // A record's texts lie together (in its line of the records file, or
  // in its batch's store), over a line or two.
  __builtin_prefetch(r.name.data());
  __builtin_prefetch(r.owner.data());
  __builtin_prefetch(r.platform.data());
  // A unit's few points entries lie one after another in its batch's
  // storage, 48 bytes each; the line where each begins is asked for.
  for (std::size_t i = 0; i < r.deductions.size() && i < 4; ++i) __builtin_prefetch(&r.deductions[i]);
}

// Which targets have a record with a platform (类别), in one pass over the
// records in input order (rows follow the ranking, which would visit
// records all over memory), stopping once every target has one.
std::vector<bool> targets_with_platform(const RuleSet& rules, const Batch& batch) {
  std::vector<bool> with(rules.targets.size(), false);
  std::size_t left = with.size();
  for (const auto& rec : batch.records) {
    if (left == 0) break;
    if (!rec.platform.empty() && !with[rec.target]) {
      with[rec.target] = true;
      --left;
    }
  }
  return with;
}

AnnexTable build_table(std::size_t target, const RuleSet& rules, const Batch& batch,
                       fresh_memory::Vector<const Result*> rows, bool any_platform, const AnnexOptions& options) {
  const Target& t = rules.targets[target];
  AnnexTable table;
  table.target_id = t.id;
  table.title = t.title;
  bool any_veto = false;
  for (const Result* r : rows) any_veto = any_veto || r->vetoed();
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
                                                                                    RowSink& out) {
    const Record& rec = batch.records[r->record];
    char digits[24];
    out.begin(!r->passed);
    out.cell(whole(number, digits));
    out.cell(rec.owner);
    out.cell(rec.name);
    if (any_platform) out.cell(rec.platform);
    if (within == RankWithin::kGroup) out.cell(rec.group);
    out.cell(r->vetoed() ? "是" : "否");
    if (any_veto) out.cell(t.veto_titles(rec.vetoes, "；"));
    // Indicator columns show the points as entered (周扫描 10, not 5): the
    // published annexes do, and the formula note says how they count.
    for (std::size_t i = 0; i < t.deductions.size(); ++i) {
      const auto& ind = t.deductions[i];
      const bool assessed = rec.assessed(rules, i);
      for (std::size_t p = 0; p < std::max<std::size_t>(ind.parts.size(), 1); ++p) {
        if (!assessed) {
          out.cell("不考核");
          continue;
        }
        const PointsEntry* entered = nullptr;
        for (const auto& e : rec.deductions)
          if (e.indicator == i && e.part.value_or(0) == p) entered = &e;
        out.cell(entered ? entered->points.str() : "");
      }
    }
    if (t.bonus) out.cell(r->has_bonus() ? r->bonus_millionths().text() : "");
    if (t.scored()) out.cell(r->has_score() ? r->score_millionths().text(rules.decimals) : "");
    out.cell(r->verdict());
    if (t.scored()) out.cell(r->rank() ? whole(*r->rank(), digits) : "");
    out.end();
  };
  if (options.lazy) {
    auto held = std::make_shared<fresh_memory::Vector<const Result*>>(std::move(rows));
    table.lazy_rows = held->size();
    table.make_row = [held, fill, &batch](std::size_t i, RowSink& row) {
      const auto& order = *held;
      // Rows follow the ranking, so their records lie scattered over the
      // batch, and making a row is mostly waiting for memory: ask for a
      // later row's record now, and for what it points to (name,
      // deductions) a little later, once the record has arrived.
      if (i + 16 < order.size()) prefetch_record(batch.records[order[i + 16]->record]);
      if (i + 8 < order.size()) prefetch_record_texts(batch.records[order[i + 8]->record]);
      fill(i + 1, order[i], row);
    };
    return table;
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    AnnexRow row;
    RowCollector collector(row);
    fill(i + 1, rows[i], collector);
    table.rows.push_back(std::move(row));
  }
  return table;
}

}  // namespace

std::vector<AnnexTable> build_annex(const RuleSet& rules, const Batch& batch, const std::vector<Result>& ranked,
                                    const AnnexOptions& options) {
  std::vector<AnnexTable> tables;
  const std::vector<bool> with_platform = targets_with_platform(rules, batch);
  // Each table's rows, in one pass over the results. Room for every result
  // in each: pages of it that stay unused are never touched, so cost nothing.
  auto shown = [&](std::size_t t) { return options.target.empty() || rules.targets[t].id == options.target; };
  std::vector<fresh_memory::Vector<const Result*>> rows(rules.targets.size());
  for (std::size_t t = 0; t < rows.size(); ++t)
    if (shown(t)) rows[t].reserve(ranked.size());
  for (const auto& r : ranked)
    if (shown(r.target)) rows[r.target].push_back(&r);
  for (std::size_t t = 0; t < rows.size(); ++t)
    if (!rows[t].empty()) tables.push_back(build_table(t, rules, batch, std::move(rows[t]), with_platform[t], options));
  return tables;
}

}  // namespace govscore
