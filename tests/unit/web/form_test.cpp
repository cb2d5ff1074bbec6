#include "web/form.hpp"

#include <gtest/gtest.h>

namespace certhub {
namespace {

// Found by tests/fuzz (form): an empty view with no data crashed inside Boost.URL (strlen).
TEST(FormTest, AnEmptyViewWithNoDataIsAnEmptyString) {
  auto empty = parse_form(std::string_view{});
  auto also_empty = parse_form("");
  ASSERT_TRUE(empty);
  ASSERT_TRUE(also_empty);
  EXPECT_EQ(*empty, *also_empty);
}

// Found by tests/fuzz (form): Boost.URL read the view as a C string, past its end.
TEST(FormTest, ReadsTheViewNotTheBufferAroundIt) {
  std::string_view first(std::string_view("a=1&b=2").substr(0, 3));
  auto form = parse_form(first);
  ASSERT_TRUE(form);
  EXPECT_EQ(form->size(), 1u);
  EXPECT_EQ(field(*form, "a"), "1");
}

TEST(FormTest, ARawNulIsMalformed) {
  EXPECT_FALSE(parse_form(std::string_view("a=1\0b=2", 7)));
}

TEST(FormTest, RepeatedNamesAndPlusAsSpace) {
  auto form = parse_form("selected=a&selected=b&name=two+words%21");
  ASSERT_TRUE(form);
  EXPECT_EQ(fields(*form, "selected"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(field(*form, "name"), "two words!");
  EXPECT_EQ(field(*form, "missing"), "");
}

}  // namespace
}  // namespace certhub
