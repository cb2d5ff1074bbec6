// Certification pages (/certifications/{id}) and the request-an-update form behind them.
#include "core/html.hpp"
#include "core/hub_courses.hpp"
#include "core/hub_format.hpp"
#include "core/hub_routes.hpp"
#include "features/hub/routes.hpp"
#include "features/hub/views.hpp"
#include "web/form.hpp"

namespace certhub {
namespace {

View fact_row(const Catalog& catalog, const std::string& label, const Fact& fact,
              const std::string& summary = {}) {
  View v;
  v.set("label", label);
  set_text(v, "summary", summary);
  v.set("text", fact.text);
  v.set("sources_html", sources_html(catalog, fact.sources));
  return v;
}

View detail(const std::string& term, const std::string& value) {
  View v;
  v.set("term", term);
  v.set("value", value);
  return v;
}

ViewList facts(const Catalog& catalog, const Certification& c) {
  ViewList rows;
  const Family* family = catalog.family(c.family);
  View awarding;
  awarding.set("label", std::string("Awarding family"));
  awarding.set("summary", family ? family->name : c.family);
  awarding.set("family_href", "/families/" + c.family);
  if (family) {
    awarding.set("text", family->summary);
    awarding.set("sources_html", sources_html(catalog, family->sources));
  }
  rows.push_back(awarding);
  rows.push_back(fact_row(catalog, "Official focus", c.focus));
  rows.push_back(fact_row(catalog, "Prerequisites", c.prerequisites));
  rows.push_back(fact_row(catalog, "Training", c.training.fact, training_summary(c.training)));
  if (c.exam) {
    View exam = fact_row(catalog, "Exam", c.exam->fact, exam_size_text(*c.exam));
    ViewList details;
    details.push_back(detail("Questions", std::to_string(c.exam->questions) + " questions"));
    details.push_back(detail("Time limit", std::to_string(c.exam->minutes) + " minutes"));
    details.push_back(detail("Pass mark", pass_mark_text(*c.exam)));
    if (!c.exam->types.empty())
      details.push_back(detail("Question types", join_words(c.exam->types)));
    details.push_back(detail("Languages", c.exam->languages.empty()
                                              ? std::string("Not published")
                                              : join_words(c.exam->languages)));
    exam.set("details", details);
    rows.push_back(exam);
  } else if (c.no_exam) {
    rows.push_back(fact_row(catalog, "Exam", *c.no_exam, "No exam"));
  }
  rows.push_back(fact_row(catalog, "Fees", c.fees));
  rows.push_back(fact_row(catalog, "Renewal", c.renewal.fact, renewal_summary(c.renewal)));
  if (c.retake) rows.push_back(fact_row(catalog, "Retake", *c.retake));
  return rows;
}

// The request form's state: what the visitor typed, what went wrong, what just happened.
struct RequestState {
  std::string email;
  bool consent = false;
  std::string error;       // shown above the form
  std::string error_for;   // "email" or "consent": the control the error belongs to
  bool requested = false;  // after a request: the same words whether or not it was new
};

// Where a status page's per-visitor parts go when it is rendered for the page cache: the rest
// of the page is rendered once per content version and day, and these are filled in for each
// request (letters, digits and dashes only, so escaping leaves them as they are).
constexpr std::string_view kCsrfHole = "certhub-hole-csrf-5d1c";
constexpr std::string_view kCountHole = "certhub-hole-count-5d1c";

// With `holes`, the CSRF token and the request count are markers, and no cookie is set.
Response certification_page(App& app, const Request& req, const std::string& id,
                            const RequestState& state, int status = 200, bool holes = false) {
  auto catalog = app.catalog();
  const Certification* c = catalog->certification(id);
  if (!c)
    return hub_missing_page(app, "No such certification",
                            "certhub has no certification with that address. These are the ones it "
                            "covers:",
                            certification_links(*catalog));
  const bool live = c->practice == PracticeStatus::live;
  View data = hub_cert_view(*catalog, *c);
  set_text(data, "level_name", c->level_name);
  data.set("audience", c->audience);
  data.set("tests_what", c->tests_what);
  data.set("facts", facts(*catalog, *c));

  auto pos = ladder_position(*catalog, c->id);
  data.set("standalone", view_bool(pos.steps <= 1));
  data.set("step", std::to_string(pos.step));
  data.set("steps", std::to_string(pos.steps));
  if (const Certification* p = catalog->certification(pos.previous))
    data.set("previous", hub_cert_view(*catalog, *p));
  if (const Certification* n = catalog->certification(pos.next))
    data.set("next", hub_cert_view(*catalog, *n));
  ViewList equivalents;
  for (const auto& e : equivalents_of(*catalog, c->id))
    if (const Certification* ec = catalog->certification(e)) {
      View v = hub_cert_view(*catalog, *ec);
      v.set("compare_href", "/compare/" + c->id + "-vs-" + ec->id);
      equivalents.push_back(v);
    }
  data.set("has_equivalents", view_bool(!equivalents.empty()));
  data.set("equivalents", equivalents);

  if (!c->domains.empty()) {
    ViewList domains;
    for (const auto& d : c->domains) {
      View v;
      v.set("name", d.name);
      v.set("weight", std::to_string(d.weight));
      v.set("covers", d.covers);
      domains.push_back(v);
    }
    data.set("domains", domains);
    data.set("has_domains", view_bool(true));
    data.set("estimate", view_bool(!c->official_weights));
  }
  ViewList notes;
  for (const auto& n : c->notes) notes.push_back(fact_row(*catalog, "", n));
  data.set("has_notes", view_bool(!notes.empty()));
  data.set("notes", notes);

  ViewList adjacent;
  for (const auto& a : c->adjacent)
    if (const Certification* ac = catalog->certification(a)) {
      View v = hub_cert_view(*catalog, *ac);
      v.set("compare_href", "/compare/" + c->id + "-vs-" + ac->id);
      adjacent.push_back(v);
    }
  data.set("adjacent", adjacent);
  data.set("has_adjacent", view_bool(!adjacent.empty()));

  data.set("featured", featured_view(*catalog, c->id));

  // The next few courses for this certification, with the full filtered list one click away.
  CourseFilter only_this;
  only_this.certification = c->id;
  auto upcoming = upcoming_courses(catalog->schedule, day_of(app.now()), only_this);
  ViewList courses;
  for (size_t i = 0; i < upcoming.size() && i < 3; ++i)
    courses.push_back(course_view(*catalog, *upcoming[i]));
  data.set("courses", courses);
  data.set("has_courses", view_bool(!courses.empty()));
  data.set("more_courses", view_bool(upcoming.size() > courses.size()));
  data.set("course_count", std::to_string(upcoming.size()));
  data.set("courses_href", "/courses?certification=" + c->id);
  data.set("courses_example", view_bool(catalog->schedule.example));

  auto visitor = app.sessions().visitor(req);
  if (live) {
    data.set("practice_href", "/practice/" + c->id);
    data.set("has_review", view_bool(catalog->review(c->id) != nullptr));
  } else {
    const Family* family = catalog->family(c->family);
    data.set("provider", family ? family->name : c->family);
    data.set("csrf_token", holes ? std::string(kCsrfHole) : visitor.csrf_token);
    data.set("count_text",
             holes ? std::string(kCountHole)
                   : request_count_text(app.store().update_requests().update_request_count(c->id)));
    data.set("email", state.email);
    data.set("consent", view_bool(state.consent));
    set_text(data, "error", state.error);
    data.set("email_error", view_bool(state.error_for == "email"));
    data.set("consent_error", view_bool(state.error_for == "consent"));
    data.set("requested", view_bool(state.requested));
  }

  std::string title = live ? c->code + " (" + c->name + "): facts, exam format and practice"
                           : c->code + " (" + c->name + "): practice status and exam guide";
  auto r = app.page({title, c->summary, "certifications"}, "certification", data, status);
  if (!live) {
    if (!holes) Sessions::remember(r, visitor);
    r.header("Cache-Control", "no-store");
  }
  return r;
}

Response certification_get(App& app, const Request& req, const std::string& id) {
  RequestState state;
  if (auto query = parse_form(req.query)) {
    state.requested = field(*query, "requested") == "1";
  }
  auto catalog = app.catalog();
  const Certification* c = catalog->certification(id);
  if (!c || c->practice == PracticeStatus::live) return certification_page(app, req, id, state);
  // A status page: rendered once with holes, then this visitor's token and today's count.
  auto key =
      "status|" + catalog->version + "|" + std::to_string(app.now() / 86400) + "|" + req.target;
  auto page = app.page_cache().find(key);
  if (!page) page = app.page_cache().keep(key, certification_page(app, req, id, state, 200, true));
  auto visitor = app.sessions().visitor(req);
  auto count =
      escape_html(request_count_text(app.store().update_requests().update_request_count(c->id)));
  Response r = *page;
  r.shared_body.reset();
  r.body = fill_holes(page->bytes(), {{kCsrfHole, visitor.csrf_token}, {kCountHole, count}});
  Sessions::remember(r, visitor);
  return r;
}

Response request_post(App& app, const Request& req, const std::string& id) {
  auto catalog = app.catalog();
  const Certification* c = catalog->certification(id);
  if (!c || c->practice == PracticeStatus::live)
    return hub_missing_page(app, "No such status page",
                            "Update requests are taken for certifications without live practice. "
                            "These are the certifications certhub covers:",
                            certification_links(*catalog));
  auto form = parse_form(req.body);
  auto visitor = app.sessions().visitor(req);
  if (!form || !app.sessions().csrf_ok(visitor, field(*form, "csrf_token"))) {
    View data;
    data.set("href", "/certifications/" + c->id + "#request");
    data.set("code", c->code);
    auto r = app.page({"Request not accepted",
                       "The form could not be accepted because its security token was missing "
                       "or out of date.",
                       ""},
                      "request_refused", data, 403);
    r.header("Cache-Control", "no-store");
    Sessions::remember(r, visitor);
    return r;
  }

  if (auto limited = app.over_limit(kUpdateRequests, req)) return *limited;

  RequestState state;
  state.email = field(*form, "email");
  state.consent = !field(*form, "consent").empty();
  EmailCheck email{true, ""};
  bool blank = state.email.find_first_not_of(" \t\r\n") == std::string::npos;
  if (!blank) email = check_email(state.email);
  if (!email.ok) {
    state.error = "Enter an email address like name@example.com, or leave the field empty.";
    state.error_for = "email";
  } else if (!blank && !state.consent) {
    state.error = "Tick the box to let us email you, or leave the email field empty.";
    state.error_for = "consent";
  } else if (blank && state.consent) {
    state.error = "Enter your email address so we can write to you, or untick the box.";
    state.error_for = "email";
  }
  if (!state.error.empty()) return certification_page(app, req, id, state, 400);

  // Counted once per visitor and route, and once per email; the answer is the same either way,
  // so it never tells whether someone else asked with this address.
  if (app.store().update_requests().add_update_request(c->id, email.email, visitor.id, app.now()))
    app.metrics().count(Event::update_request);
  return redirect("/certifications/" + c->id + "?requested=1#request");
}

}  // namespace

void add_certification_routes(Router& r, App& app) {
  // Status pages carry a CSRF token and a count: they say no-store and are never cached.
  r.add("GET", "/certifications/{id}", cached(app, [&app](const Request& req, const Params& p) {
          return certification_get(app, req, p.at("id"));
        }));
  r.add("POST", "/certifications/{id}/requests",
        [&app](const Request& req, const Params& p) { return request_post(app, req, p.at("id")); });
}

}  // namespace certhub
