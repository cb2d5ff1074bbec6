// Every feature of the site, created and routed in one place.
#include "features/wiring.hpp"

#include "features/accounts/routes.hpp"
#include "features/admin/routes.hpp"
#include "features/hub/routes.hpp"
#include "features/learning/routes.hpp"
#include "features/ops/routes.hpp"
#include "features/practice/routes.hpp"
#include "features/reports/routes.hpp"

namespace certhub {

struct Features {
  explicit Features(App& app)
      : practice(app),
        learning(app, [this](const std::string& learner,
                             int limit) { return practice.history(learner, limit); }),
        accounts(app),
        item_stats(app) {}
  Practice practice;
  Learning learning;
  Accounts accounts;
  ItemStatistics item_stats;
};

void FeaturesDeleter::operator()(Features* features) const {
  delete features;
}

FeaturesPtr add_features(App& app, const FeatureOptions& options) {
  FeaturesPtr features(new Features(app));
  auto& r = app.router();
  add_ops_routes(r, app, options.metrics_allow);
  add_hub_routes(r, app);

  auto& practice = features->practice;
  practice.keep_attempts_in_memory(options.attempts_in_memory);
  app.on_reload([&practice](const CatalogPtr&) { practice.content_reloaded(); });
  add_practice_routes(r, app, practice);
  auto& learning = features->learning;
  app.on_reload([&learning](const CatalogPtr&) { learning.content_reloaded(); });
  add_learning_routes(r, app, learning);
  add_account_routes(r, app, features->accounts);
  add_report_routes(r, app);
  add_admin_routes(r, app, features->item_stats);
  return features;
}

}  // namespace certhub
