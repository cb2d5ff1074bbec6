#include "core/item_stats.hpp"

#include <algorithm>
#include <cmath>

namespace certhub {

std::optional<double> point_biserial(std::int64_t n, std::int64_t sum_x, std::int64_t sum_y,
                                     std::int64_t sum_yy, std::int64_t sum_xy) {
  if (n < 2) return std::nullopt;
  // n² cov = n Σxy − Σx Σy; n² var = n Σx² − (Σx)² (x² = x for 0/1). Integers: exact.
  auto nd = static_cast<double>(n);
  double cov = nd * static_cast<double>(sum_xy) - static_cast<double>(sum_x * sum_y);
  double var_x = nd * static_cast<double>(sum_x) - static_cast<double>(sum_x * sum_x);
  double var_y =
      nd * static_cast<double>(sum_yy) - static_cast<double>(sum_y) * static_cast<double>(sum_y);
  if (var_x <= 0 || var_y <= 0) return std::nullopt;
  return cov / std::sqrt(var_x * var_y);
}

void ItemStatsBuilder::add_attempt(const std::vector<ItemResponse>& slots) {
  ++attempts_;
  std::int64_t total = 0;
  for (const auto& s : slots) total += s.correct ? 1 : 0;
  for (const auto& s : slots) {
    auto& sums = items_[s.question_id];
    std::int64_t x = s.correct ? 1 : 0;
    std::int64_t y = total - x;
    ++sums.n;
    sums.x += x;
    sums.y += y;
    sums.yy += y * y;
    sums.xy += x * y;
    if (s.chosen.empty()) ++sums.unanswered;
    for (const auto& key : s.chosen) ++sums.options[key];
  }
}

namespace {

// How far outside the facility band (0 inside).
double band_distance(double p) {
  if (p < kItemMinFacility) return kItemMinFacility - p;
  if (p > kItemMaxFacility) return p - kItemMaxFacility;
  return 0;
}

std::string two_places(double v) {
  auto r = std::lround(v * 100);
  std::string sign = r < 0 ? "-" : "";
  r = std::labs(r);
  auto frac = std::to_string(r % 100);
  return sign + std::to_string(r / 100) + "." + (frac.size() < 2 ? "0" : "") + frac;
}

}  // namespace

std::vector<ItemStat> ItemStatsBuilder::finish() const {
  std::vector<ItemStat> out;
  out.reserve(items_.size());
  for (const auto& [id, s] : items_) {
    ItemStat st;
    st.question_id = id;
    st.attempts = static_cast<int>(s.n);
    st.correct = static_cast<int>(s.x);
    st.facility = s.n > 0 ? static_cast<double>(s.x) / static_cast<double>(s.n) : 0;
    st.discrimination = point_biserial(s.n, s.x, s.y, s.yy, s.xy);
    st.option_counts = s.options;
    st.unanswered = s.unanswered;
    st.enough = st.attempts >= kItemMinAttempts;
    if (st.enough) {
      if (st.discrimination && *st.discrimination < kItemMinDiscrimination)
        st.reasons.push_back("discrimination " + two_places(*st.discrimination) + " below " +
                             two_places(kItemMinDiscrimination));
      if (st.facility < kItemMinFacility)
        st.reasons.push_back("facility " + two_places(st.facility) + " below " +
                             two_places(kItemMinFacility));
      if (st.facility > kItemMaxFacility)
        st.reasons.push_back("facility " + two_places(st.facility) + " above " +
                             two_places(kItemMaxFacility));
      st.flagged = !st.reasons.empty();
    }
    out.push_back(std::move(st));
  }
  auto rank = [](const ItemStat& s) { return s.flagged ? 0 : s.enough ? 1 : 2; };
  std::sort(out.begin(), out.end(), [&](const ItemStat& a, const ItemStat& b) {
    if (rank(a) != rank(b)) return rank(a) < rank(b);
    if (rank(a) == 2) {
      if (a.attempts != b.attempts) return a.attempts > b.attempts;
      return a.question_id < b.question_id;
    }
    // No discrimination (everyone right or everyone wrong) ranks as 0: it separates nobody.
    double da = a.discrimination.value_or(0), db = b.discrimination.value_or(0);
    if (da != db) return da < db;
    double fa = band_distance(a.facility), fb = band_distance(b.facility);
    if (fa != fb) return fa > fb;
    return a.question_id < b.question_id;
  });
  return out;
}

}  // namespace certhub
