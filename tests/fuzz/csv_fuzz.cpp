// libFuzzer target: see fuzz_entries.hpp, csv_input.
#include "fuzz_entries.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  govscore::fuzz::csv_input(data, size);
  return 0;
}
