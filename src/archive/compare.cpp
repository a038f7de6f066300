// Comparing an archived quarter with an earlier one (include/govscore/history.hpp).
#include <string_view>

#include "archive/json_text.hpp"
#include "archive/unit_index.hpp"
#include "govscore/history.hpp"

#include "archive/history_tables.hpp"
#include "util/fresh_memory.hpp"

namespace govscore {

using history_tables::column;
using history_tables::joined;

const char* status_text(CompareStatus status) {
  switch (status) {
    case CompareStatus::kStillFailing: return "连续不合格";
    case CompareStatus::kRectified: return "已整改";
    case CompareStatus::kNewlyFailing: return "新增不合格";
    case CompareStatus::kStillPassing: return "保持合格";
    case CompareStatus::kNew: return "新增";
    case CompareStatus::kNotChecked: return "未检查";
  }
  return "";
}

std::size_t Comparison::count(CompareStatus status) const {
  std::size_t n = 0;
  for (const auto& u : units) n += u.status == status ? 1 : 0;
  return n;
}

namespace {

constexpr CompareStatus kStatuses[] = {CompareStatus::kStillFailing, CompareStatus::kRectified,
                                       CompareStatus::kNewlyFailing, CompareStatus::kStillPassing,
                                       CompareStatus::kNew,          CompareStatus::kNotChecked};

// What identifies a unit when sheets are renumbered.
std::string name_key(const ArchivedUnit& u) {
  std::string key(u.target);
  for (std::string_view part : {u.name, u.owner, u.platform}) {
    key += '\x1f';
    key += part;
  }
  return key;
}

// The keys of a quarter's units — their ids (views into the quarter), or
// their name keys (held here) — and which units share theirs.
struct QuarterKeys {
  std::vector<std::string> name_keys;
  archive::UnitIndex index;      // key → the first unit with it
  std::vector<bool> ambiguous;   // per unit: its key is another unit's too
  [[nodiscard]] std::string_view key(const ArchivedQuarter& q, std::size_t i) const {
    return name_keys.empty() ? q.units[i].id : std::string_view(name_keys[i]);
  }
};

// Indexes `q` by key; the ids of units sharing a key are listed in `shared`.
void index_by(const ArchivedQuarter& q, MatchBy match, QuarterKeys& out, std::map<std::string, std::vector<std::string>>& shared) {
  if (match == MatchBy::kName)
    for (const auto& u : q.units) out.name_keys.push_back(name_key(u));
  out.index.reserve(q.units.size());
  out.ambiguous.assign(q.units.size(), false);
  for (std::size_t i = 0; i < q.units.size(); ++i) {
    const std::string_view key = out.key(q, i);
    auto first = out.index.insert(key, i);
    if (!first) continue;
    auto& ids = shared[std::string(key)];
    if (!out.ambiguous[*first]) {
      ids.emplace_back(q.units[*first].id);
      out.ambiguous[*first] = true;
    }
    ids.emplace_back(q.units[i].id);
    out.ambiguous[i] = true;
  }
}

std::string ambiguity(const std::string& key, const std::string& period, const std::vector<std::string>& ids) {
  std::string name = key.substr(key.find('\x1f') + 1);
  name = name.substr(0, name.find('\x1f'));
  std::string message = std::to_string(ids.size()) + " units named " + name + " in " + period + " (ids ";
  for (std::size_t i = 0; i < ids.size(); ++i) message += (i ? ", " : "") + ids[i];
  return message + "): not matched";
}

void fill_repeated(const ArchivedUnit& now, const ArchivedUnit& before, ComparedUnit& c) {
  for (const auto& v : now.vetoes)
    for (const auto& w : before.vetoes)
      if (v == w) c.repeated.push_back(v);
  for (const auto& [title, points] : now.deductions)
    for (const auto& [earlier, earlier_points] : before.deductions)
      if (title == earlier) c.repeated.push_back(title);
}

ComparedUnit described(const ArchivedUnit& u) {
  ComparedUnit c;
  history_tables::copy_names(u, c);
  return c;
}

}  // namespace

Comparison compare(const ArchivedQuarter& now, const ArchivedQuarter& before, MatchBy match) {
  Comparison out;
  out.period = now.info.period;
  out.against = before.info.period;
  out.decimals = now.info.decimals;
  out.match = match;
  std::map<std::string, std::vector<std::string>> shared_now, shared_before;
  QuarterKeys now_keys, before_keys;
  index_by(now, match, now_keys, shared_now);
  index_by(before, match, before_keys, shared_before);
  for (const auto& [key, ids] : shared_before) out.ambiguous.push_back(ambiguity(key, before.info.period, ids));
  for (const auto& [key, ids] : shared_now) out.ambiguous.push_back(ambiguity(key, now.info.period, ids));

  std::vector<bool> matched(before.units.size(), false);
  fresh_memory::reserve(out.units, now.units.size() + before.units.size() / 16);
  for (std::size_t i = 0; i < now.units.size(); ++i) {
    const ArchivedUnit& u = now.units[i];
    ComparedUnit c = described(u);
    c.score = u.score;
    c.rank = u.rank;
    auto earlier = before_keys.index.find(now_keys.key(now, i));
    if (now_keys.ambiguous[i] || (earlier && before_keys.ambiguous[*earlier])) {
      c.status = CompareStatus::kNew;
      c.note = "ambiguous: not matched";
    } else if (!earlier) {
      c.status = CompareStatus::kNew;
    } else {
      const ArchivedUnit& b = before.units[*earlier];
      matched[*earlier] = true;
      c.previous_id = b.id;
      c.previous_score = b.score;
      c.previous_rank = b.rank;
      c.status = b.passed ? (u.passed ? CompareStatus::kStillPassing : CompareStatus::kNewlyFailing)
                          : (u.passed ? CompareStatus::kRectified : CompareStatus::kStillFailing);
      if (u.score && b.score) c.score_change = *u.score - *b.score;
      if (u.rank && b.rank) c.rank_change = *b.rank - *u.rank;
      fill_repeated(u, b, c);
    }
    out.units.push_back(std::move(c));
  }
  for (std::size_t i = 0; i < before.units.size(); ++i) {
    if (matched[i]) continue;
    const ArchivedUnit& b = before.units[i];
    ComparedUnit c = described(b);
    c.previous_id = b.id;
    c.status = CompareStatus::kNotChecked;
    c.previous_score = b.score;
    c.previous_rank = b.rank;
    if (before_keys.ambiguous[i]) c.note = "ambiguous: not matched";
    out.units.push_back(std::move(c));
  }
  return out;
}

namespace {

std::string rank_text(std::optional<long> rank) { return rank ? std::to_string(*rank) : ""; }

std::string rank_change_text(std::optional<long> change) {
  if (!change) return "";
  return *change > 0 ? "+" + std::to_string(*change) : std::to_string(*change);
}

}  // namespace

std::vector<AnnexTable> comparison_tables(const Comparison& c) {
  AnnexTable counts;
  counts.title = c.period + " 与 " + c.against + " 比较";
  counts.columns = {column("情况"), column("数量", true)};
  for (auto status : kStatuses) counts.rows.push_back({{status_text(status), std::to_string(c.count(status))}, false});
  for (const auto& message : c.ambiguous) counts.rows.push_back({{"无法匹配", message}, false});

  AnnexTable units;
  units.title = "逐单位比较";
  units.columns = {column("id"),   column("名称"),     column("检查对象"), column("情况"),       column("得分", true),
                   column("上季度得分", true), column("变化", true), column("排名", true), column("上季度排名", true),
                   column("排名变化", true), column("重复出现的问题"), column("备注")};
  units.lazy_rows = c.units.size();
  units.make_row = [&c](std::size_t i, RowSink& sink) {
    const ComparedUnit& u = c.units[i];
    sink.begin(u.status == CompareStatus::kStillFailing || u.status == CompareStatus::kNewlyFailing);
    sink.cell(u.id);
    sink.cell(u.name);
    sink.cell(u.target);
    sink.cell(status_text(u.status));
    sink.cell(u.score ? u.score->fixed(c.decimals) : "");
    sink.cell(u.previous_score ? u.previous_score->fixed(c.decimals) : "");
    sink.cell(archive::signed_text(u.score_change, c.decimals));
    sink.cell(rank_text(u.rank));
    sink.cell(rank_text(u.previous_rank));
    sink.cell(rank_change_text(u.rank_change));
    sink.cell(joined(u.repeated, "、"));
    sink.cell(u.note);
    sink.end();
  };
  return {std::move(counts), std::move(units)};
}

std::string render_comparison_json(const Comparison& c) {
  using archive::JsonObject;
  return archive::json_document(c.units.size() * 256 + 512, [&](JsonObject& top) {
    top.text("period", c.period).text("against", c.against).text("match", c.match == MatchBy::kId ? "id" : "name");
    {
      JsonObject counts(top.key("counts"));
      for (auto status : kStatuses) counts.integer(status_text(status), static_cast<long>(c.count(status)));
      counts.close();
    }
    top.texts("ambiguous", c.ambiguous);
    top.objects("units", c.units, [&c](JsonObject& o, const ComparedUnit& u) {
      o.text("id", u.id).text("previous_id", u.previous_id).text("name", u.name).text("owner", u.owner);
      o.text("target", u.target).text("platform", u.platform).text("status", status_text(u.status));
      o.number("score", archive::fixed_or_null(u.score, c.decimals));
      o.number("previous_score", archive::fixed_or_null(u.previous_score, c.decimals));
      o.number("score_change", archive::fixed_or_null(u.score_change, c.decimals));
      o.integer("rank", u.rank).integer("previous_rank", u.previous_rank).integer("rank_change", u.rank_change);
      o.texts("repeated", u.repeated).text("note", u.note);
    });
  });
}

}  // namespace govscore
