// Markdown rendering of content (web/view's markdown_html, md4c with raw HTML off): question
// stems and explanations, family intros, review rules. Content authors must not be able to
// inject markup, so no tag may come out that a Markdown construct does not make.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "web/view.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view markdown(reinterpret_cast<const char*>(data), size);
  auto html = certhub::markdown_html(markdown);
  // Raw HTML is off: a <script, <iframe or on...= attribute can only come from the input.
  for (std::string_view bad : {"<script", "<iframe", "<style", "<object", "<svg"})
    if (html.find(bad) != std::string::npos) std::abort();
  return 0;
}
