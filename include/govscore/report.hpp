// Reports: the ranked results rendered as a terminal table, CSV, Markdown or
// JSON (files are written with output_file.hpp).
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "govscore/annex.hpp"

namespace govscore {

enum class Format { kTable, kCsv, kJson, kMarkdown };

// "table", "csv", "json", "md" → Format; nullopt for anything else.
[[nodiscard]] std::optional<Format> parse_format(const std::string& name);

// Terminal text: each table under its title, columns aligned by display width
// (a Chinese character is two columns).
[[nodiscard]] std::string render_text(const std::vector<AnnexTable>& tables);

// CSV (RFC 4180, CRLF) starting with a UTF-8 BOM so Excel and WPS read it as
// Chinese. One table: a plain header + rows. Several: each preceded by a row
// with its title and separated by an empty line.
[[nodiscard]] std::string render_csv(const std::vector<AnnexTable>& tables);

// Markdown: a "### title" and a pipe table per target.
[[nodiscard]] std::string render_markdown(const std::vector<AnnexTable>& tables);
// One pipe table without a heading.
[[nodiscard]] std::string render_markdown_table(const AnnexTable& table);

// The same three, written to `out` as they are made: a national quarter's
// table never has to exist whole in memory (with lazy annex rows).
void write_text(std::ostream& out, const std::vector<AnnexTable>& tables);
// write_csv makes a large table's lines on up to `jobs` threads (as score()
// does); the bytes are the same at any count.
void write_csv(std::ostream& out, const std::vector<AnnexTable>& tables, unsigned jobs = 1);
void write_markdown(std::ostream& out, const std::vector<AnnexTable>& tables);

// The JSON contract of docs/json-output.md, for scripts:
// {"rules", "period", "results": [{"id", "name", …, "score", "rank", …}]}.
// `target` empty: every target.
[[nodiscard]] std::string render_json(const RuleSet& rules, const Batch& batch, const std::vector<Result>& ranked,
                                      const std::string& target = "");

}  // namespace govscore
