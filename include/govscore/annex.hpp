// Annex tables: the ranked tables of a bulletin (通报附件), one per target,
// laid out as the published annexes are: 序号, 主管单位, 名称, (类别), 单项否决,
// one column per indicator or part, 加分, 得分, 检查结果, 排名. Every output
// format (terminal, CSV, Markdown, …) renders this one model.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "govscore/rank.hpp"

namespace govscore {

struct RuleSet;
struct Batch;

// A column heading. `group` is the indicator a part belongs to (内容更新 over
// 周扫描 and 季度检查), empty for columns that stand alone; `points` is what
// the column is worth ("50"), empty when it has no points.
struct Column {
  std::string title;
  std::string group;
  std::string group_points;
  std::string points;
  bool numeric = false;  // right-aligned, stored as a number where formats can

  // Headings as two-row formats print them: "政策解读（10分）", "内容更新（50分）".
  [[nodiscard]] std::string titled() const { return with_points(title, points); }
  [[nodiscard]] std::string group_titled() const { return with_points(group, group_points); }
  // The heading as one-row formats print it: a part under its indicator
  // ("内容更新/周扫描").
  [[nodiscard]] std::string one_row() const { return group.empty() ? title : group + "/" + title; }

 private:
  static std::string with_points(const std::string& text, const std::string& points) {
    return points.empty() ? text : text + "（" + points + "分）";
  }
};

struct AnnexRow {
  std::vector<std::string> cells;  // one per column, already formatted
  bool failed = false;             // 不合格: formats may mark the row
};

// Where a row goes as it is made, cell by cell in column order: a format
// that writes text as it goes (CSV) takes each cell straight into its
// output, without a string per cell in between.
class RowSink {
 public:
  virtual ~RowSink() = default;
  virtual void begin(bool failed) = 0;  // a new row; `failed`: 不合格
  virtual void cell(std::string_view text) = 0;
  virtual void end() = 0;
};

// A sink that collects the row into an AnnexRow, reusing the strings of the
// row it held before (a million rows then allocate next to nothing).
class RowCollector : public RowSink {
 public:
  explicit RowCollector(AnnexRow& row) : row_(row) {}
  void begin(bool failed) override {
    row_.failed = failed;
    used_ = 0;
  }
  void cell(std::string_view text) override {
    if (used_ == row_.cells.size()) row_.cells.emplace_back();
    row_.cells[used_++].assign(text.data(), text.size());
  }
  void end() override { row_.cells.resize(used_); }

 private:
  AnnexRow& row_;
  std::size_t used_ = 0;
};

struct AnnexTable {
  std::string target_id;
  std::string title;  // the target's title, e.g. 政府网站（专栏）
  std::vector<Column> columns;
  std::vector<AnnexRow> rows;
  // Rows made one at a time instead of held, for a table of a million rows
  // (AnnexOptions::lazy); then `rows` is empty. Renderers use for_each_row
  // or emit_row. make_row(i, sink) hands row i to `sink`.
  std::size_t lazy_rows = 0;
  std::function<void(std::size_t, RowSink&)> make_row;

  [[nodiscard]] std::size_t row_count() const { return make_row ? lazy_rows : rows.size(); }
  // Whether some column is a part of an indicator: two-row formats then
  // print the indicator's heading over its parts'.
  [[nodiscard]] bool has_groups() const {
    for (const auto& c : columns)
      if (!c.group.empty()) return true;
    return false;
  }
  // For a column that starts a group, the last column of the group (its
  // heading spans the two); for any other column, none.
  [[nodiscard]] std::optional<std::size_t> group_end(std::size_t c) const {
    if (columns[c].group.empty() || (c > 0 && columns[c - 1].group == columns[c].group)) return std::nullopt;
    std::size_t last = c;
    while (last + 1 < columns.size() && columns[last + 1].group == columns[c].group) ++last;
    return last;
  }
  // Hands row i, held or made, to `sink`. Rows may be made on several
  // threads at once, each with its own sink.
  void emit_row(std::size_t i, RowSink& sink) const {
    if (make_row) return make_row(i, sink);
    sink.begin(rows[i].failed);
    for (const auto& cell : rows[i].cells) sink.cell(cell);
    sink.end();
  }
  // Row i: held, or made into `scratch`.
  [[nodiscard]] const AnnexRow& row(std::size_t i, AnnexRow& scratch) const {
    if (!make_row) return rows[i];
    RowCollector collector(scratch);
    make_row(i, collector);
    return scratch;
  }
  // Calls fn(const AnnexRow&) for every row in order.
  template <typename Fn>
  void for_each_row(Fn fn) const {
    AnnexRow scratch;  // lazy rows are made into it one by one, reusing its strings
    for (std::size_t i = 0; i < row_count(); ++i) fn(row(i, scratch));
  }
};

struct AnnexOptions {
  std::string target;                    // only this target; empty: all
  RankWithin within = RankWithin::kTarget;  // adds a 分组 column with kGroup
  // Make rows as they are rendered instead of holding them; the tables then
  // refer to `rules`, `batch` and `ranked`, which must outlive them.
  bool lazy = false;
};

// Builds one table per target that has records, in rule-file order, from
// results as rank() returns them. Columns whose data no record has (类别,
// 否决原因) are left out.
[[nodiscard]] std::vector<AnnexTable> build_annex(const RuleSet& rules, const Batch& batch,
                                                  const std::vector<Result>& ranked, const AnnexOptions& options = {});

}  // namespace govscore
