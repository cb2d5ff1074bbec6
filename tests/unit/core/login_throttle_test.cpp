// The log-in delay: free failures first, then 5 s doubling per failure up to 15 minutes; old
// failures are forgotten.
#include <gtest/gtest.h>

#include "core/login_throttle.hpp"

namespace certhub {
namespace {

constexpr std::int64_t kNow = 1'800'000'000;

TEST(LoginThrottle, FreeFailuresWaitNothing) {
  EXPECT_EQ(login_wait(0, 0, 5, kNow), 0);
  EXPECT_EQ(login_wait(4, kNow, 5, kNow), 0);  // just under
}

TEST(LoginThrottle, FifthFailureWaitsFiveSecondsThenDoubles) {
  EXPECT_EQ(login_wait(5, kNow, 5, kNow), 5);  // just over
  EXPECT_EQ(login_wait(5, kNow, 5, kNow + 4), 1);
  EXPECT_EQ(login_wait(5, kNow, 5, kNow + 5), 0);
  EXPECT_EQ(login_wait(6, kNow, 5, kNow), 10);
  EXPECT_EQ(login_wait(7, kNow, 5, kNow), 20);
}

TEST(LoginThrottle, DelayStopsAtFifteenMinutes) {
  EXPECT_EQ(login_wait(12, kNow, 5, kNow), 640);
  EXPECT_EQ(login_wait(13, kNow, 5, kNow), kMaxLoginDelaySeconds);
  EXPECT_EQ(login_wait(1'000'000, kNow, 5, kNow), kMaxLoginDelaySeconds);
}

TEST(LoginThrottle, FailuresOutsideTheWindowAreForgotten) {
  EXPECT_EQ(login_wait(50, kNow - kLoginFailureWindowSeconds, 5, kNow), 0);
}

TEST(LoginThrottle, ClientsGetMoreFreeFailures) {
  EXPECT_EQ(login_wait(19, kNow, kFreeLoginFailuresPerClient, kNow), 0);
  EXPECT_EQ(login_wait(20, kNow, kFreeLoginFailuresPerClient, kNow), 5);
}

}  // namespace
}  // namespace certhub
