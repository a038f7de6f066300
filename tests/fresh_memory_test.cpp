// Large arrays on mappings of their own (util/fresh_memory.hpp): a vector
// that grows past the threshold keeps every element, and its storage then
// starts on a 2 MiB boundary, where 2 MiB pages can back it.
#include <catch2/catch.hpp>

#include <cstdint>

#include "util/fresh_memory.hpp"

using namespace govscore;

TEST_CASE("a fresh_memory vector keeps its elements as it grows past a mapping's threshold") {
  fresh_memory::Vector<std::uint64_t> v;
  const std::size_t count = 3 * fresh_memory::kLargeArray / sizeof(std::uint64_t) + 5;  // several mappings on the way
  for (std::size_t i = 0; i < count; ++i) v.push_back(i * 2654435761U);
  REQUIRE(v.size() == count);
  bool same = true;
  for (std::size_t i = 0; i < count; ++i) same = same && v[i] == i * 2654435761U;
  CHECK(same);
#ifdef __linux__
  CHECK(reinterpret_cast<std::uintptr_t>(v.data()) % (std::uintptr_t{2} << 20) == 0);
#endif
  // Copies and small vectors come from the same allocator and compare equal.
  const fresh_memory::Vector<std::uint64_t> copy = v;
  CHECK(copy == v);
  fresh_memory::Vector<std::uint32_t> small(10, 7);
  CHECK(small.back() == 7);
  v.clear();
  v.shrink_to_fit();
  CHECK(v.capacity() == 0);
}
