#pragma once
// A calendar date without time zone: content dates (course starts, fact checks) are days.
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace certhub {

struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
  auto operator<=>(const Date&) const =
      default;  // NOLINT(modernize-use-nullptr): clang-tidy 14 false positive
};

// Parses YYYY-MM-DD and rejects impossible days (2026-02-30).
std::optional<Date> parse_date(std::string_view text);
std::string to_string(const Date& date);
// "5 December 2026"
std::string long_date(const Date& date);
std::string month_name(int month);
// Days since 1970-01-01 (proleptic Gregorian), for clocks and arithmetic.
long days_from_civil(const Date& date);
Date civil_from_days(long days);
// The UTC day number of a unix time (floor, so times before 1970 fall on the right day).
long day_number(long long unix_seconds);
// "2026-11-23T09:00:00Z" for unix seconds.
std::string rfc3339(long long unix_seconds);
// "2026-11-23 09:00 UTC"
std::string utc_minute_text(long long unix_seconds);
// "09:00 UTC"
std::string clock_time_utc(long long unix_seconds);

}  // namespace certhub
