// The account pages: plain HTML forms that work without JavaScript.
#include "features/accounts/passwords.hpp"
#include "features/accounts/routes.hpp"
#include "web/form.hpp"

namespace certhub {
namespace {

struct FormState {
  std::string email;
  std::optional<AccountError> error;
  std::string notice;
};

class Pages {
 public:
  Pages(App& app, Accounts& accounts) : app_(app), accounts_(accounts) {}

  Response sign_up_form(const Request& req, const Params&) {
    auto visitor = app_.sessions().visitor(req);
    if (visitor.account) return redirect("/account");
    return credentials_page(visitor, true, {}, 200);
  }

  Response log_in_form(const Request& req, const Params&) {
    auto visitor = app_.sessions().visitor(req);
    if (visitor.account) return redirect("/account");
    FormState state;
    if (auto query = parse_form(req.query)) state.notice = notice_for(field(*query, "done"));
    return credentials_page(visitor, false, state, 200);
  }

  Response sign_up(const Request& req, const Params&) { return credentials(req, true); }
  Response log_in(const Request& req, const Params&) { return credentials(req, false); }

  Response log_out(const Request& req, const Params&) {
    auto visitor = app_.sessions().visitor(req);
    auto form = parse_form(req.body);
    if (!form || !app_.sessions().csrf_ok(visitor, field(*form, "csrf_token"))) return expired();
    return moved_on("/", accounts_.log_out(req, visitor));
  }

  Response account(const Request& req, const Params&) {
    auto visitor = app_.sessions().visitor(req);
    if (!visitor.account) return redirect("/login");
    FormState state;
    if (auto query = parse_form(req.query)) state.notice = notice_for(field(*query, "done"));
    return account_page(visitor, state, 200);
  }

  // POST /account/email, /account/password, /account/logout-everywhere, /account/delete
  Response change(const Request& req, const Params& p) {
    auto visitor = app_.sessions().visitor(req);
    auto form = parse_form(req.body);
    if (!form || !app_.sessions().csrf_ok(visitor, field(*form, "csrf_token"))) return expired();
    if (!visitor.account) return redirect("/login");
    const auto& what = p.at("what");
    if (what == "email") {
      if (auto err =
              accounts_.change_email(req, visitor, field(*form, "email"), field(*form, "password")))
        return account_page(visitor, {"", err, ""}, err->status);
      return redirect("/account?done=email");
    }
    if (what == "password") {
      auto outcome = accounts_.change_password(req, visitor, field(*form, "current_password"),
                                               field(*form, "password"));
      if (auto* err = std::get_if<AccountError>(&outcome))
        return account_page(visitor, {"", *err, ""}, err->status);
      return moved_on("/account?done=password", std::get<Sessions::Visitor>(outcome));
    }
    if (what == "logout-everywhere")
      return moved_on("/login?done=everywhere", accounts_.log_out_everywhere(req, visitor));
    if (what == "delete") {
      if (field(*form, "confirm") != "yes")
        return account_page(
            visitor, {"", AccountError{422, "Tick the box to confirm the deletion.", ""}, ""}, 422);
      auto outcome = accounts_.delete_account(req, visitor, field(*form, "password"));
      if (auto* err = std::get_if<AccountError>(&outcome))
        return account_page(visitor, {"", *err, ""}, err->status);
      return moved_on("/login?done=deleted", std::get<Sessions::Visitor>(outcome));
    }
    return app_.error(404);
  }

 private:
  Response credentials(const Request& req, bool signup) {
    auto visitor = app_.sessions().visitor(req);
    auto form = parse_form(req.body);
    if (!form || !app_.sessions().csrf_ok(visitor, field(*form, "csrf_token"))) return expired();
    if (auto limited = app_.over_limit(signup ? kSignUps : kLogIns, req)) return *limited;
    auto email = field(*form, "email");
    auto password = field(*form, "password");
    auto outcome = signup ? accounts_.sign_up(req, visitor, email, password)
                          : accounts_.log_in(req, visitor, email, password);
    if (auto* err = std::get_if<AccountError>(&outcome)) {
      // The email is shown again (escaped; cut to the field's limit), never the password.
      auto r = credentials_page(
          visitor, signup, {email.substr(0, std::min(email.size(), kMaxEmailLength)), *err, ""},
          err->status);
      if (err->retry_after > 0) r.header("Retry-After", std::to_string(err->retry_after));
      return r;
    }
    return moved_on("/progress", std::get<Sessions::Visitor>(outcome));
  }

