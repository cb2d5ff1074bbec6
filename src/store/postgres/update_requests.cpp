// Update requests on PostgreSQL.
#include "store/postgres/db.hpp"

namespace certhub::postgres {
namespace {

constexpr Sql kRequestInsert{"request_insert",
                             "INSERT INTO update_requests (certification, email, created_at) "
                             "VALUES ($1, $2, $3) ON CONFLICT DO NOTHING"};
constexpr Sql kRequestCount{"request_count",
                            "SELECT count(*) FROM update_requests WHERE certification = $1"};

class UpdateRequests final : public Area<UpdateRequestStore, Db> {
 public:
  using Area::Area;

  bool add_update_request(const std::string& certification, const std::string& email,
                          std::int64_t now) override {
    auto conn = db_.lease();
    return conn->run(kRequestInsert, {certification, email, now}).affected() == 1;
  }

  int update_request_count(const std::string& certification) override {
    auto conn = db_.lease();
    return static_cast<int>(conn->run(kRequestCount, {certification}).int64(0, 0));
  }
};

}  // namespace

std::unique_ptr<UpdateRequestStore> make_update_request_store(Db& db) {
  return std::make_unique<UpdateRequests>(db);
}

}  // namespace certhub::postgres
