// Small pieces the history tables (compare, recheck, rollup) are laid out
// with (internal header).
#pragma once

#include <string>
#include <vector>

#include "govscore/annex.hpp"
#include "govscore/archive.hpp"

namespace govscore::history_tables {

// A column of a history table, right-aligned when `numeric`.
inline Column column(std::string title, bool numeric = false) {
  Column c;
  c.title = std::move(title);
  c.numeric = numeric;
  return c;
}

// `items` (texts or views) joined by `separator`.
template <class Texts>
std::string joined(const Texts& items, const char* separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += separator;
    out += items[i];
  }
  return out;
}

// Copies what names a unit — id, name, owner, target, platform — from an
// archived unit into a row of a history table (texts or views).
template <class Row>
void copy_names(const ArchivedUnit& from, Row& to) {
  to.id = from.id;
  to.name = from.name;
  to.owner = from.owner;
  to.target = from.target;
  to.platform = from.platform;
}

}  // namespace govscore::history_tables
