// Memory for large arrays (internal header). Fresh pages are what a run
// costs most, 4 KiB ones most of all (docs/performance.md), so:
// - populate/reserve map a whole array up front (MADV_POPULATE_WRITE,
//   Linux 5.14), which costs less per page than faulting it in element by
//   element, and write each page once, on the threads the caller allows,
//   so that filling the array afterwards (a single-threaded resize) finds
//   its pages ready;
// - Allocator/Vector give an array of a megabyte or more a mapping of its
//   own made of whole 2 MiB pages.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

namespace govscore::fresh_memory {

// Arrays of at least this many bytes are worth mapping ahead (populate,
// reserve) and a mapping of their own (Allocator).
inline constexpr std::size_t kLargeArray = std::size_t{1} << 20;

// Maps every page of [data, data + bytes) now, to be written, and writes
// each once with the byte it holds (the contents do not change): on up to
// `jobs` threads (parallel.hpp; 1: the caller's), each taking a share.
// Where mapping ahead is not supported, the writes alone fault pages in.
// Less than kLargeArray is left to fault in as it is written.
void populate(void* data, std::size_t bytes, unsigned jobs = 1);

// Maps every page of a file mapped to be read (already in the page cache:
// mapped, not filled).
void populate_read(const void* data, std::size_t bytes);

// Reserves room for `count` elements and maps it all now (on up to `jobs`
// threads); the elements are still to be constructed (resize, push_back).
template <typename T>
void reserve(std::vector<T>& v, std::size_t count, unsigned jobs = 1) {
  v.reserve(count);
  populate(v.data(), v.capacity() * sizeof(T), jobs);
}

// Memory for an array of `bytes`: a mapping of its own, of whole 2 MiB
// pages, aligned to them and advised for them where the kernel offers
// them, so that filling it faults in a page per 2 MiB rather than per
// 4 KiB. Not yet touched; std::bad_alloc when there is none. Elsewhere
// than on Linux, from the heap.
[[nodiscard]] void* map_array(std::size_t bytes);
void unmap_array(void* data, std::size_t bytes) noexcept;


// An allocator for vectors that can grow large (a number per record, a
// pointer per result): arrays of kLargeArray bytes and more get their own
// mapping (map_array), smaller ones come from the heap.
template <typename T>
struct Allocator {
  using value_type = T;
  Allocator() = default;
  template <typename U>
  Allocator(const Allocator<U>&) noexcept {}  // NOLINT: converting, as allocators are
  [[nodiscard]] T* allocate(std::size_t n) {
    if (mapped(n)) return static_cast<T*>(map_array(n * sizeof(T)));
    return std::allocator<T>().allocate(n);
  }
  void deallocate(T* data, std::size_t n) noexcept {
    if (mapped(n)) return unmap_array(data, n * sizeof(T));
    std::allocator<T>().deallocate(data, n);
  }
  // Whether an array of n gets a mapping of its own.
  static bool mapped(std::size_t n) { return n >= kLargeArray / sizeof(T); }
  template <typename U>
  bool operator==(const Allocator<U>&) const noexcept {
    return true;
  }
  template <typename U>
  bool operator!=(const Allocator<U>&) const noexcept {
    return false;
  }
};

// A vector whose storage comes from Allocator.
template <typename T>
using Vector = std::vector<T, Allocator<T>>;

}  // namespace govscore::fresh_memory
