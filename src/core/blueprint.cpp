#include "core/blueprint.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace certhub {

std::vector<int> apportion(const std::vector<int>& weights, int total) {
  std::vector<int> counts(weights.size(), 0);
  long sum = std::accumulate(weights.begin(), weights.end(), 0L);
  if (sum <= 0 || total <= 0) return counts;
  std::vector<std::pair<long, size_t>> remainders;  // (remainder, index)
  int assigned = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    long share = static_cast<long>(weights[i]) * total;
    counts[i] = static_cast<int>(share / sum);
    assigned += counts[i];
    remainders.emplace_back(share % sum, i);
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& x, const auto& y) { return x.first > y.first; });
  for (size_t i = 0; assigned < total && i < remainders.size(); ++i, ++assigned)
    ++counts[remainders[i].second];
  return counts;
}

std::optional<Blueprint> blueprint_for(const Certification& cert) {
  if (!cert.exam || cert.domains.empty() || cert.exam->questions <= 0) return std::nullopt;
  Blueprint bp;
  bp.certification = cert.id;
  bp.questions = cert.exam->questions;
  bp.minutes = cert.exam->minutes;
  // The official count wins; otherwise the percentage, rounded up (a 74% mark needs 37 of 50).
  bp.pass_count = cert.exam->pass_count.value_or(static_cast<int>(
      std::ceil(cert.exam->pass_percent.value_or(100) * bp.questions / 100.0 - 1e-9)));
  std::vector<int> weights;
  for (const auto& d : cert.domains) weights.push_back(d.weight);
  auto counts = apportion(weights, bp.questions);
  for (size_t i = 0; i < cert.domains.size(); ++i)
    bp.draws.push_back({cert.domains[i].id, counts[i]});
  return bp;
}

}  // namespace certhub
