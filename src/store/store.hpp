#pragma once
// Everything the server keeps between requests lives behind this interface, so SQLite (one
// process) and PostgreSQL (many app servers) can stand in for each other without callers
// changing. Methods are blocking and thread-safe; errors come back as StoreError.
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

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

class Store {
 public:
  virtual ~Store() = default;

  // Applies every numbered migration not yet applied; returns the schema version reached.
  virtual int migrate() = 0;
  virtual int schema_version() = 0;
  // A cheap round trip to the database, for /healthz.
  virtual bool ping() = 0;

  virtual void create_session(const Session& session) = 0;
  virtual std::optional<Session> find_session(const std::string& id) = 0;

  // Records that someone wants news of a route. The same non-empty email for the same route
  // counts once; returns false when it was already recorded.
  virtual bool add_update_request(const std::string& certification, const std::string& email,
                                  std::int64_t now) = 0;
  virtual int update_request_count(const std::string& certification) = 0;
};

// Opens the store named by `url`: a file path (SQLite), or `postgresql://...` once that backend
// exists. Throws StoreError when it cannot be opened.
std::unique_ptr<Store> open_store(const std::string& url);

}  // namespace certhub
