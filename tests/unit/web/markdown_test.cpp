#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "web/view.hpp"

namespace certhub {
namespace {

// Found by tests/fuzz (markdown): md4c 0.4.8 read past the end of a text that ends inside a
// link destination, and crashed when the bytes after it closed the link.
TEST(MarkdownTest, ATextEndingInALinkDestinationStaysInside) {
  std::string buffer = "[a](b" + std::string(64, ')');
  EXPECT_EQ(markdown_html(std::string_view(buffer).substr(0, 5)), "<p>[a](b</p>\n");
}

TEST(MarkdownTest, RawHtmlIsText) {
  EXPECT_EQ(markdown_html("**b** <script>x</script>"),
            "<p><strong>b</strong> &lt;script&gt;x&lt;/script&gt;</p>\n");
}

}  // namespace
}  // namespace certhub
