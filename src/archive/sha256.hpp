// SHA-256 (FIPS 180-4) of a text, for the rule file an archived quarter was
// scored with: written here so that no crypto library is needed (internal).
#pragma once

#include <string>
#include <string_view>

namespace govscore::archive {

// The digest of `bytes` as 64 lowercase hex digits.
[[nodiscard]] std::string sha256_hex(std::string_view bytes);

}  // namespace govscore::archive
