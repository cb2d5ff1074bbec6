#include <gtest/gtest.h>

#include "web/router.hpp"

namespace certhub {
namespace {

Response ok(const Request&, const Params&) {
  return {};
}

TEST(Router, MatchesPathParameters) {
  Router r;
  r.add("GET", "/certifications/{id}", ok);
  r.add("POST", "/certifications/{id}/requests", ok);
  auto m = r.match("GET", "/certifications/csm");
  ASSERT_TRUE(m.route);
  EXPECT_EQ(m.params.at("id"), "csm");
  EXPECT_FALSE(r.match("GET", "/certifications/").route);
  EXPECT_FALSE(r.match("GET", "/certifications/csm/extra").route);
}

TEST(Router, HeadUsesGetRoutes) {
  Router r;
  r.add("GET", "/", ok);
  EXPECT_TRUE(r.match("HEAD", "/").route);
}

TEST(Router, ReportsAllowedMethodsForWrongMethod) {
  Router r;
  r.add("POST", "/certifications/{id}/requests", ok);
  r.add("GET", "/healthz", ok);
  auto m = r.match("GET", "/certifications/csm/requests");
  EXPECT_FALSE(m.route);
  EXPECT_EQ(m.allowed, (std::vector<std::string>{"POST"}));
  auto h = r.match("DELETE", "/healthz");
  EXPECT_EQ(h.allowed, (std::vector<std::string>{"GET", "HEAD"}));
  EXPECT_TRUE(r.match("GET", "/nowhere").allowed.empty());
}

}  // namespace
}  // namespace certhub
