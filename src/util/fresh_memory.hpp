// Large arrays faulted in on both cores before they are filled (internal
// header). A million records, results or rank keys are hundreds of MB of
// fresh pages; touched element by element on one core, the page faults
// were most of the serial time between the parallel parts of a run. Asking
// the kernel to map the whole array up front (MADV_POPULATE_WRITE, Linux
// 5.14) costs less per page and runs on two cores. A hint: where it is not
// supported the pages fault in on first touch as before.
#pragma once

#include <cstddef>
#include <vector>

namespace govscore::fresh_memory {

// Maps every page of [data, data + bytes) now, half of it on another
// thread when there is enough to share.
void populate(void* data, std::size_t bytes);

// The same for a file's pages mapped to be read (already in the page
// cache: mapped, not filled), which one core took a tenth of loading for.
void populate_read(const void* data, std::size_t bytes);

// Reserves room for `count` elements and maps it all now; the elements are
// still to be constructed (resize, push_back).
template <typename T>
void reserve(std::vector<T>& v, std::size_t count) {
  v.reserve(count);
  populate(v.data(), v.capacity() * sizeof(T));
}

}  // namespace govscore::fresh_memory
