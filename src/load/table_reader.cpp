// Spreadsheet rows → raw records. The header row says what each column is:
// a record field (in English or as staff's sheets word it: 序号, 主管单位,
// 名称, 类别 …), an indicator, part or bonus item (by id or title, with or
// without its points: "内容更新（50分）/周扫描"), a fact, or what a table
// published (得分, 检查结果, 排名). See docs/record-files.md, "Spreadsheets".
#include "load/table_reader.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "govscore/records.hpp"
#include "govscore/rules.hpp"
#include "load/raw_record.hpp"
#include "load/sheet_records.hpp"
#include "util/text.hpp"

namespace govscore {
namespace {

enum class Role {
  kId, kSerial, kName, kOwner, kTarget, kPlatform, kRegion, kGroup, kPublicServices, kVeto, kVetoReason,
  kNotAssessed, kBonus, kNote, kPeriod, kScore, kResult, kRank, kIndicator, kBonusItem, kFact, kProblem, kIgnored
};

// Field headings, English as in JSON records and Chinese as in staff's sheets.
const std::vector<std::pair<std::string, Role>>& field_headings() {
  static const std::vector<std::pair<std::string, Role>> kHeadings = {
      {"id", Role::kId},           {"编号", Role::kId},
      {"序号", Role::kSerial},
      {"name", Role::kName},       {"名称", Role::kName},           {"网站名称", Role::kName},   {"账号名称", Role::kName},
      {"owner", Role::kOwner},     {"主管单位", Role::kOwner},
      {"target", Role::kTarget},   {"检查对象", Role::kTarget},
      {"platform", Role::kPlatform}, {"类别", Role::kPlatform},    {"平台", Role::kPlatform},
      {"region", Role::kRegion},   {"地区", Role::kRegion},
      {"group", Role::kGroup},     {"分组", Role::kGroup},
      {"public_services", Role::kPublicServices}, {"对外服务", Role::kPublicServices},
      {"veto", Role::kVeto},       {"单项否决", Role::kVeto},
      {"veto_reason", Role::kVetoReason}, {"否决原因", Role::kVetoReason},
      {"not_assessed", Role::kNotAssessed}, {"不考核指标", Role::kNotAssessed},
      {"bonus", Role::kBonus},     {"加分", Role::kBonus},
      {"note", Role::kNote},
      // Free text saying what was found: each becomes a finding in words.
      {"备注", Role::kProblem},     {"问题描述", Role::kProblem},     {"存在问题", Role::kProblem},
      {"主要问题", Role::kProblem}, {"问题", Role::kProblem},         {"发现问题", Role::kProblem},
      {"检查发现问题", Role::kProblem},
      {"period", Role::kPeriod},   {"检查期", Role::kPeriod},
      {"score", Role::kScore},     {"得分", Role::kScore},
      {"result", Role::kResult},   {"检查结果", Role::kResult},
      {"rank", Role::kRank},       {"排名", Role::kRank},
  };
  return kHeadings;
}

struct ColumnRole {
  Role role = Role::kIgnored;
  std::string key;  // the indicator, bonus item or fact name
};

// A data cell's text without the spaces around it (ASCII and U+3000). Data
// is never read as a heading: "2/8" stays "2/8", which is not a number.
std::string trim_cell(const std::string& s) {
  std::size_t begin = 0;
  std::size_t end = s.size();
  auto space_at = [&](std::size_t i) {
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n') return std::size_t{1};
    return s.compare(i, 3, "\xE3\x80\x80") == 0 ? std::size_t{3} : std::size_t{0};
  };
  while (begin < end && space_at(begin)) begin += space_at(begin);
  while (end > begin) {
    if (s[end - 1] == ' ' || s[end - 1] == '\t' || s[end - 1] == '\r' || s[end - 1] == '\n') --end;
    else if (end - begin >= 3 && s.compare(end - 3, 3, "\xE3\x80\x80") == 0) end -= 3;
    else break;
  }
  return s.substr(begin, end - begin);
}

// A heading as it names a column: "内容更新（50分）/周扫描 " → "周扫描";
// "政策解读（10分）" → "政策解读". Only for headings: a data cell is taken
// as written (trim_cell), so that "2/8" in a points cell is an error, not 8.
std::string normalise_heading(std::string h) {
  h = trim_cell(h);
  if (auto slash = h.rfind('/'); slash != std::string::npos) h = trim_cell(h.substr(slash + 1));
  for (const char* open : {"（", "("}) {
    auto at = h.rfind(open);
    if (at != std::string::npos && at > 0 && h.find("分", at) != std::string::npos) h = trim_cell(h.substr(0, at));
  }
  return h;
}

std::vector<std::string> split_names(const std::string& s) {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    auto n = normalise_heading(current);
    if (!n.empty()) out.push_back(n);
    current.clear();
  };
  for (std::size_t i = 0; i < s.size();) {
    bool sep = false;
    for (const char* d : {"、", "；", "，", ";", ","}) {
      std::size_t len = std::char_traits<char>::length(d);
      if (s.compare(i, len, d) == 0) {
        flush();
        i += len;
        sep = true;
        break;
      }
    }
    if (!sep) current += s[i++];
  }
  flush();
  return out;
}

std::optional<bool> yes_no(const std::string& s) {
  std::string t = trim_cell(s);
  if (t == "是" || t == "true" || t == "TRUE" || t == "True" || t == "有") return true;
  if (t == "否" || t == "false" || t == "FALSE" || t == "False" || t == "无") return false;
  return std::nullopt;
}

class TableReader {
 public:
  TableReader(const std::string& path, const RuleSet& rules, const LoadOptions& options, SheetInfo& info,
              Diagnostics& diag)
      : path_(path), rules_(rules), options_(options), diag_(diag), info_(info) {
    for (const auto& t : rules.targets) {
      for (const auto& ind : t.deductions) {
        names_.emplace(ind.id, Role::kIndicator);
        names_.emplace(ind.title, Role::kIndicator);
        for (const auto& p : ind.parts) {
          names_.emplace(p.id, Role::kIndicator);
          names_.emplace(p.title, Role::kIndicator);
        }
      }
      if (t.bonus)
        for (const auto& b : t.bonus->items) {
          names_.emplace(b.id, Role::kBonusItem);
          names_.emplace(b.title, Role::kBonusItem);
        }
    }
    for (const auto& f : rules.facts) names_.emplace(f.name, Role::kFact);
  }

