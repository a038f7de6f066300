#include "govscore/exact.hpp"

#include <cctype>
#include <cstdint>

namespace govscore {

using detail::Int128;

namespace {

__extension__ typedef unsigned __int128 UInt128;  // __extension__: g++ -Wpedantic

// Whether v fits in 64 bits unsigned: then the cheap 64-bit division does
// (128-bit division is a library call, and scores are small numbers).
bool fits64(UInt128 v) { return (v >> 64) == 0; }

Int128 gcd(Int128 a, Int128 b) {
  if (a < 0) a = -a;
  if (b < 0) b = -b;
  if (fits64(static_cast<UInt128>(a)) && fits64(static_cast<UInt128>(b))) {
    auto x = static_cast<std::uint64_t>(a);
    auto y = static_cast<std::uint64_t>(b);
    while (y != 0) {
      std::uint64_t t = x % y;
      x = y;
      y = t;
    }
    return static_cast<Int128>(x);
  }
  while (b != 0) {
    Int128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

Int128 pow10(int n) {
  if (n > 36) throw ArithmeticOverflow();
  Int128 p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

// Writes scaled / 10^places as "123.45" (scaled already rounded), digit by
// digit from the end into one buffer: a million scores are printed.
std::string write_scaled(Int128 scaled, int places) {
  char buffer[96];  // 39 digits, a point, up to 36 decimals (pow10's limit), a sign
  char* const end = buffer + sizeof buffer;
  char* p = end;
  const bool negative = scaled < 0;
  auto u = negative ? static_cast<UInt128>(-(scaled + 1)) + 1 : static_cast<UInt128>(scaled);
  auto next_digit = [&u] {
    int digit = 0;
    if (fits64(u)) {
      digit = static_cast<int>(static_cast<std::uint64_t>(u) % 10);
      u = static_cast<std::uint64_t>(u) / 10;
    } else {
      digit = static_cast<int>(u % 10);
      u /= 10;
    }
    return static_cast<char>('0' + digit);
  };
  for (int i = 0; i < places; ++i) *--p = next_digit();
  if (places > 0) *--p = '.';
  do *--p = next_digit();
  while (u != 0);
  if (negative) *--p = '-';
  return std::string(p, end);
}

}  // namespace

Exact Exact::fraction(Int128 num, Int128 den) {
  // The most negative value has no positive counterpart to negate into.
  constexpr Int128 kMax = static_cast<Int128>((static_cast<UInt128>(1) << 127) - 1);
  constexpr Int128 kMin = -kMax - 1;
  if (num == kMin || den == kMin || den == 0) throw ArithmeticOverflow();
  if (den < 0) {
    num = -num;
    den = -den;
  }
  if (den != 1) {
    Int128 g = gcd(num, den);
    if (g > 1) {
      num /= g;
      den /= g;
    }
  }
  Exact e;
  e.num_ = num;
  e.den_ = den;
  return e;
}

Exact::Exact(std::int64_t num, std::int64_t den) : Exact(fraction(num, den)) {}

std::optional<Exact> Exact::parse(std::string_view text) {
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  Int128 mantissa = 0;
  int digits = 0;
  int frac_digits = 0;
  bool seen_point = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c == '.' && !seen_point) {
      seen_point = true;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      // Up to 18 significant digits are held; past them only zeros can be
      // taken exactly (an integer's scale grows instead), so any other
      // digit there makes the text unreadable rather than rounded.
      if (digits < 18) {
        mantissa = mantissa * 10 + (c - '0');
        if (mantissa != 0) ++digits;
        if (seen_point) ++frac_digits;
      } else if (c != '0') {
        return std::nullopt;
      } else if (!seen_point) {
        --frac_digits;  // an integer's zero: scale up instead
      }
    } else {
      break;
    }
  }
  bool any_digit = false;
  for (char c : text.substr(0, i)) any_digit = any_digit || std::isdigit(static_cast<unsigned char>(c));
  if (!any_digit) return std::nullopt;
  int exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) exp_negative = text[i++] == '-';
    if (i >= text.size()) return std::nullopt;
    for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i)
      if (exponent < 10000) exponent = exponent * 10 + (text[i] - '0');
    if (exp_negative) exponent = -exponent;
  }
  if (i != text.size()) return std::nullopt;
  int scale = exponent - frac_digits;  // value = mantissa × 10^scale
  if (mantissa == 0) return Exact(0);
  // Clamp absurd exponents: anything this large or small is rejected by the
  // callers' range and decimals checks anyway, but must not overflow here.
  if (scale > 18) scale = 18;
  if (scale < -30) scale = -30;
  Int128 num = negative ? -mantissa : mantissa;
  if (scale >= 0) return fraction(num * pow10(scale), 1);  // < 10^18 · 10^18: fits
  return fraction(num, pow10(-scale));
}

