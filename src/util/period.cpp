#include "util/period.hpp"

#include <algorithm>

namespace govscore {
namespace {

bool digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int value_of(std::string_view s) {
  int n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  return n;
}

}  // namespace

std::optional<Period> Period::parse(std::string_view text) {
  if (text.size() < 4 || !digits(text.substr(0, 4))) return std::nullopt;
  Period p;
  p.year = value_of(text.substr(0, 4));
  const std::string_view rest = text.substr(4);
  if (rest.empty()) return p;
  if (rest.size() == 2 && rest[0] == 'Q' && rest[1] >= '1' && rest[1] <= '4') {
    p.kind = Kind::kQuarter;
    p.number = rest[1] - '0';
    return p;
  }
  if (rest.size() == 2 && rest[0] == 'H' && (rest[1] == '1' || rest[1] == '2')) {
    p.kind = Kind::kHalf;
    p.number = rest[1] - '0';
    return p;
  }
  if (rest.size() == 3 && rest[0] == '-' && digits(rest.substr(1))) {
    p.kind = Kind::kMonth;
    p.number = value_of(rest.substr(1));
    if (p.number >= 1 && p.number <= 12) return p;
  }
  return std::nullopt;
}

int Period::last_month() const {
  switch (kind) {
    case Kind::kYear: return 12;
    case Kind::kHalf: return 6 * number;
    case Kind::kQuarter: return 3 * number;
    case Kind::kMonth: return number;
  }
  return 12;
}

}  // namespace govscore
