// Where a loaded quarter's texts live (internal header): blocks of bytes
// that never move, owned by the ArchivedQuarter, with the texts its units
// repeat (owners, targets, regions, groups, platforms, deductions) stored
// once. A million units then cost a few allocations, not seven strings each.
#pragma once

#include <algorithm>
#include <cstring>
#include <memory>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace govscore::archive {

class QuarterTexts {
 public:
  // Adds blocks to `blocks`, which must outlive this and every view it gives.
  explicit QuarterTexts(std::vector<std::unique_ptr<char[]>>& blocks) : blocks_(blocks) {}

  // A copy of `text` in the blocks.
  std::string_view copy(std::string_view text) {
    if (text.empty()) return {};
    if (text.size() > left_) {
      const std::size_t size = std::max(kBlockSize, text.size());
      blocks_.push_back(std::make_unique<char[]>(size));
      next_ = blocks_.back().get();
      left_ = size;
    }
    std::memcpy(next_, text.data(), text.size());
    std::string_view kept(next_, text.size());
    next_ += text.size();
    left_ -= text.size();
    return kept;
  }

  // The one copy of texts equal to `text`, made the first time it is seen.
  std::string_view shared(std::string_view text) {
    auto it = seen_.find(text);
    if (it != seen_.end()) return *it;
    return *seen_.insert(copy(text)).first;
  }

 private:
  static constexpr std::size_t kBlockSize = 1 << 20;
  std::vector<std::unique_ptr<char[]>>& blocks_;
  char* next_ = nullptr;
  std::size_t left_ = 0;
  std::unordered_set<std::string_view> seen_;
};

}  // namespace govscore::archive
