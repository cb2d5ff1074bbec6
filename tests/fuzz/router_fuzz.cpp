// The router's path matching and parameters (web/router): match_pattern on a pattern and a
// path from the input, and the real route table (every feature's routes) on a method and a
// path. Input: one byte choosing the method, then the path; a line break in it splits a
// pattern (before) from the path (after).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fuzz_app.hpp"
#include "web/router.hpp"

namespace {

// The pattern with each {name} segment replaced by its parameter: the path it matched.
std::string fill(std::string_view pattern, const certhub::Params& params) {
  std::string out;
  while (!pattern.empty()) {
    auto end = pattern.find('/', 1);
    auto seg = pattern.substr(0, end);
    if (seg.size() > 3 && seg[1] == '{' && seg.back() == '}')
      out += "/" + params.find(seg.substr(2, seg.size() - 3))->second;
    else
      out += seg;
    pattern.remove_prefix(seg.size());
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const char* const kMethods[] = {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "get"};
  if (size == 0) return 0;
  std::string_view method = kMethods[data[0] % (sizeof kMethods / sizeof *kMethods)];
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::string_view path = rest;
  if (auto nl = rest.find('\n'); nl != std::string_view::npos) {
    auto pattern = rest.substr(0, nl);
    path = rest.substr(nl + 1);
    certhub::Params params;
    if (certhub::match_pattern(pattern, path, params))
      for (const auto& [name, value] : params)
        if (value.empty() || value.find('/') != std::string::npos) std::abort();
  }

  const auto& router = certhub::fuzz::shared_app(~std::size_t{0}).app().router();
  auto match = router.match(method, path);
  if (match.route) {
    // The method's own route, among those the path accepts, and it gives back the path.
    if (match.allowed.empty()) std::abort();
    if (fill(match.route->pattern, match.params) != path) std::abort();
  }
  return 0;
}
