// Messages and the compiled-in catalog. The catalog is a GNU .mo file
// (msgfmt's output) read in place: its msgids are sorted, so a lookup is a
// binary search, and nothing depends on setlocale or on locales installed on
// the machine (docs/language.md).
#include "govscore/message.hpp"

#include <cstdint>
#include <optional>

#include "util/catalog.hpp"

namespace govscore {
namespace {

// The .mo file as a table of (msgid, msgstr) pairs; empty when the bytes are
// not a well-formed catalog (then every message stays English).
class MoCatalog {
 public:
  MoCatalog(const unsigned char* bytes, std::size_t size) : bytes_(bytes), size_(size) {
    if (size_ < 28) return;
    const std::uint32_t magic = word(0);
    if (magic == 0xde120495u)
      big_endian_ = true;
    else if (magic != 0x950412deu)
      return;
    count_ = word(8);
    originals_ = word(12);
    translations_ = word(16);
    if (originals_ > size_ || translations_ > size_ || count_ > (size_ - originals_) / 8 ||
        count_ > (size_ - translations_) / 8) {
      count_ = 0;
      return;
    }
    for (std::uint32_t i = 0; i < count_; ++i)
      if (!entry(originals_, i) || !entry(translations_, i)) {
        count_ = 0;
        return;
      }
  }

  [[nodiscard]] std::size_t size() const { return count_; }

  // Sets `out` to the translation of `msgid`; false when the catalog has none (or
  // it is empty, which gettext also treats as missing).
  [[nodiscard]] bool find(std::string_view msgid, std::string_view& out) const {
    std::uint32_t low = 0, high = count_;
    while (low < high) {
      const std::uint32_t mid = low + (high - low) / 2;
      const std::string_view key = *entry(originals_, mid);
      const int order = key.compare(msgid);
      if (order == 0) {
        out = *entry(translations_, mid);
        return !out.empty();
      }
      if (order < 0)
        low = mid + 1;
      else
        high = mid;
    }
    return false;
  }

 private:
  [[nodiscard]] std::uint32_t word(std::size_t at) const {
    const unsigned char* p = bytes_ + at;
    if (big_endian_)
      return std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 | std::uint32_t{p[3]};
    return std::uint32_t{p[3]} << 24 | std::uint32_t{p[2]} << 16 | std::uint32_t{p[1]} << 8 | std::uint32_t{p[0]};
  }

  // String `i` of the table at `table`: a (length, offset) pair.
  [[nodiscard]] std::optional<std::string_view> entry(std::uint32_t table, std::uint32_t i) const {
    const std::uint32_t length = word(table + 8 * std::size_t{i});
    const std::uint32_t offset = word(table + 8 * std::size_t{i} + 4);
    if (offset > size_ || length >= size_ - offset) return std::nullopt;  // its NUL must be inside too
    return std::string_view(reinterpret_cast<const char*>(bytes_ + offset), length);
  }

  const unsigned char* bytes_;
  std::size_t size_;
  bool big_endian_ = false;
  std::uint32_t count_ = 0;
  std::uint32_t originals_ = 0;
  std::uint32_t translations_ = 0;
};

const MoCatalog& chinese() {
  static const MoCatalog catalog(catalog_detail::kChineseCatalog, catalog_detail::kChineseCatalogSize);
  return catalog;
}

}  // namespace

Message::Message(std::string msgid, std::vector<Message> args)
    : text_(std::move(msgid)), translated_(true), args_(std::move(args)) {}

Message Message::verbatim(std::string text) {
  Message m;
  m.text_ = std::move(text);
  return m;
}

std::string Message::str(Language language) const {
  if (!translated_) return text_;
  const std::string_view pattern = translate(text_, language);
  std::string out;
  out.reserve(pattern.size());
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    // `{N}` with N a run of digits naming an argument; anything else is text.
    if (pattern[i] == '{') {
      std::size_t j = i + 1;
      std::size_t n = 0;
      while (j < pattern.size() && pattern[j] >= '0' && pattern[j] <= '9' && j - i <= 3)
        n = n * 10 + static_cast<std::size_t>(pattern[j++] - '0');
      if (j > i + 1 && j < pattern.size() && pattern[j] == '}' && n < args_.size()) {
        out += args_[n].str(language);
        i = j;
        continue;
      }
    }
    out += pattern[i];
  }
  return out;
}

std::string_view translate(std::string_view msgid, Language language) {
  if (language == Language::kEnglish || msgid.empty()) return msgid;
  std::string_view found;
  if (chinese().find(msgid, found)) return found;
  return msgid;
}

std::size_t catalog_size() {
  const std::size_t n = chinese().size();
  return n > 0 ? n - 1 : 0;  // the header is the entry of the empty msgid
}

}  // namespace govscore
