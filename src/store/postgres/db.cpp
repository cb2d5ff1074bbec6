#include "store/postgres/db.hpp"

#include <poll.h>

#include <charconv>
#include <cstring>

namespace certhub::postgres {
namespace {

constexpr size_t kPoolSize = 8;
// A caller waits this long for a free connection before it gets a StoreError (a 503).
constexpr auto kLeaseWait = std::chrono::seconds(5);
// After a failed connect, calls fail at once for this long instead of each waiting for the
// network: an unreachable database costs one connect attempt per interval, not one per request.
constexpr auto kReconnectBackoff = std::chrono::milliseconds(500);

// Defaults put before the URL in the keyword list, so the URL may override every one of them.
// Keepalives and tcp_user_timeout turn a silently vanished server into an error within seconds;
// statement_timeout bounds how long an I/O thread can wait on a stuck statement.
constexpr const char* kDefaultKeys[] = {
    "connect_timeout",  "keepalives",       "keepalives_idle", "keepalives_interval",
    "keepalives_count", "tcp_user_timeout", "options",         "application_name"};
constexpr const char* kDefaultValues[] = {
    "5", "1", "30", "10", "3", "10000", "-c statement_timeout=30000", "certhub"};
static_assert(std::size(kDefaultKeys) == std::size(kDefaultValues));

// libpq's messages span lines ("...failed: Connection refused\n\tIs the server running..."):
// one line for the log.
std::string one_line(const char* text) {
  std::string out;
  for (const char* p = text ? text : ""; *p; ++p) {
    bool space = *p == '\n' || *p == '\t' || *p == ' ';
    if (!space)
      out += *p;
    else if (!out.empty() && out.back() != ' ')
      out += ' ';
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

Param::Param(double number) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, number);
  value = std::string(buf, ec == std::errc() ? end : buf);
}

double to_double(const char* text) {
  double value = 0;
  auto end = text + std::strlen(text);
  auto [ptr, ec] = std::from_chars(text, end, value);
  if (ec != std::errc() || ptr != end)
    throw StoreError(std::string("PostgreSQL: not a number: ") + text);
  return value;
}

std::int64_t to_int64(const char* text) {
  std::int64_t value = 0;
  auto end = text + std::strlen(text);
  auto [ptr, ec] = std::from_chars(text, end, value);
  if (ec != std::errc() || ptr != end)
    throw StoreError(std::string("PostgreSQL: not an integer: ") + text);
  return value;
}

Connection::Connection(const std::string& url) {
  std::vector<const char*> keys(std::begin(kDefaultKeys), std::end(kDefaultKeys));
  std::vector<const char*> values(std::begin(kDefaultValues), std::end(kDefaultValues));
  keys.push_back("dbname");  // expanded: the URL's own settings override the defaults above
  values.push_back(url.c_str());
  keys.push_back(nullptr);
  values.push_back(nullptr);
  conn_ = PQconnectdbParams(keys.data(), values.data(), 1);
  if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
    std::string msg = conn_ ? one_line(PQerrorMessage(conn_)) : "out of memory";
    PQfinish(conn_);
    throw PgError("", "cannot connect to PostgreSQL: " + msg);
  }
  // Notices (e.g. "relation already exists, skipping") are not errors; keep stderr clean.
  PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);
}

Result Connection::run(const Sql& sql, std::initializer_list<Param> params) {
  if (!prepared_.contains(sql.name)) {
    Result prepared(PQprepare(conn_, sql.name, sql.text, 0, nullptr));
    if (PQresultStatus(prepared.get()) != PGRES_COMMAND_OK) fail(prepared.get(), sql.name);
    prepared_.insert(sql.name);
  }
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p.value ? p.value->c_str() : nullptr);
  Result result(PQexecPrepared(conn_, sql.name, static_cast<int>(values.size()), values.data(),
                               nullptr, nullptr, 0));
  auto status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(result.get(), sql.name);
  return result;
}

void Connection::exec(const char* sql) {
  Result result(PQexec(conn_, sql));
  auto status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(result.get(), "query");
}

void Connection::commit() {
  Result result(PQexec(conn_, "COMMIT"));
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) fail(result.get(), "commit");
  // A transaction that had failed answers COMMIT with ROLLBACK.
  if (std::strcmp(PQcmdStatus(result.get()), "COMMIT") != 0)
    throw PgError("", "PostgreSQL: transaction rolled back");
}

void Connection::rollback() noexcept {
  if (broken()) return;
  PGresult* result = PQexec(conn_, "ROLLBACK");
  if (PQresultStatus(result) != PGRES_COMMAND_OK) broken_ = true;
  PQclear(result);
}

bool Connection::ready() const {
  if (broken() || PQtransactionStatus(conn_) != PQTRANS_IDLE) return false;
  pollfd pfd{PQsocket(conn_), POLLIN, 0};
  return ::poll(&pfd, 1, 0) == 0;
}

void Connection::fail(const PGresult* result, const char* what) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const char* constraint = result ? PQresultErrorField(result, PG_DIAG_CONSTRAINT_NAME) : nullptr;
  std::string sqlstate = state ? state : "";
  std::string message = one_line(result ? PQresultErrorMessage(result) : nullptr);
  if (message.empty()) message = one_line(PQerrorMessage(conn_));
  // Class 08 is a connection exception; 57P01-57P03 is the server shutting down or gone.
  if (PQstatus(conn_) != CONNECTION_OK || sqlstate.empty() || sqlstate.starts_with("08") ||
      sqlstate.starts_with("57P"))
    broken_ = true;
  throw PgError(sqlstate, std::string("PostgreSQL (") + what + "): " + message,
                constraint ? constraint : "");
}

Db::Db(std::string url) : url_(std::move(url)) {
  idle_.push_back(std::make_unique<Connection>(url_));  // fail now, not on the first request
}

Db::Lease Db::lease() {
  std::unique_lock lock(mutex_);
  auto deadline = std::chrono::steady_clock::now() + kLeaseWait;
  for (;;) {
    while (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      if (conn->ready()) return Lease(this, std::move(conn));
      --open_;  // dropped here; a fresh one is opened below
    }
    if (open_ < kPoolSize) break;
    if (returned_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() &&
        open_ >= kPoolSize)
      throw StoreError("PostgreSQL: every connection of the pool is busy");
  }
  auto now = std::chrono::steady_clock::now();
  if (now < retry_after_) throw StoreError(last_connect_error_);
  ++open_;
  lock.unlock();
  try {
    auto conn = std::make_unique<Connection>(url_);
    return Lease(this, std::move(conn));
  } catch (const StoreError& e) {
    std::lock_guard relock(mutex_);
    --open_;
    retry_after_ = std::chrono::steady_clock::now() + kReconnectBackoff;
    last_connect_error_ = e.what();
    returned_.notify_one();
    throw;
  }
}

void Db::give_back(std::unique_ptr<Connection> conn) {
  if (!conn->ready()) {
    conn.reset();  // closes it outside the lock
    std::lock_guard lock(mutex_);
    --open_;
    returned_.notify_one();
    return;
  }
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(conn));
  returned_.notify_one();
}

}  // namespace certhub::postgres
