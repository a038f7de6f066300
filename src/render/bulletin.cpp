#include "govscore/bulletin.hpp"

#include <nlohmann/json.hpp>

#include "govscore/bulletin_outline.hpp"
#include "govscore/records.hpp"
#include "govscore/report.hpp"
#include "govscore/rules.hpp"

namespace govscore {
namespace {

Column text_column(const std::string& title, const std::string& group = "") { return {title, group, "", "", false}; }
Column number_column(const std::string& title, const std::string& group = "") { return {title, group, "", "", true}; }

}  // namespace

std::string unit_name(const Record& rec) {
  return std::string(rec.name) + (rec.platform.empty() ? "" : "（" + std::string(rec.platform) + "）");
}

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
  for (auto r : band.records) names += (names.empty() ? "" : "、") + unit_name(b.batch->records[r]);
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
               text_column("平台"), number_column("得分"), text_column("原因"), text_column("存在问题")};
  std::size_t n = 0;
  for (const auto& f : b.summary.failures) {
    const Record& rec = b.batch->records[f.record];
    AnnexRow row;
    row.failed = true;
    row.cells = {std::to_string(++n), b.rules->targets[rec.target].title, std::string(rec.owner), std::string(rec.name),
                 std::string(rec.platform), f.score ? f.score->fixed(b.rules->decimals) : "", f.reason,
                 findings_text(b, f.record)};
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
    bool any_scored = false;  // problems in words alone deduct nothing here: no total to show
    for (const auto& f : rec.details().findings)
      if (f.scored) {
        total += f.points;
        any_scored = true;
      }
    for (const auto& f : rec.details().findings) {
      // A problem in words only (问题描述) names no indicator and deducts nothing.
      std::string where;
      if (f.scored) where = f.part ? target.deductions[f.indicator].parts[*f.part].title : target.deductions[f.indicator].title;
      AnnexRow row;
      row.cells = {std::to_string(++n), std::string(rec.owner), unit_name(rec), any_scored ? total.str() : "",
                   where, f.scored ? f.points.str() : "", f.found, f.title, f.url, f.note};
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
    for (auto r : band.records) names += (names.empty() ? "" : "、") + unit_name(b.batch->records[r]);
    t.rows.push_back({{b.rules->targets[band.target].title, band.group, band.title, std::to_string(band.records.size()), names},
                      false});
  }
  return t;
}

std::string render_summary_text(const Bulletin& b) {
  std::string out = bulletin_title(b) + "\n\n";
  for (const auto& ts : b.summary.targets) out += summary_sentence(b, ts) + "\n";
  if (!b.summary.regions.rows.empty()) out += "\n" + render_text({region_annex(b)});
  if (!b.summary.bands.empty()) {
    out += "\n分数段\n";
    for (const auto& band : b.summary.bands) out += band_line(b, band) + "\n";
  }
  if (!b.summary.lists.empty()) {
    out += "\n名单\n";
    for (const auto& list : b.summary.lists)
      for (const auto& line : named_list_lines(b, list)) out += line + "\n";
  }
  if (!b.summary.failures.empty()) out += "\n" + render_text({failures_table(b)});
  return out;
}

