// The rule file's named lists (名单): who is on them, and how the bulletin
// prints them.
#include <algorithm>

#include "govscore/bulletin.hpp"
#include "govscore/records.hpp"
#include "govscore/rules.hpp"
#include "govscore/summary.hpp"

namespace govscore {

std::size_t NamedListResult::count() const {
  std::size_t n = 0;
  for (const auto& part : parts) n += part.records.size();
  return n;
}

std::vector<NamedListResult> collect_named_lists(const RuleSet& rules, const Batch& batch) {
  std::vector<NamedListResult> out(rules.lists.size());
  for (std::size_t l = 0; l < rules.lists.size(); ++l) out[l].list = l;
  for (std::size_t r = 0; r < batch.records.size(); ++r) {
    const Record& rec = batch.records[r];
    for (std::size_t l : rec.details().lists) {
      const NamedList& list = rules.lists[l];
      std::string heading = list.by == NamedList::By::kGroup    ? std::string(rec.group)
                            : list.by == NamedList::By::kRegion ? std::string(rec.region)
                                                                : std::string();
      if (list.by != NamedList::By::kNone && heading.empty())
        heading = list.by == NamedList::By::kGroup ? "（未填分组）" : "（未填地区）";
      auto& parts = out[l].parts;
      auto it = std::find_if(parts.begin(), parts.end(),
                             [&](const NamedListResult::Part& p) { return p.heading == heading; });
      if (it == parts.end()) it = parts.insert(parts.end(), NamedListResult::Part{heading, {}});
      it->records.push_back(r);
    }
  }
  return out;
}

namespace {

std::string names_of(const Bulletin& b, const std::vector<std::size_t>& records) {
  std::string names;
  for (auto r : records) {
    const Record& rec = b.batch->records[r];
    names += (names.empty() ? "" : "、") + std::string(rec.name) +
             (rec.platform.empty() ? "" : "（" + std::string(rec.platform) + "）");
  }
  return names;
}

std::string counted(const std::string& title, std::size_t n) { return title + "（" + std::to_string(n) + "个）"; }

}  // namespace

std::vector<std::string> named_list_lines(const Bulletin& b, const NamedListResult& list) {
  const NamedList& decl = b.rules->lists[list.list];
  if (list.count() == 0) return {counted(decl.title, 0) + "：无。"};
  if (decl.by == NamedList::By::kNone)
    return {counted(decl.title, list.count()) + "：" + names_of(b, list.parts[0].records) + "。"};
  std::vector<std::string> lines{counted(decl.title, list.count())};
  for (const auto& part : list.parts)
    lines.push_back(counted(part.heading, part.records.size()) + "：" + names_of(b, part.records) + "。");
  return lines;
}

AnnexTable named_lists_table(const Bulletin& b) {
  AnnexTable t;
  t.target_id = "lists";
  t.title = "名单";
  t.columns = {{"名单", "", "", "", false},
               {"分组", "", "", "", false},
               {"数量", "", "", "", true},
               {"名称", "", "", "", false}};
  for (const auto& list : b.summary.lists) {
    const std::string& title = b.rules->lists[list.list].title;
    if (list.parts.empty()) t.rows.push_back({{title, "", "0", ""}, false});
    for (const auto& part : list.parts)
      t.rows.push_back({{title, part.heading, std::to_string(part.records.size()), names_of(b, part.records)}, false});
  }
  return t;
}

}  // namespace govscore
