#include "features/admin/admin.hpp"

namespace certhub {

std::optional<Sessions::Visitor> admin_visitor(App& app, const Request& req) {
  auto visitor = app.sessions().visitor(req);
  if (!visitor.account || !visitor.account->admin) return std::nullopt;
  return visitor;
}

Response admin_not_found(App& app) {
  return app.error(404);  // word for word the answer to an address that does not exist
}

Response admin_page(App& app, const std::string& title, const std::string& template_name,
                    const View& data, int status) {
  auto r =
      app.page({title + " · admin", "certhub admin area.", "admin"}, template_name, data, status);
  r.header("Cache-Control", "no-store");
  return r;
}

}  // namespace certhub
