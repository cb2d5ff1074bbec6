#include "core/login_throttle.hpp"

#include <algorithm>

namespace certhub {

std::int64_t login_wait(int failures, std::int64_t last_at, int free_failures, std::int64_t now) {
  if (failures < free_failures || now - last_at >= kLoginFailureWindowSeconds) return 0;
  // 5 s after the last free failure, 10 s after the next, ... (the shift is capped long before
  // it could overflow).
  auto doublings = std::min(failures - free_failures, 16);
  auto delay = std::min(kLoginDelaySeconds << doublings, kMaxLoginDelaySeconds);
  return std::max<std::int64_t>(0, last_at + delay - now);
}

}  // namespace certhub
