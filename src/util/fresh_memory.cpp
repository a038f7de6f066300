#include "util/fresh_memory.hpp"

#include <sys/mman.h>

#include <cstdint>

namespace govscore::fresh_memory {
namespace {

#if defined(MADV_POPULATE_WRITE) && defined(MADV_POPULATE_READ)
constexpr int kWrite = MADV_POPULATE_WRITE;
constexpr int kRead = MADV_POPULATE_READ;
#else
constexpr int kWrite = -1;  // not supported: pages fault in on first touch
constexpr int kRead = -1;
#endif

void advise(const void* data, std::size_t bytes, int advice) {
  constexpr std::uintptr_t kPage = 4096;
  const auto end = reinterpret_cast<std::uintptr_t>(data) + bytes;
  const auto begin = reinterpret_cast<std::uintptr_t>(data) & ~(kPage - 1);  // madvise wants a page-aligned start
  if (data && advice >= 0 && end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, advice);
}

}  // namespace

void populate(void* data, std::size_t bytes) { advise(data, bytes, kWrite); }

void populate_read(const void* data, std::size_t bytes) { advise(data, bytes, kRead); }

}  // namespace govscore::fresh_memory
