// TextStore (text_store.hpp).
#include "load/text_store.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace govscore {

void TextStore::hold(std::shared_ptr<const void> owner, std::string_view bytes) {
  owners_.push_back(std::move(owner));
  held_ = bytes;
}

std::string_view TextStore::keep(std::string_view text) {
  constexpr std::size_t kBlock = std::size_t{1} << 20;
  if (text.empty()) return {};
  const auto at = reinterpret_cast<std::uintptr_t>(text.data());
  const auto held = reinterpret_cast<std::uintptr_t>(held_.data());
  if (at >= held && at - held <= held_.size() && text.size() <= held_.size() - (at - held)) return text;
  if (text.size() > left_) {
    // A new block (a text longer than a block gets one of its own).
    const std::size_t size = std::max(kBlock, text.size());
    blocks_.push_back(std::make_unique<char[]>(size));
    next_ = blocks_.back().get();
    left_ = size;
  }
  char* copy = next_;
  std::memcpy(copy, text.data(), text.size());
  next_ += text.size();
  left_ -= text.size();
  return {copy, text.size()};
}

}  // namespace govscore
