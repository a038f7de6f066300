#include "rules/tiers.hpp"

#include <set>

namespace govscore {

std::vector<Tier> read_tiers(const YAML::Node& list, const std::string& where, const TierReaderHooks& hooks) {
  std::vector<Tier> tiers;
  if (list.IsNull()) return tiers;
  if (!list.IsSequence()) {
    hooks.error(list, where + ": tiers must be a list of {title, at_least} or {title, share}");
    return tiers;
  }
  std::set<std::string> titles;
  Exact shares = 0;
  std::size_t count = list.size();
  for (std::size_t i = 0; i < count; ++i) {
    const YAML::Node item = list[i];
    if (!item.IsMap()) {
      hooks.error(item, where + ": each entry of tiers is a mapping");
      continue;
    }
    hooks.check_keys(item, {"title", "at_least", "share"}, "tier");
    Tier tier;
    YAML::Node title = item["title"];
    if (!title || !title.IsScalar() || title.Scalar().empty()) {
      hooks.error(item, where + ": tier #" + std::to_string(i + 1) + ": missing \"title\"");
    } else {
      tier.title = title.Scalar();
      if (!titles.insert(tier.title).second) hooks.error(title, where + ": duplicate tier \"" + tier.title + "\"");
    }
    const std::string what = where + ": tier \"" + tier.title + "\"";
    if (auto n = item["at_least"]) tier.at_least = hooks.number(n, what + ": at_least");
    if (auto n = item["share"]) {
      tier.share = hooks.number(n, what + ": share");
      if (tier.share && (*tier.share <= 0 || *tier.share > 1)) {
        hooks.error(n, what + ": share must be above 0 and at most 1 (0.2 is 20%)");
        tier.share.reset();
      }
      if (tier.share) shares += *tier.share;
    }
    const bool last = i + 1 == count;
    if (item["at_least"] && item["share"]) {
      hooks.error(item, what + ": give at_least or share, not both");
    } else if (!item["at_least"] && !item["share"] && !last) {
      hooks.error(item, what + ": missing \"at_least\" or \"share\" (only the last tier may take the rest)");
    }
    if (!tiers.empty()) {
      const Tier& before = tiers.back();
      if ((before.at_least && item["share"]) || (before.share && item["at_least"]))
        hooks.error(item, what + ": tiers are either all by at_least or all by share");
      if (before.at_least && tier.at_least && *tier.at_least >= *before.at_least)
        hooks.error(item["at_least"], what + ": at_least must be below the tier before (" + before.at_least->str() + ")");
    }
    tiers.push_back(std::move(tier));
  }
  if (shares > 1) hooks.error(list, where + ": tier shares add up to " + shares.str() + ", more than 1");
  return tiers;
}

std::vector<std::optional<std::size_t>> assign_tiers(const std::vector<Tier>& tiers,
                                                     const std::vector<std::optional<Exact>>& means,
                                                     const std::vector<std::optional<long>>& ranks) {
  std::vector<std::optional<std::size_t>> out(means.size());
  if (tiers.empty()) return out;
  long ranked = 0;
  for (const auto& m : means) ranked += m ? 1 : 0;
  for (std::size_t u = 0; u < means.size(); ++u) {
    if (!means[u]) continue;
    Exact cumulative = 0;
    for (std::size_t t = 0; t < tiers.size(); ++t) {
      const Tier& tier = tiers[t];
      bool in = false;
      if (tier.at_least) {
        in = *means[u] >= *tier.at_least;
      } else if (tier.share) {
        cumulative += *tier.share;
        in = ranks[u] && Exact(*ranks[u]) <= cumulative * Exact(ranked);
      } else {
        in = true;  // the last tier: the rest
      }
      if (in) {
        out[u] = t;
        break;
      }
    }
  }
  return out;
}

}  // namespace govscore
