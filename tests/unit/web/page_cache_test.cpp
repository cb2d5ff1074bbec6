// fill_holes: how a status page rendered once gets each visitor's token and the current count.
#include <gtest/gtest.h>

#include "web/page_cache.hpp"

namespace certhub {
namespace {

TEST(FillHoles, ReplacesEveryMarkerWithItsValue) {
  auto page = fill_holes(
      "<input "
      "value=\"certhub-hole-csrf-x\"><p>certhub-hole-count-x.</p><p>certhub-hole-count-x</p>",
      {{"certhub-hole-csrf-x", "abc123"}, {"certhub-hole-count-x", "2 people asked"}});
  EXPECT_EQ(page, "<input value=\"abc123\"><p>2 people asked.</p><p>2 people asked</p>");
}

TEST(FillHoles, LeavesTextWithoutMarkersAndUnknownMarkersAsTheyAre) {
  EXPECT_EQ(fill_holes("no holes here", {{"certhub-hole-a", "1"}}), "no holes here");
  EXPECT_EQ(fill_holes("certhub-hole-b and certhub-hole-a", {{"certhub-hole-a", "1"}}),
            "certhub-hole-b and 1");
  EXPECT_EQ(fill_holes("", {{"certhub-hole-a", "1"}}), "");
  EXPECT_EQ(fill_holes("certhub-hole-acerthub-hole-a", {{"certhub-hole-a", "<1>"}}), "<1><1>");
}

}  // namespace
}  // namespace certhub
