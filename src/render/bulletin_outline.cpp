#include "govscore/bulletin_outline.hpp"

#include <cctype>

#include "govscore/bulletin.hpp"
#include "govscore/records.hpp"
#include "govscore/rules.hpp"

namespace govscore {
namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// "05" → "5"; "" when not a month 1–12.
std::string month_of(std::string_view s) {
  if (!all_digits(s) || s.size() > 2) return "";
  int m = std::stoi(std::string(s));
  return m >= 1 && m <= 12 ? std::to_string(m) : "";
}

}  // namespace

std::string period_words(std::string_view period) {
  if (period.size() < 4 || !all_digits(period.substr(0, 4))) return std::string(period);
  const std::string year = std::string(period.substr(0, 4)) + "年";
  std::string_view rest = period.substr(4);
  if (rest.empty()) return year;
  static const char* const kQuarters[] = {"第一季度", "第二季度", "第三季度", "第四季度"};
  if (rest.size() == 2 && (rest[0] == 'Q' || rest[0] == 'q') && rest[1] >= '1' && rest[1] <= '4')
    return year + kQuarters[rest[1] - '1'];
  if (rest == "H1" || rest == "h1") return year + "上半年";
  if (rest == "H2" || rest == "h2") return year + "下半年";
  if (rest[0] == '-' || rest[0] == 'M' || rest[0] == 'm') {
    std::string month = month_of(rest.substr(1));
    if (!month.empty()) return year + month + "月";
  }
  return std::string(period);
}

std::string bulletin_title(const Bulletin& b) {
  if (!b.title.empty()) return b.title;
  if (b.batch->period.empty()) return b.rules->title;
  return b.rules->title + "（" + period_words(b.batch->period) + "）";
}

std::string chinese_number(int n) {
  static const char* const kDigits[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (n < 1 || n > 99) return std::to_string(n);
  if (n < 10) return kDigits[n];
  std::string tens = n / 10 == 1 ? "" : kDigits[n / 10];
  return tens + "十" + kDigits[n % 10];
}

std::string findings_text(const Bulletin& b, std::size_t record) {
  const Record& rec = b.batch->records[record];
  const Target& target = b.rules->targets[rec.target];
  std::string out;
  for (const auto& f : rec.details().findings) {
    if (!f.scored) {  // a problem in words only: as the sheet wrote it
      out += (out.empty() ? "" : "；") + f.title;
      continue;
    }
    const Indicator& ind = target.deductions[f.indicator];
    std::string where = f.part ? ind.parts[*f.part].title : ind.title;
    out += (out.empty() ? "" : "；") + where + "：" + f.title + "（扣" + f.points.str() + "分）";
  }
  return out;
}

std::string failure_line(const Bulletin& b, const Failure& failure, std::size_t number) {
  const Record& rec = b.batch->records[failure.record];
  const Target& target = b.rules->targets[rec.target];
  std::string out = std::to_string(number) + ". " + unit_name(rec);
  if (!rec.owner.empty()) out += "（" + std::string(rec.owner) + "）";
  out += "：";
  if (failure.score)
    out += "得分" + failure.score->fixed(b.rules->decimals) + "分，低于" + target.pass_score.str() + "分";
  else
    out += failure.reason;
  std::string findings = findings_text(b, failure.record);
  if (!findings.empty()) out += "；存在问题：" + findings;
  return out + "。";
}

std::vector<BulletinSection> bulletin_sections(const Bulletin& b) {
  std::vector<BulletinSection> out;
  auto add = [&](const std::string& heading) -> BulletinSection& {
    out.push_back({chinese_number(static_cast<int>(out.size()) + 1) + "、" + heading, {}});
    return out.back();
  };
  BulletinSection& overall = add("总体情况");
  for (const auto& ts : b.summary.targets) overall.paragraphs.push_back(summary_sentence(b, ts));
  if (!b.summary.bands.empty()) {
    BulletinSection& bands = add("分数段情况");
    for (const auto& band : b.summary.bands) bands.paragraphs.push_back(band_line(b, band));
  }
  if (!b.summary.failures.empty()) {
    BulletinSection& failing = add("不合格情况");
    failing.paragraphs.push_back("检查发现不合格" + std::to_string(b.summary.failures.size()) + "个：");
    std::size_t n = 0;
    for (const auto& f : b.summary.failures) failing.paragraphs.push_back(failure_line(b, f, ++n));
  }
  return out;
}

namespace {

// The annexes a bulletin has, in order, without their tables.
std::vector<std::pair<BulletinAnnex::Kind, const AnnexTable*>> annex_kinds(const Bulletin& b) {
  using Kind = BulletinAnnex::Kind;
  std::vector<std::pair<Kind, const AnnexTable*>> out{{Kind::kFigures, nullptr}};
  for (const auto& table : b.annexes) out.emplace_back(Kind::kRanked, &table);
  if (!b.summary.bands.empty()) out.emplace_back(Kind::kBands, nullptr);
  if (!b.summary.regions.rows.empty()) out.emplace_back(Kind::kRegions, nullptr);
  if (!b.summary.failures.empty()) out.emplace_back(Kind::kFailures, nullptr);
  if (!b.summary.with_findings.empty()) out.emplace_back(Kind::kFindings, nullptr);
  return out;
}

}  // namespace

std::vector<BulletinAnnex> bulletin_annexes(const Bulletin& b) {
  using Kind = BulletinAnnex::Kind;
  const std::string period = b.batch->period.empty() ? "" : period_words(b.batch->period);
  std::vector<BulletinAnnex> out;
  for (const auto& [kind, ranked] : annex_kinds(b)) {
    BulletinAnnex a;
    a.kind = kind;
    a.number = static_cast<int>(out.size()) + 1;
    auto made = [](AnnexTable t) { return std::make_shared<const AnnexTable>(std::move(t)); };
    switch (kind) {
      case Kind::kFigures: a.title = "检查情况汇总表"; a.table_ = made(figures_table(b)); break;
      case Kind::kRanked:
        a.title = ranked->title + "检查情况统计表";
        a.table_ = std::shared_ptr<const AnnexTable>(ranked, [](const AnnexTable*) {});  // the bulletin's own
        break;
      case Kind::kBands: a.title = "分数段名单"; a.table_ = made(bands_table(b)); break;
      case Kind::kRegions: a.title = "各地区检查情况统计表"; a.table_ = made(region_annex(b)); break;
      case Kind::kFailures: a.title = "检查不合格名单"; a.table_ = made(failures_table(b)); break;
      case Kind::kFindings: a.title = "问题明细表"; a.table_ = made(findings_table(b)); break;
    }
    a.title = period + a.title;
    out.push_back(std::move(a));
  }
  return out;
}

std::string bulletin_contents(const Bulletin& b) { return bulletin_contents_message(b).str(); }

Message bulletin_contents_message(const Bulletin& b) {
  std::string targets;
  long units = 0;
  for (const auto& ts : b.summary.targets) {
    targets += (targets.empty() ? "" : ", ") + b.rules->targets[ts.target].title + " " + std::to_string(ts.checked);
    units += ts.checked;
  }
  const std::size_t annexes = annex_kinds(b).size();
  return tr("{0}: {1}{2}, {3} failing, {4}", bulletin_title(b),
            units == 1 ? tr("{0} unit", units) : tr("{0} units", units),
            targets.empty() ? Message() : tr(" ({0})", targets), b.summary.failures.size(),
            annexes == 1 ? tr("{0} annex", annexes) : tr("{0} annexes", annexes));
}

}  // namespace govscore
