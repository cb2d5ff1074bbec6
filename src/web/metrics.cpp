#include "web/metrics.hpp"

#include <sstream>

namespace certhub {
namespace {

std::string label_value(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

void Metrics::observe(const std::string& route, int status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{route, status}];
  for (size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++bucket_counts_[i];
  ++count_;
  sum_ += seconds;
}

std::string Metrics::render(const Gauges& gauges) const {
  std::ostringstream out;
  std::lock_guard lock(mutex_);
  out << "# HELP certhub_http_requests_total HTTP requests by route pattern and status.\n"
      << "# TYPE certhub_http_requests_total counter\n";
  for (const auto& [key, n] : requests_)
    out << "certhub_http_requests_total{route=\"" << label_value(key.first) << "\",status=\""
        << key.second << "\"} " << n << "\n";
  out << "# HELP certhub_http_request_duration_seconds Time from request read to response ready.\n"
      << "# TYPE certhub_http_request_duration_seconds histogram\n";
  for (size_t i = 0; i < kBuckets.size(); ++i)
    out << "certhub_http_request_duration_seconds_bucket{le=\"" << kBuckets[i] << "\"} "
        << bucket_counts_[i] << "\n";
  out << "certhub_http_request_duration_seconds_bucket{le=\"+Inf\"} " << count_ << "\n"
      << "certhub_http_request_duration_seconds_sum " << sum_ << "\n"
      << "certhub_http_request_duration_seconds_count " << count_ << "\n";
  out << "# HELP certhub_content_info The content version being served.\n"
      << "# TYPE certhub_content_info gauge\n"
      << "certhub_content_info{version=\"" << label_value(gauges.content_version) << "\"} 1\n";
  out << "# HELP certhub_content_reload_failures_total Reloads refused because content had "
         "errors.\n"
      << "# TYPE certhub_content_reload_failures_total counter\n"
      << "certhub_content_reload_failures_total " << gauges.reloads_failed << "\n";
  out << "# HELP certhub_wal_syncs_total Syncs of the database's write-ahead log (group "
         "commit).\n"
      << "# TYPE certhub_wal_syncs_total counter\n"
      << "certhub_wal_syncs_total " << gauges.sync.syncs << "\n"
      << "# HELP certhub_wal_synced_commits_total Commits made durable by those syncs.\n"
      << "# TYPE certhub_wal_synced_commits_total counter\n"
      << "certhub_wal_synced_commits_total " << gauges.sync.commits << "\n";
  static constexpr std::array<std::pair<const char*, const char*>, kEvents> kEventText{{
      {"certhub_update_requests_total", "Update requests counted (once per visitor and route)."},
      {"certhub_question_reports_total", "Problems reported with questions."},
      {"certhub_email_confirmations_total", "Requesters who confirmed their address."},
      {"certhub_unsubscribes_total", "Requesters who unsubscribed."},
      {"certhub_emails_sent_total", "Messages accepted by the mail relay."},
      {"certhub_email_send_failures_total", "Sends that failed (retried later or given up)."},
  }};
  for (int i = 0; i < kEvents; ++i)
    out << "# HELP " << kEventText[i].first << " " << kEventText[i].second << " This server.\n"
        << "# TYPE " << kEventText[i].first << " counter\n"
        << kEventText[i].first << " " << events_[i].load() << "\n";
  if (gauges.outbox)
    out << "# HELP certhub_outbox_messages Messages in the outbox by state (every server).\n"
        << "# TYPE certhub_outbox_messages gauge\n"
        << "certhub_outbox_messages{state=\"queued\"} " << gauges.outbox->queued << "\n"
        << "certhub_outbox_messages{state=\"sent\"} " << gauges.outbox->sent << "\n"
        << "certhub_outbox_messages{state=\"failed\"} " << gauges.outbox->failed << "\n";
  // Each in-memory cache (core/lru_bytes.hpp): what it holds against its budget, and how it
  // has been used.
  struct Series {
    const char* name;
    const char* type;
    const char* help;
    std::uint64_t (*value)(const CacheStats&);
  };
  static constexpr Series kCacheSeries[] = {
      {"certhub_cache_bytes", "gauge", "Estimated bytes an in-memory cache holds.",
       [](const CacheStats& s) -> std::uint64_t { return s.bytes; }},
      {"certhub_cache_budget_bytes", "gauge", "The bytes an in-memory cache may hold.",
       [](const CacheStats& s) -> std::uint64_t { return s.budget; }},
      {"certhub_cache_entries", "gauge", "Entries an in-memory cache holds.",
       [](const CacheStats& s) -> std::uint64_t { return s.entries; }},
      {"certhub_cache_hits_total", "counter", "Lookups that found their entry.",
       [](const CacheStats& s) { return s.hits; }},
      {"certhub_cache_misses_total", "counter", "Lookups that found nothing.",
       [](const CacheStats& s) { return s.misses; }},
      {"certhub_cache_evictions_total", "counter",
       "Entries dropped, least recently used first, to stay within the budget.",
       [](const CacheStats& s) { return s.evictions; }},
  };
  if (!gauges.caches.empty())
    for (const auto& series : kCacheSeries) {
      out << "# HELP " << series.name << " " << series.help << "\n"
          << "# TYPE " << series.name << " " << series.type << "\n";
      for (const auto& [cache, stats] : gauges.caches)
        out << series.name << "{cache=\"" << label_value(cache) << "\"} " << series.value(stats)
            << "\n";
    }
  if (gauges.active_attempts >= 0)
    out << "# HELP certhub_active_attempts Attempts started and not yet finished.\n"
        << "# TYPE certhub_active_attempts gauge\n"
        << "certhub_active_attempts " << gauges.active_attempts << "\n";
  return out.str();
}

}  // namespace certhub
