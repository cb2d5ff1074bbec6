#include "core/hub_format.hpp"

#include <cstdio>

namespace certhub {

std::string lane_label(std::string_view lane) {
  if (lane == "scrum-master") return "Scrum Master";
  if (lane == "product-owner") return "Product Owner";
  if (lane == "facilitation") return "Facilitation";
  if (lane == "leadership") return "Agile leadership";
  if (lane == "scaled") return "Scaled agile";
  return std::string(lane);
}

std::string format_label(std::string_view format) {
  if (format == "in-person") return "in person";
  if (format == "live-online") return "live online";
  return std::string(format);
}

std::string join_words(const std::vector<std::string>& items, std::string_view last) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) {
      if (i + 1 == items.size()) {
        out += ' ';
        out += last;
        out += ' ';
      } else {
        out += ", ";
      }
    }
    out += items[i];
  }
  return out;
}

namespace {

std::string percent(double value) {
  char buf[32];
  if (value == static_cast<double>(static_cast<long>(value)))
    std::snprintf(buf, sizeof buf, "%ld%%", static_cast<long>(value));
  else
    std::snprintf(buf, sizeof buf, "%.1f%%", value);
  return buf;
}

std::string thousands(int value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return value < 0 ? "-" + out : out;
}

}  // namespace

std::string pass_mark_text(const Exam& exam) {
  if (exam.pass_count && exam.pass_percent)
    return std::to_string(*exam.pass_count) + " of " + std::to_string(exam.questions) + " (" +
           percent(*exam.pass_percent) + ")";
  if (exam.pass_count)
    return std::to_string(*exam.pass_count) + " of " + std::to_string(exam.questions);
  if (exam.pass_percent) return percent(*exam.pass_percent);
  return "Pass or did not pass (no numeric mark)";
}

std::string exam_size_text(const Exam& exam) {
  return std::to_string(exam.questions) + " questions in " + std::to_string(exam.minutes) +
         " minutes";
}

std::string training_summary(const Training& training) {
  std::string out;
  if (training.hours) out = std::to_string(*training.hours) + " hours";
  if (!training.formats.empty()) {
    std::vector<std::string> words;
    for (const auto& f : training.formats) words.push_back(format_label(f));
    if (!out.empty()) out += "; ";
    out += join_words(words, "or");
  }
  return out.empty() ? "Not published" : out;
}

std::string renewal_summary(const Renewal& renewal) {
  if (!renewal.years) return "";
  std::string out = *renewal.years == 1 ? std::string("Every year")
                                        : "Every " + std::to_string(*renewal.years) + " years";
  std::vector<std::string> parts;
  if (renewal.seus) parts.push_back(std::to_string(*renewal.seus) + " SEUs");
  if (renewal.fee_usd) parts.push_back("US$" + thousands(*renewal.fee_usd));
  if (!parts.empty()) out += ": " + join_words(parts);
  return out;
}

std::string price_text(int price, std::string_view currency, std::string_view vat) {
  std::string amount = thousands(price);
  std::string out;
  if (currency == "GBP")
    out = "£" + amount;
  else if (currency == "EUR")
    out = "€" + amount;
  else if (currency == "USD")
    out = "US$" + amount;
  else
    out = std::string(currency) + " " + amount;
  if (vat == "excl") out += " + VAT";
  if (vat == "incl") out += " incl. VAT";
  return out;
}

std::string availability_label(Availability availability) {
  switch (availability) {
    case Availability::book_now:
      return "Book now";
    case Availability::nearly_full:
      return "Nearly full";
    case Availability::sold_out:
      return "Sold out";
  }
  return "";
}

std::string request_count_text(int count) {
  if (count <= 0) return "Nobody has asked yet";
  if (count == 1) return "1 person asked for an update";
  return std::to_string(count) + " people asked for an update";
}

std::string month_key(const Date& date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", date.year, date.month);
  return buf;
}

std::string month_label(std::string_view key) {
  auto date = parse_date(std::string(key) + "-01");
  if (!date) return std::string(key);
  return month_name(date->month) + " " + std::to_string(date->year);
}

Date day_of(long long unix_seconds) {
  return civil_from_days(day_number(unix_seconds));
}

}  // namespace certhub
