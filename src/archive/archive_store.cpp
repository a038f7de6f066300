// The archive file: opening it safely, and adding, listing, removing and
// reading quarters (include/govscore/archive.hpp).
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <unordered_map>
#include <nlohmann/json.hpp>

#include "govscore/message.hpp"
#include "archive/quarter_texts.hpp"
#include "archive/record_json.hpp"
#include "archive/schema.hpp"
#include "archive/sha256.hpp"
#include "archive/sqlite.hpp"
#include "archive/unit_index.hpp"
#include "govscore/archive.hpp"
#include "govscore/error.hpp"
#include "govscore/records.hpp"
#include "govscore/rules.hpp"
#include "govscore/score.hpp"
#include "util/fresh_memory.hpp"
#include "util/parallel.hpp"

namespace govscore {
namespace {

using archive::append_json_string;

// What a file starts with when it is SQLite's (the 16-byte header string).
bool starts_like_sqlite(const std::string& path, bool& exists, bool& empty) {
  struct stat st {};
  exists = ::stat(path.c_str(), &st) == 0;
  empty = exists && st.st_size == 0;
  if (!exists || empty) return true;
  std::ifstream in(path, std::ios::binary);
  char header[16] = {};
  in.read(header, sizeof header);
  static const char kMagic[16] = {'S', 'Q', 'L', 'i', 't', 'e', ' ', 'f', 'o', 'r', 'm', 'a', 't', ' ', '3', '\0'};
  return in.gcount() == sizeof header && std::equal(header, header + 16, kMagic);
}

const char* within_name(RankWithin within) { return within == RankWithin::kGroup ? "group" : "target"; }

std::string exact_text(const Exact& e) { return e.decimals() ? e.str() : e.fixed(6); }

constexpr const char* kQuarterColumns =
    "period, rules_id, rules_title, rules_file, rules_sha256, rank_within, decimals, govscore_version, added_at, units";

QuarterInfo read_info(const sqlite::Statement& s) {
  QuarterInfo q;
  q.period = s.string(0);
  q.rules_id = s.string(1);
  q.rules_title = s.string(2);
  q.rules_file = s.string(3);
  q.rules_sha256 = s.string(4);
  q.within = s.text(5) == "group" ? RankWithin::kGroup : RankWithin::kTarget;
  q.decimals = static_cast<int>(s.integer(6));
  q.govscore_version = s.string(7);
  q.added_at = s.string(8);
  q.units = s.integer(9);
  return q;
}

// Deletes a quarter and its units inside the caller's transaction; whether
// it was there.
bool delete_quarter(sqlite::Database& db, const std::string& period) {
  sqlite::Statement records(db, "DELETE FROM record WHERE period = ?1");
  records.bind(1, period).run();
  sqlite::Statement units(db, "DELETE FROM unit WHERE period = ?1");
  units.bind(1, period).run();
  sqlite::Statement quarter(db, "DELETE FROM quarter WHERE period = ?1");
  quarter.bind(1, period).run();
  return db.changes() > 0;
}

// A block's texts, one after another in one string.
class TextBlock {
 public:
  void add(std::string_view text) {
    bytes_ += text;
    end_text();
  }
  // The text being made, to append to; end_text() closes it.
  std::string& text_being_made() { return bytes_; }
  void end_text() { ends_.push_back(bytes_.size()); }
  void clear() {  // keeps the room
    bytes_.clear();
    ends_.clear();
  }
  [[nodiscard]] std::string_view text(std::size_t i) const {
    const std::size_t begin = i ? ends_[i - 1] : 0;
    return std::string_view(bytes_).substr(begin, ends_[i] - begin);
  }

