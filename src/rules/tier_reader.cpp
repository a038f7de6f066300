#include "rules/tier_reader.hpp"

#include <set>

namespace govscore {

std::vector<Tier> read_tiers(const YAML::Node& list, const Message& where, const TierReaderHooks& hooks) {
  std::vector<Tier> tiers;
  if (list.IsNull()) return tiers;
  if (!list.IsSequence()) {
    hooks.error(list, tr("{0}: tiers must be a list of {title, at_least} or {title, share}", where));
    return tiers;
  }
  std::set<std::string> titles;
  Exact shares = 0;
  std::size_t count = list.size();
  for (std::size_t i = 0; i < count; ++i) {
    const YAML::Node item = list[i];
    if (!item.IsMap()) {
      hooks.error(item, tr("{0}: each entry of {1} is a mapping", where, "tiers"));
      continue;
    }
    hooks.check_keys(item, {"title", "at_least", "share"}, tr("tier"));
    Tier tier;
    YAML::Node title = item["title"];
    if (!title || !title.IsScalar() || title.Scalar().empty()) {
      hooks.error(item, tr("{0}: tier #{1}: missing \"title\"", where, i + 1));
    } else {
      tier.title = title.Scalar();
      if (!titles.insert(tier.title).second) hooks.error(title, tr("{0}: duplicate tier \"{1}\"", where, tier.title));
    }
    const Message what = tr("{0}: tier \"{1}\"", where, tier.title);
    if (auto n = item["at_least"]) tier.at_least = hooks.number(n, tr("{0}: at_least", what));
    if (auto n = item["share"]) {
      tier.share = hooks.number(n, tr("{0}: share", what));
      if (tier.share && (*tier.share <= 0 || *tier.share > 1)) {
        hooks.error(n, tr("{0}: share must be above 0 and at most 1 (0.2 is 20%)", what));
        tier.share.reset();
      }
      if (tier.share) shares += *tier.share;
    }
    const bool last = i + 1 == count;
    if (item["at_least"] && item["share"]) {
      hooks.error(item, tr("{0}: give at_least or share, not both", what));
    } else if (!item["at_least"] && !item["share"] && !last) {
      hooks.error(item, tr("{0}: missing \"at_least\" or \"share\" (only the last tier may take the rest)", what));
    }
    if (!tiers.empty()) {
      const Tier& before = tiers.back();
      if ((before.at_least && item["share"]) || (before.share && item["at_least"]))
        hooks.error(item, tr("{0}: tiers are either all by at_least or all by share", what));
      if (before.at_least && tier.at_least && *tier.at_least >= *before.at_least)
        hooks.error(item["at_least"],
                    tr("{0}: at_least must be below the tier before ({1})", what, before.at_least->str()));
    }
    tiers.push_back(std::move(tier));
  }
  if (shares > 1) hooks.error(list, tr("{0}: tier shares add up to {1}, more than 1", where, shares.str()));
  return tiers;
}

}  // namespace govscore
