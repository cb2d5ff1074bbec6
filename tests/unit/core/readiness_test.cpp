// Readiness: what the estimate guarantees. Every expected value is computed here on its own
// (plain sums, std::lgamma, numeric integration), never by the code under test.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/readiness.hpp"

namespace certhub {
namespace {

constexpr std::int64_t kNow = 1'790'000'000;
constexpr std::int64_t kDay = 86400;

ReadinessInput csm() {
  ReadinessInput in;
  in.draws = {7, 10, 11, 9, 7, 6};
  in.pass_count = 37;
  in.now = kNow;
  return in;
}

ReadinessInput psm_i() {
  ReadinessInput in;
  in.draws = {12, 16, 16, 16, 12, 8};
  in.pass_count = 68;
  in.now = kNow;
  return in;
}

// `right` correct and `wrong` wrong answers in `domain`, all `days_ago` whole days old.
void add(ReadinessInput& in, int domain, int right, int wrong, int days_ago = 0) {
  std::int64_t at = in.now - days_ago * kDay;
  for (int i = 0; i < right; ++i) in.answers.push_back({domain, true, at});
  for (int i = 0; i < wrong; ++i) in.answers.push_back({domain, false, at});
}

// `right` and `wrong` answers in every domain, `days_ago` whole days old.
void add_everywhere(ReadinessInput& in, int right, int wrong, int days_ago = 0) {
  for (int d = 0; d < static_cast<int>(in.draws.size()); ++d) add(in, d, right, wrong, days_ago);
}

// P(Bin(n, p) >= k), term by term.
double binomial_tail(int n, double p, int k) {
  double sum = 0;
  for (int i = k; i <= n; ++i) {
    double choose = 1;
    for (int j = 0; j < i; ++j) choose = choose * (n - j) / (j + 1);
    sum += choose * std::pow(p, i) * std::pow(1 - p, n - i);
  }
  return sum;
}

double log_beta(double a, double b) {
  return std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b);
}

// P(X <= x) for X ~ Beta(a, b), by Simpson's rule on the density (a, b >= 1, so it is smooth).
double beta_cdf_by_integration(double x, double a, double b) {
  const int steps = 20000;
  double h = x / steps;
  double beta_function = std::exp(log_beta(a, b));
  auto pdf = [&](double t) { return std::pow(t, a - 1) * std::pow(1 - t, b - 1) / beta_function; };
  double sum = pdf(0) + pdf(x);
  for (int i = 1; i < steps; ++i) sum += pdf(i * h) * (i % 2 == 1 ? 4 : 2);
  return sum * h / 3;
}

TEST(ReadinessTest, NoAnswersShowsNothingAndAsksForAnswersInEveryDomain) {
  auto r = estimate_readiness(csm());
  EXPECT_FALSE(r.shown);
  EXPECT_EQ(r.evidence, 0);
  // Twice the exam's 50 questions overall; per domain its draw count, at least 8.
  EXPECT_EQ(r.answers_missing, 100);
  ASSERT_EQ(r.domains.size(), 6u);
  std::vector<int> missing;
  for (const auto& d : r.domains) {
    EXPECT_GT(d.answers_missing, 0);
    missing.push_back(d.answers_missing);
  }
  EXPECT_EQ(missing, (std::vector<int>{8, 10, 11, 9, 8, 8}));

  auto p = estimate_readiness(psm_i());
  EXPECT_FALSE(p.shown);
  EXPECT_EQ(p.answers_missing, 160);
  missing.clear();
  for (const auto& d : p.domains) missing.push_back(d.answers_missing);
  EXPECT_EQ(missing, (std::vector<int>{12, 16, 16, 16, 12, 8}));
}

TEST(ReadinessTest, AllCorrectOnManyAnswersIsNearCertainWithANarrowInterval) {
  for (auto in : {csm(), psm_i()}) {
    add_everywhere(in, 100, 0);
    auto r = estimate_readiness(in);
    EXPECT_TRUE(r.shown);
    EXPECT_EQ(r.answers_missing, 0);
    EXPECT_GT(r.pass_probability, 0.999);
    EXPECT_GT(r.low, 0.995);
    EXPECT_LT(r.high - r.low, 0.005);
  }
}

// With 1,000 answers per domain at exactly the pass rate, the estimate is the chance of passing
// for a learner whose rate is known to be the pass rate: P(Bin(questions, rate) >= pass mark).
// Tolerance 0.01: the Beta(1, 1) prior moves each rate toward 1/2 by (rate - 1/2) * 2 / 1002,
// at most 0.0007, which is 0.06 expected correct answers on 80 questions; the binomial's
// probability near the pass mark is below 0.13 per answer, so the tail moves by under 0.008.
// The rates' remaining spread adds under 1% to the variance of the score, which moves a tail
// this near the middle by less than 0.002.
TEST(ReadinessTest, AtThePassRateEverywhereItIsTheBinomialTail) {
  auto c = csm();
  add_everywhere(c, 740, 260);
  double csm_tail = binomial_tail(50, 0.74, 37);
  EXPECT_NEAR(estimate_readiness(c).pass_probability, csm_tail, 0.01);

  auto p = psm_i();
  add_everywhere(p, 850, 150);
  double psm_tail = binomial_tail(80, 0.85, 68);
  EXPECT_NEAR(estimate_readiness(p).pass_probability, psm_tail, 0.01);
}

// The point estimate is exact: the posterior predictive, computed here the long way. Each
// domain's posterior is Beta(1 + weighted right, 1 + weighted wrong) with weight
// 2^(-days / 14); its exam questions' correct count is beta-binomial (std::lgamma); the
// domains are convolved in full and the tail from the pass mark up is summed.
TEST(ReadinessTest, PointEstimateIsTheExactPosteriorPredictive) {
  auto in = csm();
  struct Batch {
    int domain, right, wrong, days;
  };
  std::vector<Batch> batches{{0, 9, 3, 0},  {0, 4, 4, 20}, {1, 12, 2, 3},
                             {2, 10, 5, 0}, {2, 6, 0, 40}, {3, 8, 2, 7},
                             {4, 7, 4, 1},  {5, 5, 1, 0},  {5, 3, 3, 15}};
  std::vector<double> a(6, 1.0);
  std::vector<double> b(6, 1.0);
  for (const auto& batch : batches) {
    add(in, batch.domain, batch.right, batch.wrong, batch.days);
    double w = std::pow(2.0, -batch.days / 14.0);
    a[batch.domain] += batch.right * w;
    b[batch.domain] += batch.wrong * w;
  }
  std::vector<double> total{1.0};  // P(correct = c) over the domains so far
  for (int d = 0; d < 6; ++d) {
    int n = in.draws[d];
    std::vector<double> next(total.size() + n, 0.0);
    for (int c = 0; c <= n; ++c) {
      double log_choose = std::lgamma(n + 1.0) - std::lgamma(c + 1.0) - std::lgamma(n - c + 1.0);
      double pmf = std::exp(log_choose + log_beta(c + a[d], n - c + b[d]) - log_beta(a[d], b[d]));
      for (size_t s = 0; s < total.size(); ++s) next[s + c] += total[s] * pmf;
    }
    total = next;
  }
  double expected = 0;
  for (size_t c = 37; c < total.size(); ++c) expected += total[c];

  auto r = estimate_readiness(in);
  EXPECT_NEAR(r.pass_probability, expected, 1e-9);
  for (int d = 0; d < 6; ++d) EXPECT_NEAR(r.domains[d].mean, a[d] / (a[d] + b[d]), 1e-9);
}

TEST(ReadinessTest, DomainPercentilesAreThoseOfItsBetaPosterior) {
  auto in = csm();
  add(in, 0, 12, 4);       // Beta(13, 5)
  add(in, 1, 30, 10, 14);  // half weight: Beta(16, 6)
  auto r = estimate_readiness(in);
  const double params[][2] = {{13, 5}, {16, 6}, {1, 1}};
  for (int d = 0; d < 3; ++d) {
    const auto& m = r.domains[d];
    EXPECT_NEAR(beta_cdf_by_integration(m.low, params[d][0], params[d][1]), 0.1, 1e-6) << d;
    EXPECT_NEAR(beta_cdf_by_integration(m.high, params[d][0], params[d][1]), 0.9, 1e-6) << d;
    EXPECT_LT(m.low, m.mean);
    EXPECT_GT(m.high, m.mean);
  }
  EXPECT_EQ(r.domains[0].answers, 16);
  EXPECT_EQ(r.domains[1].answers, 40);
  EXPECT_DOUBLE_EQ(r.domains[1].weight, 20);
}

TEST(ReadinessTest, OneVeryWeakDomainLowersTheEstimate) {
  auto strong = csm();
  add_everywhere(strong, 90, 10);
  auto weak = csm();
  for (int d = 0; d < 6; ++d) d == 2 ? add(weak, d, 30, 70) : add(weak, d, 90, 10);
  auto s = estimate_readiness(strong);
  auto w = estimate_readiness(weak);
  ASSERT_TRUE(s.shown);
  ASSERT_TRUE(w.shown);
  EXPECT_LT(w.pass_probability, s.pass_probability - 0.1);
  EXPECT_LT(w.domains[2].mean, 0.35);
  EXPECT_LT(w.high, s.high);
}

TEST(ReadinessTest, RecentWrongAnswersLowerItMoreThanTheSameWrongAnswersLongAgo) {
  auto wrong_recent = csm();
  auto wrong_long_ago = csm();
  for (int d = 0; d < 6; ++d) {
    add(wrong_recent, d, 30, 0, 14);  // right two weeks ago (weight 15)
    add(wrong_recent, d, 0, 10, 0);   // wrong today (weight 10)
    add(wrong_long_ago, d, 30, 0, 0);
    add(wrong_long_ago, d, 0, 10, 14);
  }
  auto recent = estimate_readiness(wrong_recent);
  auto long_ago = estimate_readiness(wrong_long_ago);
  EXPECT_EQ(recent.evidence, long_ago.evidence);
  EXPECT_LT(recent.pass_probability, long_ago.pass_probability);
  EXPECT_LT(recent.domains[0].mean, long_ago.domains[0].mean);
}

TEST(ReadinessTest, ATallyOfAnswersCountsAsThatManyAnswers) {
  auto one_by_one = csm();
  add(one_by_one, 2, 9, 3, 5);
  auto tallied = csm();
  tallied.answers.push_back({2, true, kNow - 5 * kDay, 9});
  tallied.answers.push_back({2, false, kNow - 5 * kDay, 3});
  tallied.answers.push_back({1, false, kNow, 0});  // an empty tally: nothing
  auto a = estimate_readiness(one_by_one);
  auto b = estimate_readiness(tallied);
  EXPECT_EQ(a.evidence, b.evidence);
  EXPECT_EQ(b.domains[2].answers, 12);
  EXPECT_EQ(b.domains[1].answers, 0);
  EXPECT_EQ(a.pass_probability, b.pass_probability);
  EXPECT_EQ(a.domains[2].mean, b.domains[2].mean);
}

TEST(ReadinessTest, AnAnswerLosesHalfItsWeightEveryFourteenDays) {
  auto in = csm();
  in.answers.push_back({0, true, kNow});               // today: 1
  in.answers.push_back({1, true, kNow - kDay + 1});    // yesterday, if not 24 hours ago
                                                       // (kNow is 14:13 UTC): 2^(-1/14)
  in.answers.push_back({2, true, kNow - 14 * kDay});   // 0.5
  in.answers.push_back({3, false, kNow - 28 * kDay});  // 0.25
  in.answers.push_back({4, false, kNow - 7 * kDay});   // 2^-0.5
  in.answers.push_back({5, false, kNow + 3600});       // a clock ahead: counts as today
  auto r = estimate_readiness(in);
  EXPECT_DOUBLE_EQ(r.domains[0].weight, 1);
  EXPECT_NEAR(r.domains[1].weight, std::exp2(-1.0 / 14), 1e-9);
  EXPECT_DOUBLE_EQ(r.domains[2].weight, 0.5);
  EXPECT_DOUBLE_EQ(r.domains[3].weight, 0.25);
  EXPECT_NEAR(r.domains[4].weight, std::sqrt(0.5), 1e-9);
  EXPECT_DOUBLE_EQ(r.domains[5].weight, 1);
  EXPECT_EQ(r.evidence, 6);
}

TEST(ReadinessTest, IntervalContainsThePointEstimateAndWidensWithLessEvidence) {
  std::vector<double> widths;
  for (int per_domain : {400, 100, 25}) {
    auto in = csm();
    add_everywhere(in, per_domain * 4 / 5, per_domain / 5);  // 80% right
    auto r = estimate_readiness(in);
    ASSERT_TRUE(r.shown) << per_domain;
    EXPECT_LE(r.low, r.pass_probability);
    EXPECT_GE(r.high, r.pass_probability);
    EXPECT_LT(r.low, r.high);
    widths.push_back(r.high - r.low);
  }
  EXPECT_LT(widths[0], widths[1]);
  EXPECT_LT(widths[1], widths[2]);
  // And when evidence is thin, or the rates are far from the pass mark.
  for (auto in : {csm(), psm_i()}) {
    add(in, 0, 3, 5);
    add(in, 4, 20, 0);
    auto r = estimate_readiness(in);
    EXPECT_LE(r.low, r.pass_probability);
    EXPECT_GE(r.high, r.pass_probability);
  }
}

// Shown once the weighted answers reach twice the exam's questions overall and, in each domain,
// the domain's draw count (at least 8); answers_missing is what is still lacking.
TEST(ReadinessTest, ShownExactlyWhenTheTotalAndEveryDomainHaveEnoughEvidence) {
  const std::vector<int> need{8, 10, 11, 9, 8, 8};  // 54 in all
  auto enough = csm();
  for (int d = 0; d < 6; ++d) add(enough, d, need[d], 0);
  add(enough, 0, 46, 0);  // 100 in all
  auto r = estimate_readiness(enough);
  EXPECT_TRUE(r.shown);
  EXPECT_EQ(r.answers_missing, 0);
  for (const auto& d : r.domains) EXPECT_EQ(d.answers_missing, 0);

  auto one_short = enough;
  one_short.answers.erase(std::find_if(one_short.answers.begin(), one_short.answers.end(),
                                       [](const GradedAnswer& a) { return a.domain == 5; }));
  r = estimate_readiness(one_short);
  EXPECT_FALSE(r.shown);
  EXPECT_EQ(r.answers_missing, 1);
  EXPECT_EQ(r.domains[5].answers_missing, 1);

  auto domains_only = csm();
  for (int d = 0; d < 6; ++d) add(domains_only, d, need[d], 0);
  r = estimate_readiness(domains_only);
  EXPECT_FALSE(r.shown);
  EXPECT_EQ(r.answers_missing, 46);  // every domain has enough; the total does not
}

TEST(ReadinessTest, MissingAnswersNameTheDomainsThatLackEvidence) {
  auto in = csm();
  add(in, 0, 120, 30);  // 150 answers, all in one domain
  auto r = estimate_readiness(in);
  EXPECT_FALSE(r.shown);
  EXPECT_EQ(r.domains[0].answers_missing, 0);
  EXPECT_EQ(r.answers_missing, 10 + 11 + 9 + 8 + 8);
  for (int d = 1; d < 6; ++d)
    EXPECT_EQ(r.domains[d].answers_missing, in.draws[d] < 8 ? 8 : in.draws[d]);
}

TEST(ReadinessTest, OldAnswersAloneDoNotShowIt) {
  auto in = csm();
  add_everywhere(in, 30, 10, 28);  // 240 answers four weeks old weigh 60
  auto r = estimate_readiness(in);
  EXPECT_EQ(r.evidence, 240);
  EXPECT_DOUBLE_EQ(r.weight, 60);
  EXPECT_FALSE(r.shown);
  EXPECT_EQ(r.answers_missing, 40);
  add_everywhere(in, 6, 1);  // 42 fresh answers
  EXPECT_TRUE(estimate_readiness(in).shown);
}

TEST(ReadinessTest, SameInputGivesTheSameOutput) {
  auto in = psm_i();
  for (int d = 0; d < 6; ++d) add(in, d, 20 + 3 * d, 5, d);
  auto first = estimate_readiness(in);
  auto second = estimate_readiness(in);
  EXPECT_EQ(first.pass_probability, second.pass_probability);
  EXPECT_EQ(first.low, second.low);
  EXPECT_EQ(first.high, second.high);
  EXPECT_EQ(first.shown, second.shown);
  EXPECT_EQ(first.answers_missing, second.answers_missing);
  for (size_t d = 0; d < first.domains.size(); ++d) {
    EXPECT_EQ(first.domains[d].mean, second.domains[d].mean);
    EXPECT_EQ(first.domains[d].low, second.domains[d].low);
    EXPECT_EQ(first.domains[d].high, second.domains[d].high);
  }
}

TEST(ReadinessTest, TheOrderOfTheAnswersChangesNothing) {
  auto in = csm();
  for (int d = 0; d < 6; ++d) {
    add(in, d, 15, 4, 3 * d);
    add(in, d, 5, 6, 50 - d);
  }
  auto reordered = in;
  std::reverse(reordered.answers.begin(), reordered.answers.end());
  std::rotate(reordered.answers.begin(), reordered.answers.begin() + 37, reordered.answers.end());
  auto a = estimate_readiness(in);
  auto b = estimate_readiness(reordered);
  EXPECT_EQ(a.pass_probability, b.pass_probability);
  EXPECT_EQ(a.low, b.low);
  EXPECT_EQ(a.high, b.high);
  for (size_t d = 0; d < a.domains.size(); ++d) EXPECT_EQ(a.domains[d].weight, b.domains[d].weight);
}

TEST(ReadinessTest, AnswersOutsideTheExamsDomainsAreIgnored) {
  auto in = csm();
  add_everywhere(in, 16, 4);
  auto base = estimate_readiness(in);
  in.answers.push_back({6, false, kNow});
  in.answers.push_back({-1, false, kNow});
  auto r = estimate_readiness(in);
  EXPECT_EQ(r.evidence, base.evidence);
  EXPECT_EQ(r.pass_probability, base.pass_probability);
}

TEST(ReadinessTest, APassMarkOutsideTheExamGivesZeroOrOne) {
  auto in = csm();
  add_everywhere(in, 20, 0);
  in.pass_count = 51;
  EXPECT_EQ(estimate_readiness(in).pass_probability, 0);
  in.pass_count = 0;
  auto r = estimate_readiness(in);
  EXPECT_EQ(r.pass_probability, 1);
  EXPECT_EQ(r.low, 1);
  EXPECT_EQ(r.high, 1);
  EXPECT_FALSE(estimate_readiness(ReadinessInput{}).shown);  // no exam at all
}

}  // namespace
}  // namespace certhub
