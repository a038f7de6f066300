// JSON and NDJSON record files, read with simdjson's On-Demand API: it keeps
// a pointer into the text for every value, which becomes the line:column of
// every message, and it is fast enough for a national quarter.
#include "load/json_reader.hpp"

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <utility>

#include "govscore/limits.hpp"
#include "load/raw_record.hpp"
#include "util/text.hpp"

namespace govscore {
namespace {

// nlohmann's fixed words (detail/input/lexer.hpp: token_type_name and the
// lexer's error messages) as Messages, so that the catalog can word them;
// anything else stays as nlohmann wrote it.
Message json_words(std::string_view words) {
  static const Message kKnown[] = {
      tr("value"),
      tr("object"),
      tr("object key"),
      tr("object separator"),
      tr("array"),
      tr("string literal"),
      tr("number literal"),
      tr("true literal"),
      tr("false literal"),
      tr("null literal"),
      tr("end of input"),
      tr("'[', '{', or a literal"),
      tr("unknown token"),
      tr("invalid literal"),
      tr("invalid string: missing closing quote"),
      tr("invalid string: ill-formed UTF-8 byte"),
      tr("invalid string: forbidden character after backslash"),
      tr("invalid string: '\\u' must be followed by 4 hex digits"),
      tr("invalid number; expected digit after '-'"),
      tr("invalid number; expected digit after '.'"),
      tr("invalid number; expected '+', '-', or digit after exponent"),
      tr("invalid number; expected digit after exponent sign"),
  };
  for (const Message& known : kKnown)
    if (known.id() == words) return known;
  // "invalid string: control character U+000A (LF) must be escaped to \u000A or \n"
  constexpr std::string_view kControl = "invalid string: control character ";
  constexpr std::string_view kEscaped = " must be escaped to ";
  const std::size_t escaped = words.find(kEscaped);
  if (words.rfind(kControl, 0) == 0 && escaped != std::string_view::npos)
    return tr("invalid string: control character {0} must be escaped to {1}",
              words.substr(kControl.size(), escaped - kControl.size()), words.substr(escaped + kEscaped.size()));
  return Message::verbatim(std::string(words));
}

// Input as nlohmann's message quotes it, which can stop inside a character:
// a byte that is not part of valid UTF-8 is written as \xE5, so that the
// message stays valid UTF-8 and still shows where reading stopped.
std::string quoted_input(std::string_view input) {
  std::string out;
  for (std::size_t bad = 0; !text::valid_utf8(input, &bad);) {
    out.append(input.substr(0, bad));
    char hex[8];
    std::snprintf(hex, sizeof hex, "\\x%02X", static_cast<unsigned>(static_cast<unsigned char>(input[bad])));
    out += hex;
    input.remove_prefix(bad + 1);
  }
  out.append(input);
  return out;
}

// nlohmann's message for a syntax error, "syntax error while parsing
// CONTEXT - REASON; last read: 'TEXT'; expected TOKEN" (its parser.hpp,
// exception_message; the last two parts optional, REASON either a lexer
// error or "unexpected TOKEN"), as a Message of its parts.
Message json_syntax(const std::string& message) {
  std::string_view m = message;
  constexpr std::string_view kWhile = "syntax error while parsing ";
  constexpr std::string_view kLastRead = "; last read: '";
  constexpr std::string_view kExpected = "; expected ";
  const std::size_t dash = m.find(" - ");
  if (m.rfind(kWhile, 0) != 0 || dash == std::string_view::npos) return Message::verbatim(quoted_input(message));
  const Message context = json_words(m.substr(kWhile.size(), dash - kWhile.size()));
  std::string_view rest = m.substr(dash + 3);
  Message reason, last_read, expected;
  if (const std::size_t read = rest.find(kLastRead); read != std::string_view::npos) {
    reason = json_words(rest.substr(0, read));
    std::string_view after = rest.substr(read + kLastRead.size());
    const std::size_t expect = after.rfind(std::string("'").append(kExpected));
    std::string_view token =
        expect == std::string_view::npos ? after.substr(0, after.size() - 1) : after.substr(0, expect);
    last_read = tr("; last read: '{0}'", quoted_input(token));
    if (expect != std::string_view::npos)
      expected = tr("; expected {0}", json_words(after.substr(expect + 1 + kExpected.size())));
  } else {
    const std::size_t expect = rest.rfind(kExpected);
    std::string_view unexpected = rest.substr(0, expect);
    if (unexpected.rfind("unexpected ", 0) != 0) return Message::verbatim(quoted_input(message));
    reason = tr("unexpected {0}", json_words(unexpected.substr(11)));
    if (expect != std::string_view::npos)
      expected = tr("; expected {0}", json_words(rest.substr(expect + kExpected.size())));
  }
  return tr("syntax error while parsing {0} - {1}{2}{3}", context, reason, last_read, expected);
}

// The keys of one object so far, to find one given twice: said once, at its
// second appearance (a key given N times is one message, not N²/2), in time
// that grows as N log N however many keys an object has.
class KeysSeen {
 public:
  // Notes `key` as the one at `index`; returns the index where it was first
  // seen, and whether this is its second appearance (the one to report).
  // `key` must stay valid while this object is used.
  std::pair<std::size_t, bool> see(std::string_view key, std::size_t index) {
    // A record has a dozen keys: they are compared in place, without
    // allocating; past kFew, a map takes over.
    for (std::size_t i = 0; i < few_count_; ++i) {
      if (few_[i].key == key) return {few_[i].index, ++few_[i].repeats == 1};
    }
    if (few_count_ < kFew && more_.empty()) {
      few_[few_count_++] = Seen{key, index, 0};
      return {index, false};
    }
    auto [it, fresh] = more_.emplace(key, Seen{key, index, 0});
    if (fresh) return {index, false};
    return {it->second.index, ++it->second.repeats == 1};
  }

