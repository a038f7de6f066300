#include "io/file_text.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/fresh_memory.hpp"
#include "util/text.hpp"

namespace govscore::text {

FileText::FileText(const std::string& path, std::size_t max_bytes) {
  // Asked of the path, not of an open file: opening a named pipe to look
  // at it, then again to read it, would lose what its writer sent first.
  struct stat st {};
  int fd = -1;
  if (::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && static_cast<std::size_t>(st.st_size) <= max_bytes &&
      st.st_size > 0 && (fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC)) >= 0) {
    // Reserve the file's pages and the padding's as zero pages, then map
    // the file over the front: the bytes past its end read as zeros.
    const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    size_ = static_cast<std::size_t>(st.st_size);
    mapped_bytes_ = (size_ + kReadPadding + page - 1) / page * page;
    void* area = ::mmap(nullptr, mapped_bytes_, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    void* file = area == MAP_FAILED ? MAP_FAILED : ::mmap(area, size_, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0);
    // Emscripten's in-memory file system maps a copy elsewhere instead of
    // honouring MAP_FIXED: that copy is not padded, so it is read instead.
    if (file != MAP_FAILED && file != area) ::munmap(file, size_);
    if (file != MAP_FAILED && file == area) {
      mapping_ = area;
      data_ = static_cast<const char*>(area);
      ::close(fd);
      fresh_memory::populate_read(data_, size_);  // mapped now rather than page by page as it is read
      return;
    }
    if (area != MAP_FAILED) ::munmap(area, mapped_bytes_);
    mapped_bytes_ = 0;
  }
  if (fd >= 0) ::close(fd);
  // Not mappable (a pipe, an empty or oversized file, a directory): read_file
  // reads it or says why not.
  read_ = read_file(path, max_bytes);
  data_ = read_.data();
  size_ = read_.size();
}

FileText::~FileText() {
  if (mapping_) ::munmap(mapping_, mapped_bytes_);
}

}  // namespace govscore::text
