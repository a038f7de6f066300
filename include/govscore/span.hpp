// Span: a view of values held elsewhere, as std::string_view is of text.
#pragma once

#include <cstddef>

namespace govscore {

// `size` values of type T from `data`, read-only. Copyable; it owns
// nothing: the values live as long as whatever holds them (for a Record,
// its batch's storage).
template <typename T>
class Span {
 public:
  Span() = default;
  Span(const T* data, std::size_t size) : data_(data), size_(size) {}

  [[nodiscard]] const T* begin() const { return data_; }
  [[nodiscard]] const T* end() const { return data_ + size_; }
  [[nodiscard]] const T* data() const { return data_; }
  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] bool empty() const { return size_ == 0; }
  [[nodiscard]] const T& operator[](std::size_t i) const { return data_[i]; }

 private:
  const T* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace govscore
