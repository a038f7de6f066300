#include "govscore/message.hpp"
#include "archive/schema.hpp"

#include <vector>

#include "archive/sqlite.hpp"
#include "govscore/archive.hpp"
#include "govscore/error.hpp"

namespace govscore::archive {
namespace {

// kMigrations[v] brings a file from schema version v to v + 1; version 0 is
// an empty file, so creating an archive runs them all. A new version appends
// one step and never edits an earlier one: a file written by any earlier
// govscore then opens by running the steps it lacks, in one transaction.
const std::vector<const char*> kMigrations = {
    // 0 → 1: quarters, their units' results, and their records apart (what
    // compare and rollup read stays small).
    R"sql(
CREATE TABLE quarter (
  period           TEXT PRIMARY KEY,
  rules_id         TEXT NOT NULL,
  rules_title      TEXT NOT NULL,
  rules_file       TEXT NOT NULL,
  rules_text       TEXT NOT NULL,
  rules_sha256     TEXT NOT NULL,
  records_header   TEXT NOT NULL,
  as_of            TEXT NOT NULL,
  missing_facts    TEXT NOT NULL CHECK (missing_facts IN ('error', 'skip')),
  rank_within      TEXT NOT NULL CHECK (rank_within IN ('target', 'group')),
  decimals         INTEGER NOT NULL,
  targets          TEXT NOT NULL,
  govscore_version TEXT NOT NULL,
  added_at         TEXT NOT NULL,
  units            INTEGER NOT NULL
);
CREATE TABLE unit (
  period       TEXT NOT NULL REFERENCES quarter (period),
  position     INTEGER NOT NULL,
  input_order  INTEGER NOT NULL,
  id           TEXT NOT NULL,
  name         TEXT NOT NULL,
  owner        TEXT NOT NULL,
  target       TEXT NOT NULL,
  region       TEXT NOT NULL,
  "group"      TEXT NOT NULL,
  platform     TEXT NOT NULL,
  score        TEXT,
  passed       INTEGER NOT NULL,
  rank         INTEGER,
  vetoes       TEXT NOT NULL,
  deductions   TEXT NOT NULL,
  bonus        TEXT,
  PRIMARY KEY (period, position)
) WITHOUT ROWID;
CREATE TABLE record (
  period       TEXT NOT NULL REFERENCES quarter (period),
  input_order  INTEGER NOT NULL,
  json         TEXT NOT NULL,
  PRIMARY KEY (period, input_order)
) WITHOUT ROWID;
)sql",
};

}  // namespace

bool prepare_schema(sqlite::Database& db, const std::string& path, bool writable) {
  const auto application_id = db.integer("PRAGMA application_id");
  const auto version = db.integer("PRAGMA user_version");
  const auto tables = db.integer("SELECT count(*) FROM sqlite_master");
  if (version > kArchiveSchemaVersion)
    throw Error(tr("{0}: written by a newer govscore (archive schema version {1}; this govscore reads up to {2}); "
                   "left untouched — use that govscore or a newer one",
                   path, version, kArchiveSchemaVersion));
  const bool empty = application_id == 0 && version == 0 && tables == 0;
  if (!empty && application_id != kApplicationId)
    throw Error(tr("{0}: a SQLite file of another program, not a govscore archive (application_id {1}); left untouched",
                   path, application_id));
  if (version == kArchiveSchemaVersion) return false;
  if (!writable) return true;
  // 16 KiB pages for a new file (a setting of the file, not of the schema):
  // a national quarter is 370 MB, and larger pages quarter the pages,
  // B-tree cells and log frames that adding and reading it go through.
  if (empty) db.exec("PRAGMA page_size = 16384");
  sqlite::Transaction tx(db);
  for (auto v = static_cast<std::size_t>(version); v < kMigrations.size(); ++v) db.exec(kMigrations[v]);
  db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
  db.exec("PRAGMA user_version = " + std::to_string(kArchiveSchemaVersion));
  tx.commit();
  return false;
}

}  // namespace govscore::archive
