// Units found by a key — their ids, or the names compare --match name
// builds (internal header). A quarter holds a million units, each found by
// key once or twice, so this is the loader's flat table of views (IdIndex,
// about one cache miss a key, where a node-based map costs several), the
// unit's number standing as the place's line.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "load/id_index.hpp"

namespace govscore::archive {

class UnitIndex {
 public:
  // Makes room for `units` keys.
  void reserve(std::size_t units) { index_.reserve(units); }
  // Adds unit `unit` under `key`, whose text must outlive the index, and
  // returns nullopt; or, when a unit already has that key, returns that
  // unit's number (and adds nothing).
  std::optional<std::size_t> insert(std::string_view key, std::size_t unit) {
    const RecordPlace* first = index_.insert(key, RecordPlace{0, static_cast<int>(unit)});
    if (!first) return std::nullopt;
    return static_cast<std::size_t>(first->line);
  }
  // The number of the (first) unit with `key`, if any.
  [[nodiscard]] std::optional<std::size_t> find(std::string_view key) const {
    const RecordPlace* found = index_.find(key);
    if (!found) return std::nullopt;
    return static_cast<std::size_t>(found->line);
  }

 private:
  IdIndex index_;
};

}  // namespace govscore::archive