std::string render_summary_json(const Bulletin& b) {
  using json = nlohmann::ordered_json;
  auto veto_id = [&](const Target& target, std::size_t v) { return v < target.veto.size() ? target.veto[v].id : std::string("veto"); };
  json targets = json::array();
  for (const auto& ts : b.summary.targets) {
    const Target& target = b.rules->targets[ts.target];
    json j;
    j["target"] = target.id;
    j["title"] = target.title;
    j["registered"] = ts.registered ? json(*ts.registered) : json(nullptr);
    j["checked"] = ts.checked;
    j["check_rate"] = ts.check_rate() ? json::parse(*ts.check_rate()) : json(nullptr);
    j["passed"] = ts.passed;
    j["failed"] = ts.failed;
    j["pass_rate"] = ts.checked ? json::parse(ts.pass_rate()) : json(nullptr);
    json vetoes = json::object();  // by veto id: titles are for people
    for (const auto& [title, n] : ts.vetoes) {
      std::size_t v = 0;
      while (v < target.veto.size() && target.veto[v].title != title) ++v;
      vetoes[veto_id(target, v)] = n;
    }
    j["vetoes"] = vetoes;
    j["failed_on_score"] = ts.failed_on_score;
    targets.push_back(j);
  }
  const RegionTable& rt = b.summary.regions;
  auto region = [&](const RegionRow& row) {
    json by_target = json::object();
    for (std::size_t c = 0; c < rt.columns.size(); ++c) {
      const RegionCounts& counts = row.targets[c];
      json groups = json::object();
      for (std::size_t g = 0; g < rt.columns[c].groups.size(); ++g)
        if (!rt.columns[c].groups[g].empty()) groups[rt.columns[c].groups[g]] = counts.by_group[g];
      by_target[b.rules->targets[rt.columns[c].target].id] = {
          {"checked", counts.checked()},
          {"failed", counts.failed},
          {"registered", counts.registered ? json(*counts.registered) : json(nullptr)},
          {"groups", groups}};
    }
    return json{{"region", row.region}, {"targets", by_target}};
  };
  json regions = json::array();
  for (const auto& row : rt.rows) regions.push_back(region(row));
  json bands = json::array();
  for (const auto& band : b.summary.bands) {
    json ids = json::array();
    json names = json::array();
    for (auto r : band.records) {
      ids.push_back(b.batch->records[r].id);
      names.push_back(b.batch->records[r].name);
    }
    bands.push_back({{"target", b.rules->targets[band.target].id}, {"band", band.title}, {"group", band.group},
                     {"count", band.records.size()}, {"ids", ids}, {"names", names}});
  }
  json lists = json::array();
  for (const auto& list : b.summary.lists) {
    json units = json::array();
    for (const auto& part : list.parts)
      for (auto r : part.records) {
        const Record& rec = b.batch->records[r];
        units.push_back({{"id", rec.id}, {"name", rec.name}, {"group", rec.group}, {"region", rec.region}});
      }
    const NamedList& decl = b.rules->lists[list.list];
    lists.push_back({{"id", decl.id}, {"title", decl.title}, {"count", list.count()}, {"units", units}});
  }
  json failures = json::array();
  for (const auto& f : b.summary.failures) {
    const Record& rec = b.batch->records[f.record];
    const Target& target = b.rules->targets[rec.target];
    json vetoes = json::array();
    for (auto v : rec.vetoes) vetoes.push_back(veto_id(target, v));
    json findings = json::array();
    for (const auto& finding : rec.details().findings) {
      // A problem in words only has no indicator, part or points (null).
      const Indicator* ind = finding.scored ? &target.deductions[finding.indicator] : nullptr;
      findings.push_back({{"indicator", ind ? json(ind->id) : json(nullptr)},
                          {"part", ind && finding.part ? json(ind->parts[*finding.part].id) : json(nullptr)},
                          {"points", ind ? json::parse(finding.points.str()) : json(nullptr)},
                          {"title", finding.title},
                          {"url", finding.url},
                          {"found", finding.found},
                          {"note", finding.note}});
    }
    failures.push_back({{"id", rec.id},
                        {"target", target.id},
                        {"name", rec.name},
                        {"owner", rec.owner},
                        {"platform", rec.platform},
                        {"score", f.score ? json::parse(f.score->fixed(b.rules->decimals)) : json(nullptr)},
                        {"vetoes", vetoes},
                        {"findings", findings},
                        {"reason", f.reason}});
  }
  json out;
  out["rules"] = b.rules->id;
  out["period"] = b.batch->period;
  out["targets"] = targets;
  out["regions"] = regions;
  out["regions_total"] = region(rt.total)["targets"];
  out["bands"] = bands;
  if (!b.rules->lists.empty()) out["lists"] = lists;
  out["failures"] = failures;
  return out.dump(2) + "\n";
}

std::string render_bulletin_markdown(const Bulletin& b) {
  std::string out = "# " + bulletin_title(b) + "\n\n";
  for (const auto& section : bulletin_sections(b)) {
    out += "## " + section.heading + "\n\n";
    for (const auto& p : section.paragraphs) out += p + "\n\n";
  }
  if (!b.summary.lists.empty()) {
    out += "## 名单\n\n";
    for (const auto& list : b.summary.lists) {
      auto lines = named_list_lines(b, list);
      for (std::size_t i = 0; i < lines.size(); ++i) out += (i == 0 ? "- " : "  - ") + lines[i] + "\n";
    }
    out += "\n";
  }
  for (const auto& annex : bulletin_annexes(b)) {
    out += "## " + annex.label() + "\n\n";
    if (annex.kind == BulletinAnnex::Kind::kBands) {
      for (const auto& band : b.summary.bands) out += "- " + band_line(b, band) + "\n";
      out += "\n";
    } else {
      out += render_markdown_table(annex.table()) + "\n";
    }
  }
  for (const auto& section : b.sections) out += "## " + section.title + "\n\n" + render_markdown_table(section) + "\n";
  return out;
}

}  // namespace govscore
