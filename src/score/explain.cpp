#include "govscore/explain.hpp"

#include "govscore/records.hpp"
#include "govscore/rules.hpp"
#include "govscore/score.hpp"

namespace govscore {
namespace {

const char* kMinus = " − ";

std::string indicator_line(const Indicator& ind, const IndicatorTrace& it, const Record& rec, Language lang) {
  std::string line = "  " + ind.title + " (" + ind.max.str() + "): ";
  if (!it.assessed) {
    bool by_services = ind.requires_public_services && !rec.public_services;
    return line +
           (by_services ? tr("不考核 (no public-facing services), its {0} points leave the base", ind.max.str())
                        : tr("不考核 (listed in not_assessed), its {0} points leave the base", ind.max.str()))
               .str(lang) +
           "\n";
  }
  if (!it.entered) return line + tr("nothing deducted").str(lang) + "\n";
  std::string steps;
  int shown = 0;
  for (const auto& pt : it.parts) {
    if (!pt.entered) continue;
    const Part& part = ind.parts[pt.part];
    steps += (shown++ ? "; " : "") + part.title + " " + pt.raw.str();
    if (pt.factor != Exact(1)) steps += " × " + pt.factor.str() + " = " + pt.points.str();
  }
  if (it.parts.empty()) steps = it.raw.str();
  else if (shown > 1)
    steps += tr("; together {0}", it.raw.str()).str(lang);
  if (it.capped()) steps += tr(", capped at {0}", it.max.str()).str(lang);
  return line + steps + " → −" + it.deducted.str() + "\n";
}

// What the conditions made of the record's facts, one line each.
std::string evidence_lines(const Target& t, const Record& rec, const Batch& batch, Language lang) {
  if (rec.details().evidence.empty()) return "";
  std::string out =
      (batch.as_of ? tr("evidence (check point {0}):", calendar::format_date(*batch.as_of)) : tr("evidence:"))
          .str(lang) +
      "\n";
  for (const auto& ev : rec.details().evidence) {
    std::string name = ev.kind == Evidence::Kind::kVeto ? t.veto_title(ev.index)
                       : ev.part ? t.deductions[ev.index].parts[*ev.part].title
                                 : t.deductions[ev.index].title;
    Message outcome;
    switch (ev.use) {
      case Evidence::Use::kApplied:
        outcome =
            ev.kind == Evidence::Kind::kVeto ? Message::verbatim(" → 单项否决") : tr(" → {0} points", ev.points.str());
        break;
      case Evidence::Use::kNotFired:
        outcome = ev.kind == Evidence::Kind::kVeto ? tr(" → not triggered") : tr(" → nothing");
        break;
      case Evidence::Use::kOverridden:
        outcome = tr(" → not used: points were entered by hand");
        break;
      case Evidence::Use::kSkipped:
        break;
    }
    const std::string text = ev.words.empty() ? ev.text : ev.words.str(lang);
    out += "  " + name + ": " + text + outcome.str(lang) + "\n";
  }
  return out;
}

}  // namespace

std::string explain(const RuleSet& rules, const Batch& batch, const Result& result, const ExplainOptions& options) {
  const Language lang = options.language;
  auto say = [lang](const Message& m) { return m.str(lang); };
  const Record& rec = batch.records[result.record];
  const Target& t = rules.targets[rec.target];
  std::shared_ptr<const Trace> kept = result.trace ? result.trace : score_record(rules, rec).trace;
  const Trace& trace = *kept;
  std::string out = std::string(rec.name) + " (" + std::string(rec.id) + ")";
  if (!rec.owner.empty()) out += " · " + std::string(rec.owner);
  out += " · " + t.title + " · " + rules.id + " · " + batch.period + "\n";
  out += evidence_lines(t, rec, batch, lang);
  if (result.vetoed()) {
    for (auto v : rec.vetoes)
      out += "单项否决: " +
             (v == kUnnamedVeto ? say(tr("是 (the record does not name the indicator)")) : t.veto_title(v)) + "\n";
    out += say(tr("result: 不合格 — a single-veto indicator fired, so nothing else is scored"));
    // Vetoed units share the rank after the last scored one: rank 1 means none is scored.
    if (auto rank = result.rank())
      out += say(*rank > 1 ? tr("; ranked {0}, below every scored unit", *rank) : tr("; ranked {0}", *rank));
    return out + "\n";
  }
  out += say(tr("单项否决: none")) + "\n";
  if (!t.scored()) return out + say(tr("result: 合格 (this target is judged on its veto indicators only)")) + "\n";

  out += "扣分:\n";
  for (const auto& it : trace.indicators) out += indicator_line(t.deductions[it.indicator], it, rec, lang);
  out += say(tr("deducted in all: {0}", trace.deducted.str())) + "\n";
  const bool rescaled = trace.not_assessed != Exact(0);
  if (rescaled) {
    std::string which;
    for (const auto& it : trace.indicators)
      if (!it.assessed) which += (which.empty() ? "" : ", ") + t.deductions[it.indicator].title + " " + it.max.str();
    out += say(tr("rescale: not assessed {0} → scored out of {1}, then × {2} ÷ {1}", which, trace.out_of.str(),
                  t.base.str())) +
           "\n";
  }

  // The formula, written the way the scheme's note writes it.
  std::string deduction = trace.out_of.str() + kMinus + trace.deducted.str();
  std::string formula;
  Exact counted = trace.bonus ? trace.bonus->counted : Exact(0);
  if (trace.bonus) {
    const Bonus& b = *t.bonus;
    const BonusTrace& bt = *trace.bonus;
    out += say(tr("加分 (max {0}", b.max.str()));
    if (b.above) out += say(tr(", counted only when the deduction score is above {0}", b.above->str()));
    out += (b.rescaled ? say(tr(", inside the rescale bracket")) : std::string()) + "): ";
    if (!bt.entered) {
      out += say(tr("none")) + "\n";
    } else {
      for (const auto& [item, raw] : bt.item_raw) {
        const BonusItem& bi = b.items[item];
        out += bi.title + " " + raw.str() + (raw > bi.max ? say(tr(" (capped at {0})", bi.max.str())) : "") + "; ";
      }
      out += bt.raw.str();
      if (bt.raw > b.max) out += say(tr(", capped at {0}", b.max.str()));
      if (b.above)
        out += bt.gate_passed ? say(tr(", counted ({0} > {1})", trace.deduction_score.str(), b.above->str()))
                              : say(tr(", not counted (deduction score {0} is not above {1})",
                                       trace.deduction_score.str(), b.above->str()));
      out += "\n";
    }
  }
  bool bonus_inside = t.bonus && t.bonus->rescaled;
  if (bonus_inside && rescaled) {
    formula = "(" + deduction + (counted.is_zero() ? "" : " + " + counted.str()) + ") × " + t.base.str() + " ÷ " +
              trace.out_of.str();
  } else if (rescaled) {
    formula = "(" + deduction + ") × " + t.base.str() + " ÷ " + trace.out_of.str();
    if (!counted.is_zero()) formula += " + " + counted.str();
  } else {
    formula = deduction + (counted.is_zero() ? "" : " + " + counted.str());
  }
  const std::string score = result.score()->fixed(rules.decimals);
  out += say(tr("score: {0} = {1} → {2}", formula, trace.exact_score.str(), score)) + "\n";
  out += say(tr("result: {0} ({1}{2}{3})", result.verdict(), score, result.passed ? " ≥ " : " < ", t.pass_score.str()));
  if (result.rank()) out += say(tr("; rank {0}", *result.rank()));
  return out + "\n";
}

std::string describe(const RuleSet& rules, const ExplainOptions& options) {
  const Language lang = options.language;
  auto say = [lang](const Message& m) { return m.str(lang); };
  std::string out = rules.id + " " + rules.title + "\n";
  if (!rules.source.empty()) out += say(tr("source: {0}", rules.source)) + "\n";
  out += say(tr("scores rounded half-up to {0} decimal(s)", rules.decimals)) + "\n";
  if (!rules.facts.empty()) {
    out += say(tr("facts:"));
    for (const auto& f : rules.facts) out += " " + f.name + " (" + type_name(f.type) + ")";
    out += "\n";
  }
  for (const auto& t : rules.targets) {
    out += "\n" + t.id + " " + t.title + ": " +
           say(tr("base {0}, 不合格 below {1}", t.base.str(), t.pass_score.str())) + "\n";
    if (!t.veto.empty()) {
      out += "  " + say(tr("单项否决 (any one → 不合格)")) + "\n";
      for (const auto& v : t.veto) {
        out += "    " + v.id + "  " + v.title + "\n";
        if (v.when) out += "      when " + v.when->text() + "\n";
      }
    }
    if (!t.deductions.empty()) {
      Exact total = 0;
      for (const auto& ind : t.deductions) total += ind.max;
      out += "  " + say(tr("扣分 ({0}, each capped at its points)", total.str())) + "\n";
      for (const auto& ind : t.deductions) {
        out += "    " + ind.id + "  " + ind.title + "  " + ind.max.str();
        if (ind.requires_public_services) out += say(tr("  (不考核 without public-facing services)"));
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
      if (b.above) out += say(tr(", counted only above {0}", b.above->str()));
      out += say(b.rescaled ? tr(", inside the rescale bracket") : tr(", added after rescaling"));
      out += "\n";
      for (const auto& i : b.items) out += "    " + i.id + "  " + i.title + "  " + i.max.str() + "\n";
    }
    if (!t.scored()) out += "  " + say(tr("judged 合格/不合格 on the veto indicators only")) + "\n";
    for (const auto& band : t.bands) {
      out += "  " + say(tr("band {0}: {1} ≤ score", band.title, band.at_least.str()));
      if (band.below) out += " < " + band.below->str();
      out += "\n";
    }
  }
  return out;
}

}  // namespace govscore
