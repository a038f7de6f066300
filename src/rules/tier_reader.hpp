// Reading a target's `tiers:` from its YAML node (internal header): kept
// apart from the rest of the rule-file reader, which calls it.
#pragma once

#include <yaml-cpp/yaml.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "govscore/message.hpp"
#include "govscore/tiers.hpp"

namespace govscore {

// What the rule-file reader lends the tier reader: its way of reporting an
// error at a node, of reading a number, and of rejecting unknown keys.
struct TierReaderHooks {
  std::function<void(const YAML::Node&, const Message&)> error;
  std::function<std::optional<Exact>(const YAML::Node&, const Message&)> number;
  std::function<void(const YAML::Node&, const std::vector<std::string>&, const Message&)> check_keys;
};

// The tiers of target `where` ("target \"website\""), every problem reported
// through `hooks`: not a list, a tier without a title or with a duplicate
// one, tiers of mixed kinds, thresholds not strictly decreasing, a share
// outside (0, 1] or shares adding up to more than 1, a tier without
// at_least or share before the last.
[[nodiscard]] std::vector<Tier> read_tiers(const YAML::Node& list, const Message& where, const TierReaderHooks& hooks);

}  // namespace govscore
