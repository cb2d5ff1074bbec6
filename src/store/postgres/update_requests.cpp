// Update requests on PostgreSQL.
#include "store/postgres/db.hpp"

namespace certhub::postgres {
namespace {

constexpr Sql kRequestInsert{
    "request_insert",
    "INSERT INTO update_requests (certification, email, session_id, created_at) "
    "VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING"};
// Counted before without an email: keep the one given now, unless it is already on file.
constexpr Sql kRequestAddEmail{
    "request_add_email",
    "UPDATE update_requests SET email = $1 WHERE certification = $2 AND session_id = $3 "
    "AND session_id <> '' AND email = '' AND NOT EXISTS (SELECT 1 FROM update_requests "
    "WHERE certification = $2 AND email = $1)"};
constexpr Sql kRequestCount{"request_count",
                            "SELECT count(*) FROM update_requests WHERE certification = $1"};

constexpr Sql kRequestsOf{"requests_of",
                          "SELECT certification, email, created_at FROM update_requests "
                          "WHERE session_id = $1 AND session_id <> '' ORDER BY id"};

class UpdateRequests final : public Area<UpdateRequestStore, Db> {
 public:
  using Area::Area;

  bool add_update_request(const std::string& certification, const std::string& email,
                          const std::string& session_id, std::int64_t now) override {
    auto conn = db_.lease();
    if (conn->run(kRequestInsert, {certification, email, session_id, now}).affected() == 1)
      return true;
    if (!email.empty()) {
      try {
        conn->run(kRequestAddEmail, {email, certification, session_id});
      } catch (const PgError& e) {
        // Another app server filed the same email meanwhile: it is on file either way.
        if (e.sqlstate() != kUniqueViolation) throw;
      }
    }
    return false;
  }

  int update_request_count(const std::string& certification) override {
    auto conn = db_.lease();
    return static_cast<int>(conn->run(kRequestCount, {certification}).int64(0, 0));
  }

  std::vector<Request> requests_of(const std::string& session_id) override {
    auto conn = db_.lease();
    auto r = conn->run(kRequestsOf, {session_id});
    std::vector<Request> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back({r.text(i, 0), r.text(i, 1), r.int64(i, 2)});
    return out;
  }
};

}  // namespace

std::unique_ptr<UpdateRequestStore> make_update_request_store(Db& db) {
  return std::make_unique<UpdateRequests>(db);
}

}  // namespace certhub::postgres
