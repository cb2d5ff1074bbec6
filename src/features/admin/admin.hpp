#pragma once
// The admin area (/admin): what the people who run a certhub need. Only accounts with the admin
// flag (`certhub user add EMAIL --admin`) see it; everyone else, logged in or not, gets the same
// 404 as for an address that does not exist, on every admin URL.
#include <optional>

#include "web/app.hpp"

namespace certhub {

// The visitor when it is an admin; nullopt otherwise (answer with admin_not_found()).
std::optional<Sessions::Visitor> admin_visitor(App& app, const Request& req);
Response admin_not_found(App& app);

// An admin page: the layout, no-store, the admin section of the navigation.
Response admin_page(App& app, const std::string& title, const std::string& template_name,
                    const View& data, int status = 200);

}  // namespace certhub
