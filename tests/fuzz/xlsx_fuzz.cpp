// libFuzzer target: see fuzz_entries.hpp, xlsx_input.
#include "fuzz_entries.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  govscore::fuzz::xlsx_input(data, size);
  return 0;
}
