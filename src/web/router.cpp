#include "web/router.hpp"

#include <algorithm>

namespace certhub {

void Router::add(std::string method, std::string pattern, Handler handler) {
  routes_.push_back({std::move(method), std::move(pattern), std::move(handler)});
}

bool match_pattern(std::string_view pattern, std::string_view path, Params& params) {
  params.clear();
  while (true) {
    if (pattern.empty() || path.empty()) return pattern.empty() && path.empty();
    if (pattern.front() != '/' || path.front() != '/') return false;
    pattern.remove_prefix(1);
    path.remove_prefix(1);
    auto pat_seg = pattern.substr(0, pattern.find('/'));
    auto path_seg = path.substr(0, path.find('/'));
    if (pat_seg.size() > 2 && pat_seg.front() == '{' && pat_seg.back() == '}') {
      if (path_seg.empty()) return false;
      params.emplace(std::string(pat_seg.substr(1, pat_seg.size() - 2)), std::string(path_seg));
    } else if (pat_seg != path_seg) {
      return false;
    }
    pattern.remove_prefix(pat_seg.size());
    path.remove_prefix(path_seg.size());
  }
}

RouteMatch Router::match(std::string_view method, std::string_view path) const {
  RouteMatch result;
  std::string_view wanted = method == "HEAD" ? "GET" : method;
  Params params;
  for (const auto& route : routes_) {
    if (!match_pattern(route.pattern, path, params)) continue;
    if (route.method == wanted && !result.route) {
      result.route = &route;
      result.params = params;
    }
    if (std::find(result.allowed.begin(), result.allowed.end(), route.method) ==
        result.allowed.end())
      result.allowed.push_back(route.method);
  }
  if (std::find(result.allowed.begin(), result.allowed.end(), "GET") != result.allowed.end())
    result.allowed.push_back("HEAD");
  return result;
}

}  // namespace certhub
