#include "govscore/bulletin.hpp"

#include <nlohmann/json.hpp>

#include "govscore/records.hpp"
#include "govscore/report.hpp"
#include "govscore/rules.hpp"

namespace govscore {
namespace {

Column text_column(const std::string& title, const std::string& group = "") { return {title, group, "", "", false}; }
Column number_column(const std::string& title, const std::string& group = "") { return {title, group, "", "", true}; }

std::string name_with_platform(const Record& rec) {
  return std::string(rec.name) + (rec.platform.empty() ? "" : "（" + std::string(rec.platform) + "）");
}

}  // namespace

Bulletin make_bulletin(const RuleSet& rules, const Batch& batch, RankWithin within) {
  Bulletin b;
  b.rules = &rules;
  b.batch = &batch;
  b.within = within;
  b.ranked = rank(rules, batch, score(rules, batch, /*keep_traces=*/false), within);
  b.summary = summarize(rules, batch, b.ranked, within);
  AnnexOptions options;
  options.within = within;
  b.annexes = build_annex(rules, batch, b.ranked, options);
  return b;
}

std::string summary_sentence(const Bulletin& b, const TargetSummary& t) {
  std::string out = b.rules->targets[t.target].title + "：";
  if (t.registered) out += "在册" + std::to_string(*t.registered) + "个，";
  out += "检查" + std::to_string(t.checked) + "个";
  if (auto rate = t.check_rate()) out += "，抽查率" + *rate + "%";
  out += "，合格" + std::to_string(t.passed) + "个，不合格" + std::to_string(t.failed) + "个，合格率" + t.pass_rate() + "%";
  if (!t.vetoes.empty()) {
    out += "；单项否决：";
    std::string list;
    for (const auto& [title, n] : t.vetoes) list += (list.empty() ? "" : "、") + title + std::to_string(n) + "个";
    out += list;
  }
  return out + "。";
}

std::string band_line(const Bulletin& b, const BandList& band) {
  std::string names;
  for (auto r : band.records) names += (names.empty() ? "" : "、") + name_with_platform(b.batch->records[r]);
  std::string prefix = band.group.empty() ? "" : band.group + "：";
  return prefix + band.title + "（" + std::to_string(band.records.size()) + "个）" + (names.empty() ? "。" : "：" + names + "。");
}

AnnexTable figures_table(const Bulletin& b) {
  AnnexTable t;
  t.target_id = "summary";
  t.title = "检查情况汇总";
  t.columns = {text_column("类别"), number_column("在册"), number_column("检查"), number_column("抽查率(%)"),
               number_column("合格"), number_column("不合格"), number_column("合格率(%)"), text_column("单项否决")};
  for (const auto& ts : b.summary.targets) {
    AnnexRow row;
    std::string vetoes;
    for (const auto& [title, n] : ts.vetoes) vetoes += (vetoes.empty() ? "" : "；") + title + " " + std::to_string(n);
    row.cells = {b.rules->targets[ts.target].title,
                 ts.registered ? std::to_string(*ts.registered) : "",
                 std::to_string(ts.checked),
                 ts.check_rate().value_or(""),
                 std::to_string(ts.passed),
                 std::to_string(ts.failed),
                 ts.pass_rate(),
                 vetoes};
    t.rows.push_back(std::move(row));
  }
  return t;
}

AnnexTable region_annex(const Bulletin& b) {
  const RegionTable& rt = b.summary.regions;
  AnnexTable t;
  t.target_id = "regions";
  t.title = "各地区检查情况";
  t.columns.push_back(text_column("地区"));
  for (const auto& cols : rt.columns) {
    const std::string& title = b.rules->targets[cols.target].title;
    if (cols.registered) t.columns.push_back(number_column("在册", title));
    bool named = cols.groups.size() > 1 || (cols.groups.size() == 1 && !cols.groups[0].empty());
    for (const auto& g : cols.groups) t.columns.push_back(number_column(named ? g : "检查", title));
    if (named) t.columns.push_back(number_column("合计", title));
    t.columns.push_back(number_column("不合格", title));
  }
  auto add = [&](const RegionRow& row) {
    AnnexRow out;
    out.cells.push_back(row.region);
    for (std::size_t c = 0; c < rt.columns.size(); ++c) {
      const RegionCounts& counts = row.targets[c];
      const RegionColumns& cols = rt.columns[c];
      if (cols.registered) out.cells.push_back(counts.registered ? std::to_string(*counts.registered) : "");
      for (long n : counts.by_group) out.cells.push_back(std::to_string(n));
      bool named = cols.groups.size() > 1 || (cols.groups.size() == 1 && !cols.groups[0].empty());
      if (named) out.cells.push_back(std::to_string(counts.checked()));
      out.cells.push_back(std::to_string(counts.failed));
    }
    t.rows.push_back(std::move(out));
  };
  for (const auto& row : rt.rows) add(row);
  add(rt.total);
  return t;
}

AnnexTable failures_table(const Bulletin& b) {
  AnnexTable t;
  t.target_id = "failures";
  t.title = "检查不合格名单";
  t.columns = {number_column("序号"), text_column("类别"), text_column("主管单位"), text_column("名称"),
               text_column("平台"), text_column("原因")};
  std::size_t n = 0;
  for (const auto& f : b.summary.failures) {
    const Record& rec = b.batch->records[f.record];
    AnnexRow row;
    row.failed = true;
    row.cells = {std::to_string(++n), b.rules->targets[rec.target].title, std::string(rec.owner), std::string(rec.name),
                 std::string(rec.platform), f.reason};
    t.rows.push_back(std::move(row));
  }
  return t;
}

AnnexTable findings_table(const Bulletin& b) {
  AnnexTable t;
  t.target_id = "findings";
  t.title = "问题明细（检测报告）";
  t.columns = {number_column("序号"), text_column("主管单位"), text_column("名称"), number_column("扣分合计"),
               text_column("指标"), number_column("扣分"), text_column("发现时间"), text_column("问题"),
               text_column("网址"), text_column("说明")};
  std::size_t n = 0;
  for (auto r : b.summary.with_findings) {
    const Record& rec = b.batch->records[r];
    const Target& target = b.rules->targets[rec.target];
    Exact total = 0;
    for (const auto& f : rec.details().findings) total += f.points;
    for (const auto& f : rec.details().findings) {
      const Indicator& ind = target.deductions[f.indicator];
      AnnexRow row;
      row.cells = {std::to_string(++n), std::string(rec.owner), name_with_platform(rec), total.str(),
                   f.part ? ind.parts[*f.part].title : ind.title,
                   f.points.str(), f.found, f.title, f.url, f.note};
      t.rows.push_back(std::move(row));
    }
  }
  return t;
}

AnnexTable bands_table(const Bulletin& b) {
  AnnexTable t;
  t.target_id = "bands";
  t.title = "分数段名单";
  t.columns = {text_column("类别"), text_column("分组"), text_column("分数段"), number_column("数量"), text_column("名单")};
  for (const auto& band : b.summary.bands) {
    std::string names;
    for (auto r : band.records) names += (names.empty() ? "" : "、") + name_with_platform(b.batch->records[r]);
    t.rows.push_back({{b.rules->targets[band.target].title, band.group, band.title, std::to_string(band.records.size()), names},
                      false});
  }
  return t;
}

std::string render_summary_text(const Bulletin& b) {
  std::string out = b.rules->title + "（" + b.batch->period + "）\n\n";
  for (const auto& ts : b.summary.targets) out += summary_sentence(b, ts) + "\n";
  out += "\n" + render_text({region_annex(b)});
  if (!b.summary.bands.empty()) {
    out += "\n分数段\n";
    for (const auto& band : b.summary.bands) out += band_line(b, band) + "\n";
  }
  if (!b.summary.failures.empty()) out += "\n" + render_text({failures_table(b)});
  return out;
}

std::string render_summary_json(const Bulletin& b) {
  using json = nlohmann::ordered_json;
  json targets = json::array();
  for (const auto& ts : b.summary.targets) {
    json j;
    j["target"] = b.rules->targets[ts.target].id;
    j["title"] = b.rules->targets[ts.target].title;
    j["registered"] = ts.registered ? json(*ts.registered) : json(nullptr);
    j["checked"] = ts.checked;
    j["check_rate"] = ts.check_rate() ? json::parse(*ts.check_rate()) : json(nullptr);
    j["passed"] = ts.passed;
    j["failed"] = ts.failed;
    j["pass_rate"] = ts.checked ? json::parse(ts.pass_rate()) : json(nullptr);
    json vetoes = json::object();
    for (const auto& [title, n] : ts.vetoes) vetoes[title] = n;
    j["vetoes"] = vetoes;
    j["failed_on_score"] = ts.failed_on_score;
    targets.push_back(j);
  }
  AnnexTable regions = region_annex(b);
  json rows = json::array();
  for (const auto& row : regions.rows) {
    json r;
    for (std::size_t c = 0; c < regions.columns.size(); ++c) {
      const Column& col = regions.columns[c];
      std::string key = col.group.empty() ? col.title : col.group + "/" + col.title;
      r[key] = col.numeric && !row.cells[c].empty() ? json::parse(row.cells[c]) : json(row.cells[c]);
    }
    rows.push_back(r);
  }
  json bands = json::array();
  for (const auto& band : b.summary.bands) {
    json names = json::array();
    for (auto r : band.records) names.push_back(b.batch->records[r].name);
    bands.push_back({{"target", b.rules->targets[band.target].id}, {"band", band.title}, {"group", band.group},
                     {"count", band.records.size()}, {"names", names}});
  }
  json failures = json::array();
  for (const auto& f : b.summary.failures)
    failures.push_back({{"id", b.batch->records[f.record].id}, {"name", b.batch->records[f.record].name}, {"reason", f.reason}});
  json out;
  out["rules"] = b.rules->id;
  out["period"] = b.batch->period;
  out["targets"] = targets;
  out["regions"] = rows;
  out["bands"] = bands;
  out["failures"] = failures;
  return out.dump(2) + "\n";
}

std::string render_bulletin_markdown(const Bulletin& b) {
  std::string out = "# " + b.rules->title + "（" + b.batch->period + "）\n\n";
  for (const auto& ts : b.summary.targets) out += summary_sentence(b, ts) + "\n\n";
  int annex = 0;
  auto heading = [&](const std::string& title) { return "## 附件" + std::to_string(++annex) + " " + title + "\n\n"; };
  out += heading("检查情况汇总") + render_markdown_table(figures_table(b)) + "\n";
  for (const auto& table : b.annexes) out += heading(table.title + "检查结果") + render_markdown_table(table) + "\n";
  if (!b.summary.bands.empty()) {
    out += heading("分数段名单");
    for (const auto& band : b.summary.bands) out += "- " + band_line(b, band) + "\n";
    out += "\n";
  }
  out += heading("各地区检查情况") + render_markdown_table(region_annex(b)) + "\n";
  if (!b.summary.failures.empty()) out += heading("检查不合格名单") + render_markdown_table(failures_table(b)) + "\n";
  if (!b.summary.with_findings.empty()) out += heading("问题明细") + render_markdown_table(findings_table(b)) + "\n";
  return out;
}

}  // namespace govscore
