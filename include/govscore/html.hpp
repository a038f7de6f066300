// The bulletin as one self-contained HTML page (inline CSS and SVG, nothing
// fetched), printable on A4: the summary, a score-distribution chart per
// target, pass rate by region, the ranked tables and the failing list. Every
// string from the input is escaped.
#pragma once

#include <string>

namespace govscore {

struct Bulletin;

[[nodiscard]] std::string render_html(const Bulletin& bulletin);

// Escapes & < > " ' for HTML text and attribute values, leaving out the C0
// controls HTML does not admit (all but tab, line feed, carriage return).
[[nodiscard]] std::string html_escape(const std::string& text);

}  // namespace govscore
