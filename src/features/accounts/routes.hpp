#pragma once
// The accounts feature's routes: /signup, /login, /logout and /account with its forms
// (page_handlers.cpp), and /api/v1/accounts, /api/v1/login, /api/v1/logout and /api/v1/me
// (api_handlers.cpp), both served by one Accounts.
#include "features/accounts/accounts.hpp"
#include "web/app.hpp"

namespace certhub {

void add_account_page_routes(Router& r, App& app, Accounts& accounts);
void add_account_api_routes(Router& r, App& app, Accounts& accounts);

inline void add_account_routes(Router& r, App& app, Accounts& accounts) {
  add_account_page_routes(r, app, accounts);
  add_account_api_routes(r, app, accounts);
}

}  // namespace certhub
