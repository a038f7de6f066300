#include "govscore/audit.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "govscore/records.hpp"
#include "govscore/rules.hpp"
#include "govscore/score.hpp"
#include "govscore/summary.hpp"
#include "audit/published_lists.hpp"
#include "util/text.hpp"

namespace govscore {
namespace {

using Kind = Disagreement::Kind;

std::string label(const Record& rec) {
  return std::string(rec.id) + " " + std::string(rec.name) +
         (rec.platform.empty() ? "" : "（" + std::string(rec.platform) + "）");
}

// A published score as the publication wrote it (100.04 stays 100.04).
std::string published_score(const Published& p) { return p.score_text.empty() ? p.score->str() : p.score_text; }

// How the publication showed a record: "合格 100.0", "不合格", "—".
std::string shown(const Published& p) {
  std::string out = p.result;
  if (p.score) out += (out.empty() ? "" : " ") + published_score(p);
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
      out.push_back(disagreement(Kind::kVerdict, label(rec), words(shown(p)), words("不合格"),
                                 tr("单项否决 ({0}) makes it 不合格, with no score", t.veto_titles(rec.vetoes, "、"))));
    else if (p.veto && !*p.veto)
      out.push_back(disagreement(Kind::kVerdict, label(rec), words("单项否决 否"), words("单项否决 是"),
                                 tr("the records give {0}", t.veto_titles(rec.vetoes, "、"))));
    return;
  }
  if (p.veto && *p.veto) {
    out.push_back(disagreement(Kind::kVerdict, label(rec), words("单项否决 是"), words("单项否决 否"),
                               tr("the records name no veto")));
    return;
  }
  if (p.score && r.has_score() && *p.score != *r.score()) {
    out.push_back(
        disagreement(Kind::kScore, label(rec), words(published_score(p)), words(r.score()->fixed(d)),
                     tr("recomputed exactly {0} → {1}",
                        (r.trace ? r.trace : score_record(rules, rec).trace)->exact_score.str(), r.score()->fixed(d))));
    return;
  }
  if (!p.result.empty() && p.result != r.verdict()) {
    Message why = r.passed ? tr("the score is at or above {0}", t.pass_score.str())
                           : tr("the score is below {0}", t.pass_score.str());
    if (p.score && p.result == "合格" && *p.score < t.pass_score)
      why = tr("a published score of {0} is below the pass line {1}", published_score(p), t.pass_score.str());
    out.push_back(disagreement(Kind::kVerdict, label(rec), words(shown(p)), words(computed(r, d)), why));
  }
}

// Published ranks against published scores, within each ranking pool: a
// rank must equal 1 + the units scoring strictly higher (competition), or
// 1 + the distinct higher scores (dense).
void check_ranks(const Batch& batch, const std::vector<Result>& results, const AuditOptions& options,
                 std::vector<Disagreement>& out) {
  using Pool = std::pair<std::size_t, std::string_view>;
  std::map<Pool, std::vector<Exact>> scores;
  auto pool_of = [&](const Record& rec) {
    return Pool{rec.target, options.within == RankWithin::kGroup ? rec.group : std::string_view()};
  };
  for (const auto& rec : batch.records)
    if (rec.details().published && rec.details().published->score) scores[pool_of(rec)].push_back(*rec.details().published->score);
  // Each pool's scores best first, and how many distinct scores come
  // before each place: a rank is then two binary searches away.
  auto better = [](const Exact& a, const Exact& b) { return b < a; };
  std::map<Pool, std::vector<long>> distinct_before;
  for (auto& [pool, list] : scores) {
    std::sort(list.begin(), list.end(), better);
    auto& distinct = distinct_before[pool];
    distinct.resize(list.size() + 1, 0);
    for (std::size_t i = 0; i < list.size(); ++i) distinct[i + 1] = distinct[i] + (i == 0 || list[i] != list[i - 1] ? 1 : 0);
  }
  for (const auto& r : results) {
    const Record& rec = batch.records[r.record];
    if (!rec.details().published || !rec.details().published->rank || !rec.details().published->score) continue;
    const auto& list = scores[pool_of(rec)];
    const Exact& score = *rec.details().published->score;
    const auto first_not_higher = std::lower_bound(list.begin(), list.end(), score, better);
    const long higher = first_not_higher - list.begin();
    const long distinct_higher = distinct_before[pool_of(rec)][static_cast<std::size_t>(higher)];
    long expected = 1 + (options.ranking == RankingMethod::kCompetition ? higher : distinct_higher);
    if (*rec.details().published->rank == expected) continue;
    Message why = higher == 1
                      ? tr("{0} unit scores higher than {1}", higher, published_score(*rec.details().published))
                      : tr("{0} units score higher than {1}", higher, published_score(*rec.details().published));
    if (options.ranking == RankingMethod::kDense) why = tr("{0} higher scores (dense ranking)", distinct_higher);
    out.push_back(disagreement(Kind::kRank, label(rec),
                               words("第" + std::to_string(*rec.details().published->rank) + "名"),
                               words("第" + std::to_string(expected) + "名"), why));
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
    out.push_back(disagreement(Kind::kDuplicate, what, tr("listed {0} times", same.size()), tr("once"),
                               tr("same name, platform and owner under ids {0}", ids)));
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
    auto count = [&](const char* name, const std::optional<long>& published, long actual, const Message& why) {
      if (published && *published != actual)
        out.push_back(disagreement(Kind::kSummary, title + " " + name, words(std::to_string(*published)),
                                   words(std::to_string(actual)), why));
    };
    count("检查数", ps.checked, ts.checked, tr("records of this target"));
    count("合格数", ps.passed, ts.passed, tr("records recomputed as 合格"));
    count("不合格数", ps.failed, ts.failed, tr("records recomputed as 不合格"));
    if (ps.checked && ps.passed && ps.failed && *ps.passed + *ps.failed != *ps.checked)
      out.push_back(disagreement(Kind::kSummary, title + " 合格数 + 不合格数",
                                 words(std::to_string(*ps.passed + *ps.failed)), words(std::to_string(*ps.checked)),
                                 tr("the published figures do not add up to the published 检查数")));
    auto rate = [&](const char* name, const std::optional<Exact>& published, long part, long whole,
                    const Message& why) {
      if (!published || whole <= 0) return;
      std::string actual = percent(part, whole);
      if (Exact::parse(actual) != *published)
        out.push_back(disagreement(Kind::kSummary, title + " " + name, words(published->fixed(2) + "%"),
                                   words(actual + "%"), why));
    };
    rate("合格率", ps.pass_rate, ts.passed, ts.checked, tr("{0} ÷ {1} recomputed", ts.passed, ts.checked));
    std::optional<long> registered = ts.registered ? ts.registered : ps.registered;
    if (ps.registered && ts.registered)
      count("在册数", ps.registered, *ts.registered, tr("registered in the records file"));
    if (registered)
      rate("抽查率", ps.check_rate, ts.checked, *registered, tr("{0} ÷ {1} registered", ts.checked, *registered));
  }
}

Message kind_title(Kind k) {
  switch (k) {
    case Kind::kScore:
      return tr("得分 (score differs from the recomputed one)");
    case Kind::kVerdict:
      return tr("检查结果 (verdict contradicts the rules)");
    case Kind::kRank:
      return tr("排名 (rank inconsistent with the published scores)");
    case Kind::kDuplicate:
      return tr("重复 (the same target listed twice)");
    case Kind::kSummary:
      return tr("汇总 (summary figures that do not match the records)");
  }
  return Message();
}

}  // namespace

