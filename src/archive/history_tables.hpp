// Small pieces the history tables (compare, recheck, rollup) are laid out
// with (internal header).
#pragma once

#include <string>
#include <vector>

#include "govscore/annex.hpp"

namespace govscore::history_tables {

// A column of a history table, right-aligned when `numeric`.
inline Column column(const char* title, bool numeric = false) {
  Column c;
  c.title = title;
  c.numeric = numeric;
  return c;
}

// `items` joined by `separator`.
inline std::string joined(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? separator : "") + items[i];
  return out;
}

}  // namespace govscore::history_tables
