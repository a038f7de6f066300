// The record ids seen so far and where each was first seen (internal
// header). A national quarter has a million ids, so the index holds views
// of them (which live in the batch's storage) rather than a heap string
// each, and its table is a flat array of 8-byte slots probed linearly
// rather than a node each: about one cache miss an id.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "govscore/records.hpp"

namespace govscore {

class IdIndex {
 public:
  [[nodiscard]] static std::uint64_t hash(std::string_view id);
  // Asks for the slot of an id with this hash to be fetched now: the cache
  // miss a probe costs is then paid while the caller does other work (the
  // rest of a record, or the ids of later records), not while it waits.
  void prefetch(std::uint64_t hash) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]);
  }
  // Records `id` (whose hash is `hash`) as seen at `place` and returns
  // nullptr, or, when it was seen before, returns where it was first seen
  // (and records nothing). The index keeps a view of `id`: its text must
  // outlive the index.
  const RecordPlace* insert(std::string_view id, std::uint64_t hash, const RecordPlace& place);
  // Where `id` (whose hash is `hash`) was first seen, or nullptr.
  [[nodiscard]] const RecordPlace* find(std::string_view id, std::uint64_t hash) const;
  const RecordPlace* insert(std::string_view id, const RecordPlace& place) { return insert(id, hash(id), place); }
  // Makes room for `more` ids beyond those held, so that adding them never
  // regrows the table (each regrowth visits every slot again); the room is
  // mapped on up to `jobs` threads (fresh_memory.hpp).
  void reserve(std::size_t more, unsigned jobs = 1);
  [[nodiscard]] const RecordPlace* find(std::string_view id) const { return find(id, hash(id)); }

 private:
  struct Entry {
    std::uint64_t hash;
    std::string_view id;
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
  void grow(std::size_t slots, unsigned jobs = 1);

  std::vector<Entry> entries_;
  std::vector<Slot> slots_;  // a power of two, at most half full
};

}  // namespace govscore
