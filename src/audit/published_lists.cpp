#include "published_lists.hpp"

#include <algorithm>
#include <set>
#include <string>

#include "govscore/records.hpp"
#include "govscore/rules.hpp"
#include "govscore/summary.hpp"

namespace govscore {
namespace {

std::string units(std::size_t n) { return std::to_string(n) + "个"; }

// One band or list: what was published against the records the rules put in it.
void compare(const std::string& subject, const PublishedSummary::Names& published, const Batch& batch,
             std::vector<std::size_t> records, std::vector<Disagreement>& out) {
  using Kind = Disagreement::Kind;
  std::sort(records.begin(), records.end());  // records-file order
  if (published.count && published.names && static_cast<std::size_t>(*published.count) != published.names->size())
    out.push_back(
        disagreement(Kind::kSummary, subject, tr("{0} (count)", units(static_cast<std::size_t>(*published.count))),
                     tr("{0} (names)", units(published.names->size())),
                     tr("the publication's count disagrees with the {0} names it lists", published.names->size())));
  if (published.count && static_cast<std::size_t>(*published.count) != records.size())
    out.push_back(disagreement(Kind::kSummary, subject, words(units(static_cast<std::size_t>(*published.count))),
                               words(units(records.size())), tr("units the records and rules put in it")));
  if (!published.names) return;
  std::set<std::string> listed(published.names->begin(), published.names->end());
  std::set<std::string> computed;
  for (auto r : records) computed.insert(std::string(batch.records[r].name));
  for (const auto& name : *published.names)
    if (!computed.count(name))
      out.push_back(disagreement(Kind::kSummary, subject + "：" + name, tr("listed"), tr("not in it"),
                                 tr("the records and rules leave it out")));
  for (auto r : records) {
    std::string name(batch.records[r].name);
    if (!listed.count(name))
      out.push_back(disagreement(Kind::kSummary, subject + "：" + name, tr("not listed"), tr("listed"),
                                 tr("record {0} belongs in it", batch.records[r].id)));
  }
}

}  // namespace

void check_published_names(const RuleSet& rules, const Batch& batch, const Summary& summary,
                           std::vector<Disagreement>& out) {
  for (const auto& [target, ps] : batch.published_summary) {
    const std::string& title = rules.targets[target].title;
    for (const auto& [band_title, published] : ps.bands) {
      std::vector<std::size_t> records;  // a band split by group appears once per group
      for (const auto& band : summary.bands)
        if (band.target == target && band.title == band_title)
          records.insert(records.end(), band.records.begin(), band.records.end());
      compare(title + " 分数段“" + band_title + "”", published, batch, records, out);
    }
    for (const auto& [list_id, published] : ps.lists) {
      std::vector<std::size_t> records;
      std::string list_title = list_id;
      for (const auto& list : summary.lists) {
        if (rules.lists[list.list].id != list_id) continue;
        list_title = rules.lists[list.list].title;
        for (const auto& part : list.parts) records.insert(records.end(), part.records.begin(), part.records.end());
      }
      compare("名单“" + list_title + "”", published, batch, records, out);
    }
  }
}

}  // namespace govscore