  void read(const Table& table, RawFile& file) {
    file_ = &file;
    file.path = path_;
    file.ndjson = true;  // like NDJSON: a period, if any, is per record
    file.sheet = true;
    if (table.rows.empty()) {
      diag_.error(path_, 0, 0,
                  in_sheet(tr("the sheet is empty: expected a header row (序号, 主管单位, 名称, …) and one row per unit")));
      return;
    }
    std::size_t first_row = header_rows(table);
    if (!read_header(header_) || !decide_target()) return;
    const std::size_t errors_before = diag_.error_count();
    for (std::size_t r = first_row; r < table.rows.size(); ++r) file.records.push_back(read_row(table.rows[r]));
    if (diag_.error_count() == errors_before) warn_of_indicators_without_columns(header_);  // not over errors
  }

 private:
  // Raw values view their texts, so every text a row gives is kept in the
  // file being read (spreadsheets are small: the copies cost nothing).
  RawValue text_value(const TableCell& c) { return text_value(c.text, c.place); }
  RawValue text_value(std::string text, const RawPlace& place) {
    RawValue v;
    v.kind = RawValue::Kind::kText;
    v.text = file_->keep(std::move(text));
    v.place = place;
    return v;
  }

  // A points cell: numbers become numbers, 不考核 and anything else stay text
  // (records.cpp then says what is wrong with it).
  RawValue number_or_text(const TableCell& c) {
    std::string t = trim_cell(c.text);
    // Written as a number, though perhaps with more digits than can be held:
    // passed on as one, for the checker to say which.
    const bool numeral = !t.empty() && t.find_first_not_of("0123456789.+-eE") == std::string::npos &&
                         t.find_first_of("0123456789") != std::string::npos;
    if (!numeral || (!Exact::parse(t) && t.find_first_not_of("0123456789.") != std::string::npos))
      return text_value(c);
    RawValue v = text_value(std::move(t), c.place);
    v.kind = RawValue::Kind::kNumber;
    return v;
  }

