#pragma once
// HTML escaping for markup built in code (SVG, attribute fragments); templates escape by
// themselves.
#include <string>
#include <string_view>

namespace certhub {

std::string escape_html(std::string_view text);

}  // namespace certhub
