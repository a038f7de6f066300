// Streams a zip member through expat: see xlsx_part.hpp.
#include "load/xlsx_part.hpp"

#include <expat.h>
#include <zip.h>

#include <memory>

namespace govscore {
namespace {

std::string local_name(const char* name) {
  std::string_view n(name);
  auto colon = n.rfind(':');
  return std::string(colon == std::string_view::npos ? n : n.substr(colon + 1));
}

// What expat's callbacks reach: the caller's handlers and the parser, so
// that a handler's `stop` can halt it; the attribute list is reused.
struct Walk {
  XmlHandlers* handlers = nullptr;
  XML_Parser parser = nullptr;
  XmlAttributes attributes;
  bool doctype = false;
};

void halt_if_asked(Walk& walk) {
  if (walk.handlers->stop) XML_StopParser(walk.parser, XML_FALSE);
}

void on_start(void* data, const XML_Char* name, const XML_Char** attrs) {
  auto& walk = *static_cast<Walk*>(data);
  if (!walk.handlers->start) return;
  walk.attributes.items.clear();
  for (int i = 0; attrs[i]; i += 2) walk.attributes.items.emplace_back(local_name(attrs[i]), attrs[i + 1]);
  walk.handlers->start(local_name(name), walk.attributes);
  halt_if_asked(walk);
}

void on_end(void* data, const XML_Char* name) {
  auto& walk = *static_cast<Walk*>(data);
  if (!walk.handlers->end) return;
  walk.handlers->end(local_name(name));
  halt_if_asked(walk);
}

void on_text(void* data, const XML_Char* s, int len) {
  auto& walk = *static_cast<Walk*>(data);
  if (!walk.handlers->text) return;
  walk.handlers->text(std::string_view(s, static_cast<std::size_t>(len)));
  halt_if_asked(walk);
}

void on_doctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  auto& walk = *static_cast<Walk*>(data);
  walk.doctype = true;
  XML_StopParser(walk.parser, XML_FALSE);
}

Message where(XML_Parser parser) {
  return tr("line {0}, column {1}", XML_GetCurrentLineNumber(parser), XML_GetCurrentColumnNumber(parser) + 1);
}

}  // namespace

const std::string* XmlAttributes::find(std::string_view name) const {
  for (const auto& [key, value] : items)
    if (key == name) return &value;
  return nullptr;
}

PartOutcome walk_part(zip* archive, const std::string& name, XmlHandlers& handlers, std::size_t max_bytes) {
  PartOutcome outcome;
  zip_int64_t index = zip_name_locate(archive, name.c_str(), 0);
  if (index < 0) {
    outcome.kind = PartOutcome::Kind::kMissing;
    return outcome;
  }
  std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(zip_fopen_index(archive, static_cast<zip_uint64_t>(index), 0),
                                                          &zip_fclose);
  if (!file) {
    outcome.kind = PartOutcome::Kind::kUnreadable;
    outcome.reason = Message::verbatim(zip_strerror(archive));
    return outcome;
  }
  std::unique_ptr<XML_ParserStruct, decltype(&XML_ParserFree)> parser(XML_ParserCreate("UTF-8"), &XML_ParserFree);
  if (!parser) {
    outcome.kind = PartOutcome::Kind::kUnreadable;
    outcome.reason = tr("out of memory");
    return outcome;
  }
  Walk walk;
  walk.handlers = &handlers;
  walk.parser = parser.get();
  handlers.stop = false;
  XML_SetUserData(parser.get(), &walk);
  XML_SetElementHandler(parser.get(), on_start, on_end);
  XML_SetCharacterDataHandler(parser.get(), on_text);
  XML_SetStartDoctypeDeclHandler(parser.get(), on_doctype);

  // 64 KiB at a time: the inflated size a member declares may be a lie, so
  // the bytes that actually come out are what is counted.
  constexpr std::size_t kChunk = 64 * 1024;
  std::unique_ptr<char[]> chunk(new char[kChunk]);
  std::size_t total = 0;
  bool last = false;
  while (!last) {
    zip_int64_t n = zip_fread(file.get(), chunk.get(), kChunk);
    if (n < 0) {
      outcome.kind = PartOutcome::Kind::kUnreadable;
      outcome.reason = Message::verbatim(zip_file_strerror(file.get()));
      return outcome;
    }
    last = n == 0;
    total += static_cast<std::size_t>(n);
    if (total > max_bytes) {
      outcome.kind = PartOutcome::Kind::kTooLarge;
      return outcome;
    }
    if (XML_Parse(parser.get(), chunk.get(), static_cast<int>(n), last ? XML_TRUE : XML_FALSE) != XML_STATUS_OK) {
      if (walk.doctype) {
        outcome.kind = PartOutcome::Kind::kBadXml;
        outcome.reason = tr("{0}: a DOCTYPE, which no workbook part has", where(parser.get()));
      } else if (handlers.stop) {
        outcome.kind = PartOutcome::Kind::kStopped;
      } else {
        outcome.kind = PartOutcome::Kind::kBadXml;
        outcome.reason = tr("{0}: {1}", where(parser.get()), XML_ErrorString(XML_GetErrorCode(parser.get())));
      }
      return outcome;
    }
  }
  return outcome;
}

Message describe(const PartOutcome& outcome, const std::string& name, std::size_t max_bytes) {
  switch (outcome.kind) {
    case PartOutcome::Kind::kMissing:
      return tr("{0} is missing", name);
    case PartOutcome::Kind::kTooLarge:
      return tr("{0} inflates to more than {1} bytes ({2} MiB), the most govscore reads of one part of a workbook",
                name, max_bytes, max_bytes >> 20);
    case PartOutcome::Kind::kUnreadable:
      return tr("{0} cannot be inflated ({1})", name, outcome.reason);
    case PartOutcome::Kind::kBadXml:
      return tr("{0} is not valid XML ({1})", name, outcome.reason);
    case PartOutcome::Kind::kRead:
    case PartOutcome::Kind::kStopped:
      break;
  }
  return Message();
}

OpenZip open_zip(const std::string& content) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(content.data(), content.size(), 0, &error);
  zip_t* opened = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
  zip_error_fini(&error);
  if (!opened && source) zip_source_free(source);
  return OpenZip(opened, &zip_discard);
}

}  // namespace govscore