 private:
  std::string bytes_;
  std::vector<std::size_t> ends_;
};

// Stores rows 0 … rows − 1 in order on the caller's thread while their
// texts are made ahead, in blocks, on up to `jobs` threads (parallel.hpp):
// make(i, block) adds row i's `texts_a_row` texts to its block, and
// store(i, block, first) finds them from block.text(first) on. On one
// thread each row is made just before it is stored.
void store_rows(std::size_t rows, std::size_t texts_a_row, unsigned jobs,
                const std::function<void(std::size_t i, TextBlock& block)>& make,
                const std::function<void(std::size_t i, const TextBlock& block, std::size_t first)>& store) {
  constexpr std::size_t kRowsABlock = 8192;
  std::vector<TextBlock> blocks((rows + kRowsABlock - 1) / kRowsABlock);
  if (parallel::threads_for(jobs, blocks.size()) == 1) {  // none to make ahead: each row made as it is stored
    TextBlock block;
    for (std::size_t i = 0; i < rows; ++i) {
      block.clear();
      make(i, block);
      store(i, block, 0);
    }
    return;
  }
  auto each_row = [&](std::size_t k, const std::function<void(std::size_t i, std::size_t row)>& body) {
    for (std::size_t i = k * kRowsABlock; i < std::min(rows, (k + 1) * kRowsABlock); ++i) body(i, i - k * kRowsABlock);
  };
  parallel::for_each_ordered(
      blocks.size(), jobs,
      [&](std::size_t k, unsigned) { each_row(k, [&](std::size_t i, std::size_t) { make(i, blocks[k]); }); },
      [&](std::size_t k) {
        each_row(k, [&](std::size_t i, std::size_t row) { store(i, blocks[k], row * texts_a_row); });
        blocks[k] = {};
      });
}

// Appends the titles of the vetoes that fired, as a JSON array.
void append_vetoes_json(std::string& out, const Target& t, const Record& rec) {
  out += '[';
  for (std::size_t i = 0; i < rec.vetoes.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, t.veto_title(rec.vetoes[i]));
  }
  out += ']';
}

// Appends indicator title → points deducted, for the indicators with
// points, as a JSON object (none when the unit has no score).
void append_deductions_json(std::string& out, const RuleSet& rules, const Record& rec, const Result& r) {
  out += '{';
  if (r.has_score()) {
    const Target& t = rules.targets[rec.target];
    std::shared_ptr<const Trace> trace = r.trace ? r.trace : score_record(rules, rec).trace;
    bool first = true;
    for (const auto& it : trace->indicators) {
      if (!it.assessed || it.deducted.is_zero()) continue;
      if (!first) out += ',';
      first = false;
      append_json_string(out, t.deductions[it.indicator].title);
      out += ':';
      out += exact_text(it.deducted);
    }
  }
  out += '}';
}

}  // namespace

std::string utc_now() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

Archive::Archive(std::string path, std::unique_ptr<sqlite::Database> db) : path_(std::move(path)), db_(std::move(db)) {}
Archive::Archive(Archive&&) noexcept = default;
Archive::~Archive() = default;

Archive Archive::open(const std::string& path, Mode mode, int busy_ms) {
  bool exists = false, empty = false;
  if (!starts_like_sqlite(path, exists, empty))
    throw Error(tr("{0}: not a SQLite file, so not a govscore archive; left untouched", path));
  if (!exists && mode != Mode::kWrite)
    throw Error(tr("{0}: no archive here (govscore archive add --db {0} … creates one)", path));
  // A write connection even for reading when the schema must be migrated.
  bool writable = mode != Mode::kRead;
  for (;;) {
    std::unique_ptr<sqlite::Database> db;
    try {
      db = std::make_unique<sqlite::Database>(path, writable, mode == Mode::kWrite);
      db->busy_timeout(busy_ms);
      if (archive::prepare_schema(*db, path, writable)) {
        writable = true;
        continue;
      }
      if (writable) {
        // WAL: readers never block the writer nor see half an add; NORMAL
        // keeps every committed add whole (a power cut can lose the last
        // one, never corrupt the file).
        db->exec("PRAGMA journal_mode = WAL");
        db->exec("PRAGMA synchronous = NORMAL");
      }
    } catch (const Error& e) {
      if (std::string(e.what()).rfind(path + ":", 0) == 0) throw;
      throw Error(tr("{0}: cannot be read as a govscore archive ({1}); left untouched", path, e.message()));
    }
    return Archive(path, std::move(db));
  }
}

std::vector<QuarterInfo> Archive::list() {
  sqlite::Statement s(*db_, std::string("SELECT ") + kQuarterColumns + " FROM quarter ORDER BY period");
  std::vector<QuarterInfo> out;
  while (s.step()) out.push_back(read_info(s));
  return out;
}

std::optional<QuarterInfo> Archive::find(const std::string& period) {
  sqlite::Statement s(*db_, std::string("SELECT ") + kQuarterColumns + " FROM quarter WHERE period = ?1");
  s.bind(1, period);
  if (!s.step()) return std::nullopt;
  return read_info(s);
}

