#pragma once
// The heap a piece of code leaves allocated, measured with glibc's mallinfo2(), for the tests
// that hold each cache's size estimate (approximate_bytes) to the real thing within a factor
// of 2. Under AddressSanitizer malloc is ASan's, which mallinfo2 does not see: those checks are
// skipped there (kHeapMeasured is false) and the budget checks still run.
#include <malloc.h>

#include <cstddef>

namespace certhub::test {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kHeapMeasured = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kHeapMeasured = false;
#else
inline constexpr bool kHeapMeasured = true;
#endif
#else
inline constexpr bool kHeapMeasured = true;
#endif

// Bytes in use on the heap now (chunks handed out, with malloc's own headers).
inline std::size_t heap_in_use() {
  return mallinfo2().uordblks;
}

// The bytes `build()` leaves allocated: heap in use after it minus before.
template <class F>
std::size_t heap_left_by(F&& build) {
  auto before = heap_in_use();
  build();
  auto after = heap_in_use();
  return after > before ? after - before : 0;
}

}  // namespace certhub::test

// Checks that `estimate` is within a factor of 2 of `real`.
#define EXPECT_WITHIN_FACTOR_2(estimate, real)                                         \
  do {                                                                                 \
    auto est_ = static_cast<double>(estimate);                                         \
    auto real_ = static_cast<double>(real);                                            \
    EXPECT_GE(est_, real_ / 2) << "estimate " << est_ << " B, real " << real_ << " B"; \
    EXPECT_LE(est_, real_ * 2) << "estimate " << est_ << " B, real " << real_ << " B"; \
  } while (0)
