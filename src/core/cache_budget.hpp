#pragma once
// How many bytes each in-memory cache may hold (issue 19). One total, `certhub serve
// --cache-mib N`, split in fixed shares; docs/architecture.md ("Memory budgets") gives the
// reasons for the default and the shares.
#include <cstddef>

namespace certhub {

// The default total, in MiB: with the server's own ~16 MiB (code, content, SQLite, threads) and
// malloc's slack it keeps RSS under the goals in bench/README.md (64 MiB with 10,000 mock exams
// in progress, 96 MiB under the hostile mix).
inline constexpr std::size_t kCacheMiB = 40;

// Shares of the total, in percent: attempts in memory carry the question pages and saves, the
// hot path; the others hold what is cheap to render again.
inline constexpr std::size_t kAttemptsShare = 70;      // ~2,100 mock exams or ~300 long trainings
inline constexpr std::size_t kPagesShare = 10;         // hub pages, ~20-60 KB each
inline constexpr std::size_t kQuestionHtmlShare = 10;  // rendered Markdown, ~2 KB a question
inline constexpr std::size_t kReadinessShare = 5;      // readiness estimates, ~0.5 KB each
inline constexpr std::size_t kRateLimitShare = 5;      // token buckets, ~0.2 KB each
static_assert(kAttemptsShare + kPagesShare + kQuestionHtmlShare + kReadinessShare +
                  kRateLimitShare ==
              100);

struct CacheBudgets {
  std::size_t attempts = 0;
  std::size_t pages = 0;
  std::size_t question_html = 0;
  std::size_t readiness = 0;
  std::size_t rate_limits = 0;
};

constexpr CacheBudgets cache_budgets(std::size_t total_mib) {
  std::size_t total = total_mib * 1024 * 1024;
  return {total / 100 * kAttemptsShare, total / 100 * kPagesShare, total / 100 * kQuestionHtmlShare,
          total / 100 * kReadinessShare, total / 100 * kRateLimitShare};
}

}  // namespace certhub
