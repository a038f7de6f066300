// The re-check list of an archived quarter's failures (复核名单) and the
// rectification list (整改清单) (include/govscore/history.hpp).
#include <algorithm>

#include "archive/json_text.hpp"
#include "archive/unit_index.hpp"
#include "govscore/history.hpp"

#include "archive/history_tables.hpp"

namespace govscore {

using history_tables::column;
using history_tables::joined;

Recheck recheck(const ArchivedQuarter& quarter, const std::map<std::string, std::vector<ArchivedFinding>>& findings,
                const ArchivedQuarter* next, const std::string& deadline) {
  Recheck out;
  out.period = quarter.info.period;
  out.decimals = quarter.info.decimals;
  out.deadline = deadline;
  archive::UnitIndex later;  // the next quarter's units by id
  if (next) {
    out.next_period = next->info.period;
    later.reserve(next->units.size());
    for (std::size_t i = 0; i < next->units.size(); ++i) (void)later.insert(next->units[i].id, i);
  }
  out.units.reserve(static_cast<std::size_t>(
      std::count_if(quarter.units.begin(), quarter.units.end(), [](const ArchivedUnit& u) { return !u.passed; })));
  for (const ArchivedUnit& u : quarter.units) {
    if (u.passed) continue;
    RecheckUnit r;
    history_tables::copy_names(u, r);
    r.score = u.score;
    r.reasons.assign(u.vetoes.begin(), u.vetoes.end());
    if (r.reasons.empty()) {
      Exact pass = 60;
      for (const auto& t : quarter.targets)
        if (t.id == u.target) pass = t.pass_score;
      r.reasons.push_back("得分低于" + pass.str() + "分");
    }
    r.deductions.assign(u.deductions.begin(), u.deductions.end());
    if (auto f = findings.find(r.id); f != findings.end()) r.findings = f->second;
    if (next) {
      auto found = later.find(u.id);
      if (!found) {
        r.now = CompareStatus::kNotChecked;
      } else {
        const ArchivedUnit& now = next->units[*found];
        r.now = now.passed ? CompareStatus::kRectified : CompareStatus::kStillFailing;
        r.now_score = now.score;
      }
    }
    if (!deadline.empty()) {
      auto item = [&](std::string problem, std::string url) {
        out.rectification.push_back({r.id, r.name, std::move(problem), std::move(url), deadline});
      };
      for (const auto& v : u.vetoes) item("单项否决：" + std::string(v), "");
      // Findings say what was found; an indicator without findings is
      // listed by its deduction.
      for (const auto& [title, points] : u.deductions) {
        bool itemised = false;
        for (const auto& f : r.findings) itemised = itemised || f.indicator == title;
        if (!itemised) item(std::string(title) + " 扣" + points.str() + "分", "");
      }
      for (const auto& f : r.findings)
        item((f.indicator.empty() ? "" : f.indicator + "：") + (f.title.empty() ? "扣" + f.points.str() + "分" : f.title), f.url);
    }
    out.units.push_back(std::move(r));
  }
  return out;
}

namespace {

std::string deductions_text(const std::vector<std::pair<std::string, Exact>>& deductions) {
  std::vector<std::string> parts;
  for (const auto& [title, points] : deductions) parts.push_back(title + " " + points.str());
  return joined(parts, "；");
}

std::string findings_text(const std::vector<ArchivedFinding>& findings) {
  std::vector<std::string> parts;
  for (const auto& f : findings) parts.push_back(f.title.empty() ? f.indicator + " " + f.points.str() : f.title);
  return joined(parts, "；");
}

}  // namespace

std::vector<AnnexTable> recheck_tables(const Recheck& r) {
  std::vector<AnnexTable> tables;
  AnnexTable list;
  list.title = r.period + " 复核名单";
  list.columns = {column("id"), column("名称"), column("主管单位"), column("检查对象"), column("得分", true),
                  column("不合格原因"), column("扣分"), column("问题")};
  if (!r.next_period.empty()) {
    list.columns.push_back(column("复核情况（" + r.next_period + "）"));
    list.columns.push_back(column(r.next_period + "得分", true));
  }
  for (const auto& u : r.units) {
    AnnexRow row;
    row.failed = !u.now || *u.now != CompareStatus::kRectified;
    row.cells = {u.id, u.name, u.owner, u.target, u.score ? u.score->fixed(r.decimals) : "", joined(u.reasons, "、"),
                 deductions_text(u.deductions), findings_text(u.findings)};
    if (!r.next_period.empty()) {
      row.cells.push_back(status_text(*u.now));  // 已整改, 连续不合格 or 未检查, as the JSON says
      row.cells.push_back(u.now_score ? u.now_score->fixed(r.decimals) : "");
    }
    list.rows.push_back(std::move(row));
  }
  tables.push_back(std::move(list));
  if (!r.deadline.empty()) {
    AnnexTable fix;
    fix.title = "整改清单（于" + r.deadline + "前报送整改情况）";
    fix.columns = {column("id"), column("名称"), column("问题"), column("网址"), column("整改期限")};
    for (const auto& i : r.rectification) fix.rows.push_back({{i.id, i.name, i.problem, i.url, i.deadline}, false});
    tables.push_back(std::move(fix));
  }
  return tables;
}

std::string render_recheck_json(const Recheck& r) {
  using archive::JsonObject;
  return archive::json_document(0, [&](JsonObject& top) {
    top.text("period", r.period).text("next_period", r.next_period).text("deadline", r.deadline);
    top.objects("units", r.units, [&r](JsonObject& o, const RecheckUnit& u) {
      o.text("id", u.id).text("name", u.name).text("owner", u.owner).text("target", u.target).text("platform", u.platform);
      o.number("score", archive::fixed_or_null(u.score, r.decimals));
      o.texts("reasons", u.reasons);
      {
        JsonObject d(o.key("deductions"));
        for (const auto& [title, points] : u.deductions) d.number(title, points.str());
        d.close();
      }
      std::string& f = o.key("findings");
      f += '[';
      for (std::size_t k = 0; k < u.findings.size(); ++k) {
        const ArchivedFinding& a = u.findings[k];
        if (k) f += ", ";
        JsonObject fo(f);
        if (a.indicator.empty()) fo.key("indicator") += "null";  // a problem in words: no indicator, no points
        else fo.text("indicator", a.indicator);
        if (a.indicator.empty()) fo.key("points") += "null";
        else fo.number("points", a.points.str());
        fo.text("title", a.title).text("url", a.url);
        fo.text("note", a.note).text("found", a.found);
        fo.close();
      }
      f += ']';
      if (u.now) o.text("now", status_text(*u.now));
      else o.key("now") += "null";
      o.number("now_score", archive::fixed_or_null(u.now_score, r.decimals));
    });
    top.objects("rectification", r.rectification, [](JsonObject& o, const RectificationItem& item) {
      o.text("id", item.id).text("name", item.name).text("problem", item.problem).text("url", item.url);
      o.text("deadline", item.deadline);
    });
  });
}

}  // namespace govscore
