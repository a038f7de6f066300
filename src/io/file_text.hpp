// A records file's bytes, ready for the JSON parser (internal header).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace govscore::text {

// The bytes of a file with at least kReadPadding readable zero bytes after
// them (simdjson reads ahead in blocks). A regular file is mapped from the
// page cache instead of copied, so that a national quarter (~200 MB) needs
// neither the copy nor fresh memory to hold it; the file must not change
// while it is mapped. Anything else (a pipe) is read.
class FileText {
 public:
  // Throws govscore::Error, worded as read_file's, when the file cannot be
  // read or is larger than `max_bytes`.
  FileText(const std::string& path, std::size_t max_bytes);
  ~FileText();
  FileText(const FileText&) = delete;
  FileText& operator=(const FileText&) = delete;

  [[nodiscard]] std::string_view view() const { return {data_, size_}; }

 private:
  std::string read_;         // a file that could not be mapped
  void* mapping_ = nullptr;  // else the mapping: the file, then zero pages
  std::size_t mapped_bytes_ = 0;
  const char* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace govscore::text
