// Exact: a rational number used for every point, factor and score.
// Scores are published to one decimal, half-up; binary floating point would
// turn 94.45 into 94.4499999… and flip the digit, so no double ever enters
// the arithmetic: inputs are parsed from their decimal text, and the only
// division (the rescale base ÷ (base − not assessed)) stays a fraction until
// the final rounding.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace govscore {

namespace detail {
// The representation of Exact and Millionths. No public function takes or
// returns it: the API speaks in decimal text, Exact and Millionths.
__extension__ typedef __int128 Int128;  // __extension__: g++ -Wpedantic
}  // namespace detail

// Thrown by Exact arithmetic whose result does not fit in 128 bits. Inputs
// within govscore's limits never reach it (docs/limits.md); expressions in
// rule files can, and report it for the record.
class ArithmeticOverflow : public std::overflow_error {
 public:
  ArithmeticOverflow() : std::overflow_error("a number grew too large") {}
};

// A normalised fraction num/den (den > 0, gcd 1). Copyable value type.
// Magnitudes stay far below the 128-bit range because loaders cap every input
// at kMaxMagnitude with at most kMaxDecimals decimals.
class Exact {
 public:
  static constexpr int kMaxDecimals = 6;
  static constexpr std::int64_t kMaxMagnitude = 1'000'000'000;

  Exact() = default;
  Exact(std::int64_t integer) : num_(integer) {}  // NOLINT: implicit on purpose
  // The fraction num/den, reduced. ArithmeticOverflow when den is 0.
  Exact(std::int64_t num, std::int64_t den);

  // Parses a decimal literal as JSON or YAML writes it: "10", "0.5", "-3",
  // "1e2", "2.50". Returns nullopt when the text is not such a literal.
  // Accepts any number of decimals; callers check decimals()/magnitude.
  // nullopt, too, for a number with a nonzero digit past its 18th
  // significant one, which cannot be held exactly.
  [[nodiscard]] static std::optional<Exact> parse(std::string_view text);

  [[nodiscard]] Exact operator+(const Exact& o) const;
  [[nodiscard]] Exact operator-(const Exact& o) const;
  [[nodiscard]] Exact operator*(const Exact& o) const;
  [[nodiscard]] Exact operator/(const Exact& o) const;  // precondition: o != 0
  Exact& operator+=(const Exact& o) { return *this = *this + o; }
  Exact& operator-=(const Exact& o) { return *this = *this - o; }

  [[nodiscard]] int compare(const Exact& o) const;
  bool operator==(const Exact& o) const { return num_ == o.num_ && den_ == o.den_; }
  bool operator!=(const Exact& o) const { return !(*this == o); }
  bool operator<(const Exact& o) const { return compare(o) < 0; }
  bool operator<=(const Exact& o) const { return compare(o) <= 0; }
  bool operator>(const Exact& o) const { return compare(o) > 0; }
  bool operator>=(const Exact& o) const { return compare(o) >= 0; }

  [[nodiscard]] bool is_negative() const { return num_ < 0; }
  [[nodiscard]] bool is_zero() const { return num_ == 0; }
  // Number of decimals needed to write it exactly; nullopt when it has no
  // finite decimal expansion (100/90).
  [[nodiscard]] std::optional<int> decimals() const;

  // Rounded half away from zero (四舍五入) to `places` decimals, exactly.
  [[nodiscard]] Exact round(int places) const;
  // Fixed notation with exactly `places` decimals, rounded half-up: "88.9".
  [[nodiscard]] std::string fixed(int places) const;
  // Shortest exact decimal text ("5", "0.5", "1.25"); for a value with no
  // finite expansion, `places` decimals followed by "…" ("88.888…").
  [[nodiscard]] std::string str(int places = 3) const;
  [[nodiscard]] double to_double() const;

  // The value when it is a whole number that fits 64 bits.
  [[nodiscard]] std::optional<std::int64_t> integer() const;

 private:
  friend class Millionths;  // reads the fraction, and makes one from a count of millionths
  using Int128 = detail::Int128;
  // num/den reduced; ArithmeticOverflow when den is 0 or either is the
  // most negative value.
  [[nodiscard]] static Exact fraction(Int128 num, Int128 den);

  Int128 num_ = 0;
  Int128 den_ = 1;
};

[[nodiscard]] inline Exact min(const Exact& a, const Exact& b) { return b < a ? b : a; }

}  // namespace govscore
