#include "core/hub_courses.hpp"

#include <algorithm>
#include <set>

#include "core/hub_format.hpp"

namespace certhub {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::vector<const Course*> upcoming(const Schedule& schedule, const Date& today) {
  std::vector<const Course*> out;
  for (const auto& c : schedule.courses)
    if (c.start >= today) out.push_back(&c);
  std::stable_sort(out.begin(), out.end(),
                   [](const Course* x, const Course* y) { return x->start < y->start; });
  return out;
}

}  // namespace

bool CourseFilter::any() const {
  return !certification.empty() || !format.empty() || !city.empty() || !month.empty() ||
         !availability.empty();
}

std::vector<const Course*> upcoming_courses(const Schedule& schedule, const Date& today,
                                            const CourseFilter& filter) {
  std::vector<const Course*> out;
  const std::string city = lower(filter.city);
  for (const Course* c : upcoming(schedule, today)) {
    if (!filter.certification.empty() && c->certification != filter.certification) continue;
    if (!filter.format.empty() && to_string(c->format) != filter.format) continue;
    if (!city.empty() && (c->format != CourseFormat::in_person || lower(c->city) != city)) continue;
    if (!filter.month.empty() && month_key(c->start) != filter.month) continue;
    if (!filter.availability.empty() && to_string(c->availability) != filter.availability) continue;
    out.push_back(c);
  }
  return out;
}

CourseChoices course_choices(const Schedule& schedule, const Date& today) {
  std::set<std::string> certs, cities, months;
  for (const Course* c : upcoming(schedule, today)) {
    certs.insert(c->certification);
    if (c->format == CourseFormat::in_person && !c->city.empty()) cities.insert(c->city);
    months.insert(month_key(c->start));
  }
  return {
      {certs.begin(), certs.end()}, {cities.begin(), cities.end()}, {months.begin(), months.end()}};
}

EmailCheck check_email(std::string_view raw) {
  while (!raw.empty() && space(raw.front())) raw.remove_prefix(1);
  while (!raw.empty() && space(raw.back())) raw.remove_suffix(1);
  EmailCheck result{false, lower(raw)};
  const std::string& e = result.email;
  if (e.empty() || e.size() > 254) return result;
  for (char c : e)
    if (space(c) || static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == '<' || c == '>' ||
        c == '"' || c == ',' || c == ';')
      return result;
  auto at = e.find('@');
  if (at == std::string::npos || at == 0 || e.find('@', at + 1) != std::string::npos) return result;
  std::string_view domain = std::string_view(e).substr(at + 1);
  auto dot = domain.find('.');
  if (dot == std::string_view::npos || domain.front() == '.' || domain.back() == '.' ||
      domain.find("..") != std::string_view::npos)
    return result;
  result.ok = true;
  return result;
}

}  // namespace certhub
