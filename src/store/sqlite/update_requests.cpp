// Update requests on SQLite.
#include "store/sqlite/db.hpp"

namespace certhub::sqlite {
namespace {

class UpdateRequests final : public Area<UpdateRequestStore, Db> {
 public:
  using Area::Area;

  bool add_update_request(const std::string& certification, const std::string& email,
                          const std::string& session_id, std::int64_t now) override {
    auto writing = db_.write_lock();
    auto conn = db_.lease();
    auto insert = conn->prepare(
        "INSERT INTO update_requests (certification, email, session_id, created_at) "
        "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING");
    bind_arg(insert, 1, certification);
    bind_arg(insert, 2, email);
    bind_arg(insert, 3, session_id);
    bind_arg(insert, 4, now);
    conn->step(insert);
    if (conn->changes() == 1) {
      db_.wrote();
      return true;
    }
    if (email.empty()) return false;
    // Counted before without an email: keep the one given now, unless it is already on file.
    auto add_email = conn->prepare(
        "UPDATE update_requests SET email = ?1 WHERE certification = ?2 AND session_id = ?3 "
        "AND session_id <> '' AND email = '' AND NOT EXISTS (SELECT 1 FROM update_requests "
        "WHERE certification = ?2 AND email = ?1)");
    bind_arg(add_email, 1, email);
    bind_arg(add_email, 2, certification);
    bind_arg(add_email, 3, session_id);
    conn->step(add_email);
    if (conn->changes() == 1) db_.wrote();
    return false;
  }

  int update_request_count(const std::string& certification) override {
    auto conn = db_.lease();
    auto stmt = conn->prepare("SELECT count(*) FROM update_requests WHERE certification = ?");
    bind_arg(stmt, 1, certification);
    conn->step(stmt);
    return sqlite3_column_int(stmt, 0);
  }

  std::vector<Request> requests_of(const std::string& session_id) override {
    auto conn = db_.lease();
    auto stmt = conn->prepare(
        "SELECT certification, email, created_at FROM update_requests WHERE session_id = ? "
        "AND session_id <> '' ORDER BY id");
    bind_arg(stmt, 1, session_id);
    std::vector<Request> out;
    while (conn->step(stmt) == SQLITE_ROW)
      out.push_back({column_text(stmt, 0), column_text(stmt, 1), sqlite3_column_int64(stmt, 2)});
    return out;
  }
};

}  // namespace

std::unique_ptr<UpdateRequestStore> make_update_request_store(Db& db) {
  return std::make_unique<UpdateRequests>(db);
}

}  // namespace certhub::sqlite
