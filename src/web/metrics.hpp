#pragma once
// Request counters and a latency histogram in Prometheus' text format.
#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "store/store.hpp"

namespace certhub {

class Metrics {
 public:
  static constexpr std::array<double, 12> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                   0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
  // `route` is the route pattern ("/certifications/{id}"), never the raw path, so the number
  // of series stays bounded whatever URLs clients send.
  void observe(const std::string& route, int status, double seconds);

  struct Gauges {
    std::string content_version;
    std::int64_t active_attempts = -1;  // -1: unknown (database down), not printed
    std::int64_t reloads_failed = 0;
    SyncStats sync;  // group commit (SQLite); zero on PostgreSQL
  };
  std::string render(const Gauges& gauges) const;

 private:
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;
  std::array<std::uint64_t, kBuckets.size()> bucket_counts_{};
  std::uint64_t count_ = 0;
  double sum_ = 0;
};

}  // namespace certhub
