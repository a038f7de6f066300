// The record checker's rules about what a file says of all its records
// (record_checker.hpp): the period, the window and the check point, the
// registered counts, and the summary an earlier publication gave.
#include <algorithm>

#include "govscore/calendar.hpp"
#include "govscore/rules.hpp"
#include "load/record_checker.hpp"
#include "util/period.hpp"
#include "util/text.hpp"

namespace govscore {

std::optional<long> RecordChecker::count_of(const RawValue& v, const Message& where) {
  auto n = v.kind == RawValue::Kind::kNumber ? Exact::parse(v.text) : std::nullopt;
  if (!n || n->is_negative() || n->decimals() != 0 || *n > Exact(Exact::kMaxMagnitude)) {
    error(v.place, tr("{0} must be a whole number ≥ 0", where));
    return std::nullopt;
  }
  return static_cast<long>(*n->integer());
}

void RecordChecker::read_counts(const RawValue& v, const Message& where, std::map<std::size_t, long>& out) {
  if (v.kind != RawValue::Kind::kObject) {
    error(v.place, tr("{0} must be an object of target → count, e.g. {\"newmedia\": 5360}", where));
    return;
  }
  for (const auto& e : v.entries) {
    auto target = rules_.target_index(e.key);
    if (!target) {
      error(e.place,
            tr("{0}: unknown target \"{1}\"{2}", where, e.key, text::did_you_mean_message(e.key, target_ids_)));
      continue;
    }
    if (auto n = count_of(e.value, tr("{0}: {1}", where, e.key)))
      set_count(out, *target, *n, e.value.place, tr("{0}: {1}", where, e.key));
  }
}

void RecordChecker::set_count(std::map<std::size_t, long>& out, std::size_t target, long n, const RawPlace& place,
    const Message& where) {
  auto [it, fresh] = out.emplace(target, n);
  if (!fresh && it->second != n) error(place, tr("{0}: {1} differs from {2} given earlier", where, n, it->second));
}

void RecordChecker::read_registered_by_region(const RawValue& v, Batch& batch) {
  if (v.kind != RawValue::Kind::kObject) {
    error(v.place, tr("registered_by_region must be an object of region → {target: count}"));
    return;
  }
  for (const auto& e : v.entries)
    read_counts(e.value, tr("registered_by_region: {0}", e.key), batch.registered_by_region[std::string(e.key)]);
}

void RecordChecker::read_published_summary(const RawValue& v, Batch& batch) {
  if (v.kind != RawValue::Kind::kObject) {
    error(v.place, tr("published_summary must be an object of target → {checked, passed, failed, pass_rate, "
                      "registered, check_rate}"));
    return;
  }
  for (const auto& e : v.entries) {
    Message where = tr("published_summary: {0}", e.key);
    auto target = rules_.target_index(e.key);
    if (!target) {
      error(e.place, tr("published_summary: unknown target \"{0}\"{1}", e.key,
                        text::did_you_mean_message(e.key, target_ids_)));
      continue;
    }
    if (e.value.kind != RawValue::Kind::kObject) {
      error(e.value.place, tr("{0} must be an object", where));
      continue;
    }
    PublishedSummary& ps = batch.published_summary[*target];
    for (const auto& f : e.value.entries) {
      Message field = tr("{0}: {1}", where, f.key);
      if (f.key == "registered") ps.registered = count_of(f.value, field);
      else if (f.key == "checked") ps.checked = count_of(f.value, field);
      else if (f.key == "passed") ps.passed = count_of(f.value, field);
      else if (f.key == "failed") ps.failed = count_of(f.value, field);
      else if (f.key == "pass_rate") ps.pass_rate = points_of(f.value, field);
      else if (f.key == "check_rate") ps.check_rate = points_of(f.value, field);
      else if (f.key == "bands") read_published_names(f.value, field, band_titles(*target), ps.bands);
      else if (f.key == "lists") read_published_names(f.value, field, list_ids(*target), ps.lists);
      else
        error(f.place, tr("{0}: unknown field \"{1}\"{2}", where, f.key,
                          text::did_you_mean_message(f.key, {"registered", "checked", "passed", "failed", "pass_rate",
                                                             "check_rate", "bands", "lists"})));
    }
  }
}

std::vector<std::string> RecordChecker::band_titles(std::size_t target) const {
  std::vector<std::string> out;
  for (const auto& b : rules_.targets[target].bands) out.push_back(b.title);
  return out;
}

std::vector<std::string> RecordChecker::list_ids(std::size_t target) const {
  std::vector<std::string> out;
  for (const auto& l : rules_.lists)
    if (l.target == target) out.push_back(l.id);
  return out;
}

void RecordChecker::read_published_names(const RawValue& v, const Message& where, const std::vector<std::string>& known,
    std::map<std::string, PublishedSummary::Names>& out) {
  if (v.kind != RawValue::Kind::kObject) {
    error(v.place, tr("{0} must be an object of name → {count, names}", where));
    return;
  }
  for (const auto& e : v.entries) {
    std::string key(e.key);
    Message field = tr("{0}: \"{1}\"", where, key);
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      error(e.place, tr("{0}: not one of the rule file's{1}{2}", field, text::did_you_mean_message(key, known),
                        known.empty() ? tr(" (there are none for this target)") : Message()));
      continue;
    }
    if (e.value.kind != RawValue::Kind::kObject) {
      error(e.value.place, tr("{0} must be an object {count, names}", field));
      continue;
    }
    PublishedSummary::Names& names = out[key];
    for (const auto& f : e.value.entries) {
      if (f.key == "count") {
        names.count = count_of(f.value, tr("{0}: count", field));
      } else if (f.key == "names" && f.value.kind == RawValue::Kind::kList) {
        names.names.emplace();
        for (const auto& n : f.value.entries) {
          if (n.value.kind == RawValue::Kind::kText) names.names->emplace_back(n.value.text);
          else
            error(n.value.place, tr("{0}: names must be texts", field));
        }
      } else if (f.key == "names") {
        error(f.value.place, tr("{0}: names must be a list of names", field));
      } else {
        error(f.place, tr("{0}: unknown field \"{1}\"{2}", field, f.key,
                          text::did_you_mean_message(f.key, {"count", "names"})));
      }
    }
  }
}

