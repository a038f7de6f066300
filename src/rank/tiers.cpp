#include "govscore/tiers.hpp"

namespace govscore {

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
