#pragma once
// Everything the server keeps between requests lives behind this interface, so SQLite (one
// process) and PostgreSQL (many app servers) can stand in for each other without callers
// changing. Methods are blocking and thread-safe; errors come back as StoreError.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace certhub {

// The database could not be reached or refused the statement. Handlers turn it into a 503.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Session {
  std::string id;
  std::string csrf_token;
  std::int64_t created_at = 0;  // unix seconds
};

// A stored attempt. `slots` is the engine's slot list encoded by the store's caller (JSON), so
// the store never needs to know the exam engine's types.
struct AttemptRow {
  std::string id;
  std::string session_id;
  std::string certification;
  std::string mode;
  std::string domain;  // empty: all domains
  std::string content_version;
  std::int64_t seed = 0;
  std::string slots;
  std::int64_t started_at = 0;
  std::optional<std::int64_t> deadline;
  std::optional<std::int64_t> finished_at;
};

struct StepRow {
  int slot = 0;
  std::string kind;   // "answer" | "flag"
  std::string value;  // answer: "a,c"; flag: "1" or "0"
  std::int64_t at = 0;
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

  // The value of an installation-wide setting, storing `initial` first if it has none yet.
  // Every app server on one database gets the same value.
  virtual std::string setting(const std::string& name, const std::string& initial) = 0;

  virtual void create_session(const Session& session) = 0;
  virtual std::optional<Session> find_session(const std::string& id) = 0;

  // Records that someone wants news of a route. The same non-empty email for the same route
  // counts once; returns false when it was already recorded.
  virtual bool add_update_request(const std::string& certification, const std::string& email,
                                  std::int64_t now) = 0;
  virtual int update_request_count(const std::string& certification) = 0;

  virtual void create_attempt(const AttemptRow& attempt) = 0;
  virtual std::optional<AttemptRow> find_attempt(const std::string& id) = 0;
  // Newest first.
  virtual std::vector<AttemptRow> attempts_of(const std::string& session_id, int limit) = 0;
  // Appends a step to an unfinished attempt, committed before it returns. False when the
  // attempt is finished (or gone): the step is not recorded.
  virtual bool append_step(const std::string& attempt_id, const StepRow& step) = 0;
  virtual std::vector<StepRow> steps_of(const std::string& attempt_id) = 0;
  // Sets finished_at unless already set; returns the finished_at now stored.
  virtual std::int64_t finish_attempt(const std::string& attempt_id, std::int64_t at) = 0;
  // Attempts neither finished nor past their deadline.
  virtual std::int64_t active_attempts(std::int64_t now) = 0;

  // Durability: a reply that acknowledges a write goes out only once the write is on disk.
  // SQLite commits at once and syncs in groups (store/wal_sync.hpp): `take_write_ticket` gives
  // the ticket of the latest write this thread made since its last call (0: none), and
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
