// Large arrays mapped before they are filled (internal header). Asking the
// kernel to map a whole array up front (MADV_POPULATE_WRITE, Linux 5.14)
// costs less per page than faulting it in element by element, and on a
// virtual machine the first write to each page costs again even so: both
// are paid here, on the threads the caller allows, so that filling the
// array afterwards (a single-threaded resize) finds its pages ready.
#pragma once

#include <cstddef>
#include <vector>

namespace govscore::fresh_memory {

// Maps every page of [data, data + bytes) now, to be written, and writes
// each once with the byte it holds (the contents do not change): on up to
// `jobs` threads (parallel.hpp; 1: the caller's), each taking a share.
// Where mapping ahead is not supported, the writes alone fault pages in.
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

}  // namespace govscore::fresh_memory
