// Where a loaded quarter's texts live (internal header): its TextBlocks,
// with the texts its units repeat (owners, targets, regions, groups,
// platforms, deductions) stored once. A million units then cost a few
// allocations, not seven strings each.
#pragma once

#include <string_view>
#include <unordered_set>
#include <vector>

#include "govscore/archive.hpp"

namespace govscore::archive {

class QuarterTexts {
 public:
  // Keeps texts in `blocks`, which must outlive this and every view it gives.
  explicit QuarterTexts(TextBlocks& blocks) : blocks_(blocks) {}

  // A copy of `text` in the blocks.
  std::string_view copy(std::string_view text) { return blocks_.keep(text); }

  // The one copy of texts equal to `text`, made the first time it is seen.
  std::string_view shared(std::string_view text) {
    auto it = seen_.find(text);
    if (it != seen_.end()) return *it;
    return *seen_.insert(copy(text)).first;
  }

 private:
  TextBlocks& blocks_;
  std::unordered_set<std::string_view> seen_;
};

}  // namespace govscore::archive