  Response credentials_page(const Sessions::Visitor& visitor, bool signup, const FormState& state,
                            int status) {
    View v;
    v.set("signup", view_bool(signup));
    v.set("heading", signup ? "Create an account" : "Log in");
    v.set("lead", signup ? "An account keeps your attempts, progress and drill cards on every "
                           "device. What you practised in this browser comes with you."
                         : "Log in to see your progress on this device. What you practised here "
                           "while logged out is added to your account.");
    v.set("action", signup ? "/signup" : "/login");
    v.set("button", signup ? "Create account" : "Log in");
    v.set("password_help", signup ? "At least 10 characters; a few unrelated words work well."
                                  : "Forgotten it? Ask the people who run this certhub to set a "
                                    "new one.");
    v.set("csrf_token", visitor.csrf_token);
    v.set("email", state.email);
    v.set("notice", state.notice.empty() ? view_bool(false) : View(state.notice));
    set_error(v, state.error);
    auto title = signup ? "Create an account" : "Log in";
    return page(visitor,
                {title, signup ? "Create a certhub account." : "Log in to certhub.", "account"},
                "account_form", v, status);
  }

  Response account_page(const Sessions::Visitor& visitor, const FormState& state, int status) {
    View v;
    v.set("email", visitor.account->email);
    v.set("admin", view_bool(visitor.account->admin));
    v.set("csrf_token", visitor.csrf_token);
    v.set("notice", state.notice.empty() ? view_bool(false) : View(state.notice));
    set_error(v, state.error);
    return page(visitor, {"Your account", "Your certhub account and data.", "account"}, "account",
                v, status);
  }

  static void set_error(View& v, const std::optional<AccountError>& error) {
    v.set("error", error ? View(error->message) : view_bool(false));
    v.set("email_invalid", view_bool(error && error->field == "email"));
    v.set("password_invalid", view_bool(error && error->field == "password"));
  }

  static std::string notice_for(const std::string& done) {
    if (done == "email") return "Your email address is changed.";
    if (done == "password") return "Your password is changed. Other devices are logged out.";
    if (done == "everywhere") return "You are logged out on every device.";
    if (done == "deleted") return "Your account and all its data are deleted.";
    return {};
  }

  Response page(const Sessions::Visitor& visitor, const PageMeta& meta, const std::string& name,
                const View& v, int status) {
    auto r = app_.page(meta, name, v, status);
    r.header("Cache-Control", "no-store");
    Sessions::remember(r, visitor);
    return r;
  }

  // After a log-in, log-out or new password: the new session's cookie goes with the redirect.
  static Response moved_on(const std::string& location, const Sessions::Visitor& visitor) {
    auto r = redirect(location);
    Sessions::remember(r, visitor);
    return r;
  }

  Response expired() {
    return app_.error(403, "This form has expired. Go back, reload the page and try again.");
  }

  App& app_;
  Accounts& accounts_;
};

}  // namespace

void add_account_page_routes(Router& r, App& app, Accounts& accounts) {
  auto pages = std::make_shared<Pages>(app, accounts);
  auto bind = [pages](Response (Pages::*method)(const Request&, const Params&)) {
    return [pages, method](const Request& q, const Params& p) { return ((*pages).*method)(q, p); };
  };
  r.add("GET", "/signup", bind(&Pages::sign_up_form));
  r.add("POST", "/signup", bind(&Pages::sign_up));
  r.add("GET", "/login", bind(&Pages::log_in_form));
  r.add("POST", "/login", bind(&Pages::log_in));
  r.add("POST", "/logout", bind(&Pages::log_out));
  r.add("GET", "/account", bind(&Pages::account));
  r.add("POST", "/account/{what}", bind(&Pages::change));
}

}  // namespace certhub
