// The arena behind a batch's records. Internal to the loader.
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>
#include <type_traits>
#include <vector>

#include "govscore/span.hpp"
#include "util/fresh_memory.hpp"

namespace govscore {

// Where the records' texts (ids, names, owners …) and points entries live,
// shared by every copy of the batch. A text written as is in a records file
// (most are) is viewed there, the file held mapped; other texts and every
// points entry are copied into blocks that never move. A Record's texts
// and entries are views into the store, so a million records need no heap
// string or array each (docs/performance.md).
class RecordStore {
 public:
  // `text` itself when it lies in the bytes held (see hold), else a copy;
  // either lives as long as the store.
  std::string_view keep(std::string_view text);
  // Keeps `owner`, which holds `bytes` (a records file), alive as long as
  // the store, so that keep() need not copy texts lying in them.
  void hold(std::shared_ptr<const void> owner, std::string_view bytes);
  // A copy of `values`, living as long as the store.
  template <typename T>
  Span<T> keep(const std::vector<T>& values) {
    static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>,
                  "the store copies bytes and never destroys them");
    if (values.empty()) return {};
    void* copy = values_.take(values.size() * sizeof(T), alignof(T));
    std::memcpy(copy, values.data(), values.size() * sizeof(T));
    return {static_cast<const T*>(copy), values.size()};
  }

 private:
  // Blocks of bytes handed out in order, never moved or freed before the
  // store. A block is `first` bytes, each next one twice the last up to
  // `largest`; a request larger than that gets a block of its own.
  class Blocks {
   public:
    Blocks(std::size_t first, std::size_t largest) : size_(first), largest_(largest) {}
    void* take(std::size_t bytes, std::size_t align);

   private:
    // Gives a block back to fresh_memory::Allocator, which made it.
    struct Free {
      std::size_t size = 0;
      void operator()(char* block) const noexcept { fresh_memory::Allocator<char>().deallocate(block, size); }
    };
    std::vector<std::unique_ptr<char, Free>> blocks_;
    char* next_ = nullptr;
    std::size_t left_ = 0;  // bytes free in the last block
    std::size_t size_;      // of the next block
    std::size_t largest_;
  };

  Blocks texts_{std::size_t{1} << 20, std::size_t{1} << 20};
  // Entries of a national quarter fill tens of megabytes: blocks are whole
  // 2 MiB pages from the first (fresh_memory.hpp), and grow to four.
  Blocks values_{std::size_t{2} << 20, std::size_t{8} << 20};
  std::vector<std::shared_ptr<const void>> owners_;
  std::string_view held_;  // the bytes of the last owner held: the file being read
};

}  // namespace govscore
