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
  // md4c is not compiled with the sanitizers, so a read past the end of its input is seen only
  // when it changes what md4c does. So the input is followed by bytes that close every
  // construct a read past the end could find unclosed (md4c 0.4.8 crashed on "[a](b" followed
  // by a ')'), and a view of the input alone is rendered.
  std::string padded(reinterpret_cast<const char*>(data), size);
  padded.append(64, ')').append(64, '>').append(64, '"').append(64, ']');
  auto html = certhub::markdown_html(std::string_view(padded).substr(0, size));
  // Raw HTML is off: a <script, <iframe or on...= attribute can only come from the input.
  for (std::string_view bad : {"<script", "<iframe", "<style", "<object", "<svg"})
    if (html.find(bad) != std::string::npos) std::abort();
  return 0;
}
