#include "util/fresh_memory.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <cstdint>
#include <new>

#include "util/parallel.hpp"

namespace govscore::fresh_memory {
namespace {

#if defined(MADV_POPULATE_WRITE) && defined(MADV_POPULATE_READ)
constexpr int kWrite = MADV_POPULATE_WRITE;
constexpr int kRead = MADV_POPULATE_READ;
#else
constexpr int kWrite = -1;  // not supported: pages fault in on first touch
constexpr int kRead = -1;
#endif

constexpr std::size_t kPage = 4096;

void advise(const void* data, std::size_t bytes, int advice) {
  const auto end = reinterpret_cast<std::uintptr_t>(data) + bytes;
  const auto begin = reinterpret_cast<std::uintptr_t>(data) & ~(kPage - 1);  // madvise wants a page-aligned start
  if (data && advice >= 0 && end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, advice);
}

}  // namespace

void populate(void* data, std::size_t bytes, unsigned jobs) {
  if (bytes < kLargeArray) return;
#ifdef MADV_HUGEPAGE
  // 2 MiB pages where the kernel offers them (transparent huge pages in
  // "madvise" mode, Debian's default): a 512th of the faults.
  advise(data, bytes, MADV_HUGEPAGE);
#endif
  // Shares of at least 16 MiB: below that one thread maps as fast as two.
  constexpr std::size_t kShare = std::size_t{16} << 20;
  const std::size_t shares =
      std::max<std::size_t>(1, std::min<std::size_t>(parallel::threads_for(jobs, bytes / kShare), 64));
  const std::size_t each = (bytes + shares - 1) / shares;
  auto* begin = static_cast<char*>(data);
  parallel::for_each(shares, jobs, [&](std::size_t k, unsigned) {
    const std::size_t from = k * each;
    if (from >= bytes) return;
    const std::size_t length = std::min(each, bytes - from);
    advise(begin + from, length, kWrite);
    // Each page written once, here, with what it holds: on a virtual
    // machine the first write to a page can still trap after the kernel
    // mapped it, and on this thread it is one of `jobs`.
    for (std::size_t at = 0; at < length; at += kPage) {
      volatile char* byte = begin + from + at;
      *byte = *byte;
    }
  });
}

void populate_read(const void* data, std::size_t bytes) { advise(data, bytes, kRead); }

#if defined(__linux__) && defined(MADV_HUGEPAGE)

namespace {
constexpr std::size_t kHugePage = std::size_t{2} << 20;
// Whole 2 MiB pages: a part of one at the end would be left to 4 KiB pages.
std::size_t mapped_size(std::size_t bytes) { return (bytes + kHugePage - 1) / kHugePage * kHugePage; }
}  // namespace

void* map_array(std::size_t bytes) {
  // Mapped with a huge page's worth to spare, then trimmed to start on a
  // huge page boundary.
  if (bytes > SIZE_MAX - 2 * kHugePage) throw std::bad_alloc();
  const std::size_t size = mapped_size(bytes);
  void* area = ::mmap(nullptr, size + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (area == MAP_FAILED) throw std::bad_alloc();
  const auto start = reinterpret_cast<std::uintptr_t>(area);
  const auto aligned = (start + kHugePage - 1) / kHugePage * kHugePage;
  if (aligned > start) ::munmap(area, aligned - start);
  if (const std::size_t tail = kHugePage - (aligned - start)) ::munmap(reinterpret_cast<void*>(aligned + size), tail);
  advise(reinterpret_cast<void*>(aligned), size, MADV_HUGEPAGE);
  return reinterpret_cast<void*>(aligned);
}

void unmap_array(void* data, std::size_t bytes) noexcept { ::munmap(data, mapped_size(bytes)); }

#else

void* map_array(std::size_t bytes) { return ::operator new(bytes); }
void unmap_array(void* data, std::size_t) noexcept { ::operator delete(data); }

#endif

}  // namespace govscore::fresh_memory
