#pragma once
// The course schedule as a visitor filters it, and the check of an update request's email.
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.hpp"

namespace certhub {

// Every field is optional (empty = any). Values are the ones the query string carries:
// certification id, format "live-online" | "in-person", city (case-insensitive), month
// "YYYY-MM", availability "book-now" | "nearly-full" | "sold-out".
struct CourseFilter {
  std::string certification;
  std::string format;
  std::string city;
  std::string month;
  std::string availability;

  bool any() const;
};

// Courses starting on `today` or later that match the filter, in start-date order.
std::vector<const Course*> upcoming_courses(const Schedule& schedule, const Date& today,
                                            const CourseFilter& filter);

// What the filter form offers, from the upcoming courses (sorted, without repeats).
struct CourseChoices {
  std::vector<std::string> certifications;  // ids
  std::vector<std::string> cities;
  std::vector<std::string> months;  // "YYYY-MM"
};
CourseChoices course_choices(const Schedule& schedule, const Date& today);

// An update request's email after trimming and lower-casing; `ok` is false when it is not a
// plausible address (one @, a dot in the domain, no spaces or control characters, <= 254).
struct EmailCheck {
  bool ok = false;
  std::string email;
};
EmailCheck check_email(std::string_view raw);

}  // namespace certhub