 private:
  struct Seen {
    std::string_view key;
    std::size_t index = 0;
    std::size_t repeats = 0;
  };
  static constexpr std::size_t kFew = 16;
  Seen few_[kFew];
  std::size_t few_count_ = 0;
  std::map<std::string_view, Seen> more_;
};

namespace od = simdjson::ondemand;

static_assert(simdjson::SIMDJSON_PADDING <= text::kReadPadding, "padded texts must satisfy simdjson");

// Deeper than any valid record needs (record → deductions → value is 3);
// anything beyond is reported instead of recursed into.
constexpr int kMaxDepth = limits::kMaxJsonDepth;

// Places in the padded copy of the text, as byte offsets (see RawPlace).
class Positions {
 public:
  Positions(const char* base, std::string_view content) : base_(base), index_(content) {}
  RawPlace at(const char* p) const {
    RawPlace place;
    place.offset = p && p >= base_ ? static_cast<std::size_t>(p - base_) : 0;
    return place;
  }
  // Resolved now, for the reader's own messages.
  RawPlace at_offset(std::size_t offset) {
    auto lc = index_.at(offset);
    return {lc.line, lc.column, offset};
  }
  int line_of(std::size_t offset) { return index_.line_of(offset); }

 private:
  const char* base_;
  text::LineIndex index_;
};

// JSON's number grammar: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?
bool is_json_number(std::string_view s) {
  std::size_t i = 0;
  auto digits = [&] {
    std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i > start;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (i < s.size() && s[i] == '0') {
    ++i;
  } else if (!digits()) {
    return false;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

// A SAX handler that only remembers where nlohmann's parser gave up: used to
// word a syntax error precisely once simdjson has said the text is not JSON.
struct SyntaxProbe : nlohmann::json_sax<nlohmann::json> {
  std::size_t byte = 0;
  std::string message;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) override {
    byte = position;
    message = e.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error …"
    auto at = message.find("parse error");
    auto colon = at == std::string::npos ? std::string::npos : message.find(": ", at);
    if (colon != std::string::npos) message = message.substr(colon + 2);
    return false;
  }
};

class JsonRecordReader {
 public:
  // Reads the text in place when it is padded, else from a padded copy.
  JsonRecordReader(JsonText text, std::string path, Diagnostics& diag)
      : content_(text.content),
        owned_(text.padded ? simdjson::padded_string() : simdjson::padded_string(text.content)),
        data_(text.padded ? text.content.data() : owned_.data()),
        capacity_(text.content.size() + simdjson::SIMDJSON_PADDING),
        positions_(data_, text.content),
        path_(std::move(path)),
        diag_(diag) {}

  // Reads only the NDJSON lines in [begin, end) of the content, the first
  // of which is line `first_line`; places and messages still count from
  // the start of the file.
  void limit_to(std::size_t begin, std::size_t end, int first_line) {
    begin_ = begin;
    end_ = end;
    first_line_ = first_line;
  }

  RawFile read(bool ndjson, const RecordSink& sink) {
    sink_ = &sink;
    RawFile file;
    file.path = path_;
    file.content = content_;
    file.ndjson = ndjson;
    std::string_view all(data_, content_.size());
    if (begin_ == 0 && all.find_first_not_of(" \t\r\n") == std::string_view::npos) {
      diag_.error(path_, 0, 0,
                  ndjson ? tr("the file is empty: expected one JSON record per line")
                         : tr("the file is empty: expected {\"period\": …, \"records\": […]}"));
      return file;
    }
    if (begin_ == 0 && all.substr(0, 3) == "\xEF\xBB\xBF") {
      diag_.error(path_, 1, 1,
                  tr("the file starts with a UTF-8 byte-order mark (BOM), which JSON does not allow; save it as UTF-8 "
                     "without BOM"));
      return file;
    }
    // UTF-8 is validated by simdjson as it parses; only when it refuses the
    // text does syntax_error look for the first bad byte (not_utf8).
    if (ndjson) {
      sink.header(file);
      read_lines();
    } else {
      read_document(file, 0, all.size());
    }
    return file;
  }

 private:
  static std::string hex(unsigned char c) {
    const char* digits = "0123456789ABCDEF";
    return {digits[c >> 4], digits[c & 15]};
  }

  void read_lines() {
    std::size_t start = begin_;
    const std::size_t size = std::min(end_, content_.size());
    // Lines are counted as they are read, not looked up for each record in
    // an index of a million line starts.
    int line_number = first_line_;
    for (; start < size && !stop_; ++line_number) {
      std::size_t end = std::string_view(data_, size).find('\n', start);
      if (end == std::string_view::npos) end = size;
      std::string_view line(data_ + start, end - start);
      if (line.size() > limits::kMaxRecordBytes) {
        auto place = positions_.at_offset(start);
        diag_.error(path_, place.line, 1,
                    tr("this line is {0} bytes; one record may be at most {1} bytes (1 MiB)", line.size(),
                       limits::kMaxRecordBytes));
      } else if (line.substr(0, 3) == "\xEF\xBB\xBF") {
        // Files saved with a BOM and then joined into one.
        diag_.error(path_, line_number, 1,
                    tr("this line starts with a UTF-8 byte-order mark (BOM), which JSON does not allow; was the file "
                       "joined from files saved with one?"));
      } else if (line.find_first_not_of(" \t\r") != std::string_view::npos) {
        od::document doc;
        if (parser_.iterate(data_ + start, line.size(), capacity_ - start).get(doc)) {
          syntax_error(start, line.size());
        } else {
          RawRecord& record = scratch_record();
          od::object obj;
          // Only spaces precede the record on its line, so bytes are characters.
          const std::size_t indent = line.find_first_not_of(" \t\r");
          const RawPlace place{line_number, static_cast<int>(indent) + 1, start + indent};
          if (doc.get_object().get(obj)) {
            if (!probe_failed(start, line.size()))
              diag_.error(path_, place.line, place.column,
                          tr("each line of an NDJSON file is one record: a JSON object"));
          } else if (read_object(obj, record.fields, 1)) {
            if (!at_end(doc)) {
              syntax_error(start, line.size());
            } else {
              record.place = place;
              sink_->record(record);
            }
          } else {
            syntax_error(start, line.size());
          }
        }
      }
      start = end + 1;
    }
  }

  // Two passes over one parse: the file-level fields first (period, window,
  // … wherever they stand), then the records, each handed on as soon as it
  // is read, so that a national quarter is never held twice in memory.
  void read_document(RawFile& file, std::size_t start, std::size_t length) {
    od::document doc;
    if (parser_.iterate(data_, content_.size(), capacity_).get(doc)) return syntax_error(start, length);
    od::object top;
    if (doc.get_object().get(top)) {
      if (!probe_failed(start, length))
        diag_.error(path_, 1, 1,
                    tr("a records file is a JSON object: {\"period\": …, \"records\": […]} (or use .ndjson for one "
                       "record per line)"));
      return;
    }
    bool seen_records = false;
    std::map<std::string, int> keys;  // how often each top-level key was given
    for (auto field_result : top) {
      od::field field;
      if (std::move(field_result).get(field)) return syntax_error(start, length);
      const char* key_at = field.key().raw();
      std::string_view key;
      if (field.unescaped_key().get(key)) return syntax_error(start, length);
      RawPlace key_place = positions_.at_offset(static_cast<std::size_t>(key_at - 1 - data_));
      if (++keys[std::string(key)] == 2)
        diag_.error(path_, key_place.line, key_place.column, tr("duplicate key \"{0}\"", key));
      if (key == "records") {
        seen_records = true;
        od::json_type type;
        if (field.value().type().get(type)) return syntax_error(start, length);
        if (type != od::json_type::array) {
          diag_.error(path_, key_place.line, key_place.column, tr("\"records\" must be a list of records"));
          return;
        }
        // Left unread: On-Demand skips it; the second pass reads it.
      } else {
        RawField f;
        f.key = key;
        f.place = key_place;
        if (!read_value(field.value(), f.value, 1)) return syntax_error(start, length);
        file.header.push_back(std::move(f));
      }
    }
    if (!at_end(doc)) return syntax_error(start, length);
    sink_->header(file);
    file.header.clear();  // its texts are in the parser's buffer, which the second pass reuses
    if (!seen_records) {
      diag_.error(path_, 1, 1, tr("missing \"records\": the list of inspection records"));
      return;
    }

    doc.rewind();
    if (doc.get_object().get(top)) return syntax_error(start, length);
    std::size_t number = 0;
    for (auto field_result : top) {
      od::field field;
      if (std::move(field_result).get(field)) return syntax_error(start, length);
      if (field.key() != "records") continue;
      od::array records;
      if (field.value().get_array().get(records)) return syntax_error(start, length);
      for (auto element : records) {
        od::value v;
        if (std::move(element).get(v)) return syntax_error(start, length);
        RawRecord& record = scratch_record();
        record.place = place_of(v);
        record.place.line = positions_.line_of(record.place.offset);
        ++number;
        od::object obj;
        if (v.get_object().get(obj)) {
          if (probe_failed(start, length)) return;  // e.g. a trailing comma, not a record
          record.place = positions_.at_offset(record.place.offset);
          diag_.error(path_, record.place.line, record.place.column,
                      tr("{0}: a record is a JSON object", tr("record #{0}", number)));
          continue;
        }
        if (!read_object(obj, record.fields, 2)) return syntax_error(start, length);
        sink_->record(record);
      }
    }
  }

  // Whether nothing but whitespace follows what was read (3.0 has no
  // document::at_end): past the last token there is no current location.
  static bool at_end(od::document& doc) { return doc.current_location().error() == simdjson::OUT_OF_BOUNDS; }

  RawPlace place_of(od::value& v) {
    return positions_.at(v.raw_json_token().data());
  }

  bool read_object(od::object& obj, std::vector<RawField>& fields, int depth) {
    KeysSeen keys;
    for (auto field_result : obj) {
      if (field_result.error()) return false;
      // Read where it stands, not moved out (get) and passed on by copy: a
      // copy reads widely what was just written narrowly, and the core
      // stalls on it.
      auto& field = const_cast<od::field&>(std::as_const(field_result).value_unsafe());
      const char* key_at = field.key().raw();
      // Like a string value, a key with no escapes is viewed as written.
      const char* key_end = key_at;
      while (*key_end != '"' && *key_end != '\\') ++key_end;  // the text parsed: a closing quote follows
      std::string_view key(key_at, static_cast<std::size_t>(key_end - key_at));
      if (*key_end == '\\' && field.unescaped_key().get(key)) return false;
      RawField f;
      f.key = key;
      f.place = positions_.at(key_at - 1);
      if (auto repeat = keys.see(key, fields.size()); repeat.second) {
        RawPlace here = positions_.at_offset(f.place.offset);
        RawPlace first = positions_.at_offset(fields[repeat.first].place.offset);
        diag_.error(path_, here.line, here.column,
                    tr("duplicate key \"{0}\" in one object (first on line {1})", key, first.line));
      }
      if (!read_value(field.value(), f.value, depth + 1)) return false;
      fields.push_back(std::move(f));
    }
    return true;
  }

  bool read_value(od::value& v, RawValue& out, int depth) {
    out.place = place_of(v);
    od::json_type type;
    if (v.type().get(type)) return false;
    if (depth > kMaxDepth) {
      RawPlace here = positions_.at_offset(out.place.offset);
      diag_.error(path_, here.line, here.column, tr("nested deeper than {0} levels", kMaxDepth));
      return true;  // left unread: On-Demand skips it when the parent moves on
    }
    switch (type) {
      case od::json_type::object: {
        out.kind = RawValue::Kind::kObject;
        od::object obj;
        return !v.get_object().get(obj) && read_object(obj, out.entries, depth);
      }
      case od::json_type::array: {
        out.kind = RawValue::Kind::kList;
        od::array arr;
        if (v.get_array().get(arr)) return false;
        for (auto element : arr) {
          od::value ev;
          if (std::move(element).get(ev)) return false;
          RawField item;
          if (!read_value(ev, item.value, depth + 1)) return false;
          item.place = item.value.place;
          out.entries.push_back(std::move(item));
        }
        return true;
      }
      case od::json_type::number: {
        out.kind = RawValue::Kind::kNumber;
        std::string_view token = v.raw_json_token();
        while (!token.empty() && (token.back() == ' ' || token.back() == '\t' || token.back() == '\r' || token.back() == '\n'))
          token.remove_suffix(1);
        if (!is_json_number(token)) return false;
        out.text = token;
        return true;
      }
      case od::json_type::string: {
        out.kind = RawValue::Kind::kText;
        // A string with no escapes is its text as written: viewed in place
        // rather than unescaped into the parser's buffer.
        std::string_view s = v.raw_json_token();  // "…" and any spaces after
        s = s.substr(1, s.rfind('"') - 1);
        if (s.find('\\') != std::string_view::npos && v.get_string().get(s)) return false;
        if (s.size() > limits::kMaxTextBytes) {
          RawPlace here = positions_.at_offset(out.place.offset);
          diag_.error(path_, here.line, here.column,
                      tr("a text of {0} bytes; texts may be at most {1} bytes", s.size(), limits::kMaxTextBytes));
        }
        out.text = s;
        return true;
      }
      case od::json_type::boolean: {
        out.kind = RawValue::Kind::kBool;
        bool b = false;
        if (v.get_bool().get(b)) return false;
        out.text = b ? "true" : "false";
        return true;
      }
      case od::json_type::null: {
        out.kind = RawValue::Kind::kNull;
        bool is_null = false;
        return !v.is_null().get(is_null) && is_null;
      }
    }
    return false;
  }

  // Runs nlohmann's parser over [start, start+length) to word the error the
  // way a person reads it; returns whether it found one (and reported it).
  bool probe_failed(std::size_t start, std::size_t length) {
    SyntaxProbe probe;
    std::string_view text(data_ + start, length);
    if (nlohmann::json::sax_parse(text.begin(), text.end(), &probe)) return false;
    std::size_t offset = start + (probe.byte > 0 ? probe.byte - 1 : 0);
    auto place = positions_.at_offset(offset);
    diag_.error(path_, place.line, place.column, tr("invalid JSON: {0}", json_syntax(probe.message)));
    return true;
  }

  // A file that is not UTF-8 (GBK, most often) gets one message naming its
  // first bad byte, however many lines fail; true when that is the case.
  bool not_utf8() {
    if (utf8_checked_) return stop_;
    utf8_checked_ = true;
    std::size_t bad = 0;
    std::string_view part = content_.substr(begin_, std::min(end_, content_.size()) - begin_);
    if (text::valid_utf8(part, &bad)) return false;
    bad += begin_;
    auto place = positions_.at_offset(bad);
    diag_.error(path_, place.line, place.column,
                tr("not valid UTF-8 (byte {0} is 0x{1}); save the file as UTF-8 (GBK is not accepted in JSON)", bad,
                   hex(static_cast<unsigned char>(content_[bad]))));
    stop_ = true;
    return true;
  }

  void syntax_error(std::size_t start, std::size_t length) {
    if (not_utf8()) return;
    if (probe_failed(start, length)) return;
    // simdjson refused what nlohmann accepts: the only such case is depth.
    auto place = positions_.at_offset(start);
    diag_.error(path_, place.line, place.column, tr("invalid JSON: nested too deeply or malformed"));
  }

  // The record being read, reused so that its field list is allocated once.
  RawRecord& scratch_record() {
    record_.fields.clear();
    record_.place = {};
    return record_;
  }

  const RecordSink* sink_ = nullptr;
  RawRecord record_;
  bool utf8_checked_ = false;
  bool stop_ = false;  // the file is not UTF-8: nothing more to say about it
  std::size_t begin_ = 0;  // the part of the content to read (NDJSON)
  std::size_t end_ = static_cast<std::size_t>(-1);
  int first_line_ = 1;  // the line number at begin_
  std::string_view content_;
  simdjson::padded_string owned_;  // a padded copy, only when content has no room to spare
  const char* data_;
  std::size_t capacity_;
  Positions positions_;
  std::string path_;
  Diagnostics& diag_;
  od::parser parser_;
};

}  // namespace

RawFile read_json_records(JsonText text, const std::string& path, bool ndjson, Diagnostics& diagnostics,
                          const RecordSink& sink) {
  JsonRecordReader reader(text, path, diagnostics);
  return reader.read(ndjson, sink);
}

RawFile read_ndjson_part(JsonText text, std::size_t begin, std::size_t end, int first_line, const std::string& path,
                         Diagnostics& diagnostics, const RecordSink& sink) {
  JsonRecordReader reader(text, path, diagnostics);
  reader.limit_to(begin, end, first_line);
  return reader.read(/*ndjson=*/true, sink);
}

}  // namespace govscore
