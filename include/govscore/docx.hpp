// The bulletin as a Word document (WordprocessingML, .docx) that staff can
// send or edit in Word or WPS: the title, the sections of bulletin_sections()
// (一、总体情况 …, the failing list) and every annex of bulletin_annexes() as
// a real table — the published two-row headings, the heading rows repeated
// on every page, wide annexes on landscape pages — in the fonts and sizes of
// official documents (仿宋_GB2312 三号 text, 黑体 headings, 宋体 tables, each
// with its fallback named). Every number is the text the other formats show.
#pragma once

#include <string>
#include <vector>

#include "govscore/output_file.hpp"

namespace govscore {

struct Bulletin;

// The parts of the package as (name, XML text) pairs in the order they are
// stored: [Content_Types].xml first. Exposed for tests.
struct DocxPart {
  std::string name;
  std::string xml;
};
[[nodiscard]] std::vector<DocxPart> docx_parts(const Bulletin& bulletin);

// Writes the document to `path` atomically, zipped with libzip. The same
// bulletin always gives the same bytes: parts in a fixed order, every entry
// dated 1980-01-01 00:00, no extra fields. Throws govscore::Error naming the
// path when it cannot be written; then no file is left at `path` that was
// not there before.
void write_docx(const Bulletin& bulletin, const std::string& path, const OutputOptions& options = {});

}  // namespace govscore
