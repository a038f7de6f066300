// The record ids seen so far and where each was first seen (internal
// header). A national quarter has a million ids: a hash-map node and a heap
// string per id made checking them a quarter of the time to load, so ids
// live in one text arena and the table is a flat array of 8-byte slots
// (probed linearly), which costs about one cache miss an id.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "govscore/records.hpp"

namespace govscore {

class IdIndex {
 public:
  // Records `id` as seen at `place` and returns nullptr, or, when it was
  // seen before, returns where it was first seen (and records nothing).
  const RecordPlace* insert(std::string_view id, const RecordPlace& place);
  // Where `id` was first seen, or nullptr.
  [[nodiscard]] const RecordPlace* find(std::string_view id) const;

 private:
  struct Entry {
    std::uint64_t hash;
    std::size_t offset;  // of the id in texts_
    std::size_t length;
    RecordPlace place;
  };
  // A slot: the entry's number + 1 (0: empty) and the hash's top half, so
  // that a probe rarely has to look at the entry itself.
  struct Slot {
    std::uint32_t tag = 0;
    std::uint32_t entry = 0;
  };

  // The slot holding `id` (hash `hash`), or the empty slot where it belongs.
  [[nodiscard]] std::size_t probe(std::string_view id, std::uint64_t hash) const;
  void grow(std::size_t slots);

  std::string texts_;
  std::vector<Entry> entries_;
  std::vector<Slot> slots_;  // a power of two, at most half full
};

}  // namespace govscore
