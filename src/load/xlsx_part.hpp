// One part (zip member) of an .xlsx package, read as XML while it inflates
// (internal header). A part is never held whole: it is inflated in chunks
// and handed to expat chunk by chunk, and reading stops once more than
// limits::kMaxXlsxPartBytes have come out, so a zip bomb costs a bounded
// time and no memory beyond one chunk.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <memory>
#include <string>

#include "govscore/message.hpp"

struct zip;

namespace govscore {

// An element's attributes, namespace prefixes stripped ("r:id" → "id").
struct XmlAttributes {
  std::vector<std::pair<std::string, std::string>> items;
  // The value of attribute `name`, or nullptr when there is none.
  [[nodiscard]] const std::string* find(std::string_view name) const;
};

// What a walk over one part calls, element names with their namespace
// prefix stripped. A handler that sets `stop` ends the walk after it returns
// (the caller has found what it needed, or an error it reports itself).
struct XmlHandlers {
  std::function<void(const std::string& name, const XmlAttributes& attributes)> start;
  std::function<void(const std::string& name)> end;
  std::function<void(std::string_view text)> text;
  bool stop = false;
};

// How reading a part ended. Copyable value type.
struct PartOutcome {
  enum class Kind { kRead, kMissing, kTooLarge, kUnreadable, kBadXml, kStopped };
  Kind kind = Kind::kRead;
  Message reason;  // kUnreadable: libzip's reason; kBadXml: "line L, column C: expat's reason"
};

// Inflates member `name` of `zip` and walks it as XML with `handlers`,
// stopping past `max_bytes` inflated (kTooLarge), at the first XML error
// (kBadXml; a DOCTYPE is one: no workbook part has one, and refusing it keeps
// entity expansion out), or when a handler sets `stop` (kStopped).
// The zip archive in `content` (which must outlive it), opened for reading;
// null when `content` is not a zip archive.
using OpenZip = std::unique_ptr<zip, void (*)(zip*)>;
[[nodiscard]] OpenZip open_zip(const std::string& content);

[[nodiscard]] PartOutcome walk_part(zip* zip, const std::string& name, XmlHandlers& handlers, std::size_t max_bytes);

// "xl/worksheets/sheet1.xml inflates to more than 67108864 bytes …" and the
// like: what went wrong with part `name`, for a message (empty for kRead
// and kStopped).
[[nodiscard]] Message describe(const PartOutcome& outcome, const std::string& name, std::size_t max_bytes);

}  // namespace govscore