std::vector<Disagreement> audit(const RuleSet& rules, const Batch& batch, const AuditOptions& options) {
  // Records are checked in input order: that is the published table's order.
  std::vector<Result> results = score(rules, batch);
  std::vector<Disagreement> out;
  for (const auto& r : results) check_record(rules, batch.records[r.record], r, out);
  check_ranks(batch, results, options, out);
  auto ranked = rank(rules, batch, std::move(results), options.within);
  check_duplicates(batch, ranked, out);
  const Summary summary = summarize(rules, batch, ranked, options.within);
  check_summary(rules, batch, summary, out);
  check_published_names(rules, batch, summary, out);
  std::stable_sort(out.begin(), out.end(), [](const Disagreement& a, const Disagreement& b) { return a.kind < b.kind; });
  return out;
}

std::string render_audit(const RuleSet& rules, const Batch& batch, const std::vector<Disagreement>& found,
                         Language language) {
  long published = 0;
  for (const auto& rec : batch.records) published += rec.details().published ? 1 : 0;
  std::string out = tr("audit of {0} records ({1} with published values) against {2}, {3}: ", batch.records.size(),
                       published, rules.id, batch.period)
                        .str(language);
  if (found.empty()) return out + tr("everything agrees").str(language) + "\n";
  out +=
      (found.size() == 1 ? tr("{0} disagreement", found.size()) : tr("{0} disagreements", found.size())).str(language) +
      "\n";
  // Disagreements made elsewhere (tests) may have only their strings.
  auto in_words = [&](const Message& m, const std::string& text) { return m.empty() ? text : m.str(language); };
  // Aligned columns per kind: subject, published → expected, why.
  for (std::size_t i = 0; i < found.size();) {
    std::size_t j = i;
    std::size_t subject_width = 0;
    std::size_t published_width = 0;
    while (j < found.size() && found[j].kind == found[i].kind) {
      subject_width = std::max(subject_width, text::display_width(found[j].subject));
      published_width =
          std::max(published_width, text::display_width(in_words(found[j].published_words, found[j].published)));
      ++j;
    }
    out += "\n" + kind_title(found[i].kind).str(language) + ": " + std::to_string(j - i) + "\n";
    for (; i < j; ++i) {
      const Disagreement& d = found[i];
      auto pad = [](const std::string& s, std::size_t w) { return s + std::string(w - text::display_width(s), ' '); };
      out += tr("  {0}  published {1}  should be {2}  ({3})", pad(d.subject, subject_width),
                pad(in_words(d.published_words, d.published), published_width), in_words(d.expected_words, d.expected),
                in_words(d.why_words, d.why))
                 .str(language) +
             "\n";
    }
  }
  return out;
}

}  // namespace govscore
