// Resource limits: what govscore refuses to read, so that no input — a
// runaway export, a hostile file — can exhaust memory, the stack or the
// afternoon. Each is reported with a message naming the file and the limit.
// Documented in docs/limits.md.
#pragma once

#include <cstddef>

namespace govscore::limits {

// A records file (JSON, NDJSON, CSV, XLSX) larger than this is refused before it is read.
inline constexpr std::size_t kMaxRecordsFileBytes = std::size_t{2} << 30;  // 2 GiB
// Records in one run (all files together).
inline constexpr std::size_t kMaxRecords = 5'000'000;
// One NDJSON line (one record).
inline constexpr std::size_t kMaxRecordBytes = std::size_t{1} << 20;  // 1 MiB
// One text value (a name, a note, an id …).
inline constexpr std::size_t kMaxTextBytes = 64 * 1024;
// One text field of a record, in characters: what an Excel or WPS cell
// holds, so that every output format can hold it.
inline constexpr std::size_t kMaxTextCharacters = 32767;
// JSON nesting below a record (record → deductions → points is 3).
inline constexpr int kMaxJsonDepth = 16;
// A rule file.
inline constexpr std::size_t kMaxRuleFileBytes = std::size_t{1} << 20;  // 1 MiB
// Flow nesting ([[[…]]]) and indentation in a rule file: yaml-cpp parses
// recursively, so deeper input could exhaust the stack.
inline constexpr int kMaxYamlDepth = 64;
// Deduction indicators of one target (a record holds its 不考核 marks as
// bits of one 64-bit word).
inline constexpr std::size_t kMaxDeductionIndicators = 64;
// An expression in a rule file.
inline constexpr std::size_t kMaxExpressionBytes = 4096;
// Parentheses, function calls and prefix operators (not, -) nested in an
// expression: it is parsed recursively, so deeper input could exhaust the stack.
inline constexpr int kMaxExpressionDepth = 64;
// The last cell a sheet can have, as in Excel and WPS: XFD1048576. A cell
// reference past it in an .xlsx is refused; so is a CSV row of more cells.
inline constexpr int kMaxSheetColumns = 16384;  // XFD
inline constexpr int kMaxSheetRows = 1048576;
// One part (zip member) of an .xlsx workbook — a sheet, the shared strings —
// as it inflates: reading stops past this, so a zip bomb ends in a fraction
// of a second. A sheet of 100 000 units with 30 columns is about 60 MiB.
inline constexpr std::size_t kMaxXlsxPartBytes = std::size_t{64} << 20;  // 64 MiB
// Cells of one .xlsx sheet as a table: its rows, its cells, each row padded
// to its last cell, merged ranges filled, and its workbook's shared strings
// each count. Bounds the memory a small, highly compressed file can take
// (about 100 bytes a cell).
inline constexpr std::size_t kMaxSheetCells = std::size_t{1} << 22;  // 4 194 304

}  // namespace govscore::limits