namespace {

// Checked 128-bit arithmetic: a result that does not fit throws
// ArithmeticOverflow instead of wrapping into a wrong score.
Int128 mul(Int128 a, Int128 b) {
  Int128 r = 0;
  if (__builtin_mul_overflow(a, b, &r)) throw ArithmeticOverflow();
  return r;
}
Int128 add(Int128 a, Int128 b) {
  Int128 r = 0;
  if (__builtin_add_overflow(a, b, &r)) throw ArithmeticOverflow();
  return r;
}

// Compares a/b with c/d (b, d > 0) without forming a·d or c·b, which may
// not fit: compare whole parts, then the inverted remainders.
int compare_fractions(Int128 a, Int128 b, Int128 c, Int128 d) {
  for (int sign = 1;; sign = -sign) {
    Int128 q1 = a / b, r1 = a % b;
    Int128 q2 = c / d, r2 = c % d;
    if (r1 < 0) { --q1; r1 += b; }  // floor division
    if (r2 < 0) { --q2; r2 += d; }
    if (q1 != q2) return (q1 < q2 ? -1 : 1) * sign;
    if (r1 == 0 || r2 == 0) return (r1 == r2 ? 0 : (r1 == 0 ? -1 : 1)) * sign;
    // a/b = q + r1/b: compare r1/b with r2/d, i.e. d/r2 with b/r1 reversed.
    a = b; b = r1;
    c = d; d = r2;
  }
}

}  // namespace

// Adding 0 and multiplying by 1 come back as they are: scoring does both
// for most indicators of most of a million records (a factor of 1, a sum
// that starts at 0), and a fraction's reduction costs divisions.
Exact Exact::operator+(const Exact& o) const {
  if (o.num_ == 0) return *this;
  if (num_ == 0) return o;
  if (den_ == o.den_) return fraction(add(num_, o.num_), den_);
  Int128 g = gcd(den_, o.den_);
  Int128 lcm = mul(den_ / g, o.den_);
  return fraction(add(mul(num_, lcm / den_), mul(o.num_, lcm / o.den_)), lcm);
}
Exact Exact::operator-(const Exact& o) const { return *this + fraction(mul(o.num_, -1), o.den_); }
Exact Exact::operator*(const Exact& o) const {
  if (o.num_ == 1 && o.den_ == 1) return *this;
  if (num_ == 1 && den_ == 1) return o;
  if (den_ == 1 && o.den_ == 1) return fraction(mul(num_, o.num_), 1);
  // Cross-reduce first to keep intermediate products small.
  Int128 g1 = gcd(num_, o.den_);
  Int128 g2 = gcd(o.num_, den_);
  if (g1 == 0) g1 = 1;
  if (g2 == 0) g2 = 1;
  return fraction(mul(num_ / g1, o.num_ / g2), mul(den_ / g2, o.den_ / g1));
}
Exact Exact::operator/(const Exact& o) const {
  if (o.num_ == 0) throw ArithmeticOverflow();
  return *this * fraction(o.den_, o.num_);
}