  RawValue bool_value(const TableCell& c) {
    RawValue v = text_value(c);
    if (auto b = yes_no(c.text)) {
      v.kind = RawValue::Kind::kBool;
      v.text = *b ? "true" : "false";
    }
    return v;
  }

  // Excel stores dates as days since 1899-12-30 (its 1900 system).
  RawValue date_value(const TableCell& c) {
    if (c.numeric) {
      if (auto serial = Exact::parse(c.text); serial && serial->decimals() == 0 && *serial > Exact(0))
        return text_value(calendar::format_date(static_cast<long>(*serial->integer()) - 25569), c.place);
    }
    return text_value(c);
  }

  RawField field(std::string_view key, RawValue value) {
    RawField f;
    f.key = file_->keep(std::string(key));
    f.place = value.place;
    f.value = std::move(value);
    return f;
  }

  // Finds the header: the first row with a 名称/name column (rows above it
  // are titles), joined with the row below when that row only names parts
  // under a group heading (内容更新（50分） over 周扫描 | 季度检查), as published
  // annexes and govscore's own workbooks lay it out. Returns the first data row.
  std::size_t header_rows(const Table& table) {
    std::size_t h = 0;
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      bool named = std::any_of(table.rows[r].begin(), table.rows[r].end(), [](const TableCell& c) {
        std::string n = normalise_heading(c.text);
        return n == "名称" || n == "name" || n == "网站名称" || n == "账号名称";
      });
      if (named) {
        h = r;
        break;
      }
    }
    for (std::size_t r = 0; r < h; ++r)  // title rows, which may name the target
      for (const auto& c : table.rows[r])
        if (!c.merged_copy) title_ += trim_cell(c.text);
    header_ = table.rows[h];
    if (h + 1 >= table.rows.size()) return h + 1;
    const auto& below = table.rows[h + 1];
    bool sub_header = false;
    for (std::size_t c = 0; c < below.size(); ++c) {
      std::string n = below[c].merged_copy ? "" : normalise_heading(below[c].text);  // a merge from above
      if (n.empty()) continue;
      if (!names_.count(n)) return h + 1;  // a data row
      sub_header = true;
    }
    if (!sub_header) return h + 1;
    for (std::size_t c = 0; c < below.size(); ++c) {
      if (below[c].merged_copy || normalise_heading(below[c].text).empty()) continue;
      if (c >= header_.size()) header_.resize(c + 1, TableCell{"", below[c].place, false, "", false});
      header_[c] = below[c];
    }
    return h + 2;
  }

  // A heading that gives an indicator's points ("公开信箱（5分）", "内容更新
  // （50分）/周扫描") must give the points the rule file caps it at: a sheet
  // made for another scheme would otherwise be scored silently under this
  // one. Checked against the sheet's target when it is known, else against
  // every target with an indicator of that name.
  void check_heading_points(const TableCell& cell) {
    std::size_t from = 0;
    const std::string& text = cell.text;
    while (from <= text.size()) {
      std::size_t slash = text.find('/', from);
      std::string segment = trim_cell(text.substr(from, slash == std::string::npos ? std::string::npos : slash - from));
      from = slash == std::string::npos ? text.size() + 1 : slash + 1;
      std::size_t open = std::string::npos;
      std::size_t skip = 0;
      for (const char* paren : {"（", "("}) {
        auto at = segment.rfind(paren);
        if (at != std::string::npos && (open == std::string::npos || at > open)) {
          open = at;
          skip = std::char_traits<char>::length(paren);
        }
      }
      const std::size_t unit = segment.find("分", open == std::string::npos ? 0 : open);
      if (open == std::string::npos || open == 0 || unit == std::string::npos) continue;
      auto points = Exact::parse(trim_cell(segment.substr(open + skip, unit - open - skip)));
      if (!points) continue;
      const std::string name = trim_cell(segment.substr(0, open));
      std::vector<std::string> maxima;
      bool agrees = false;
      for (const auto& t : rules_.targets) {
        if (heading_target_ && rules_.target_index(t.id) != heading_target_) continue;
        for (const auto& ind : t.deductions) {
          if (ind.title != name && ind.id != name) continue;
          agrees = agrees || ind.max == *points;
          maxima.push_back(ind.max.str());
        }
      }
      if (!agrees && !maxima.empty())
        diag_.error(
            path_, cell.place.line, cell.place.column,
            tr("column \"{0}\": the heading gives {1} {2} points, but rules {3} cap it at {4}; is the sheet made for "
               "another scheme?",
               cell.text, name, points->str(), rules_.id, maxima.front()));
    }
  }

