// Spreadsheet rows as raw records (internal header): the table readers'
// output turned into what the JSON reader gives, so that one checker checks
// both.
#pragma once

#include <string>

#include "govscore/error.hpp"
#include "load/raw_record.hpp"
#include "load/table.hpp"

namespace govscore {

struct RuleSet;
struct LoadOptions;

// Turns a table whose header row names record fields and indicator titles
// (序号, 主管单位, 名称, 类别, 单项否决, 否决原因, 周扫描 … in Chinese or English)
// into raw records, as if they had been written in JSON.
RawFile table_records(const Table& table, const std::string& path, const RuleSet& rules, const LoadOptions& options,
                      Diagnostics& diagnostics);

}  // namespace govscore