int Exact::compare(const Exact& o) const {
  if (den_ == o.den_) return num_ < o.num_ ? -1 : (num_ > o.num_ ? 1 : 0);
  Int128 l = 0;
  Int128 r = 0;
  if (!__builtin_mul_overflow(num_, o.den_, &l) && !__builtin_mul_overflow(o.num_, den_, &r))
    return l < r ? -1 : (l > r ? 1 : 0);
  return compare_fractions(num_, den_, o.num_, o.den_);
}

std::optional<int> Exact::decimals() const {
  if (den_ == 1) return 0;
  // den = 2^a · 5^b has max(a, b) decimals; any other factor, none finite.
  auto decimals_of = [](auto d) -> std::optional<int> {
    int twos = 0;
    int fives = 0;
    for (; d % 2 == 0; d /= 2) ++twos;
    for (; d % 5 == 0; d /= 5) ++fives;
    if (d != 1) return std::nullopt;
    return twos > fives ? twos : fives;
  };
  return fits64(static_cast<UInt128>(den_)) ? decimals_of(static_cast<std::uint64_t>(den_)) : decimals_of(den_);
}

Exact Exact::round(int places) const {
  if (den_ == 1) return *this;
  Int128 p = pow10(places);
  Int128 magnitude = num_ < 0 ? -num_ : num_;
  // The same in 64 bits when everything fits, as every score does
  // (128-bit division is a library call).
  if (fits64(static_cast<UInt128>(magnitude)) && fits64(static_cast<UInt128>(den_)) &&
      fits64(static_cast<UInt128>(p))) {
    const auto m = static_cast<std::uint64_t>(magnitude);
    const auto d = static_cast<std::uint64_t>(den_);
    std::uint64_t scaled_rest = 0;
    if (!__builtin_mul_overflow(m % d, static_cast<std::uint64_t>(p), &scaled_rest)) {
      std::uint64_t fraction = scaled_rest / d;
      const std::uint64_t remainder = scaled_rest % d;
      if (remainder >= d - remainder) ++fraction;
      Int128 q = add(mul(static_cast<Int128>(m / d), p), static_cast<Int128>(fraction));
      return Exact::fraction(num_ < 0 ? -q : q, p);
    }
  }
  // half-up on the magnitude: floor(x·p + 1/2), from the whole part and the
  // remainder separately so that nothing overflows.
  Int128 whole = magnitude / den_;
  Int128 rest = magnitude % den_;
  Int128 scaled_rest = mul(rest, p);
  Int128 fraction = scaled_rest / den_;
  Int128 remainder = scaled_rest % den_;
  if (remainder >= den_ - remainder) ++fraction;  // remainder / den ≥ 1/2, without doubling
  Int128 q = add(mul(whole, p), fraction);
  return Exact::fraction(num_ < 0 ? -q : q, p);
}

std::string Exact::fixed(int places) const {
  Exact r = round(places);
  const Int128 p = pow10(places);  // r.den_ divides it, and both are positive
  const Int128 per_den = fits64(static_cast<UInt128>(p))
                             ? static_cast<Int128>(static_cast<std::uint64_t>(p) / static_cast<std::uint64_t>(r.den_))
                             : p / r.den_;
  Int128 scaled = mul(r.num_, per_den);
  return write_scaled(scaled, places);
}

std::string Exact::str(int places) const {
  if (auto d = decimals()) return fixed(*d);
  // Truncate (not round) before the ellipsis: 88.888… not 88.889…
  Int128 p = pow10(places);
  Int128 magnitude = num_ < 0 ? -num_ : num_;
  Int128 scaled = add(mul(magnitude / den_, p), mul(magnitude % den_, p) / den_);
  return write_scaled(num_ < 0 ? -scaled : scaled, places) + "…";
}

std::optional<std::int64_t> Exact::integer() const {
  if (den_ != 1 || num_ > INT64_MAX || num_ < INT64_MIN) return std::nullopt;
  return static_cast<std::int64_t>(num_);
}

double Exact::to_double() const { return static_cast<double>(num_) / static_cast<double>(den_); }

}  // namespace govscore
