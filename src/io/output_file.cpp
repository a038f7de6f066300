#include "govscore/output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <thread>

#include "govscore/error.hpp"

namespace govscore {
namespace {

std::string reason(int err) { return std::strerror(err); }

std::string folder_of(const std::string& path) {
  const auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

std::string base_of(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Where a chain of symbolic links from `path` ends (the path itself when it
// is no link): the file to replace. A link that leads nowhere yet names the
// file to create.
std::string resolve_links(const std::string& output) {
  std::string path = output;
  for (int hops = 0; hops < 40; ++hops) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return path;
    std::string target(static_cast<std::size_t>(st.st_size > 0 ? st.st_size : 4096) + 1, '\0');
    const ssize_t n = ::readlink(path.c_str(), target.data(), target.size());
    if (n < 0) throw Error(tr("{0}: cannot follow the link: {1}", output, reason(errno)));
    target.resize(static_cast<std::size_t>(n));
    path = target.empty() || target[0] == '/' ? target : folder_of(path) + "/" + target;
  }
  throw Error(tr("{0}: cannot follow the link: {1}", output, reason(ELOOP)));
}

bool same_file(const struct stat& a, const struct stat& b) { return a.st_dev == b.st_dev && a.st_ino == b.st_ino; }

// A new temporary file in `folder`, created with O_EXCL so that nothing
// else is ever overwritten, and with the mode the umask gives a new file.
std::string create_temporary(const std::string& folder, const std::string& base, const std::string& output) {
  // The pid, the thread and the clock make a name no other writer (another
  // thread, another process) picks at the same moment; O_EXCL settles the
  // rest.
  const std::size_t thread = std::hash<std::thread::id>()(std::this_thread::get_id());
  for (int attempt = 0; attempt < 100; ++attempt) {
    const auto now = std::chrono::steady_clock::now().time_since_epoch().count();
    char suffix[64];
    std::snprintf(suffix, sizeof suffix, "%d-%zx-%llx", static_cast<int>(::getpid()), thread,
                  static_cast<unsigned long long>(now) + static_cast<unsigned long long>(attempt));
    std::string name = folder + "/." + base + ".tmp-" + suffix;
    const int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) {
      ::close(fd);
      return name;
    }
    if (errno != EEXIST) throw Error(tr("{0}: cannot write: {1}", output, reason(errno)));
  }
  throw Error(tr("{0}: cannot write: no free temporary name in {1}", output, folder));
}

// Flushes `path` (a file or a folder) to disk.
int sync_path(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | flags);
  if (fd < 0) return errno;
  const int err = ::fsync(fd) == 0 ? 0 : errno;
  ::close(fd);
  return err;
}

// Copies the file `from` into the device or FIFO `to`, as a shell's `>`
// would, without truncating or replacing it.
void copy_into(const std::string& from, const std::string& to, const std::string& output) {
  const int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) throw Error(tr("{0}: cannot write: {1}", output, reason(errno)));
  const int out = ::open(to.c_str(), O_WRONLY | O_CLOEXEC);
  if (out < 0) {
    const int err = errno;
    ::close(in);
    throw Error(tr("{0}: cannot write: {1}", output, reason(err)));
  }
  char buffer[1 << 16];
  int err = 0;
  for (;;) {
    ssize_t n = ::read(in, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n < 0) err = errno;
      break;
    }
    for (ssize_t done = 0; done < n && err == 0;) {
      const ssize_t w = ::write(out, buffer + done, static_cast<std::size_t>(n - done));
      if (w < 0 && errno == EINTR) continue;
      if (w < 0)
        err = errno;
      else
        done += w;
    }
    if (err) break;
  }
  ::close(in);
  if (::close(out) != 0 && err == 0) err = errno;
  if (err) throw Error(tr("{0}: cannot write: {1}", output, reason(err)));
}

// The temporary file of one write: removed unless it was put in place.
class Temporary {
 public:
  Temporary(std::string name, const OutputOptions& options) : name_(std::move(name)), options_(options) {
    if (options_.on_temporary) options_.on_temporary(name_);
  }
  ~Temporary() {
    if (!name_.empty()) ::unlink(name_.c_str());
    if (options_.on_temporary) options_.on_temporary("");
  }
  Temporary(const Temporary&) = delete;
  Temporary& operator=(const Temporary&) = delete;
  [[nodiscard]] const std::string& name() const { return name_; }
  void placed() { name_.clear(); }

 private:
  std::string name_;
  const OutputOptions& options_;
};

void fill_temporary(const Temporary& temp, const std::string& output,
                    const std::function<void(const std::string& temp)>& fill) {
  try {
    fill(temp.name());
  } catch (const Error& e) {
    throw Error(tr("{0}: {1}", output, e.message()));
  }
}

}  // namespace

void replace_atomically(const std::string& output, const std::function<void(const std::string& temp)>& fill,
                        const OutputOptions& options) {
  if (output.empty()) throw Error(tr("an output file name is empty"));
  const std::string path = resolve_links(output);
  struct stat st {};
  const bool exists = ::stat(path.c_str(), &st) == 0;
  if (exists) {
    for (const auto& input : options.inputs) {
      struct stat in {};
      if (::stat(input.c_str(), &in) == 0 && same_file(st, in))
        throw Error(tr("{0}: is {1}, an input of this run; write the output to another file", output, input));
    }
    if (S_ISDIR(st.st_mode)) throw Error(tr("{0}: is a folder; give a file name", output));
    if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) {
      const std::string& folder = options.temporary_folder.empty() ? "/tmp" : options.temporary_folder;
      Temporary temp(create_temporary(folder, "govscore-output", output), options);
      fill_temporary(temp, output, fill);
      copy_into(temp.name(), path, output);
      return;
    }
    if (!S_ISREG(st.st_mode))
      throw Error(tr("{0}: is not a regular file, a device or a pipe; give a file name", output));
  }
  const std::string folder = folder_of(path);
  Temporary temp(create_temporary(folder, base_of(path), output), options);
  fill_temporary(temp, output, fill);
  if (int err = sync_path(temp.name(), 0)) throw Error(tr("{0}: cannot flush: {1}", output, reason(err)));
  if (::rename(temp.name().c_str(), path.c_str()) != 0)
    throw Error(tr("{0}: cannot replace: {1}", output, reason(errno)));
  temp.placed();
  // The rename is durable once the folder is flushed; a folder that cannot
  // be opened or flushed (some network file systems) still holds the file.
  (void)sync_path(folder, O_DIRECTORY);
}

void write_file_atomically(const std::string& path, const std::string& content, const OutputOptions& options) {
  replace_atomically(
      path,
      [&](const std::string& temp) {
        const int fd = ::open(temp.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
        if (fd < 0) throw Error(tr("cannot write: {0}", reason(errno)));
        std::size_t written = 0;
        while (written < content.size()) {
          const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
          if (n < 0 && errno == EINTR) continue;
          if (n < 0) {
            const int err = errno;
            ::close(fd);
            throw Error(tr("cannot write: {0}", reason(err)));
          }
          written += static_cast<std::size_t>(n);
        }
        if (::close(fd) != 0) throw Error(tr("cannot close: {0}", reason(errno)));
      },
      options);
}

}  // namespace govscore
