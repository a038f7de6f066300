#include "util/fresh_memory.hpp"

#include <sys/mman.h>

#include <cstdint>
#include <thread>

namespace govscore::fresh_memory {
namespace {

#if defined(MADV_POPULATE_WRITE) && defined(MADV_POPULATE_READ)
constexpr int kWrite = MADV_POPULATE_WRITE;
constexpr int kRead = MADV_POPULATE_READ;
#else
constexpr int kWrite = -1;  // not supported: pages fault in on first touch
constexpr int kRead = -1;
#endif

void populate_part(std::uintptr_t begin, std::uintptr_t end, int advice) {
  constexpr std::uintptr_t kPage = 4096;
  begin &= ~(kPage - 1);  // madvise wants a page-aligned start
  if (advice >= 0 && end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, advice);
}

void populate_on_two_cores(const void* data, std::size_t bytes, int advice) {
  // Below this a thread costs more than the faults it shares.
  constexpr std::size_t kTwoThreads = std::size_t{16} << 20;
  const auto begin = reinterpret_cast<std::uintptr_t>(data);
  if (!data || bytes == 0) return;
  if (bytes < kTwoThreads || std::thread::hardware_concurrency() < 2) return populate_part(begin, begin + bytes, advice);
  const std::uintptr_t middle = begin + bytes / 2;
  std::thread other(populate_part, middle, begin + bytes, advice);
  populate_part(begin, middle, advice);
  other.join();
}

}  // namespace

void populate(void* data, std::size_t bytes) { populate_on_two_cores(data, bytes, kWrite); }

void populate_read(const void* data, std::size_t bytes) { populate_on_two_cores(data, bytes, kRead); }

}  // namespace govscore::fresh_memory
