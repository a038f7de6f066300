// The bulletin as an Excel workbook (libxlsxwriter): a summary sheet, one
// ranked annex sheet per target laid out like the published annex (two-row
// header, points in the headings, frozen header, 不合格 rows marked), and
// sheets for bands, regions, the failing list and findings. Numbers are
// stored as numbers, formatted with the rule file's decimals.
#pragma once

#include <string>

#include "govscore/output_file.hpp"

namespace govscore {

struct Bulletin;

// Writes the workbook to `path` with replace_atomically (output_file.hpp),
// and so with its guarantees. Throws govscore::Error naming the path when it
// cannot be written.
void write_xlsx(const Bulletin& bulletin, const std::string& path, const OutputOptions& options = {});

}  // namespace govscore
