// The archived quarters as a table and as JSON, for `govscore archive list`
// (include/govscore/history.hpp).
#include "archive/history_tables.hpp"
#include "archive/json_text.hpp"
#include "govscore/history.hpp"

namespace govscore {

using history_tables::column;

namespace {

const char* within_text(RankWithin within) { return within == RankWithin::kGroup ? "group" : "target"; }

}  // namespace

AnnexTable quarters_table(const std::vector<QuarterInfo>& quarters, const std::string& title) {
  AnnexTable table;
  table.title = title;
  for (const char* heading : {"period", "rules", "rules_sha256", "units", "rank_within", "added_at", "govscore_version"})
    table.columns.push_back(column(heading, std::string(heading) == "units"));
  for (const auto& q : quarters)
    table.rows.push_back({{q.period, q.rules_id, q.rules_sha256, std::to_string(q.units), within_text(q.within),
                           q.added_at, q.govscore_version},
                          false});
  return table;
}

std::string render_quarters_json(const std::vector<QuarterInfo>& quarters) {
  std::string json = "{\"quarters\": [";
  for (std::size_t i = 0; i < quarters.size(); ++i) {
    const auto& q = quarters[i];
    json += i ? ",\n  " : "\n  ";
    archive::JsonObject row(json);
    row.text("period", q.period).text("rules", q.rules_id).text("rules_sha256", q.rules_sha256);
    row.integer("units", static_cast<long>(q.units)).text("rank_within", within_text(q.within));
    row.text("added_at", q.added_at).text("govscore_version", q.govscore_version);
    row.close();
  }
  return json + (quarters.empty() ? "]}\n" : "\n]}\n");
}

}  // namespace govscore
