#include "load/id_index.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace govscore {

TEST_CASE("the id index keeps where each id was first seen, through growth") {
  // The index holds views: the ids' texts live here, as records' live in their store.
  std::vector<std::string> texts;
  for (int i = 0; i < 100000; ++i) texts.push_back("w-" + std::to_string(i));
  IdIndex ids;
  // Far past the first table (16 slots): every growth must keep every id.
  for (int i = 0; i < 100000; ++i)
    REQUIRE(ids.insert(texts[static_cast<std::size_t>(i)], {static_cast<std::uint32_t>(i % 3), i + 1}) == nullptr);
  ids.reserve(200000);  // room made ahead keeps every id too
  for (int i = 0; i < 100000; i += 997) {
    const RecordPlace* first = ids.find("w-" + std::to_string(i));
    REQUIRE(first);
    CHECK(first->file == static_cast<std::size_t>(i % 3));
    CHECK(first->line == i + 1);
  }
  // A second sighting reports the first place and changes nothing.
  const RecordPlace* again = ids.insert("w-42", {7, 9999});
  REQUIRE(again);
  CHECK(again->line == 43);
  CHECK(ids.find("w-42")->line == 43);
  // Ids that differ only at the end, the empty id and Chinese ids are distinct.
  CHECK(ids.find("w-100000") == nullptr);
  CHECK(ids.find("w-") == nullptr);
  CHECK(ids.insert("", {0, 1}) == nullptr);
  CHECK(ids.insert("大足区-1", {0, 2}) == nullptr);
  CHECK(ids.insert("大足区-1", {0, 3})->line == 2);
}

TEST_CASE("an empty id index finds nothing") {
  IdIndex ids;
  CHECK(ids.find("a") == nullptr);
  CHECK(ids.insert("a", {0, 1}) == nullptr);
  CHECK(ids.find("a")->line == 1);
}

}  // namespace govscore
