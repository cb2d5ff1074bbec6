#pragma once
// The route list: every feature, created and given its routes, in one place. A new feature
// adds its folder, a line here (in wiring.cpp) and a line in CMakeLists.txt.
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "features/notifications/notifications.hpp"
#include "web/app.hpp"

namespace certhub {

struct FeatureOptions {
  // Bytes of practice attempts kept in memory between requests; 0 (off) unless this process is
  // the store's sole writer (Store::claim_sole_writer).
  std::size_t attempts_in_memory = 0;
  // The other features' caches (core/cache_budget.hpp); 0 keeps each one's default.
  std::size_t question_html_bytes = 0;
  std::size_t readiness_bytes = 0;
  // Peer addresses /metrics answers (anyone else gets 404). A reverse proxy on the same host
  // connects from 127.0.0.1, so its configuration must not forward /metrics (docs/deploy.md).
  std::vector<std::string> metrics_allow = {"127.0.0.1", "::1"};
  // Email: the relay, the sender's address and the site's public address for links.
  NotifyOptions notify;
};

// The feature objects; they live as long as this does, which must outlast serving.
struct Features;
struct FeaturesDeleter {
  void operator()(Features* features) const;
};
using FeaturesPtr = std::unique_ptr<Features, FeaturesDeleter>;

// Creates each feature, adds its routes to `app` and its reload hook where it keeps state per
// content snapshot.
FeaturesPtr add_features(App& app, const FeatureOptions& options = {});

}  // namespace certhub
