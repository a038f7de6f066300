#include "util/fresh_memory.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <cstdint>

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
#ifdef MADV_HUGEPAGE
  // 2 MiB pages where the kernel offers them (transparent huge pages in
  // "madvise" mode, Debian's default): a 512th of the faults.
  advise(data, bytes, MADV_HUGEPAGE);
#endif
  // Shares of at least 16 MiB: below that one thread maps as fast as two.
  constexpr std::size_t kShare = std::size_t{16} << 20;
  const std::size_t shares = std::max<std::size_t>(1, std::min<std::size_t>(parallel::threads_for(jobs, bytes / kShare), 64));
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

}  // namespace govscore::fresh_memory
