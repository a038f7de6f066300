// Calendar arithmetic on day numbers (govscore/calendar.hpp).
#include <algorithm>
#include <cctype>
#include <cstdio>

#include "govscore/calendar.hpp"

namespace govscore {

namespace calendar {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days (public domain algorithms).
long days_from_civil(long y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void civil_from_days(long z, long& y, int& m, int& d) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = yoe + era * 400;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y += m <= 2;
}

bool leap(long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int month_length(long y, int m) {
  static const int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : lengths[m - 1];
}

}  // namespace

std::optional<long> parse_date(std::string_view text) {
  // YYYY-MM-DD, optionally followed by T or a space and a time: the date counts.
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(text[static_cast<std::size_t>(i)]))) return std::nullopt;
  if (text.size() > 10 && text[10] != 'T' && text[10] != ' ') return std::nullopt;
  auto number = [&](std::size_t from, std::size_t length) {
    int n = 0;
    for (std::size_t i = from; i < from + length; ++i) n = n * 10 + (text[i] - '0');
    return n;
  };
  long y = number(0, 4);
  int m = number(5, 2);
  int d = number(8, 2);
  if (m < 1 || m > 12 || d < 1 || d > month_length(y, m)) return std::nullopt;
  return days_from_civil(y, m, d);
}

std::string format_date(long day) {
  long y = 0;
  int m = 0;
  int d = 0;
  civil_from_days(day, y, m, d);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04ld-%02d-%02d", y, m, d);
  return buffer;
}

long add_months(long day, int months) {
  long y = 0;
  int m = 0;
  int d = 0;
  civil_from_days(day, y, m, d);
  long total = y * 12 + (m - 1) + months;
  long ny = total >= 0 ? total / 12 : (total - 11) / 12;
  int nm = static_cast<int>(total - ny * 12) + 1;
  return days_from_civil(ny, nm, std::min(d, month_length(ny, nm)));
}

long days_between(long from, long to) { return to - from; }

Exact months_between(long from, long to) {
  if (to < from) return Exact(0) - months_between(to, from);
  int whole = 0;
  while (add_months(from, whole + 1) <= to) ++whole;
  long start = add_months(from, whole);
  long next = add_months(from, whole + 1);
  return Exact(whole) + Exact(to - start, next - start);
}

}  // namespace calendar

}  // namespace govscore
