#include "govscore/audit.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "govscore/records.hpp"
#include "govscore/rules.hpp"
#include "govscore/score.hpp"
#include "govscore/summary.hpp"
#include "util/text.hpp"

namespace govscore {
namespace {

using Kind = Disagreement::Kind;

std::string label(const Record& rec) {
  return std::string(rec.id) + " " + std::string(rec.name) +
         (rec.platform.empty() ? "" : "（" + std::string(rec.platform) + "）");
}

// How the publication showed a record: "合格 100.0", "不合格", "—".
std::string shown(const Published& p, int decimals) {
  std::string out = p.result;
  if (p.score) out += (out.empty() ? "" : " ") + p.score->fixed(decimals);
  return out.empty() ? "—" : out;
}

std::string computed(const Result& r, int decimals) {
  return std::string(r.verdict()) + (r.has_score() ? " " + r.score()->fixed(decimals) : "");
}

// Score and verdict of one record: at most one line for what one mistake
// explains, so a vetoed unit published as 合格 100.0 is one disagreement.
void check_record(const RuleSet& rules, const Record& rec, const Result& r, std::vector<Disagreement>& out) {
  if (!rec.details().published) return;
  const Published& p = *rec.details().published;
  const Target& t = rules.targets[rec.target];
  const int d = rules.decimals;
  if (r.vetoed()) {
    if (p.result == "合格" || p.score)
      out.push_back({Kind::kVerdict, label(rec), shown(p, d), "不合格",
                     "单项否决 (" + t.veto_titles(rec.vetoes, "、") + ") makes it 不合格, with no score"});
    else if (p.veto && !*p.veto)
      out.push_back({Kind::kVerdict, label(rec), "单项否决 否", "单项否决 是", "the records give " + t.veto_titles(rec.vetoes, "、")});
    return;
  }
  if (p.veto && *p.veto) {
    out.push_back({Kind::kVerdict, label(rec), "单项否决 是", "单项否决 否", "the records name no veto"});
    return;
  }
  if (p.score && r.has_score() && *p.score != *r.score()) {
    out.push_back({Kind::kScore, label(rec), p.score->fixed(d), r.score()->fixed(d),
                   "recomputed exactly " + (r.trace ? r.trace : score_record(rules, rec).trace)->exact_score.str() + " → " +
                       r.score()->fixed(d)});
    return;
  }
  if (!p.result.empty() && p.result != r.verdict()) {
    std::string why = r.passed ? "the score is at or above " + t.pass_score.str()
                               : "the score is below " + t.pass_score.str();
    if (p.score && p.result == "合格" && *p.score < t.pass_score)
      why = "a published score of " + p.score->fixed(d) + " is below the pass line " + t.pass_score.str();
    out.push_back({Kind::kVerdict, label(rec), shown(p, d), computed(r, d), why});
  }
}

// Published ranks against published scores, within each ranking pool: a
// rank must equal 1 + the units scoring strictly higher (competition), or
// 1 + the distinct higher scores (dense).
void check_ranks(const RuleSet& rules, const Batch& batch, const std::vector<Result>& results, const AuditOptions& options,
                 std::vector<Disagreement>& out) {
  using Pool = std::pair<std::size_t, std::string_view>;
  std::map<Pool, std::vector<Exact>> scores;
  auto pool_of = [&](const Record& rec) {
    return Pool{rec.target, options.within == RankWithin::kGroup ? rec.group : std::string_view()};
  };
  for (const auto& rec : batch.records)
    if (rec.details().published && rec.details().published->score) scores[pool_of(rec)].push_back(*rec.details().published->score);
  for (auto& [pool, list] : scores) std::sort(list.begin(), list.end(), [](const Exact& a, const Exact& b) { return b < a; });
  for (const auto& r : results) {
    const Record& rec = batch.records[r.record];
    if (!rec.details().published || !rec.details().published->rank || !rec.details().published->score) continue;
    const auto& list = scores[pool_of(rec)];
    const Exact& score = *rec.details().published->score;
    long higher = 0;
    long distinct_higher = 0;
    for (std::size_t i = 0; i < list.size() && score < list[i]; ++i) {
      ++higher;
      if (i == 0 || list[i] != list[i - 1]) ++distinct_higher;
    }
    long expected = 1 + (options.ranking == RankingMethod::kCompetition ? higher : distinct_higher);
    if (*rec.details().published->rank == expected) continue;
    std::string why = std::to_string(higher) + (higher == 1 ? " unit scores" : " units score") + " higher than " +
                      score.fixed(rules.decimals);
    if (options.ranking == RankingMethod::kDense) why = std::to_string(distinct_higher) + " higher scores (dense ranking)";
    out.push_back({Kind::kRank, label(rec), "第" + std::to_string(*rec.details().published->rank) + "名",
                   "第" + std::to_string(expected) + "名", why});
  }
}

void check_duplicates(const Batch& batch, const std::vector<Result>& ranked, std::vector<Disagreement>& out) {
  std::map<std::tuple<std::size_t, std::string_view, std::string_view, std::string_view>, std::vector<std::size_t>> seen;
  for (const auto& r : ranked) {
    const Record& rec = batch.records[r.record];
    seen[{rec.target, rec.name, rec.platform, rec.owner}].push_back(r.record);
  }
  for (const auto& r : ranked) {
    const Record& rec = batch.records[r.record];
    const auto& same = seen[{rec.target, rec.name, rec.platform, rec.owner}];
    if (same.size() < 2 || same.front() != r.record) continue;  // report each group once
    std::string ids;
    for (auto i : same) ids += (ids.empty() ? "" : ", ") + std::string(batch.records[i].id);
    std::string what = std::string(rec.name) + (rec.platform.empty() ? "" : "（" + std::string(rec.platform) + "）") +
                       (rec.owner.empty() ? "" : "，" + std::string(rec.owner));
    out.push_back({Kind::kDuplicate, what, "listed " + std::to_string(same.size()) + " times", "once",
                   "same name, platform and owner under ids " + ids});
  }
}

void check_summary(const RuleSet& rules, const Batch& batch, const Summary& summary, std::vector<Disagreement>& out) {
  for (const auto& [target_index, ps] : batch.published_summary) {
    const std::size_t target = target_index;  // a lambda below captures it (clang 14: no structured-binding capture)
    const std::string title = rules.targets[target].title;
    const TargetSummary none{};  // a target with no records: all counts 0
    auto it = std::find_if(summary.targets.begin(), summary.targets.end(),
                           [&](const TargetSummary& s) { return s.target == target; });
    const TargetSummary& ts = it != summary.targets.end() ? *it : none;
    auto count = [&](const char* name, const std::optional<long>& published, long actual, const std::string& why) {
      if (published && *published != actual)
        out.push_back({Kind::kSummary, title + " " + name, std::to_string(*published), std::to_string(actual), why});
    };
    count("检查数", ps.checked, ts.checked, "records of this target");
    count("合格数", ps.passed, ts.passed, "records recomputed as 合格");
    count("不合格数", ps.failed, ts.failed, "records recomputed as 不合格");
    if (ps.checked && ps.passed && ps.failed && *ps.passed + *ps.failed != *ps.checked)
      out.push_back({Kind::kSummary, title + " 合格数 + 不合格数", std::to_string(*ps.passed + *ps.failed),
                     std::to_string(*ps.checked), "the published figures do not add up to the published 检查数"});
    auto rate = [&](const char* name, const std::optional<Exact>& published, long part, long whole, const std::string& why) {
      if (!published || whole <= 0) return;
      std::string actual = percent(part, whole);
      if (Exact::parse(actual) != *published)
        out.push_back({Kind::kSummary, title + " " + name, published->fixed(2) + "%", actual + "%", why});
    };
    rate("合格率", ps.pass_rate, ts.passed, ts.checked,
         std::to_string(ts.passed) + " ÷ " + std::to_string(ts.checked) + " recomputed");
    std::optional<long> registered = ts.registered ? ts.registered : ps.registered;
    if (ps.registered && ts.registered) count("在册数", ps.registered, *ts.registered, "registered in the records file");
    if (registered)
      rate("抽查率", ps.check_rate, ts.checked, *registered,
           std::to_string(ts.checked) + " ÷ " + std::to_string(*registered) + " registered");
  }
}

const char* kind_title(Kind k) {
  switch (k) {
    case Kind::kScore: return "得分 (score differs from the recomputed one)";
    case Kind::kVerdict: return "检查结果 (verdict contradicts the rules)";
    case Kind::kRank: return "排名 (rank inconsistent with the published scores)";
    case Kind::kDuplicate: return "重复 (the same target listed twice)";
    case Kind::kSummary: return "汇总 (summary figures that do not match the records)";
  }
  return "";
}

}  // namespace

std::vector<Disagreement> audit(const RuleSet& rules, const Batch& batch, const AuditOptions& options) {
  // Records are checked in input order: that is the published table's order.
  std::vector<Result> results = score(rules, batch);
  std::vector<Disagreement> out;
  for (const auto& r : results) check_record(rules, batch.records[r.record], r, out);
  check_ranks(rules, batch, results, options, out);
  auto ranked = rank(rules, batch, std::move(results), options.within);
  check_duplicates(batch, ranked, out);
  check_summary(rules, batch, summarize(rules, batch, ranked, options.within), out);
  std::stable_sort(out.begin(), out.end(), [](const Disagreement& a, const Disagreement& b) { return a.kind < b.kind; });
  return out;
}

std::string render_audit(const RuleSet& rules, const Batch& batch, const std::vector<Disagreement>& found) {
  long published = 0;
  for (const auto& rec : batch.records) published += rec.details().published ? 1 : 0;
  std::string out = "audit of " + std::to_string(batch.records.size()) + " records (" + std::to_string(published) +
                    " with published values) against " + rules.id + ", " + batch.period + ": ";
  if (found.empty()) return out + "everything agrees\n";
  out += std::to_string(found.size()) + (found.size() == 1 ? " disagreement" : " disagreements") + "\n";
  // Aligned columns per kind: subject, published → expected, why.
  for (std::size_t i = 0; i < found.size();) {
    std::size_t j = i;
    std::size_t subject_width = 0;
    std::size_t published_width = 0;
    while (j < found.size() && found[j].kind == found[i].kind) {
      subject_width = std::max(subject_width, text::display_width(found[j].subject));
      published_width = std::max(published_width, text::display_width(found[j].published));
      ++j;
    }
    out += "\n" + std::string(kind_title(found[i].kind)) + ": " + std::to_string(j - i) + "\n";
    for (; i < j; ++i) {
      const Disagreement& d = found[i];
      auto pad = [](const std::string& s, std::size_t w) { return s + std::string(w - text::display_width(s), ' '); };
      out += "  " + pad(d.subject, subject_width) + "  published " + pad(d.published, published_width) + "  should be " +
             d.expected + "  (" + d.why + ")\n";
    }
  }
  return out;
}

}  // namespace govscore
