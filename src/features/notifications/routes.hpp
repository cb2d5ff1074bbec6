#pragma once
// The notifications feature's routes: the pages the links in its emails open,
// /requests/{id}/confirm and /requests/{id}/unsubscribe (page_handlers.cpp).
#include "features/notifications/notifications.hpp"
#include "web/app.hpp"

namespace certhub {

void add_notification_routes(Router& r, App& app, Notifications& notifications);

}  // namespace certhub
