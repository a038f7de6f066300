#include "govscore/exact.hpp"

#include <cctype>

namespace govscore {
namespace {

Int128 gcd(Int128 a, Int128 b) {
  if (a < 0) a = -a;
  if (b < 0) b = -b;
  while (b != 0) {
    Int128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

Int128 pow10(int n) {
  Int128 p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

std::string to_string(Int128 v) {
  if (v == 0) return "0";
  bool neg = v < 0;
  std::string out;
  while (v != 0) {
    int digit = static_cast<int>(v % 10);
    out.insert(out.begin(), static_cast<char>('0' + (digit < 0 ? -digit : digit)));
    v /= 10;
  }
  if (neg) out.insert(out.begin(), '-');
  return out;
}

// Writes |scaled| / 10^places as "123.45" (scaled already rounded).
std::string write_scaled(Int128 scaled, int places) {
  bool neg = scaled < 0;
  std::string digits = to_string(neg ? -scaled : scaled);
  if (places > 0) {
    if (static_cast<int>(digits.size()) <= places)
      digits.insert(0, static_cast<std::size_t>(places + 1) - digits.size(), '0');
    digits.insert(digits.size() - static_cast<std::size_t>(places), ".");
  }
  return neg ? "-" + digits : digits;
}

}  // namespace

Exact::Exact(Int128 num, Int128 den) : num_(num), den_(den) {
  if (den_ < 0) {
    num_ = -num_;
    den_ = -den_;
  }
  Int128 g = gcd(num_, den_);
  if (g > 1) {
    num_ /= g;
    den_ /= g;
  }
}

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
      // Beyond 30 significant digits the value is far out of any accepted
      // range; keep counting the scale but stop accumulating.
      if (digits < 30) {
        mantissa = mantissa * 10 + (c - '0');
        if (mantissa != 0) ++digits;
        if (seen_point) ++frac_digits;
      } else if (!seen_point) {
        --frac_digits;  // an integer digit dropped: scale up instead
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
  if (scale > 30) scale = 30;
  if (scale < -30) scale = -30;
  Int128 num = negative ? -mantissa : mantissa;
  if (scale >= 0) return Exact(num * pow10(scale), 1);
  return Exact(num, pow10(-scale));
}

Exact Exact::operator+(const Exact& o) const {
  return Exact(num_ * o.den_ + o.num_ * den_, den_ * o.den_);
}
Exact Exact::operator-(const Exact& o) const {
  return Exact(num_ * o.den_ - o.num_ * den_, den_ * o.den_);
}
Exact Exact::operator*(const Exact& o) const {
  // Cross-reduce first to keep intermediate products small.
  Int128 g1 = gcd(num_, o.den_);
  Int128 g2 = gcd(o.num_, den_);
  if (g1 == 0) g1 = 1;
  if (g2 == 0) g2 = 1;
  return Exact((num_ / g1) * (o.num_ / g2), (den_ / g2) * (o.den_ / g1));
}
Exact Exact::operator/(const Exact& o) const { return *this * Exact(o.den_, o.num_); }

int Exact::compare(const Exact& o) const {
  Int128 l = num_ * o.den_;
  Int128 r = o.num_ * den_;
  return l < r ? -1 : (l > r ? 1 : 0);
}

std::optional<int> Exact::decimals() const {
  Int128 d = den_;
  int twos = 0;
  int fives = 0;
  while (d % 2 == 0) {
    d /= 2;
    ++twos;
  }
  while (d % 5 == 0) {
    d /= 5;
    ++fives;
  }
  if (d != 1) return std::nullopt;
  return twos > fives ? twos : fives;
}

Exact Exact::round(int places) const {
  Int128 p = pow10(places);
  Int128 scaled_num = (num_ < 0 ? -num_ : num_) * p;
  // half-up on the magnitude: floor(x + 1/2) = (2·n + d) div (2·d)
  Int128 q = (2 * scaled_num + den_) / (2 * den_);
  return Exact(num_ < 0 ? -q : q, p);
}

std::string Exact::fixed(int places) const {
  Exact r = round(places);
  Int128 scaled = r.num_ * (pow10(places) / r.den_);
  return write_scaled(scaled, places);
}

std::string Exact::str(int places) const {
  if (auto d = decimals()) return fixed(*d);
  // Truncate (not round) before the ellipsis: 88.888… not 88.889…
  Int128 p = pow10(places);
  Int128 scaled = (num_ < 0 ? -num_ : num_) * p / den_;
  return write_scaled(num_ < 0 ? -scaled : scaled, places) + "…";
}

double Exact::to_double() const { return static_cast<double>(num_) / static_cast<double>(den_); }

}  // namespace govscore
