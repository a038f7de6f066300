// The archive's schema and its versions (internal header): how a file is
// recognised as a govscore archive, created, and migrated. docs/archive.md
// documents the tables.
#pragma once

#include <string>

namespace govscore::sqlite {
class Database;
}

namespace govscore::archive {

// PRAGMA application_id of a govscore archive: "GvSc".
inline constexpr int kApplicationId = 0x47765363;

// Makes `db` (the file `path`) a current archive: creates the schema in an
// empty file, migrates an older one, and accepts a current one. Throws
// govscore::Error (starting with `path`) for a file of another program or
// of a newer govscore, leaving it untouched. Needs a writable connection
// only when something must change (`writable` says whether `db` is).
// Returns whether the schema needs writing that `db` cannot do.
bool prepare_schema(sqlite::Database& db, const std::string& path, bool writable);

}  // namespace govscore::archive
