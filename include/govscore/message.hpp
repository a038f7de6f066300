// Messages in two languages: every sentence govscore says to a person is a
// Message, worded in English or Chinese when it is shown (docs/language.md).
// The English text is the key (a gettext msgid, marked with `tr` so that
// xgettext finds it); the Chinese comes from po/zh_CN.po, compiled into the
// library, so no locale needs to be installed. No language is kept globally:
// whoever shows a message says in which language.
#pragma once

#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace govscore {

enum class Language { kEnglish, kChinese };

// A sentence with its arguments. The msgid's `{0}`, `{1}` … stand for the
// arguments in order (a translation may reorder them); any other brace is
// literal text. An argument is a verbatim text (a name or value quoted from
// the input, never translated) or a Message of its own (a subject such as
// `record "dz-w-04"`, worded in the same language). Copyable value type.
class Message {
 public:
  Message() = default;
  // `msgid` worded with `args`; prefer tr(), which xgettext sees.
  Message(std::string msgid, std::vector<Message> args);

  // Text shown as it is in every language.
  [[nodiscard]] static Message verbatim(std::string text);

  // The message worded in `language`: the catalog's text for the msgid (the
  // msgid itself in English, or when the catalog lacks it), with each `{N}`
  // replaced by argument N worded in the same language. A `{N}` without an
  // argument is left as it is.
  [[nodiscard]] std::string str(Language language = Language::kEnglish) const;

  // The msgid, or the verbatim text.
  [[nodiscard]] const std::string& id() const { return text_; }
  [[nodiscard]] bool is_verbatim() const { return !translated_; }
  [[nodiscard]] const std::vector<Message>& args() const { return args_; }
  [[nodiscard]] bool empty() const { return text_.empty() && args_.empty(); }

 private:
  std::string text_;
  bool translated_ = false;
  std::vector<Message> args_;
};

namespace message_detail {
inline Message arg(Message m) { return m; }
inline Message arg(std::string text) { return Message::verbatim(std::move(text)); }
inline Message arg(const char* text) { return Message::verbatim(text); }
inline Message arg(std::string_view text) { return Message::verbatim(std::string(text)); }
template <class Number, class = std::enable_if_t<std::is_integral_v<Number> && !std::is_same_v<Number, bool>>>
Message arg(Number n) {
  return Message::verbatim(std::to_string(n));
}
}  // namespace message_detail

// The message `msgid` with `args` (texts, integers or Messages). The keyword
// xgettext extracts (po/update.sh): the msgid must be a string literal.
template <class... Args>
[[nodiscard]] Message tr(const char* msgid, Args&&... args) {
  return Message(msgid, std::vector<Message>{message_detail::arg(std::forward<Args>(args))...});
}

// The catalog's text for `msgid` in `language` (a view of the compiled-in
// catalog, valid for the whole program); `msgid` itself for English or when
// the catalog has none.
[[nodiscard]] std::string_view translate(std::string_view msgid, Language language);

// How many messages the compiled-in Chinese catalog holds (its header
// excluded); for tests.
[[nodiscard]] std::size_t catalog_size();

}  // namespace govscore
