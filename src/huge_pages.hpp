// Large arrays on huge pages (internal header). A million records, their
// results and the id table are read in random order (by rank, by hash);
// with 4 KiB pages a run spends much of its time on page faults and TLB
// misses, which 2 MiB pages all but remove. The kernel here gives huge
// pages only to memory that asks (transparent_hugepage = madvise), so the
// few arrays that matter ask. A hint: harmless where it is not supported.
#pragma once

#include <cstddef>
#include <vector>

namespace govscore::huge_pages {

// Asks for huge pages for the whole 2 MiB pages within [data, data + bytes).
// Call it before the memory is first touched.
void prefer(const void* data, std::size_t bytes);

// Reserves room for `count` elements (untouched) and asks huge pages for it.
template <typename T>
void reserve(std::vector<T>& v, std::size_t count) {
  v.reserve(count);
  prefer(v.data(), v.capacity() * sizeof(T));
}

}  // namespace govscore::huge_pages
