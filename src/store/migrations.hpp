#pragma once
#include <vector>

namespace certhub {

// One schema change. Both dialects live side by side so the two backends never drift apart.
struct Migration {
  int version;
  const char* name;
  const char* sqlite;
  const char* postgres;
};

const std::vector<Migration>& migrations();

}  // namespace certhub
