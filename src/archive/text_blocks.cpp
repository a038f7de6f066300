#include <algorithm>
#include <cstring>

#include "govscore/archive.hpp"

namespace govscore {

std::string_view TextBlocks::keep(std::string_view text) {
  // Blocks of a megabyte: a million units' texts take a few hundred.
  constexpr std::size_t kBlockSize = std::size_t{1} << 20;
  if (text.empty()) return {};
  if (text.size() > left_) {
    const std::size_t size = std::max(kBlockSize, text.size());
    blocks_.push_back(std::make_unique<char[]>(size));
    next_ = blocks_.back().get();
    left_ = size;
  }
  std::memcpy(next_, text.data(), text.size());
  const std::string_view kept(next_, text.size());
  next_ += text.size();
  left_ -= text.size();
  return kept;
}

}  // namespace govscore
