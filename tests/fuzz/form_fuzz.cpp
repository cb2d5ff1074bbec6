// Form decoding (web/form): application/x-www-form-urlencoded bodies and query strings. Every
// decoded value, encoded again with url_encode, must decode to itself.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "web/form.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view encoded(reinterpret_cast<const char*>(data), size);
  auto form = certhub::parse_form(encoded);
  if (!form) return 0;
  for (const auto& [name, value] : *form) {
    if (certhub::fields(*form, name).empty()) std::abort();
    auto first = certhub::field(*form, name);
    auto again = certhub::parse_form("v=" + certhub::url_encode(value));
    if (!again || again->size() != 1 || certhub::field(*again, "v") != value) std::abort();
    (void)first;
  }
  // The raw input as one value: url_encode and parse_form must round-trip any bytes.
  auto raw = certhub::parse_form("v=" + certhub::url_encode(encoded));
  if (!raw || certhub::field(*raw, "v") != encoded) std::abort();
  return 0;
}
