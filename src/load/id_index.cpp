#include "load/id_index.hpp"

#include <functional>

#include "util/fresh_memory.hpp"

namespace govscore {

std::size_t IdIndex::probe(std::string_view id, std::uint64_t hash) const {
  const std::size_t mask = slots_.size() - 1;
  const auto tag = static_cast<std::uint32_t>(hash >> 32);
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.entry == 0) return i;
    if (s.tag != tag) continue;
    const Entry& e = entries_[s.entry - 1];
    if (e.hash == hash && e.id == id) return i;
  }
}

void IdIndex::reserve(std::size_t more, unsigned jobs) {
  const std::size_t needed = 2 * (entries_.size() + more);
  std::size_t slots = slots_.empty() ? 16 : slots_.size();
  while (slots < needed) slots *= 2;
  if (slots > slots_.size()) grow(slots, jobs);
  fresh_memory::reserve(entries_, entries_.size() + more, jobs);
}

void IdIndex::grow(std::size_t slots, unsigned jobs) {
  std::vector<Slot> empty;
  fresh_memory::reserve(empty, slots, jobs);
  empty.resize(slots);
  slots_ = std::move(empty);
  const std::size_t mask = slots - 1;
  for (std::size_t n = 0; n < entries_.size(); ++n) {
    std::size_t i = entries_[n].hash & mask;
    while (slots_[i].entry != 0) i = (i + 1) & mask;
    slots_[i] = {static_cast<std::uint32_t>(entries_[n].hash >> 32), static_cast<std::uint32_t>(n + 1)};
  }
}

std::uint64_t IdIndex::hash(std::string_view id) { return std::hash<std::string_view>()(id); }

const RecordPlace* IdIndex::insert(std::string_view id, std::uint64_t hash, const RecordPlace& place) {
  if (2 * (entries_.size() + 1) > slots_.size()) grow(slots_.empty() ? 16 : 2 * slots_.size());
  const std::size_t i = probe(id, hash);
  if (slots_[i].entry != 0) return &entries_[slots_[i].entry - 1].place;
  entries_.push_back({hash, id, place});
  slots_[i] = {static_cast<std::uint32_t>(hash >> 32), static_cast<std::uint32_t>(entries_.size())};
  return nullptr;
}

const RecordPlace* IdIndex::find(std::string_view id, std::uint64_t hash) const {
  if (slots_.empty()) return nullptr;
  const std::size_t i = probe(id, hash);
  return slots_[i].entry != 0 ? &entries_[slots_[i].entry - 1].place : nullptr;
}

}  // namespace govscore
