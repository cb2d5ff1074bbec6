// Update requests on SQLite.
#include "store/sqlite/db.hpp"

namespace certhub::sqlite {
namespace {

class UpdateRequests final : public Area<UpdateRequestStore, Db> {
 public:
  using Area::Area;

  bool add_update_request(const std::string& certification, const std::string& email,
                          std::int64_t now) override {
    auto writing = db_.write_lock();
    auto conn = db_.lease();
    auto stmt = conn->prepare(
        "INSERT INTO update_requests (certification, email, created_at) VALUES (?, ?, ?) "
        "ON CONFLICT DO NOTHING");
    bind_arg(stmt, 1, certification);
    bind_arg(stmt, 2, email);
    bind_arg(stmt, 3, now);
    conn->step(stmt);
    if (conn->changes() != 1) return false;
    db_.wrote();
    return true;
  }

  int update_request_count(const std::string& certification) override {
    auto conn = db_.lease();
    auto stmt = conn->prepare("SELECT count(*) FROM update_requests WHERE certification = ?");
    bind_arg(stmt, 1, certification);
    conn->step(stmt);
    return sqlite3_column_int(stmt, 0);
  }
};

}  // namespace

std::unique_ptr<UpdateRequestStore> make_update_request_store(Db& db) {
  return std::make_unique<UpdateRequests>(db);
}

}  // namespace certhub::sqlite