  bool read_header(const std::vector<TableCell>& header) {
    if (!options_.target.empty()) heading_target_ = rules_.target_index(options_.target);
    std::vector<std::string> known;
    for (const auto& [h, role] : field_headings()) known.push_back(h);
    for (const auto& [n, role] : names_) known.push_back(n);
    std::size_t before = diag_.error_count();
    std::map<std::string, int> seen;
    for (const auto& cell : header) {
      ColumnRole col;
      std::string h = cell.merged_copy ? "" : normalise_heading(cell.text);  // a merged heading names its first column
      if (h.empty()) {
        columns_.push_back(col);  // ignored unless a row fills it (checked per row)
        continue;
      }
      auto field = std::find_if(field_headings().begin(), field_headings().end(), [&](const auto& p) { return p.first == h; });
      if (field != field_headings().end()) {
        col.role = field->second;
        if (col.role == Role::kProblem) col.key = h;  // several free-text columns may each give a finding
      } else if (auto it = names_.find(h); it != names_.end()) {
        col.role = it->second;
        col.key = h;
      } else if (h.rfind("facts.", 0) == 0 && names_.count(h.substr(6)) && names_.at(h.substr(6)) == Role::kFact) {
        col.role = Role::kFact;
        col.key = h.substr(6);
      } else {
        diag_.error(path_, cell.place.line, cell.place.column,
                    in_sheet(tr("unknown column \"{0}\"{1}", cell.text, text::did_you_mean_message(h, known))));
      }
      if (col.role == Role::kIndicator) check_heading_points(cell);
      std::string identity = col.key.empty() ? std::to_string(static_cast<int>(col.role)) : col.key;
      if (col.role != Role::kIgnored) {
        auto [it, fresh] = seen.emplace(identity, cell.place.column);
        if (!fresh)
          diag_.error(path_, cell.place.line, cell.place.column,
                      in_sheet(tr("column \"{0}\" repeats column {1}", cell.text, it->second)));
      }
      columns_.push_back(col);
    }
    has_target_ = std::any_of(columns_.begin(), columns_.end(), [](const ColumnRole& c) { return c.role == Role::kTarget; });
    info_.has_period_column =
        std::any_of(columns_.begin(), columns_.end(), [](const ColumnRole& c) { return c.role == Role::kPeriod; });
    return diag_.error_count() == before;
  }

  // A sheet made for a target (the sheet's own target, or with a target
  // column each target its rows name) usually has a column for each of its
  // indicators: one without scores 0 for every unit, which a warning names.
  // Indicators whose points come from facts need no column.
  void warn_of_indicators_without_columns(const std::vector<TableCell>& header) {
    auto has_column = [&](const std::string& id, const std::string& title) {
      return std::any_of(columns_.begin(), columns_.end(), [&](const ColumnRole& c) {
        return c.role == Role::kIndicator && (c.key == id || c.key == title);
      });
    };
    const int line = header.empty() ? 1 : header[0].place.line;
    for (const auto& t : rules_.targets) {
      const auto index = static_cast<std::size_t>(&t - rules_.targets.data());
      const bool sheet_target = has_target_ ? row_targets_.count(index) > 0 : sheet_target_ == index;
      if (!sheet_target) continue;
      std::vector<std::string> missing;
      for (const auto& ind : t.deductions) {
        bool found = has_column(ind.id, ind.title);
        bool derived = ind.points.has_value();
        for (const auto& part : ind.parts) {
          found = found || has_column(part.id, part.title);
          derived = derived || part.points.has_value();
        }
        if (!found && !derived) missing.push_back(ind.title);
      }
      if (missing.empty()) continue;
      std::string names;
      for (const auto& m : missing) names += (names.empty() ? "" : ", ") + m;
      diag_.warning(path_, line, 0,
                    in_sheet(tr("no column for {0} of the {1} indicators of target {2} ({3}): nothing is deducted under "
                                "them for any unit of this sheet",
                                missing.size(), t.deductions.size(), t.id, names)));
    }
  }

