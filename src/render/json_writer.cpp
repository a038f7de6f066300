// The JSON writer: the results as the contract of docs/json-output.md.
#include <nlohmann/json.hpp>

#include "govscore/records.hpp"
#include "govscore/report.hpp"
#include "govscore/rules.hpp"
#include "govscore/score.hpp"

namespace govscore {
namespace {

// nlohmann's json holds numbers as doubles, which would print 120.00 as
// 120.0. A number is therefore held as a string marked with this prefix and
// written from its exact decimal text once the document is dumped (dump
// escapes the marker's control characters as \u0001\u0002, which no text
// from the input can hold: records refuse control characters).
constexpr const char* kNumberMark = "\x01\x02";
constexpr const char* kDumpedMark = "\"\\u0001\\u0002";

std::string unmark_numbers(std::string dumped) {
  std::string out;
  out.reserve(dumped.size());
  const std::string mark = kDumpedMark;
  std::size_t from = 0;
  for (std::size_t at = dumped.find(mark); at != std::string::npos; at = dumped.find(mark, from)) {
    const std::size_t end = dumped.find('"', at + mark.size());
    out.append(dumped, from, at - from);
    out.append(dumped, at + mark.size(), end - at - mark.size());
    from = end + 1;
  }
  out.append(dumped, from, std::string::npos);
  return out;
}

}  // namespace

std::string render_json(const RuleSet& rules, const Batch& batch, const std::vector<Result>& ranked,
                        const std::string& target) {
  using json = nlohmann::ordered_json;
  // Numbers are written from their exact decimal text, never through a
  // double, so 88.9 is 88.9 in every run.
  auto number = [](const Exact& e, int places) { return json(kNumberMark + e.fixed(places)); };
  // Exact when it has a finite decimal form (deductions, 0.5 factors); a
  // rescale such as 100/90 is given to 6 decimals.
  auto exact = [](const Exact& e) { return json(kNumberMark + (e.decimals() ? e.str() : e.fixed(6))); };
  json results = json::array();
  for (const auto& r : ranked) {
    const Record& rec = batch.records[r.record];
    const Target& t = rules.targets[rec.target];
    if (!target.empty() && t.id != target) continue;
    json j;
    j["id"] = rec.id;
    j["name"] = rec.name;
    j["owner"] = rec.owner;
    j["target"] = t.id;
    j["region"] = rec.region;
    j["group"] = rec.group;
    j["platform"] = rec.platform;
    j["score"] = r.has_score() ? number(*r.score(), rules.decimals) : json(nullptr);
    j["passed"] = r.passed;
    j["result"] = r.verdict();
    j["rank"] = r.rank() ? json(*r.rank()) : json(nullptr);
    json vetoes = json::array();
    for (auto v : rec.vetoes) vetoes.push_back(t.veto_title(v));
    j["vetoes"] = vetoes;
    json deductions = json::object();
    json not_assessed = json::array();
    bool scored = r.has_score();
    // Recomputed when score() did not keep it: cheap, and held one at a time.
    std::shared_ptr<const Trace> trace = r.trace ? r.trace : score_record(rules, rec).trace;
    for (const auto& it : trace->indicators) {
      const auto& title = t.deductions[it.indicator].title;
      if (it.assessed) deductions[title] = exact(it.deducted);
      else not_assessed.push_back(title);
    }
    j["deductions"] = deductions;
    j["bonus"] = scored && t.bonus ? exact(trace->bonus->counted) : (scored ? json(0) : json(nullptr));
    j["not_assessed"] = not_assessed;
    j["scale"] = scored ? exact(trace->scale) : json(nullptr);
    results.push_back(std::move(j));
  }
  json out;
  out["rules"] = rules.id;
  out["period"] = batch.period;
  out["results"] = std::move(results);
  return unmark_numbers(out.dump(2)) + "\n";
}

}  // namespace govscore
