#include "features/hub/routes.hpp"

namespace certhub {

void add_hub_routes(Router& r, App& app) {
  add_home_routes(r, app);
  add_family_routes(r, app);
  add_certification_routes(r, app);
  add_compare_routes(r, app);
  add_course_routes(r, app);
}

}  // namespace certhub