void RecordChecker::read_window(const RawValue& v, Batch& batch) {
  if (v.kind != RawValue::Kind::kObject) {
    error(v.place, tr("window must be an object: {\"from\": \"2021-01-01\", \"to\": \"2021-03-31\"}"));
    return;
  }
  std::optional<long> from;
  std::optional<long> to;
  for (const auto& e : v.entries) {
    if (e.key == "from" || e.key == "to") {
      auto s = text_of(e.value, Message::verbatim("window"), e.key);
      if (!s) continue;
      auto day = calendar::parse_date(*s);
      if (!day || s->size() != 10) {
        error(e.value.place, tr("window: {0}: \"{1}\" is not a date (YYYY-MM-DD)", e.key, *s));
        continue;
      }
      std::string& known = e.key == "from" ? batch.window_from : batch.window_to;
      if (!known.empty() && known != *s) {
        error(e.value.place,
              tr("window: {0}: {1} differs from {2} given earlier; files scored together share one window", e.key, *s,
                 known));
        continue;
      }
      known = *s;
      (e.key == "from" ? from : to) = day;
    } else {
      error(e.place, tr("window: unknown key \"{0}\" (expected from, to)", e.key));
    }
  }
  if (from && to && *from > *to)
    error(v.place, tr("window: from {0} is after to {1}", batch.window_from, batch.window_to));
}

void RecordChecker::set_check_point(const LoadOptions& options, Batch& batch) {
  if (!options.as_of.empty()) {
    auto day = calendar::parse_date(options.as_of);
    if (!day) {
      if (!reported_bad_as_of_) diag_.error("", 0, 0, tr("--as-of {0}: not a date (YYYY-MM-DD)", options.as_of));
      reported_bad_as_of_ = true;
    } else if (!reported_bad_as_of_ && ((!batch.window_from.empty() && *day < *calendar::parse_date(batch.window_from)) ||
                                        (!batch.window_to.empty() && *day > *calendar::parse_date(batch.window_to)))) {
      diag_.error(file_, 0, 0,
                  tr("--as-of {0} is outside the window {1} – {2} the file gives", options.as_of, batch.window_from,
                     batch.window_to));
      reported_bad_as_of_ = true;
    }
    batch.as_of = day;
  } else if (!batch.window_to.empty()) {
    batch.as_of = calendar::parse_date(batch.window_to);
  }
  check_point_ = batch.as_of;
}

void RecordChecker::file_wide(FileWideNote note, Batch& batch) {
  if (ids_seen_by_caller_) notes_.push_back(std::move(note));
  else apply(note, batch);
}

void RecordChecker::set_period(const std::string& period, const RawPlace& place, Batch& batch, const Message& source) {
  if (!Period::parse(period)) {
    error(place,
          tr("period \"{0}\" is not a period: a year, half, quarter or month, e.g. 2021, 2021H1, 2021Q1 or 2021-03",
             period));
    return;
  }
  if (batch.period.empty()) {
    batch.period = period;
    period_source_ = source.id() == "--period" || file_.empty() ? source
                     : source.id() == "the file's name"       ? tr("the name of {0}", file_)
                                                              : tr("{0} in {1}", source, file_);
  } else if (batch.period != period) {
    error(place, tr("period \"{0}\" ({1}) differs from \"{2}\" given earlier ({3}); score one period at a time", period,
                    source, batch.period, period_source_.empty() ? Message::verbatim("\"period\"") : period_source_));
  }
}

}  // namespace govscore
