// The course schedule at /courses, filtered by the query string so a view can be linked.
#include "core/hub_courses.hpp"
#include "core/hub_format.hpp"
#include "features/hub/routes.hpp"
#include "features/hub/views.hpp"
#include "web/form.hpp"

namespace certhub {
namespace {

View option(const std::string& value, const std::string& label, const std::string& selected) {
  View o;
  o.set("value", value);
  o.set("label", label);
  o.set("selected", view_bool(value == selected));
  return o;
}

Response courses_page(App& app, const Request& req) {
  auto catalog = app.catalog();
  CourseFilter filter;
  if (auto query = parse_form(req.query)) {
    filter.certification = field(*query, "certification");
    filter.format = field(*query, "format");
    filter.city = field(*query, "city");
    filter.month = field(*query, "month");
    filter.availability = field(*query, "availability");
  }
  const Date today = day_of(app.now());
  const auto& schedule = catalog->schedule;
  auto choices = course_choices(schedule, today);

  View data;
  ViewList certs{option("", "Any certification", filter.certification)};
  for (const auto& id : choices.certifications) {
    const Certification* c = catalog->certification(id);
    certs.push_back(option(id, c ? c->code + " (" + c->name + ")" : id, filter.certification));
  }
  data.set("certification_options", certs);
  data.set("format_options", ViewList{option("", "Any format", filter.format),
                                      option("live-online", "Live online", filter.format),
                                      option("in-person", "In person", filter.format)});
  ViewList cities{option("", "Any city", filter.city)};
  for (const auto& city : choices.cities) cities.push_back(option(city, city, filter.city));
  data.set("city_options", cities);
  ViewList months{option("", "Any month", filter.month)};
  for (const auto& m : choices.months) months.push_back(option(m, month_label(m), filter.month));
  data.set("month_options", months);
  ViewList availability{option("", "Any availability", filter.availability)};
  for (auto a : {Availability::book_now, Availability::nearly_full, Availability::sold_out})
    availability.push_back(option(to_string(a), availability_label(a), filter.availability));
  data.set("availability_options", availability);

  ViewList courses;
  for (const Course* c : upcoming_courses(schedule, today, filter))
    courses.push_back(course_view(*catalog, *c));
  const auto count = courses.size();
  data.set("courses", courses);
  data.set("empty", view_bool(count == 0));
  data.set("count_text", count == 1 ? std::string("1 upcoming course")
                                    : std::to_string(count) + " upcoming courses");
  data.set("filtered", view_bool(filter.any()));
  data.set("today", long_date(today));
  data.set("example", view_bool(schedule.example));
  data.set("note", schedule.note);
  return app.page({"Upcoming certification courses",
                   "Upcoming Scrum certification courses with dates, format, price, trainer and "
                   "availability; filter by certification, format, city, month and availability.",
                   "courses"},
                  "courses", data);
}

}  // namespace

void add_course_routes(Router& r, App& app) {
  r.add("GET", "/courses",
        cached(app, [&app](const Request& req, const Params&) { return courses_page(app, req); }));
}

}  // namespace certhub
