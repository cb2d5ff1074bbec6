#include "core/date.hpp"

#include <array>
#include <charconv>
#include <cstdio>

namespace certhub {
namespace {

bool is_leap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[static_cast<size_t>(month - 1)];
}

bool parse_int(std::string_view text, int& out) {
  if (text.empty()) return false;
  for (char c : text)
    if (c < '0' || c > '9') return false;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && ptr == text.data() + text.size();
}

}  // namespace

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  Date date;
  if (!parse_int(text.substr(0, 4), date.year) || !parse_int(text.substr(5, 2), date.month) ||
      !parse_int(text.substr(8, 2), date.day))
    return std::nullopt;
  if (date.month < 1 || date.month > 12 || date.day < 1 ||
      date.day > days_in_month(date.year, date.month))
    return std::nullopt;
  return date;
}

std::string to_string(const Date& date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buf;
}

std::string month_name(int month) {
  static constexpr std::array<const char*, 12> kNames{
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  return month >= 1 && month <= 12 ? kNames[static_cast<size_t>(month - 1)] : "";
}

std::string long_date(const Date& date) {
  return std::to_string(date.day) + " " + month_name(date.month) + " " + std::to_string(date.year);
}

// Howard Hinnant's civil-date algorithms.
long days_from_civil(const Date& date) {
  long y = date.year - (date.month <= 2 ? 1 : 0);
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long mp = (date.month + 9) % 12;
  long doy = (153 * mp + 2) / 5 + date.day - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date civil_from_days(long days) {
  days += 719468;
  long era = (days >= 0 ? days : days - 146096) / 146097;
  long doe = days - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return Date{year, month, day};
}

std::string utc_minute_text(long long unix_seconds) {
  return rfc3339(unix_seconds).substr(0, 16).replace(10, 1, " ") + " UTC";
}

std::string rfc3339(long long unix_seconds) {
  long long days = unix_seconds >= 0 ? unix_seconds / 86400 : -((-unix_seconds + 86399) / 86400);
  long long rest = unix_seconds - days * 86400;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%sT%02lld:%02lld:%02lldZ",
                to_string(civil_from_days(static_cast<long>(days))).c_str(), rest / 3600,
                rest / 60 % 60, rest % 60);
  return buf;
}

std::string clock_time_utc(long long unix_seconds) {
  auto text = rfc3339(unix_seconds);
  return text.substr(11, 5) + " UTC";
}

long day_number(long long unix_seconds) {
  long long days = unix_seconds / 86400;
  if (unix_seconds < 0 && unix_seconds % 86400 != 0) --days;
  return static_cast<long>(days);
}

}  // namespace certhub
