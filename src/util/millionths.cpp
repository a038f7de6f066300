#include "govscore/millionths.hpp"

#include <charconv>

namespace govscore {

namespace {

__extension__ typedef unsigned __int128 UInt128;  // __extension__: g++ -Wpedantic

constexpr std::int64_t kMillion = 1'000'000;

}  // namespace

Millionths Millionths::of(const Exact& x) {
  if (x.den_ > kMillion || kMillion % static_cast<std::int64_t>(x.den_) != 0) throw ArithmeticOverflow();
  Millionths m;
  if (__builtin_mul_overflow(x.num_, kMillion / static_cast<std::int64_t>(x.den_), &m.count_))
    throw ArithmeticOverflow();
  return m;
}

Exact Millionths::exact() const { return Exact::fraction(count_, kMillion); }

std::int64_t Millionths::count64() const {
  if (count_ > INT64_MAX || count_ < INT64_MIN) throw ArithmeticOverflow();
  return static_cast<std::int64_t>(count_);
}

std::string Millionths::text(int places) const {
  const UInt128 magnitude = count_ < 0 ? -static_cast<UInt128>(count_) : static_cast<UInt128>(count_);
  // The digits are written as they stand when the magnitude fits 64 bits
  // and writing them drops no nonzero digit; otherwise the fraction rounds.
  if ((magnitude >> 64) != 0 || places > Exact::kMaxDecimals) return places < 0 ? exact().str() : exact().fixed(places);
  const auto whole = static_cast<std::uint64_t>(magnitude) / kMillion;
  auto fraction = static_cast<std::uint64_t>(magnitude) % kMillion;
  int digits = places;  // of the fraction, as written
  if (places < 0) {
    for (digits = Exact::kMaxDecimals; digits > 0 && fraction % 10 == 0; --digits) fraction /= 10;
  } else {
    std::uint64_t dropped = 1;  // 10^(6 − places): the digits fixed() would round away
    for (int i = places; i < Exact::kMaxDecimals; ++i) dropped *= 10;
    if (fraction % dropped != 0) return exact().fixed(places);
    fraction /= dropped;
  }
  char buffer[32];  // a sign, 20 digits, a point, 6 decimals
  char* p = buffer;
  if (count_ < 0) *p++ = '-';
  p = std::to_chars(p, buffer + sizeof buffer, whole).ptr;
  if (digits > 0) {
    *p++ = '.';
    for (int i = digits - 1; i >= 0; --i, fraction /= 10) p[i] = static_cast<char>('0' + fraction % 10);
    p += digits;
  }
  return std::string(buffer, p);
}

std::size_t Millionths::hash() const {
  const auto low = static_cast<std::uint64_t>(count_);
  const auto high = static_cast<std::uint64_t>(static_cast<UInt128>(count_) >> 64);
  std::uint64_t h = low * 0x9E3779B97F4A7C15ULL ^ high;
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ULL;
  return static_cast<std::size_t>(h ^ (h >> 32));
}

}  // namespace govscore