  // A sheet's cell holds what was deducted under its heading, which the
  // heading's max bounds (in JSON, deductions are raw points before the
  // cap, and may exceed it). More is scored as the max, but is usually a
  // slip of the keyboard, so it is named. Parts are left out: their factor
  // makes a large count ordinary (12 lapses × 5).
  void warn_if_above_max(const std::string& key, const RawValue& value, const TableCell& cell) {
    if (value.kind != RawValue::Kind::kNumber) return;
    auto points = Exact::parse(std::string(value.text));
    if (!points) return;
    std::optional<Exact> max;
    for (const auto& t : rules_.targets) {
      if (!has_target_ && sheet_target_ && &rules_.targets[*sheet_target_] != &t) continue;
      for (const auto& ind : t.deductions)
        if ((ind.id == key || ind.title == key) && ind.parts.empty() && (!max || ind.max > *max)) max = ind.max;
    }
    if (max && *points > *max)
      diag_.warning(path_, cell.place.line, cell.place.column,
                    in_sheet(tr("column \"{0}\": {1} is more than the indicator's max of {2}, so {2} is deducted; is it a "
                                "typo?",
                                key, points->str(), max->str())));
  }

  // The target of a sheet without a target column: what --target, the
  // sheet's name and its title rows name, which must agree; the rule file's
  // only target when none names one. False when it cannot be told (said
  // back in info_) or the sources disagree (an error naming them).
  bool decide_target() {
    if (has_target_) return true;
    struct Source {
      Message what;
      std::size_t target;
    };
    std::vector<Source> sources;
    if (!options_.target.empty()) {
      auto index = rules_.target_index(options_.target);
      if (!index) {
        diag_.error(path_, 0, 0,
                    tr("--target: unknown target \"{0}\" in rules {1}{2} (one of: {3})", options_.target, rules_.id,
                       text::did_you_mean_message(options_.target, target_names()), joined(target_names())));
        return false;
      }
      sources.push_back({Message::verbatim("--target"), *index});
    }
    if (auto index = target_named_in(info_.name, rules_))
      sources.push_back({tr("the sheet's name \"{0}\"", info_.name), *index});
    if (auto index = target_named_in(title_, rules_)) sources.push_back({tr("its title \"{0}\"", title_), *index});
    for (const auto& s : sources) {
      if (s.target == sources.front().target) continue;
      diag_.error(path_, 0, 0,
                  in_sheet(tr("targets disagree: {0} says {1}, {2} says {3}; give the sheet's target in one way",
                              sources.front().what, target_words(sources.front().target), s.what,
                              target_words(s.target))));
      return false;
    }
    if (!sources.empty()) sheet_target_ = sources.front().target;
    else if (rules_.targets.size() == 1) sheet_target_ = 0;
    info_.target_unknown = !sheet_target_;
    return sheet_target_.has_value();
  }

  // A message about this sheet, with the sheet's name before it when it is
  // one of several in a workbook.
  Message in_sheet(Message m) const {
    return info_.where.empty() ? m : tr("sheet \"{0}\": {1}", info_.name, std::move(m));
  }

  std::string target_words(std::size_t index) const {
    const Target& t = rules_.targets[index];
    return t.id + " (" + t.title + ")";
  }

