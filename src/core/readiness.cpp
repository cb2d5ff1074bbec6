#include "core/readiness.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "core/date.hpp"
#include "core/exam.hpp"

namespace certhub {

namespace {

using Model = ReadinessModel;

// Weights are summed in fixed point, units of 2^-32, so the sum is exact integer arithmetic and
// the order of the answers cannot change a single bit of the result.
constexpr double kFixedOne = 4294967296.0;

// 2^(-d / half-life) for an answer from d UTC days before today's.
std::int64_t fixed_weight(std::int64_t at, std::int64_t now) {
  static const auto fractions = [] {
    std::array<double, Model::kHalfLifeDays> f{};
    for (int r = 0; r < Model::kHalfLifeDays; ++r)
      f[r] = std::exp2(-static_cast<double>(r) / Model::kHalfLifeDays);
    return f;
  }();
  long today = day_number(now);
  long day = day_number(at);
  if (day >= today) return static_cast<std::int64_t>(kFixedOne);  // today, or a clock ahead
  auto days = static_cast<std::uint64_t>(today - day);
  std::uint64_t halvings = days / Model::kHalfLifeDays;
  if (halvings > 40) return 0;  // below one unit
  double w = std::ldexp(fractions[days % Model::kHalfLifeDays], -static_cast<int>(halvings));
  return std::llround(w * kFixedOne);
}

// log Γ(x) for x > 0 (Lanczos, g = 7, nine terms; relative error about 1e-15). Our own rather
// than std::lgamma, which writes the global `signgam` in glibc and so is not thread-safe.
double log_gamma(double x) {
  static constexpr std::array<double, 9> kC{
      0.99999999999980993,  676.5203681218851,     -1259.1392167224028,
      771.32342877765313,   -176.61502916214059,   12.507343278686905,
      -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
  if (x < 0.5) return log_gamma(x + 1) - std::log(x);  // Γ(x) = Γ(x + 1) / x
  x -= 1;
  double sum = kC[0];
  for (int i = 1; i < 9; ++i) sum += kC[i] / (x + i);
  double t = x + 7.5;
  return 0.91893853320467274 + (x + 0.5) * std::log(t) - t + std::log(sum);  // ½ log 2π
}

double log_beta(double a, double b) {
  return log_gamma(a) + log_gamma(b) - log_gamma(a + b);
}

// The continued fraction of the regularized incomplete beta function (modified Lentz).
double beta_fraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300;
  constexpr double kEps = 1e-15;
  double c = 1;
  double d = 1 - (a + b) * x / (a + 1);
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1 / d;
  double h = d;
  for (int m = 1; m <= 10000; ++m) {
    int m2 = 2 * m;
    double aa = m * (b - m) * x / ((a - 1 + m2) * (a + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    h *= d * c;
    aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + 1 + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    double step = d * c;
    h *= step;
    if (std::fabs(step - 1) < kEps) break;
  }
  return h;
}

// P(X <= x) for X ~ Beta(a, b).
double beta_cdf(double x, double a, double b, double lbeta) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  double front = std::exp(a * std::log(x) + b * std::log1p(-x) - lbeta);
  if (x < (a + 1) / (a + b + 2)) return front * beta_fraction(a, b, x) / a;
  return 1 - front * beta_fraction(b, a, 1 - x) / b;
}

// The q-quantile of Beta(a, b): Newton's method on the CDF, falling back to bisection whenever
// a step would leave the bracket that holds the root.
double beta_quantile(double q, double a, double b) {
  double lbeta = log_beta(a, b);
  double lo = 0;
  double hi = 1;
  double x = a / (a + b);
  for (int i = 0; i < 200; ++i) {
    double f = beta_cdf(x, a, b, lbeta) - q;
    if (f == 0) return x;
    (f < 0 ? lo : hi) = x;
    double pdf = std::exp((a - 1) * std::log(x) + (b - 1) * std::log1p(-x) - lbeta);
    double next = x - f / pdf;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (std::fabs(next - x) < 1e-12) return next;
    x = next;
  }
  return x;
}

// Deterministic draws on splitmix64 (SeededRandom): uniform, normal, gamma, beta.
class Sampler {
 public:
  explicit Sampler(std::uint64_t seed) : random_(seed) {}

  // Uniform in (0, 1), never 0 or 1: 53 random bits, centred in their cell.
  double uniform() { return (static_cast<double>(random_.next() >> 11) + 0.5) * 0x1p-53; }

  // Standard normal, Marsaglia's polar method (two per accepted pair).
  double normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    double u = 0;
    double v = 0;
    double s = 0;
    do {
      u = 2 * uniform() - 1;
      v = 2 * uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    double m = std::sqrt(-2 * std::log(s) / s);
    spare_ = v * m;
    has_spare_ = true;
    return u * m;
  }

  // Gamma(shape, 1): Marsaglia and Tsang (2000) for shape >= 1; for shape < 1,
  // Gamma(shape + 1) * U^(1 / shape).
  double gamma(double shape) {
    if (shape < 1) return gamma(shape + 1) * std::pow(uniform(), 1 / shape);
    double d = shape - 1.0 / 3;
    double c = 1 / std::sqrt(9 * d);
    for (;;) {
      double x = normal();
      double v = 1 + c * x;
      if (v <= 0) continue;
      v = v * v * v;
      double u = uniform();
      double x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return d * v;
      if (std::log(u) < 0.5 * x2 + d * (1 - v + std::log(v))) return d * v;
    }
  }

  double beta(double a, double b) {
    double x = gamma(a);
    double y = gamma(b);
    return x / (x + y);
  }

 private:
  SeededRandom random_;
  double spare_ = 0;
  bool has_spare_ = false;
};

// The distribution of the exam's wrong answers as the domains are added, P(j wrong), kept only
// for j = 0..limit (the most wrong answers that still pass): only that part decides the pass
// probability. Each domain comes as its own distribution of wrong answers g[k],
// k = 0..terms-1 (terms <= limit + 1).
class WrongAnswers {
 public:
  WrongAnswers(int limit, int max_terms)
      : limit_(limit),
        pad_(max_terms),
        a_(static_cast<std::size_t>(pad_ + limit + 1 + kBlock)),
        b_(a_.size()) {}

  // Starts over with the first domain.
  void start(const std::vector<double>& g, int terms) {
    std::fill(a_.begin(), a_.end(), 0.0);
    std::fill(b_.begin(), b_.end(), 0.0);
    std::copy(g.begin(), g.begin() + terms, a_.begin() + pad_);
    support_ = terms - 1;
  }

  // Convolves with a further domain: out[j] = sum_k f[j - k] g[k]. The buffers hold zeros in
  // front of f (pad_ >= terms) and after its support, so the sums need no bounds; four cells
  // at a time, as four independent sums.
  void add(const std::vector<double>& g, int terms) {
    const double* f = a_.data() + pad_;
    double* out = b_.data() + pad_;
    int next = std::min(limit_, support_ + terms - 1);
    for (int j = 0; j <= next; j += kBlock) {
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      for (int k = 0; k < terms; ++k) {
        const double* x = f + j - k;
        double gk = g[k];
        s0 += gk * x[0];
        s1 += gk * x[1];
        s2 += gk * x[2];
        s3 += gk * x[3];
      }
      out[j] = s0;
      out[j + 1] = s1;
      out[j + 2] = s2;
      out[j + 3] = s3;
    }
    std::fill(b_.begin() + pad_ + next + 1, b_.end(), 0.0);  // past `limit`, or a stale tail
    a_.swap(b_);
    support_ = next;
  }

  // P(pass) = P(at most `limit` wrong).
  double pass() const {
    double sum = 0;
    for (int j = 0; j <= support_; ++j) sum += a_[pad_ + j];
    return std::clamp(sum, 0.0, 1.0);
  }

  // P(pass) with a last domain, without convolving it: sum_j f[j] G(limit - j), where G is that
  // domain's cumulative distribution (made in `g`).
  double pass_with(std::vector<double>& g, int terms) const {
    for (int k = 1; k < terms; ++k) g[k] += g[k - 1];
    double sum = 0;
    for (int j = 0; j <= support_; ++j) sum += a_[pad_ + j] * g[std::min(limit_ - j, terms - 1)];
    return std::clamp(sum, 0.0, 1.0);
  }

 private:
  static constexpr int kBlock = 4;
  int limit_;
  int pad_;
  std::vector<double> a_;  // pad_ zeros, then f
  std::vector<double> b_;  // the next f
  int support_ = 0;
};

// x^n by squaring: plain multiplications, so the same bits on every platform.
double power(double x, int n) {
  double result = 1;
  while (n > 0) {
    if (n & 1) result *= x;
    x *= x;
    n >>= 1;
  }
  return result;
}

// Binomial: wrong answers among n questions each right with probability p, for k = 0..terms-1,
// from the binomial coefficients choose[k] = C(n, k).
void binomial_wrong(int n, double p, const std::vector<double>& choose, int terms,
                    std::vector<double>& g) {
  if (p >= 1 || p <= 0) {
    std::fill(g.begin(), g.begin() + terms, 0.0);
    if (p >= 1)
      g[0] = 1;
    else if (n < terms)
      g[n] = 1;
    return;
  }
  double odds = (1 - p) / p;
  double t = power(p, n);  // p^(n-k) (1-p)^k as k goes up
  for (int k = 0; k < terms; ++k) {
    g[k] = choose[k] * t;
    t *= odds;
  }
}

// Beta-binomial: wrong answers among n questions when the share right is Beta(a, b), that is
// the posterior predictive of the domain's n exam questions.
// P(0 wrong) = prod_{i<n} (a + i) / (a + b + i); P(k+1) / P(k) = (n-k)/(k+1) (b+k)/(a+n-k-1).
void beta_binomial_wrong(int n, double a, double b, int terms, std::vector<double>& g) {
  double p0 = 1;
  for (int i = 0; i < n; ++i) p0 *= (a + i) / (a + b + i);
  g[0] = p0;
  for (int k = 0; k + 1 < terms; ++k)
    g[k + 1] = g[k] * (n - k) / (k + 1) * (b + k) / (a + n - k - 1);
}

// The p-quantile of `values` (reordered), interpolating between neighbours (Hyndman-Fan type 7,
// as R's default).
double quantile(std::vector<double>& values, double p) {
  double pos = p * static_cast<double>(values.size() - 1);
  auto k = static_cast<std::size_t>(pos);
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(k), values.end());
  double lower = values[k];
  if (k + 1 >= values.size()) return lower;
  double upper =
      *std::min_element(values.begin() + static_cast<std::ptrdiff_t>(k) + 1, values.end());
  return lower + (pos - static_cast<double>(k)) * (upper - lower);
}

}  // namespace

Readiness estimate_readiness(const ReadinessInput& input) {
  const auto domain_count = static_cast<int>(input.draws.size());
  Readiness out;
  out.domains.resize(input.draws.size());

  // 1. Decayed counts of right and wrong answers per domain.
  std::vector<std::int64_t> right(input.draws.size(), 0);
  std::vector<std::int64_t> wrong(input.draws.size(), 0);
  for (const auto& answer : input.answers) {
    if (answer.domain < 0 || answer.domain >= domain_count || answer.count <= 0) continue;
    auto d = static_cast<std::size_t>(answer.domain);
    (answer.correct ? right : wrong)[d] += fixed_weight(answer.at, input.now) * answer.count;
    out.domains[d].answers += answer.count;
    out.evidence += answer.count;
  }

  // 2. Posterior per domain, Beta(prior + weighted right, prior + weighted wrong), and the
  // evidence rule.
  std::vector<double> alpha(input.draws.size());
  std::vector<double> beta(input.draws.size());
  int questions = 0;
  int domains_missing = 0;
  for (std::size_t d = 0; d < input.draws.size(); ++d) {
    auto& m = out.domains[d];
    double r = static_cast<double>(right[d]) / kFixedOne;
    double w = static_cast<double>(wrong[d]) / kFixedOne;
    m.weight = r + w;
    out.weight += m.weight;
    alpha[d] = Model::kPriorCorrect + r;
    beta[d] = Model::kPriorWrong + w;
    m.mean = alpha[d] / (alpha[d] + beta[d]);
    m.low = beta_quantile(0.1, alpha[d], beta[d]);
    m.high = beta_quantile(0.9, alpha[d], beta[d]);
    int draws = std::max(input.draws[d], 0);
    questions += draws;
    int need = draws > 0 ? std::max(draws, Model::kDomainFloor) : 0;
    // A hair of tolerance, so that answers from today (weight exactly 1) meet the need exactly.
    m.answers_missing = std::max(0, static_cast<int>(std::ceil(need - m.weight - 1e-9)));
    domains_missing += m.answers_missing;
  }
  double overall_need = static_cast<double>(Model::kExamsOfEvidence) * questions;
  int overall_missing = std::max(0, static_cast<int>(std::ceil(overall_need - out.weight - 1e-9)));
  out.answers_missing = std::max(overall_missing, domains_missing);
  out.shown = questions > 0 && out.answers_missing == 0;

  // 3. The pass probability: at most `limit` wrong answers over the whole exam.
  int limit = questions - std::max(input.pass_count, 0);
  if (questions == 0 || limit < 0) return out;  // no exam, or a pass mark above it: 0
  if (input.pass_count <= 0) {
    out.pass_probability = out.low = out.high = 1;
    return out;
  }
  std::vector<double> g(static_cast<std::size_t>(limit) + 1);
  // The domains the exam draws from, with what every pass over them needs.
  struct Part {
    std::size_t domain;
    int n;
    int terms;                   // wrong counts 0..terms-1 matter
    std::vector<double> choose;  // C(n, k)
  };
  std::vector<Part> parts;
  for (std::size_t d = 0; d < input.draws.size(); ++d) {
    int n = input.draws[d];
    if (n <= 0) continue;
    Part part{d, n, std::min(n, limit) + 1, {}};
    part.choose.resize(static_cast<std::size_t>(part.terms));
    part.choose[0] = 1;
    for (int k = 0; k + 1 < part.terms; ++k)
      part.choose[k + 1] = part.choose[k] * (n - k) / (k + 1);
    parts.push_back(std::move(part));
  }
  // P(pass) from the domains' distributions of wrong answers (`domain_pmf` puts one in g).
  WrongAnswers wrong_answers(limit, limit + 1);
  auto pass_given = [&](auto&& domain_pmf) {
    domain_pmf(parts.front());
    wrong_answers.start(g, parts.front().terms);
    if (parts.size() == 1) return wrong_answers.pass();
    for (std::size_t i = 1; i + 1 < parts.size(); ++i) {
      domain_pmf(parts[i]);
      wrong_answers.add(g, parts[i].terms);
    }
    domain_pmf(parts.back());
    return wrong_answers.pass_with(g, parts.back().terms);
  };

  // Point estimate: exact, the posterior predictive (beta-binomial per domain, convolved).
  out.pass_probability = pass_given([&](const Part& part) {
    beta_binomial_wrong(part.n, alpha[part.domain], beta[part.domain], part.terms, g);
  });

  // Interval: the 10th and 90th percentiles of P(pass | rates) over posterior draws of the
  // rates, each rate a Beta draw made of two Gamma draws on a fixed seed.
  Sampler sampler(Model::kSeed);
  std::vector<double> given_rates(Model::kPosteriorDraws);
  for (double& result : given_rates) {
    result = pass_given([&](const Part& part) {
      binomial_wrong(part.n, sampler.beta(alpha[part.domain], beta[part.domain]), part.choose,
                     part.terms, g);
    });
  }
  // The point estimate is the mean of these values; sampling noise, or a very skewed spread,
  // could leave it just outside the percentiles, so the interval is widened to hold it.
  out.low = std::clamp(std::min(quantile(given_rates, 0.1), out.pass_probability), 0.0, 1.0);
  out.high = std::clamp(std::max(quantile(given_rates, 0.9), out.pass_probability), 0.0, 1.0);
  return out;
}

}  // namespace certhub
