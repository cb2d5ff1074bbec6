#pragma once
// Everything the server keeps between requests lives behind the Store, so SQLite (one process)
// and PostgreSQL (many app servers) can stand in for each other without callers changing. The
// Store itself only opens, migrates and checks the database and makes writes durable; each area
// of data has its own small interface (store/attempts.hpp, store/update_requests.hpp,
// store/settings.hpp, store/learning.hpp, store/accounts.hpp, store/notifications.hpp,
// store/reports.hpp), implemented
// by both backends in a file per area. Methods are blocking and thread-safe; errors come back as
// StoreError.
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

#include "store/accounts.hpp"
#include "store/attempts.hpp"
#include "store/learning.hpp"
#include "store/notifications.hpp"
#include "store/reports.hpp"
#include "store/settings.hpp"
#include "store/update_requests.hpp"

namespace certhub {

// The database could not be reached or refused the statement. Handlers turn it into a 503.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Group commit counters, for /metrics: commits / syncs is the average group size.
struct SyncStats {
  std::uint64_t syncs = 0;    // syncs of the write-ahead log
  std::uint64_t commits = 0;  // commits made durable by them
};

class Store {
 public:
  virtual ~Store() = default;

  // Applies every numbered migration not yet applied; returns the schema version reached.
  virtual int migrate() = 0;
  virtual int schema_version() = 0;
  // A cheap round trip to the database, for /healthz.
  virtual bool ping() = 0;

  // The areas.
  virtual AttemptStore& attempts() = 0;
  virtual UpdateRequestStore& update_requests() = 0;
  virtual SettingsStore& settings() = 0;
  virtual LearningStore& learning() = 0;
  virtual AccountStore& accounts() = 0;
  virtual NotificationStore& notifications() = 0;
  virtual ReportStore& reports() = 0;

  // Durability: a reply that acknowledges a write goes out only once the write is on disk.
  // SQLite commits at once and syncs in groups (store/sqlite/wal_sync.hpp): `take_write_ticket`
  // gives the ticket of the latest write this thread made since its last call (0: none), and
  // `when_durable` calls `done(ok)` once that write is synced, possibly from another thread.
  // PostgreSQL syncs every commit itself, so these defaults apply to it.
  virtual std::uint64_t take_write_ticket() { return 0; }
  // NOLINTNEXTLINE(performance-unnecessary-value-param): a sink; SQLite's override keeps it
  virtual void when_durable(std::uint64_t /*ticket*/, std::function<void(bool ok)> done) {
    done(true);
  }
  virtual SyncStats sync_stats() const { return {}; }

  // For `serve`: true when this process is now the database's only writer, so an attempt's
  // state may be kept in memory between requests. SQLite takes a lock file and throws
  // StoreError when another server holds it; PostgreSQL is shared by many app servers.
  virtual bool claim_sole_writer() { return false; }
};

// Opens the store named by `url`: a file path (SQLite) or a `postgresql://...` URL (PostgreSQL).
// Throws StoreError when it cannot be opened.
std::unique_ptr<Store> open_store(const std::string& url);

}  // namespace certhub
