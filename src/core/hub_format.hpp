#pragma once
// Words the hub pages show for catalog facts: labels, exam and renewal summaries, prices and
// counts. Pure functions of the catalog values, so pages and tests share one wording.
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.hpp"

namespace certhub {

// "scrum-master" -> "Scrum Master"; an unknown lane id is returned unchanged.
std::string lane_label(std::string_view lane);
// "in-person" -> "in person", "live-online" -> "live online".
std::string format_label(std::string_view format);

// "a", "a and b", "a, b and c".
std::string join_words(const std::vector<std::string>& items, std::string_view last = "and");

// "37 of 50 (74%)", "68 of 80 (85%)", "73%"; "Pass or did not pass (no numeric mark)" without.
std::string pass_mark_text(const Exam& exam);
// "50 questions in 60 minutes".
std::string exam_size_text(const Exam& exam);
// "16 hours; in person or live online", "16 hours", "Not published" (no hours, no formats).
std::string training_summary(const Training& training);
// "Every 2 years: 20 SEUs and US$100"; empty when the years are not known.
std::string renewal_summary(const Renewal& renewal);

// "£795 + VAT", "€1,200 incl. VAT", "US$300", "CHF 900 + VAT".
std::string price_text(int price, std::string_view currency, std::string_view vat);
// "Book now", "Nearly full", "Sold out".
std::string availability_label(Availability availability);

// "Nobody has asked yet", "1 person asked for an update", "12 people asked for an update".
std::string request_count_text(int count);

// "2026-12" and "December 2026".
std::string month_key(const Date& date);
std::string month_label(std::string_view key);
// The calendar day (UTC) of a unix time in seconds.
Date day_of(long long unix_seconds);

}  // namespace certhub