  static std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
  }

  std::vector<std::string> target_names() const {
    std::vector<std::string> out;
    for (const auto& t : rules_.targets) {
      out.push_back(t.id);
      if (t.title != t.id && !t.title.empty()) out.push_back(t.title);
    }
    return out;
  }

  RawRecord read_row(const std::vector<TableCell>& row) {
    RawRecord rec;
    rec.place = row.empty() ? RawPlace{} : RawPlace{row[0].place.line, 1};
    RawValue deductions;
    deductions.kind = RawValue::Kind::kObject;
    RawValue bonus_items;
    bonus_items.kind = RawValue::Kind::kObject;
    RawValue facts;
    facts.kind = RawValue::Kind::kObject;
    RawValue published;
    published.kind = RawValue::Kind::kObject;
    RawValue problems;  // findings in words, one per free-text cell
    problems.kind = RawValue::Kind::kList;
    const TableCell* id = nullptr;
    const TableCell* serial = nullptr;
    const TableCell* veto = nullptr;
    const TableCell* reason = nullptr;
    for (std::size_t c = 0; c < row.size(); ++c) {
      const TableCell& cell = row[c];
      if (is_blank_text(cell.text)) continue;  // blank: nothing entered
      if (c >= columns_.size() || (columns_[c].role == Role::kIgnored)) {
        if (cell.merged_copy) continue;  // a merged label running past its column
        diag_.error(path_, cell.place.line, cell.place.column, tr("a value in a column without a heading"));
        continue;
      }
      const ColumnRole& col = columns_[c];
      if (!cell.merged.empty() && !mergeable(col.role)) {
        if (merged_reported_.insert(cell.merged).second)
          diag_.error(
              path_, cell.place.line, cell.place.column,
              tr("merged cells {0} under \"{1}\": points and ids are each unit's own; unmerge them and enter each "
                 "unit's value in its row",
                 cell.merged, header_[c].text));
        continue;
      }
      deductions.place = facts.place = published.place = bonus_items.place = problems.place = cell.place;
      switch (col.role) {
        case Role::kId: id = &cell; break;
        case Role::kSerial: serial = &cell; break;
        case Role::kName: rec.fields.push_back(field("name", text_value(cell))); break;
        case Role::kOwner: rec.fields.push_back(field("owner", text_value(cell))); break;
        case Role::kTarget:
          rec.fields.push_back(field("target", text_value(cell)));
          if (auto t = rules_.target_index(trim_cell(cell.text))) row_targets_.insert(*t);
          break;
        case Role::kPlatform: rec.fields.push_back(field("platform", text_value(cell))); break;
        case Role::kRegion: rec.fields.push_back(field("region", text_value(cell))); break;
        case Role::kGroup: rec.fields.push_back(field("group", text_value(cell))); break;
        case Role::kNote: rec.fields.push_back(field("note", text_value(cell))); break;
        case Role::kPeriod: rec.fields.push_back(field("period", text_value(standard_period(cell.text), cell.place))); break;
        case Role::kProblem: {
          RawValue finding;
          finding.kind = RawValue::Kind::kObject;
          finding.place = cell.place;
          finding.entries.push_back(field("title", text_value(trim_cell(cell.text), cell.place)));
          problems.entries.push_back(field("", std::move(finding)));
          break;
        }
        case Role::kPublicServices: rec.fields.push_back(field("public_services", bool_value(cell))); break;
        case Role::kVeto: veto = &cell; break;
        case Role::kVetoReason: reason = &cell; break;
        case Role::kNotAssessed: rec.fields.push_back(field("not_assessed", list_value(cell))); break;
        case Role::kBonus: rec.fields.push_back(field("bonus", number_or_text(cell))); break;
        case Role::kIndicator:
          deductions.entries.push_back(field(col.key, number_or_text(cell)));
          warn_if_above_max(col.key, deductions.entries.back().value, cell);
          break;
        case Role::kBonusItem: bonus_items.entries.push_back(field(col.key, number_or_text(cell))); break;
        case Role::kFact: facts.entries.push_back(field(col.key, fact_value(col.key, cell))); break;
        case Role::kScore: published.entries.push_back(field("score", number_or_text(cell))); break;
        case Role::kResult: published.entries.push_back(field("result", text_value(cell))); break;
        case Role::kRank: published.entries.push_back(field("rank", number_or_text(cell))); break;
        case Role::kIgnored: break;
      }
    }
    // The id: an id column, else 序号, else the row's number in the sheet;
    // those two after the sheet's prefix, which keeps them apart from
    // another sheet's numbered 1…n as well.
    rec.id_made = !id;
    if (id) rec.fields.insert(rec.fields.begin(), field("id", text_value(*id)));
    else if (serial) rec.fields.insert(rec.fields.begin(), field("id", text_value(info_.id_prefix + trim_cell(serial->text), serial->place)));
    else rec.fields.insert(rec.fields.begin(), field("id", text_value(info_.id_prefix + std::to_string(rec.place.line), rec.place)));
    if (!has_target_ && sheet_target_) rec.fields.push_back(field("target", text_value(rules_.targets[*sheet_target_].id, rec.place)));
    if (!problems.entries.empty()) rec.fields.push_back(field("findings", problems));
    read_veto(veto, reason, rec, published);
    if (!deductions.entries.empty()) rec.fields.push_back(field("deductions", deductions));
    if (!bonus_items.entries.empty()) rec.fields.push_back(field("bonus", bonus_items));
    if (!facts.entries.empty()) rec.fields.push_back(field("facts", facts));
    if (!published.entries.empty()) rec.fields.push_back(field("published", published));
    return rec;
  }

  // Labels a merged range may give several rows (a group, an owner …);
  // points, facts, ids and published numbers are each unit's own.
  static bool mergeable(Role role) {
    switch (role) {
      case Role::kId: case Role::kSerial: case Role::kBonus: case Role::kIndicator: case Role::kBonusItem:
      case Role::kFact: case Role::kScore: case Role::kRank:
        return false;
      default:
        return true;
    }
  }

  // 单项否决 是/否 with the vetoes named in 否决原因 ("首页不更新、栏目不更新").
  void read_veto(const TableCell* veto, const TableCell* reason, RawRecord& rec, RawValue& published) {
    std::optional<bool> yes = veto ? yes_no(veto->text) : std::nullopt;
    if (veto && !yes) {
      diag_.error(path_, veto->place.line, veto->place.column,
                  tr("单项否决 must be 是 or 否, not \"{0}\"", veto->text));
      return;
    }
    if (reason && yes == false) {
      diag_.error(path_, reason->place.line, reason->place.column, tr("否决原因 is given but 单项否决 is 否"));
      return;
    }
    if (reason) {
      rec.fields.push_back(field("veto", list_value(*reason)));
    } else if (yes == true) {
      RawValue v = text_value(*veto);
      v.kind = RawValue::Kind::kBool;
      v.text = "true";
      rec.fields.push_back(field("veto", v));
    }
    if (veto) published.entries.push_back(field("veto", text_value(*veto)));
  }

  RawValue list_value(const TableCell& cell) {
    RawValue v;
    v.kind = RawValue::Kind::kList;
    v.place = cell.place;
    for (const auto& name : split_names(cell.text)) v.entries.push_back(field("", text_value(name, cell.place)));
    return v;
  }

  RawValue fact_value(const std::string& name, const TableCell& cell) {
    for (const auto& f : rules_.facts) {
      if (f.name != name) continue;
      if (f.type == ValueType::kNumber) return number_or_text(cell);
      if (f.type == ValueType::kBool) return bool_value(cell);
      return date_value(cell);
    }
    return text_value(cell);
  }

  RawFile* file_ = nullptr;  // the file being read, which keeps the texts
  std::string path_;
  const RuleSet& rules_;
  const LoadOptions& options_;
  Diagnostics& diag_;
  std::map<std::string, Role> names_;  // indicator, part, bonus item and fact names
  std::vector<TableCell> header_;
  std::vector<ColumnRole> columns_;
  std::set<std::string> merged_reported_;  // merged ranges already refused (one message each)
  bool has_target_ = false;
  SheetInfo& info_;
  std::string title_;                          // the title rows above the header, joined
  std::set<std::size_t> row_targets_;          // the targets the rows of a target column name
  std::optional<std::size_t> sheet_target_;    // the target of a sheet without a target column
  std::optional<std::size_t> heading_target_;  // whose maxima headings' points are checked against; none: every target's
};

}  // namespace

RawFile table_records(const Table& table, const std::string& path, const RuleSet& rules, const LoadOptions& options,
                      Diagnostics& diagnostics) {
  RawFile file;
  SheetInfo info;
  TableReader(path, rules, options, info, diagnostics).read(table, file);
  return file;
}

void table_records_into(RawFile& file, const Table& table, const RuleSet& rules, const LoadOptions& options,
                        SheetInfo& info, Diagnostics& diagnostics) {
  TableReader(file.path, rules, options, info, diagnostics).read(table, file);
}

bool has_records_heading(const Table& table) {
  for (const auto& row : table.rows)
    for (const auto& c : row) {
      std::string n = normalise_heading(c.text);
      if (n == "名称" || n == "name" || n == "网站名称" || n == "账号名称") return true;
    }
  return false;
}

}  // namespace govscore
