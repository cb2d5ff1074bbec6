#pragma once
// Request counters and a latency histogram in Prometheus' text format.
#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/lru_bytes.hpp"
#include "store/store.hpp"

namespace certhub {

// Things that happen outside requests' own counts, counted by this app server since it started.
enum class Event {
  update_request,     // a new update request counted
  question_report,    // a learner reported a problem with a question
  email_confirmed,    // a requester confirmed their address
  unsubscribe,        // a requester unsubscribed
  email_sent,         // a message accepted by the relay
  email_send_failure  // a send that failed (to be retried, or given up)
};
inline constexpr int kEvents = 6;

class Metrics {
 public:
  static constexpr std::array<double, 12> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                   0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
  // `route` is the route pattern ("/certifications/{id}"), never the raw path, so the number
  // of series stays bounded whatever URLs clients send.
  void observe(const std::string& route, int status, double seconds);
  void count(Event event) { ++events_[static_cast<int>(event)]; }

  struct Gauges {
    std::string content_version;
    std::int64_t active_attempts = -1;  // -1: unknown (database down), not printed
    std::int64_t reloads_failed = 0;
    SyncStats sync;                      // group commit (SQLite); zero on PostgreSQL
    std::optional<OutboxCounts> outbox;  // nullopt: unknown (database down), not printed
    std::vector<std::pair<std::string, CacheStats>> caches;  // by name, in a fixed order
  };
  std::string render(const Gauges& gauges) const;

 private:
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;
  std::array<std::uint64_t, kBuckets.size()> bucket_counts_{};
  std::uint64_t count_ = 0;
  std::array<std::atomic<std::uint64_t>, kEvents> events_{};
  double sum_ = 0;
};

}  // namespace certhub
