// A batch's period (internal header): a year (2021), a half (2021H1), a
// quarter (2021Q1) or a month (2021-03), the forms records, --period and
// file names come to (docs/record-files.md). The loader admits no other,
// and a workbook is dated by its last day. (period_words, which words a
// period for a title, also takes the looser forms staff type: 2024q4,
// 2024M11.)
#pragma once

#include <optional>
#include <string_view>

namespace govscore {

struct Period {
  enum class Kind { kYear, kHalf, kQuarter, kMonth };
  int year = 0;
  Kind kind = Kind::kYear;
  int number = 0;  // the half (1–2), quarter (1–4) or month (1–12); 0 for a year

  // The period `text` is, exactly as written ("2021q1", "2021-3" are not),
  // or nullopt.
  [[nodiscard]] static std::optional<Period> parse(std::string_view text);
  // Its last month, 1–12.
  [[nodiscard]] int last_month() const;
};

}  // namespace govscore
