// The arena behind a batch's texts. Internal to the loader.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

namespace govscore {

// Where the records' texts live (ids, names, owners …), shared by every copy
// of the batch: the records files themselves, mapped, where a text is
// written as is (most are), else blocks of copies that never move. A
// Record's texts are views into them, so a million records need no heap
// string each — and no copy: the 65 MB of copies a national quarter made
// were fresh memory, the dearest thing a run uses (docs/performance.md).
class TextStore {
 public:
  // `text` itself when it lies in the bytes held (see hold), else a copy;
  // either lives as long as the store.
  std::string_view keep(std::string_view text);
  // Keeps `owner`, which holds `bytes` (a records file), alive as long as
  // the store, so that keep() need not copy texts lying in them.
  void hold(std::shared_ptr<const void> owner, std::string_view bytes);

 private:
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* next_ = nullptr;
  std::size_t left_ = 0;  // bytes free in the last block
  std::vector<std::shared_ptr<const void>> owners_;
  std::string_view held_;  // the bytes of the last owner held: the file being read
};

}  // namespace govscore
