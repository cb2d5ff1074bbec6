// Every hub page rendered by the App on the shipped content, without a network: the page
// rules (one h1, title, description, labels, no inline style or outside asset) on all of them.
#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <random>
#include <set>

#include "content/loader.hpp"
#include "features/wiring.hpp"
#include "web/app.hpp"

namespace certhub {
namespace {
namespace fs = std::filesystem;

// The value of the first `attr="..."` after `marker`, or nullopt. (std::regex trips a false
// -Wmaybe-uninitialized in g++ 12 sanitizer builds, so the pages are scanned by hand.)
std::optional<std::string> attribute_after(const std::string& html, const std::string& marker,
                                           const std::string& attr) {
  auto at = html.find(marker);
  if (at == std::string::npos) return std::nullopt;
  auto start = html.find(attr + "=\"", at);
  if (start == std::string::npos) return std::nullopt;
  start += attr.size() + 2;
  return html.substr(start, html.find('"', start) - start);
}

// The ids of the visible form controls (inputs other than hidden ones, and selects).
std::vector<std::string> control_ids(const std::string& html) {
  std::vector<std::string> ids;
  for (const std::string tag : {"<input", "<select"}) {
    for (auto at = html.find(tag); at != std::string::npos; at = html.find(tag, at + 1)) {
      std::string element = html.substr(at, html.find('>', at) - at);
      if (element.find("type=\"hidden\"") != std::string::npos) continue;
      auto id = attribute_after(element, tag, " id");
      ids.push_back(id ? *id : "(no id)");
    }
  }
  return ids;
}

// A response's bytes, whether its own or shared with the page cache.
std::string html_of(const Response& r) {
  return std::string(r.bytes());
}

size_t count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1))
    ++n;
  return n;
}

class HubPagesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::random_device rd;
    dir_ = new fs::path(fs::temp_directory_path() / ("certhub-hub-" + std::to_string(rd())));
    fs::create_directories(*dir_);
    store_ = open_store((*dir_ / "hub.db").string()).release();
    store_->migrate();
    auto loaded = load_content(CERTHUB_CONTENT);
    ASSERT_TRUE(loaded.catalog);
    // 2026-11-23T09:00:00Z, as the integration tests.
    app_ = new App(CERTHUB_CONTENT, loaded.catalog, *store_, [] { return 1795424400LL; });
    features_ = add_features(*app_).release();
  }
  static void TearDownTestSuite() {
    FeaturesDeleter{}(features_);
    delete app_;
    delete store_;
    fs::remove_all(*dir_);
    delete dir_;
  }

  static Response get(const std::string& target) {
    Request r;
    r.method = "GET";
    r.target = target;
    auto q = target.find('?');
    r.path = target.substr(0, q);
    if (q != std::string::npos) r.query = target.substr(q + 1);
    return app_->handle(r);
  }

  static std::vector<std::string> hub_pages() {
    auto catalog = app_->catalog();
    std::vector<std::string> pages{"/", "/routes", "/compare", "/courses",
                                   "/courses?certification=cspo&format=in-person"};
    for (const auto& f : catalog->families) pages.push_back("/families/" + f.id);
    for (const auto& c : catalog->certifications) pages.push_back("/certifications/" + c.id);
    for (const auto& f : catalog->featured) pages.push_back("/compare/" + f.a + "-vs-" + f.b);
    return pages;
  }

  static inline fs::path* dir_ = nullptr;
  static inline Store* store_ = nullptr;
  static inline App* app_ = nullptr;
  static inline Features* features_ = nullptr;
};

TEST_F(HubPagesTest, EveryPageFollowsThePageRules) {
  for (const auto& page : hub_pages()) {
    SCOPED_TRACE(page);
    auto r = get(page);
    ASSERT_EQ(r.status, 200);
    const auto html = html_of(r);
    EXPECT_EQ(count(html, "<h1"), 1u);
    EXPECT_EQ(count(html, "<main"), 1u);
    EXPECT_EQ(count(html.substr(0, html.find("</head>")), "<title>"), 1u);
    auto description = attribute_after(html, "<meta name=\"description\"", "content");
    ASSERT_TRUE(description);
    EXPECT_GE(description->size(), 20u);
    EXPECT_EQ(count(html, " style=\""), 0u) << "inline style attribute";
    EXPECT_EQ(count(html, "<script"), 1u) << "only the site's own module";
    EXPECT_EQ(count(html, "src=\"http"), 0u) << "asset from outside the server";
    EXPECT_EQ(count(html, "{{"), 0u) << "unrendered template tag";
    // Every visible form control has a label naming it.
    for (const auto& id : control_ids(html))
      EXPECT_EQ(count(html, "<label for=\"" + id + "\""), 1u) << id;
  }
}

TEST_F(HubPagesTest, FormControlsAreFound) {
  EXPECT_EQ(control_ids(html_of(get("/courses"))),
            (std::vector<std::string>{"f-certification", "f-format", "f-city", "f-month",
                                      "f-availability"}));
  EXPECT_EQ(control_ids(html_of(get("/certifications/cspo"))),
            (std::vector<std::string>{"request-email", "request-consent"}));
}

TEST_F(HubPagesTest, TitlesAreDistinct) {
  std::set<std::string> titles;
  for (const auto& page : hub_pages()) {
    if (page.find('?') != std::string::npos) continue;
    auto html = html_of(get(page));
    auto open = html.find("<title>");
    ASSERT_NE(open, std::string::npos) << page;
    open += 7;
    auto title = html.substr(open, html.find("</title>", open) - open);
    EXPECT_TRUE(titles.insert(title).second) << "repeated title on " << page << ": " << title;
  }
}

TEST_F(HubPagesTest, UnknownIdsAre404WithLinksToValidOnes) {
  for (const std::string page :
       {"/families/nope", "/certifications/nope", "/compare/csm-vs-nope", "/compare/nonsense"}) {
    SCOPED_TRACE(page);
    auto r = get(page);
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(count(html_of(r), "<h1"), 1u);
  }
  EXPECT_NE(html_of(get("/certifications/nope")).find("href=\"/certifications/csm\""),
            std::string::npos);
  EXPECT_NE(html_of(get("/families/nope")).find("href=\"/families/scrum-org\""), std::string::npos);
  EXPECT_NE(html_of(get("/compare/csm-vs-nope")).find("href=\"/certifications/pspo-i\""),
            std::string::npos);
}

TEST_F(HubPagesTest, StatusPagesCarryTheRequestFormAndLivePagesDoNot) {
  auto status_page = get("/certifications/cspo");
  EXPECT_NE(html_of(status_page).find("action=\"/certifications/cspo/requests#request\""),
            std::string::npos);
  EXPECT_NE(html_of(status_page).find("name=\"csrf_token\""), std::string::npos);
  bool sets_cookie = false;
  for (const auto& [name, value] : status_page.headers)
    sets_cookie |= name == "Set-Cookie" && value.starts_with("certhub_session=");
  EXPECT_TRUE(sets_cookie);
  auto live = get("/certifications/csm");
  EXPECT_EQ(html_of(live).find("/requests\""), std::string::npos);
  EXPECT_NE(html_of(live).find("href=\"/practice/csm/mock\""), std::string::npos);
}

}  // namespace
}  // namespace certhub
