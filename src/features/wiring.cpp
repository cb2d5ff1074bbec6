// Every feature of the site, created and routed in one place.
#include "features/wiring.hpp"

#include "features/accounts/routes.hpp"
#include "features/admin/routes.hpp"
#include "features/hub/routes.hpp"
#include "features/learning/routes.hpp"
#include "features/notifications/routes.hpp"
#include "features/ops/routes.hpp"
#include "features/practice/routes.hpp"
#include "features/reports/routes.hpp"

namespace certhub {

struct Features {
  Features(App& app, const FeatureOptions& options)
      : practice(app),
        learning(app, [this](const std::string& learner,
                             int limit) { return practice.history(learner, limit); }),
        accounts(app),
        item_stats(app),
        notifications(app, options.notify) {}
  Practice practice;
  Learning learning;
  Accounts accounts;
  ItemStatistics item_stats;    // its worker is joined when destroyed
  Notifications notifications;  // last: its worker stops first
};

void FeaturesDeleter::operator()(Features* features) const {
  delete features;
}

FeaturesPtr add_features(App& app, const FeatureOptions& options) {
  FeaturesPtr features(new Features(app, options));
  auto& r = app.router();
  add_ops_routes(r, app, options.metrics_allow);
  add_hub_routes(r, app);

  auto& practice = features->practice;
  practice.keep_attempts_in_memory(options.attempts_in_memory);
  if (options.question_html_bytes) practice.set_question_html_budget(options.question_html_bytes);
  app.add_cache("attempts", [&practice] { return practice.attempt_cache_stats(); });
  app.add_cache("question_html", [&practice] { return practice.question_html_stats(); });
  app.on_reload([&practice](const CatalogPtr&) { practice.content_reloaded(); });
  app.on_learner_gone([&practice](const std::string& learner) { practice.learner_gone(learner); });
  add_practice_routes(r, app, practice);
  auto& learning = features->learning;
  app.on_reload([&learning](const CatalogPtr&) { learning.content_reloaded(); });
  if (options.readiness_bytes) learning.set_memo_budget(options.readiness_bytes);
  app.add_cache("readiness", [&learning] { return learning.memo_stats(); });
  add_learning_routes(r, app, learning);
  add_account_routes(r, app, features->accounts);
  add_report_routes(r, app);
  add_admin_routes(r, app, features->item_stats);
  auto& notifications = features->notifications;
  add_notification_routes(r, app, notifications);
  // A route that became live is noticed at start (content changed while stopped) and on reload.
  notifications.record_statuses(app.catalog());
  app.on_reload(
      [&notifications](const CatalogPtr& catalog) { notifications.record_statuses(catalog); });
  notifications.start();
  return features;
}

}  // namespace certhub
