#pragma once
// The route table as plain data: one place lists every route, and a test can read it.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "web/http.hpp"

namespace certhub {

using Params = std::map<std::string, std::string, std::less<>>;
using Handler = std::function<Response(const Request&, const Params&)>;

struct Route {
  std::string method;   // GET, POST, PUT ...; GET routes answer HEAD too
  std::string pattern;  // "/certifications/{id}"; a {name} segment matches one path segment
  Handler handler;
};

struct RouteMatch {
  const Route* route = nullptr;  // null: no route for this method
  Params params;
  std::vector<std::string> allowed;  // methods the path does accept, for 405's Allow header
};

class Router {
 public:
  void add(std::string method, std::string pattern, Handler handler);
  RouteMatch match(std::string_view method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

// "/a/{x}" against "/a/b" → {x: b}; false when the shapes differ.
bool match_pattern(std::string_view pattern, std::string_view path, Params& params);

}  // namespace certhub
