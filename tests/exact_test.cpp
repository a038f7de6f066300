#include <catch2/catch.hpp>
#include "govscore/exact.hpp"
using govscore::Exact;
TEST_CASE("placeholder") { CHECK(Exact::parse("0.5")->str() == "0.5"); }
