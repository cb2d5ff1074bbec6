// The wording hub pages use for facts: pass marks, prices, counts, dates and filters.
#include <gtest/gtest.h>

#include "core/hub_courses.hpp"
#include "core/hub_format.hpp"

namespace certhub {
namespace {

Exam exam(int questions, int minutes, std::optional<int> count, std::optional<double> percent) {
  Exam e;
  e.questions = questions;
  e.minutes = minutes;
  e.pass_count = count;
  e.pass_percent = percent;
  return e;
}

TEST(HubFormatTest, PassMarkShowsCountOfQuestionsAndPercent) {
  EXPECT_EQ(pass_mark_text(exam(50, 60, 37, 74)), "37 of 50 (74%)");
  EXPECT_EQ(pass_mark_text(exam(45, 90, std::nullopt, 73)), "73%");
  EXPECT_EQ(pass_mark_text(exam(45, 90, 33, std::nullopt)), "33 of 45");
  EXPECT_EQ(pass_mark_text(exam(36, 60, std::nullopt, 85.5)), "85.5%");
  EXPECT_EQ(pass_mark_text(exam(24, 150, std::nullopt, std::nullopt)),
            "Pass or did not pass (no numeric mark)");
  EXPECT_EQ(exam_size_text(exam(50, 60, 37, 74)), "50 questions in 60 minutes");
}

TEST(HubFormatTest, RenewalSummaryNeedsTheYears) {
  Renewal r;
  EXPECT_EQ(renewal_summary(r), "");
  r.years = 2;
  r.seus = 20;
  r.fee_usd = 100;
  EXPECT_EQ(renewal_summary(r), "Every 2 years: 20 SEUs and US$100");
  Renewal yearly;
  yearly.years = 1;
  EXPECT_EQ(renewal_summary(yearly), "Every year");
  yearly.fee_usd = 1250;
  EXPECT_EQ(renewal_summary(yearly), "Every year: US$1,250");
}

TEST(HubFormatTest, TrainingSummaryJoinsHoursAndFormats) {
  Training t;
  EXPECT_EQ(training_summary(t), "Not published");
  t.hours = 16;
  EXPECT_EQ(training_summary(t), "16 hours");
  t.formats = {"in-person", "live-online"};
  EXPECT_EQ(training_summary(t), "16 hours; in person or live online");
}

TEST(HubFormatTest, PriceUsesTheCurrencySymbolAndVatNote) {
  EXPECT_EQ(price_text(795, "GBP", "excl"), "£795 + VAT");
  EXPECT_EQ(price_text(1200, "EUR", "incl"), "€1,200 incl. VAT");
  EXPECT_EQ(price_text(300, "USD", "none"), "US$300");
  EXPECT_EQ(price_text(900, "CHF", "excl"), "CHF 900 + VAT");
  EXPECT_EQ(price_text(1234567, "GBP", "none"), "£1,234,567");
}

TEST(HubFormatTest, RequestCountIsPlainEnglish) {
  EXPECT_EQ(request_count_text(0), "Nobody has asked yet");
  EXPECT_EQ(request_count_text(1), "1 person asked for an update");
  EXPECT_EQ(request_count_text(12), "12 people asked for an update");
}

TEST(HubFormatTest, LabelsForLanesStatusAndAvailability) {
  EXPECT_EQ(lane_label("scrum-master"), "Scrum Master");
  EXPECT_EQ(lane_label("product-owner"), "Product Owner");
  EXPECT_EQ(lane_label("something-new"), "something-new");
  EXPECT_STREQ(status_label(PracticeStatus::live), "Live practice");
  EXPECT_STREQ(status_label(PracticeStatus::status_only), "Practice not available yet");
  EXPECT_STREQ(status_short_label(PracticeStatus::status_only), "No practice yet");
  EXPECT_EQ(availability_label(Availability::nearly_full), "Nearly full");
  EXPECT_EQ(join_words({}), "");
  EXPECT_EQ(join_words({"a"}), "a");
  EXPECT_EQ(join_words({"a", "b"}), "a and b");
  EXPECT_EQ(join_words({"a", "b", "c"}, "or"), "a, b or c");
}

TEST(HubFormatTest, DaysAndMonthsFromUnixTime) {
  EXPECT_EQ(day_of(0), (Date{1970, 1, 1}));
  // 2026-11-23T09:00:00Z, the integration tests' fixed clock.
  EXPECT_EQ(day_of(1795424400), (Date{2026, 11, 23}));
  EXPECT_EQ(day_of(-1), (Date{1969, 12, 31}));
  EXPECT_EQ(month_key(Date{2027, 1, 9}), "2027-01");
  EXPECT_EQ(month_label("2026-12"), "December 2026");
  EXPECT_EQ(month_label("not-a-month"), "not-a-month");
}

TEST(HubEmailTest, AcceptsPlainAddressesTrimmedAndLowerCased) {
  auto e = check_email("  Ada.Lovelace@Example.ORG \n");
  EXPECT_TRUE(e.ok);
  EXPECT_EQ(e.email, "ada.lovelace@example.org");
  EXPECT_TRUE(check_email("a+tag@sub.example.co.uk").ok);
}

TEST(HubEmailTest, RejectsImplausibleAddresses) {
  for (const char* bad :
       {"", "plain", "@example.org", "ada@", "ada@example", "ada@@example.org", "a@b@example.org",
        "ada lovelace@example.org", "ada@.example.org", "ada@example.org.", "ada@example..org",
        "<ada@example.org>", "ada@example.org,bob@example.org"})
    EXPECT_FALSE(check_email(bad).ok) << bad;
}

TEST(HubEmailTest, LengthLimitIs254) {
  std::string domain = "@example.org";
  std::string at_limit = std::string(254 - domain.size(), 'a') + domain;
  EXPECT_TRUE(check_email(at_limit).ok);
  EXPECT_FALSE(check_email("a" + at_limit).ok);
}

}  // namespace
}  // namespace certhub
