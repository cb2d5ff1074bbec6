// The pages behind the links in certhub's emails. The signed token in the link is what allows
// the change, so these work without logging in (and without a CSRF token: a forged request
// would need the token). A GET only shows a button: mail scanners that open links change nothing.
#include <charconv>

#include "features/notifications/routes.hpp"
#include "web/form.hpp"

namespace certhub {
namespace {

class Pages {
 public:
  Pages(App& app, Notifications& notifications) : app_(app), notifications_(notifications) {}

  Response show(const Request& req, const Params& p) { return handle(req, p, false); }
  Response act(const Request& req, const Params& p) { return handle(req, p, true); }

 private:
  Response handle(const Request& req, const Params& p, bool acting) {
    const auto& what = p.at("what");
    if (what != "confirm" && what != "unsubscribe") return app_.error(404);
    // The token comes in the query (the link, and RFC 8058's one-click POST) or the form.
    auto token = field(parse_form(req.query).value_or(Form{}), "t");
    if (acting && token.empty()) token = field(parse_form(req.body).value_or(Form{}), "t");
    std::int64_t id = 0;
    const auto& text = p.at("id");
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    auto request = ec == std::errc{} && end == text.data() + text.size()
                       ? app_.store().update_requests().request(id)
                       : std::nullopt;
    if (!request || !notifications_.link_ok(what, *request, token))
      return app_.error(404,
                        "This link is not valid: it may have been altered or cut short, or the "
                        "address was deleted because it was never confirmed within 30 days.");
    const auto* cert = app_.catalog()->certification(request->certification);
    auto code = cert ? cert->code : request->certification;
    bool confirm = what == "confirm";
    View v;
    v.set("action", "/requests/" + text + "/" + what);
    v.set("token", token);
    v.set("email", request->email);
    v.set("code", code);
    v.set("route_href", "/certifications/" + request->certification);
    if (!acting) {
      bool done =
          confirm ? request->confirmed_at.has_value() : request->unsubscribed_at.has_value();
      v.set("ask", view_bool(!done));
      v.set("heading", confirm ? "Confirm your address" : "Unsubscribe");
      v.set("text", done
                        ? (confirm ? "This address is already confirmed."
                                   : "This address is already unsubscribed.")
                        : (confirm ? "Confirm that certhub may email " + request->email +
                                         " once, when " + code + " practice is available."
                                   : "Stop every message from certhub to " + request->email + "."));
      v.set("button", confirm ? "Confirm my address" : "Unsubscribe");
      return page(confirm ? "Confirm your address" : "Unsubscribe", v);
    }
    auto& store = app_.store().update_requests();
    // Counted once: pressing the button again changes nothing.
    if (confirm && store.confirm_request(id, app_.now()))
      app_.metrics().count(Event::email_confirmed);
    if (!confirm && store.unsubscribe_request(id, app_.now()))
      app_.metrics().count(Event::unsubscribe);
    v.set("ask", view_bool(false));
    v.set("heading", confirm ? "Address confirmed" : "Unsubscribed");
    v.set("text", confirm ? "Thank you. We will email " + request->email + " once, when " + code +
                                " practice is available."
                          : request->email + " gets no more messages from certhub.");
    return page(confirm ? "Address confirmed" : "Unsubscribed", v);
  }

  Response page(const std::string& title, const View& v) {
    auto r = app_.page({title, "Your certhub email settings.", ""}, "notify", v);
    r.header("Cache-Control", "no-store");
    return r;
  }

  App& app_;
  Notifications& notifications_;
};

}  // namespace

void add_notification_routes(Router& r, App& app, Notifications& notifications) {
  auto pages = std::make_shared<Pages>(app, notifications);
  r.add("GET", "/requests/{id}/{what}",
        [pages](const Request& q, const Params& p) { return pages->show(q, p); });
  r.add("POST", "/requests/{id}/{what}",
        [pages](const Request& q, const Params& p) { return pages->act(q, p); });
}

}  // namespace certhub
