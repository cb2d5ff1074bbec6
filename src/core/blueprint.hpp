#pragma once
// A mock exam's shape, derived from a certification's exam facts and domain weights.
#include <optional>
#include <string>
#include <vector>

#include "core/catalog.hpp"

namespace certhub {

struct DomainDraw {
  std::string domain;
  int count = 0;
};

struct Blueprint {
  std::string certification;
  int questions = 0;
  int minutes = 0;
  int pass_count = 0;
  std::vector<DomainDraw> draws;  // in the certification's domain order; counts sum to questions
};

// Splits `total` by integer percentage weights: floor shares first, then the largest
// remainders (earlier domain wins a tie), so the counts always add up to `total`.
std::vector<int> apportion(const std::vector<int>& weights, int total);

// Empty when the certification has no exam or no domains.
std::optional<Blueprint> blueprint_for(const Certification& cert);

}  // namespace certhub
