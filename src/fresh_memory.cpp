#include "fresh_memory.hpp"

#include <sys/mman.h>

#include <cstdint>
#include <thread>

namespace govscore::fresh_memory {
namespace {

void populate_part(std::uintptr_t begin, std::uintptr_t end) {
#ifdef MADV_POPULATE_WRITE
  constexpr std::uintptr_t kPage = 4096;
  begin &= ~(kPage - 1);  // madvise wants a page-aligned start
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_POPULATE_WRITE);
#else
  (void)begin;
  (void)end;
#endif
}

}  // namespace

void populate(void* data, std::size_t bytes) {
  // Below this a thread costs more than the faults it shares.
  constexpr std::size_t kTwoThreads = std::size_t{16} << 20;
  const auto begin = reinterpret_cast<std::uintptr_t>(data);
  if (!data || bytes == 0) return;
  if (bytes < kTwoThreads || std::thread::hardware_concurrency() < 2) return populate_part(begin, begin + bytes);
  const std::uintptr_t middle = begin + bytes / 2;
  std::thread other(populate_part, middle, begin + bytes);
  populate_part(begin, middle);
  other.join();
}

}  // namespace govscore::fresh_memory
