// RecordStore (record_store.hpp).
#include "load/record_store.hpp"

#include <algorithm>
#include <cstdint>

namespace govscore {

void RecordStore::hold(std::shared_ptr<const void> owner, std::string_view bytes) {
  owners_.push_back(std::move(owner));
  held_ = bytes;
}

std::string_view RecordStore::keep(std::string_view text) {
  if (text.empty()) return {};
  const auto at = reinterpret_cast<std::uintptr_t>(text.data());
  const auto held = reinterpret_cast<std::uintptr_t>(held_.data());
  if (at >= held && at - held <= held_.size() && text.size() <= held_.size() - (at - held)) return text;
  auto* copy = static_cast<char*>(texts_.take(text.size(), 1));
  std::memcpy(copy, text.data(), text.size());
  return {copy, text.size()};
}

void* RecordStore::Blocks::take(std::size_t bytes, std::size_t align) {
  // Bytes to skip for `align`: the allocator's blocks are aligned for
  // std::max_align_t, which on some targets (wasm32) is less than a value
  // needs.
  auto padding = [&] { return (align - reinterpret_cast<std::uintptr_t>(next_) % align) % align; };
  if (!next_ || bytes + padding() > left_) {
    const std::size_t size = std::max(size_, bytes + align - 1);
    // Not zeroed: every byte is written before it is read.
    blocks_.emplace_back(fresh_memory::Allocator<char>().allocate(size), Free{size});
    next_ = blocks_.back().get();
    left_ = size;
    size_ = std::min(size_ * 2, largest_);
  }
  const std::size_t pad = padding();
  void* at = next_ + pad;
  next_ += pad + bytes;
  left_ -= pad + bytes;
  return at;
}

}  // namespace govscore