std::optional<std::string> Archive::previous(const std::string& period) {
  sqlite::Statement s(*db_, "SELECT max(period) FROM quarter WHERE period < ?1");
  s.bind(1, period);
  if (!s.step() || s.is_null(0)) return std::nullopt;
  return s.string(0);
}

std::optional<std::string> Archive::next(const std::string& period) {
  sqlite::Statement s(*db_, "SELECT min(period) FROM quarter WHERE period > ?1");
  s.bind(1, period);
  if (!s.step() || s.is_null(0)) return std::nullopt;
  return s.string(0);
}

std::optional<QuarterInfo> Archive::add(const QuarterToAdd& q, bool replace) {
  const RuleSet& rules = *q.rules;
  const Batch& batch = *q.batch;
  try {
    sqlite::Transaction tx(*db_);
    auto replaced = find(batch.period);
    if (replaced && !replace)
      throw Error(tr("{0}: {1} is already archived (added {2}, {3} units); give --replace to replace it", path_,
                     batch.period, replaced->added_at, replaced->units));
    if (replaced) delete_quarter(*db_, batch.period);

    std::string targets = "[";
    for (std::size_t i = 0; i < rules.targets.size(); ++i) {
      targets += i ? ",[" : "[";
      append_json_string(targets, rules.targets[i].id);
      targets += ',';
      append_json_string(targets, rules.targets[i].title);
      targets += ',';
      append_json_string(targets, rules.targets[i].pass_score.str());
      targets += ']';
    }
    targets += ']';
    sqlite::Statement quarter(*db_,
                              "INSERT INTO quarter (period, rules_id, rules_title, rules_file, rules_text, rules_sha256, "
                              "records_header, as_of, missing_facts, rank_within, decimals, targets, govscore_version, "
                              "added_at, units) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
    quarter.bind(1, batch.period)
        .bind(2, rules.id)
        .bind(3, rules.title)
        .bind(4, rules.file)
        .bind(5, *q.rules_text)
        .bind(6, archive::sha256_hex(*q.rules_text))
        .bind(7, archive::header_json(rules, batch))
        .bind(8, q.as_of)
        .bind(9, q.skip_missing_facts ? "skip" : "error")
        .bind(10, within_name(q.within))
        .bind(11, std::int64_t{rules.decimals})
        .bind(12, targets)
        .bind(13, q.govscore_version)
        .bind(14, q.added_at.empty() ? utc_now() : q.added_at)
        .bind(15, static_cast<std::int64_t>(q.ranked->size()));
    quarter.run();

    // The rows' texts are made in blocks on up to q.jobs threads and stored
    // on this one, in order, as each block is ready.
    sqlite::Statement unit(*db_,
                           "INSERT INTO unit (period, position, input_order, id, name, owner, target, region, \"group\", "
                           "platform, score, passed, rank, vetoes, deductions, bonus) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
    const std::vector<Result>& ranked = *q.ranked;
    store_rows(
        ranked.size(), 2, q.jobs,
        [&](std::size_t i, TextBlock& block) {
          const Record& rec = batch.records[ranked[i].record];
          append_vetoes_json(block.text_being_made(), rules.targets[rec.target], rec);
          block.end_text();
          append_deductions_json(block.text_being_made(), rules, rec, ranked[i]);
          block.end_text();
        },
        [&](std::size_t i, const TextBlock& block, std::size_t first) {
          const Result& r = ranked[i];
          const Record& rec = batch.records[r.record];
          // The texts live until the row is written (run()): bound, not copied.
          unit.bind_unchanged(1, batch.period)
              .bind(2, static_cast<std::int64_t>(i))
              .bind(3, std::int64_t{r.record})
              .bind_unchanged(4, rec.id)
              .bind_unchanged(5, rec.name)
              .bind_unchanged(6, rec.owner)
              .bind_unchanged(7, rules.targets[rec.target].id)
              .bind_unchanged(8, rec.region)
              .bind_unchanged(9, rec.group)
              .bind_unchanged(10, rec.platform);
          if (r.has_score()) unit.bind(11, r.score_millionths().text(rules.decimals));
          else unit.bind_null(11);
          unit.bind(12, std::int64_t{r.passed ? 1 : 0});
          if (auto rank = r.rank()) unit.bind(13, static_cast<std::int64_t>(*rank));
          else unit.bind_null(13);
          unit.bind_unchanged(14, block.text(first)).bind_unchanged(15, block.text(first + 1));
          if (r.has_bonus()) unit.bind(16, r.bonus_millionths().text());
          else unit.bind_null(16);
          unit.run();
        });
    // Records in input order: the rows go in key order, appended.
    sqlite::Statement record(*db_, "INSERT INTO record (period, input_order, json) VALUES (?1, ?2, ?3)");
    store_rows(
        batch.records.size(), 1, q.jobs,
        [&](std::size_t i, TextBlock& block) { block.add(archive::record_json(rules, batch.records[i])); },
        [&](std::size_t i, const TextBlock& block, std::size_t first) {
          record.bind_unchanged(1, batch.period).bind(2, static_cast<std::int64_t>(i)).bind_unchanged(3, block.text(first));
          record.run();
        });
    tx.commit();
    return replaced;
  } catch (const Error& e) {
    if (std::string(e.what()).rfind(path_ + ":", 0) == 0) throw;
    throw Error(tr("{0}: {1} not archived ({2}); the archive is as it was", path_, batch.period, e.message()));
  }
}

bool Archive::remove(const std::string& period) {
  sqlite::Transaction tx(*db_);
  bool removed = delete_quarter(*db_, period);
  tx.commit();
  return removed;
}

ArchivedQuarter Archive::load(const std::string& period, Parts parts, Units units) {
  ArchivedQuarter out = quarter_of(period);
  if (units == Units::kAll) fresh_memory::reserve(out.units, static_cast<std::size_t>(out.info.units));
  read_units(period, parts, out.texts, [&out](const ArchivedUnit& u) { out.units.push_back(u); }, units);
  return out;
}

ArchivedQuarter Archive::load_matching(const std::string& period, const ArchivedQuarter& among, Parts parts) {
  archive::UnitIndex ids;
  ids.reserve(among.units.size());
  for (std::size_t i = 0; i < among.units.size(); ++i) (void)ids.insert(among.units[i].id, i);
  ArchivedQuarter out = quarter_of(period);
  out.units.reserve(among.units.size());
  read_units(period, parts, out.texts, [&](const ArchivedUnit& u) {
    if (ids.find(u.id)) out.units.push_back(u);
  });
  return out;
}

ArchivedQuarter Archive::quarter_of(const std::string& period) {
  ArchivedQuarter out;
  auto info = find(period);
  if (!info) throw Error(tr("{0}: {1} is not archived", path_, period));
  out.info = *info;
  sqlite::Statement s(*db_, "SELECT targets FROM quarter WHERE period = ?1");
  s.bind(1, period);
  if (s.step())
    for (const auto& t : nlohmann::json::parse(s.text(0)))
      out.targets.push_back({t[0].get<std::string>(), t[1].get<std::string>(), *Exact::parse(t[2].get<std::string>())});
  return out;
}

void Archive::read_units(const std::string& period, Parts parts, TextBlocks& blocks,
                         const std::function<void(const ArchivedUnit&)>& visit, Units units) {
  if (!find(period)) throw Error(tr("{0}: {1} is not archived", path_, period));
  archive::QuarterTexts texts(blocks);
  // Units repeat a few scores, veto lists and deduction objects: each is
  // parsed once, the first time it is seen.
  std::unordered_map<std::string_view, Exact> exacts;
  std::unordered_map<std::string_view, std::vector<std::string_view>> veto_lists;
  std::unordered_map<std::string_view, std::vector<std::pair<std::string_view, Exact>>> deduction_lists;
  auto exact = [&](const sqlite::Statement& s, int column) -> std::optional<Exact> {
    if (s.is_null(column)) return std::nullopt;
    auto it = exacts.find(s.text(column));
    if (it == exacts.end()) it = exacts.emplace(texts.shared(s.text(column)), *Exact::parse(s.text(column))).first;
    return it->second;
  };
  sqlite::Statement s(*db_, std::string("SELECT id, name, owner, target, region, \"group\", platform, score, passed, "
                                        "rank, vetoes, deductions, bonus FROM unit WHERE period = ?1") +
                                (units == Units::kFailed ? " AND passed = 0" : "") + " ORDER BY position");
  s.bind(1, period);
  ArchivedUnit u;
  while (s.step()) {
    u.id = texts.copy(s.text(0));
    u.name = texts.copy(s.text(1));
    u.owner = texts.shared(s.text(2));
    u.target = texts.shared(s.text(3));
    u.region = texts.shared(s.text(4));
    u.group = texts.shared(s.text(5));
    u.platform = texts.shared(s.text(6));
    u.score = exact(s, 7);
    u.passed = s.integer(8) != 0;
    u.rank.reset();
    if (!s.is_null(9)) u.rank = static_cast<long>(s.integer(9));
    u.vetoes.clear();
    if (s.text(10) != "[]") {
      auto it = veto_lists.find(s.text(10));
      if (it == veto_lists.end()) {
        std::vector<std::string_view> titles;
        for (const auto& v : nlohmann::json::parse(s.text(10))) titles.push_back(texts.shared(v.get_ref<const std::string&>()));
        it = veto_lists.emplace(texts.shared(s.text(10)), std::move(titles)).first;
      }
      u.vetoes = it->second;
    }
    u.deductions.clear();
    if (parts == Parts::kAll && s.text(11) != "{}") {
      auto it = deduction_lists.find(s.text(11));
      if (it == deduction_lists.end()) {
        std::vector<std::pair<std::string_view, Exact>> points;
        for (auto& [title, deducted] : archive::parse_points_object(s.text(11))) points.emplace_back(texts.shared(title), deducted);
        it = deduction_lists.emplace(texts.shared(s.text(11)), std::move(points)).first;
      }
      u.deductions = it->second;
    }
    u.bonus = exact(s, 12);
    visit(u);
  }
}

std::map<std::string, std::vector<ArchivedFinding>> Archive::findings_of_failed(const std::string& period) {
  std::map<std::string, std::vector<ArchivedFinding>> out;
  sqlite::Statement s(*db_,
                      "SELECT unit.id, record.json FROM unit JOIN record ON record.period = unit.period AND "
                      "record.input_order = unit.input_order WHERE unit.period = ?1 AND unit.passed = 0");
  s.bind(1, period);
  while (s.step()) {
    auto record = nlohmann::json::parse(s.text(1));
    auto& list = out[s.string(0)];
    auto found = record.find("findings");
    if (found == record.end()) continue;
    for (const auto& f : *found) {
      ArchivedFinding a;
      a.indicator = f.value("indicator", "");
      // ≤ 6 decimals, as the loader checked; none for a problem in words
      if (f.contains("points")) a.points = *Exact::parse(f.at("points").dump());
      a.title = f.value("title", "");
      a.url = f.value("url", "");
      a.note = f.value("note", "");
      a.found = f.value("found", "");
      list.push_back(std::move(a));
    }
  }
  return out;
}

std::string Archive::rules_text(const std::string& period) {
  sqlite::Statement s(*db_, "SELECT rules_text FROM quarter WHERE period = ?1");
  s.bind(1, period);
  if (!s.step()) throw Error(tr("{0}: {1} is not archived", path_, period));
  return s.string(0);
}

QuarterSource Archive::source(const std::string& period) {
  QuarterSource out;
  auto info = find(period);
  if (!info) throw Error(tr("{0}: {1} is not archived", path_, period));
  out.info = *info;
  std::string header;
  {
    sqlite::Statement s(*db_, "SELECT rules_text, records_header, as_of, missing_facts FROM quarter WHERE period = ?1");
    s.bind(1, period);
    s.step();
    out.rules_text = s.string(0);
    header = s.string(1);
    out.as_of = s.string(2);
    out.skip_missing_facts = s.text(3) == "skip";
  }
  std::string lines;
  sqlite::Statement s(*db_, "SELECT json FROM record WHERE period = ?1 ORDER BY input_order");
  s.bind(1, period);
  bool first = true;
  while (s.step()) {
    if (!first) lines += ",\n";
    first = false;
    lines += s.text(0);
  }
  lines += '\n';
  out.records_json = archive::records_document(header, lines);
  return out;
}

std::vector<ArchivedQuarter> load_quarters(const std::string& path, const std::vector<std::string>& periods,
                                           Archive::Parts parts, unsigned jobs) {
  std::vector<ArchivedQuarter> out(periods.size());
  parallel::for_each(periods.size(), jobs, [&](std::size_t k, unsigned) {
    out[k] = Archive::open(path, Archive::Mode::kRead).load(periods[k], parts);
  });
  return out;
}

}  // namespace govscore
