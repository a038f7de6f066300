// Output files written whole or not at all: a temporary file beside the
// output, flushed to disk, then renamed over it, so that a reader (or a
// crash) never sees half a file and a failed write leaves the old one.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace govscore {

struct OutputOptions {
  // Files this run reads (the rule file, the records): an output that is
  // one of them, by identity (device and inode, through links), is refused.
  std::vector<std::string> inputs;
  // Told the name of the temporary file as soon as it exists, and "" once
  // it is gone (renamed into place or removed), so that a front end can
  // remove it if a signal ends the process meanwhile. Called on the
  // caller's thread. May be empty.
  std::function<void(const std::string& temporary)> on_temporary;
  // Where the output for a device or a FIFO is made before it is copied
  // in (the CLI gives $TMPDIR); empty: /tmp.
  std::string temporary_folder;
};

// Writes `path` with `fill`, which writes the file named `temp` (a new,
// empty file) and throws on failure. What `path` is decides how:
// - absent, or a regular file: `temp` is created beside it (0666 less the
//   umask), filled, flushed (fsync), renamed over `path`, and the folder is
//   flushed too;
// - a symbolic link: the file it leads to is replaced as above, the link
//   stays;
// - a character device or a FIFO (/dev/stdout, /dev/null, a named pipe):
//   `temp` is made in options.temporary_folder (else /tmp), filled,
//   and its bytes written into `path`, which is neither replaced nor
//   truncated;
// - anything else (a folder, a socket, a block device), or one of
//   `options.inputs`: refused.
// On any failure (an exception from `fill` included) the temporary file is
// removed, `path` is as it was, and govscore::Error names `path` and the
// reason (other exceptions from `fill` are rethrown as they are). Starts no
// thread and changes no process-wide state.
void replace_atomically(const std::string& path, const std::function<void(const std::string& temp)>& fill,
                        const OutputOptions& options = {});

// replace_atomically with `content` as the whole file.
void write_file_atomically(const std::string& path, const std::string& content, const OutputOptions& options = {});

}  // namespace govscore
