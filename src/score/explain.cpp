#include "govscore/explain.hpp"

#include "govscore/records.hpp"
#include "govscore/rules.hpp"
#include "govscore/score.hpp"

namespace govscore {
namespace {

const char* kMinus = " − ";

std::string indicator_line(const Indicator& ind, const IndicatorTrace& it, const Record& rec) {
  std::string line = "  " + ind.title + " (" + ind.max.str() + "): ";
  if (!it.assessed) {
    bool by_services = ind.requires_public_services && !rec.public_services;
    return line + "不考核 (" + (by_services ? "no public-facing services" : "listed in not_assessed") +
           "), its " + ind.max.str() + " points leave the base\n";
  }
  if (!it.entered) return line + "nothing deducted\n";
  std::string steps;
  int shown = 0;
  for (const auto& pt : it.parts) {
    if (!pt.entered) continue;
    const Part& part = ind.parts[pt.part];
    steps += (shown++ ? "; " : "") + part.title + " " + pt.raw.str();
    if (pt.factor != Exact(1)) steps += " × " + pt.factor.str() + " = " + pt.points.str();
  }
  if (it.parts.empty()) steps = it.raw.str();
  else if (shown > 1) steps += "; together " + it.raw.str();
  if (it.capped()) steps += ", capped at " + it.max.str();
  return line + steps + " → −" + it.deducted.str() + "\n";
}

// What the conditions made of the record's facts, one line each.
std::string evidence_lines(const Target& t, const Record& rec, const Batch& batch) {
  if (rec.details().evidence.empty()) return "";
  std::string out = "evidence" + (batch.as_of ? " (check point " + calendar::format_date(*batch.as_of) + ")" : std::string()) + ":\n";
  for (const auto& ev : rec.details().evidence) {
    std::string name = ev.kind == Evidence::Kind::kVeto ? t.veto_title(ev.index)
                       : ev.part ? t.deductions[ev.index].parts[*ev.part].title
                                 : t.deductions[ev.index].title;
    std::string outcome;
    switch (ev.use) {
      case Evidence::Use::kApplied:
        outcome = ev.kind == Evidence::Kind::kVeto ? " → 单项否决" : " → " + ev.points.str() + " points";
        break;
      case Evidence::Use::kNotFired: outcome = ev.kind == Evidence::Kind::kVeto ? " → not triggered" : " → nothing"; break;
      case Evidence::Use::kOverridden: outcome = " → not used: points were entered by hand"; break;
      case Evidence::Use::kSkipped: outcome = ""; break;
    }
    out += "  " + name + ": " + ev.text + outcome + "\n";
  }
  return out;
}

}  // namespace

std::string explain(const RuleSet& rules, const Batch& batch, const Result& result) {
  const Record& rec = batch.records[result.record];
  const Target& t = rules.targets[rec.target];
  std::shared_ptr<const Trace> kept = result.trace ? result.trace : score_record(rules, rec).trace;
  const Trace& tr = *kept;
  std::string out = std::string(rec.name) + " (" + std::string(rec.id) + ")";
  if (!rec.owner.empty()) out += " · " + std::string(rec.owner);
  out += " · " + t.title + " · " + rules.id + " · " + batch.period + "\n";
  out += evidence_lines(t, rec, batch);
  if (result.vetoed()) {
    for (auto v : rec.vetoes)
      out += "单项否决: " + (v == kUnnamedVeto ? std::string("是 (the record does not name the indicator)") : t.veto_title(v)) + "\n";
    out += "result: 不合格 — a single-veto indicator fired, so nothing else is scored";
    // Vetoed units share the rank after the last scored one: rank 1 means none is scored.
    if (auto rank = result.rank()) out += "; ranked " + std::to_string(*rank) + (*rank > 1 ? ", below every scored unit" : "");
    return out + "\n";
  }
  out += "单项否决: none\n";
  if (!t.scored()) return out + "result: 合格 (this target is judged on its veto indicators only)\n";

  out += "扣分:\n";
  for (const auto& it : tr.indicators) out += indicator_line(t.deductions[it.indicator], it, rec);
  out += "deducted in all: " + tr.deducted.str() + "\n";
  const bool rescaled = tr.not_assessed != Exact(0);
  if (rescaled) {
    std::string which;
    for (const auto& it : tr.indicators)
      if (!it.assessed) which += (which.empty() ? "" : ", ") + t.deductions[it.indicator].title + " " + it.max.str();
    out += "rescale: not assessed " + which + " → scored out of " + tr.out_of.str() + ", then × " + t.base.str() +
           " ÷ " + tr.out_of.str() + "\n";
  }

  // The formula, written the way the scheme's note writes it.
  std::string deduction = tr.out_of.str() + kMinus + tr.deducted.str();
  std::string formula;
  Exact counted = tr.bonus ? tr.bonus->counted : Exact(0);
  if (tr.bonus) {
    const Bonus& b = *t.bonus;
    const BonusTrace& bt = *tr.bonus;
    out += "加分 (max " + b.max.str();
    if (b.above) out += ", counted only when the deduction score is above " + b.above->str();
    out += std::string(b.rescaled ? ", inside the rescale bracket" : "") + "): ";
    if (!bt.entered) {
      out += "none\n";
    } else {
      for (const auto& [item, raw] : bt.item_raw) {
        const BonusItem& bi = b.items[item];
        out += bi.title + " " + raw.str() + (raw > bi.max ? " (capped at " + bi.max.str() + ")" : "") + "; ";
      }
      out += bt.raw.str();
      if (bt.raw > b.max) out += ", capped at " + b.max.str();
      if (b.above)
        out += bt.gate_passed ? ", counted (" + tr.deduction_score.str() + " > " + b.above->str() + ")"
                              : ", not counted (deduction score " + tr.deduction_score.str() + " is not above " +
                                    b.above->str() + ")";
      out += "\n";
    }
  }
  bool bonus_inside = t.bonus && t.bonus->rescaled;
  if (bonus_inside && rescaled) {
    formula = "(" + deduction + (counted.is_zero() ? "" : " + " + counted.str()) + ") × " + t.base.str() + " ÷ " +
              tr.out_of.str();
  } else if (rescaled) {
    formula = "(" + deduction + ") × " + t.base.str() + " ÷ " + tr.out_of.str();
    if (!counted.is_zero()) formula += " + " + counted.str();
  } else {
    formula = deduction + (counted.is_zero() ? "" : " + " + counted.str());
  }
  out += "score: " + formula + " = " + tr.exact_score.str() + " → " + result.score()->fixed(rules.decimals) + "\n";
  out += std::string("result: ") + result.verdict() + " (" + result.score()->fixed(rules.decimals) +
         (result.passed ? " ≥ " : " < ") + t.pass_score.str() + ")";
  if (result.rank()) out += "; rank " + std::to_string(*result.rank());
  return out + "\n";
}

std::string describe(const RuleSet& rules) {
  std::string out = rules.id + " " + rules.title + "\n";
  if (!rules.source.empty()) out += "source: " + rules.source + "\n";
  out += "scores rounded half-up to " + std::to_string(rules.decimals) + " decimal(s)\n";
  if (!rules.facts.empty()) {
    out += "facts:";
    for (const auto& f : rules.facts) out += " " + f.name + " (" + type_name(f.type) + ")";
    out += "\n";
  }
  for (const auto& t : rules.targets) {
    out += "\n" + t.id + " " + t.title + ": base " + t.base.str() + ", 不合格 below " + t.pass_score.str() + "\n";
    if (!t.veto.empty()) {
      out += "  单项否决 (any one → 不合格)\n";
      for (const auto& v : t.veto) {
        out += "    " + v.id + "  " + v.title + "\n";
        if (v.when) out += "      when " + v.when->text() + "\n";
      }
    }
    if (!t.deductions.empty()) {
      Exact total = 0;
      for (const auto& ind : t.deductions) total += ind.max;
      out += "  扣分 (" + total.str() + ", each capped at its points)\n";
      for (const auto& ind : t.deductions) {
        out += "    " + ind.id + "  " + ind.title + "  " + ind.max.str();
        if (ind.requires_public_services) out += "  (不考核 without public-facing services)";
        out += "\n";
        if (ind.points) out += "      points " + ind.points->text() + "\n";
        for (const auto& p : ind.parts) {
          out += "      " + p.id + "  " + p.title + (p.factor != Exact(1) ? "  × " + p.factor.str() : "") + "\n";
          if (p.points) out += "        points " + p.points->text() + "\n";
        }
      }
    }
    if (t.bonus) {
      const Bonus& b = *t.bonus;
      out += "  加分 " + b.max.str();
      if (b.above) out += ", counted only above " + b.above->str();
      out += b.rescaled ? ", inside the rescale bracket" : ", added after rescaling";
      out += "\n";
      for (const auto& i : b.items) out += "    " + i.id + "  " + i.title + "  " + i.max.str() + "\n";
    }
    if (!t.scored()) out += "  judged 合格/不合格 on the veto indicators only\n";
    for (const auto& band : t.bands) {
      out += "  band " + band.title + ": " + band.at_least.str() + " ≤ score";
      if (band.below) out += " < " + band.below->str();
      out += "\n";
    }
  }
  return out;
}

}  // namespace govscore
