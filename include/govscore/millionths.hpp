// Millionths: a number with at most six decimals (Exact::kMaxDecimals),
// held exactly as a whole number of millionths. It is the compact form of
// a value that each of a million results holds (a rounded score, a
// bonus): no fraction to reduce, ordered as the number is, and written
// straight from its digits.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "govscore/exact.hpp"

namespace govscore {

class Millionths {
 public:
  Millionths() = default;
  // `count` millionths: Millionths(1'500'000) is 1.5.
  explicit Millionths(std::int64_t count) : count_(count) {}

  // The value of x; ArithmeticOverflow when x has more than six decimals
  // (1/3, 0.0000001) or more millionths than 128 bits hold.
  [[nodiscard]] static Millionths of(const Exact& x);
  [[nodiscard]] Exact exact() const;
  // The count of millionths when it fits 64 bits (|value| < 9.2·10¹²),
  // else ArithmeticOverflow.
  [[nodiscard]] std::int64_t count64() const;

  // As exact().str() writes it (places < 0: "122.2", "20", "-0.5"), or as
  // exact().fixed(places) does ("88.9" for 88.85 at one place).
  [[nodiscard]] std::string text(int places = -1) const;

  [[nodiscard]] std::size_t hash() const;
  bool operator==(const Millionths& o) const { return count_ == o.count_; }
  bool operator!=(const Millionths& o) const { return count_ != o.count_; }
  bool operator<(const Millionths& o) const { return count_ < o.count_; }
  bool operator>(const Millionths& o) const { return count_ > o.count_; }

 private:
  detail::Int128 count_ = 0;
};

}  // namespace govscore
