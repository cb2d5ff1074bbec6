// Update requests on SQLite.
#include "store/sqlite/db.hpp"

namespace certhub::sqlite {
namespace {

#define kSelectRequest                                                                         \
  "SELECT id, certification, email, created_at, confirmed_at, unsubscribed_at, email_at FROM " \
  "update_requests"

UpdateRequestRow request_from(sqlite3_stmt* stmt) {
  return {sqlite3_column_int64(stmt, 0), column_text(stmt, 1),     column_text(stmt, 2),
          sqlite3_column_int64(stmt, 3), column_optional(stmt, 4), column_optional(stmt, 5),
          column_optional(stmt, 6)};
}

// The filter as SQL: every condition is bound, an unused one is NULL.
#define kFilter                                                                         \
  " WHERE (?1 = '' OR certification = ?1) AND (?2 IS NULL OR created_at >= ?2) AND "    \
  "(?3 IS NULL OR created_at < ?3) AND (?4 = 0 OR (?4 = 1 AND email <> '') OR (?4 = 2 " \
  "AND email = ''))"

void bind_filter(sqlite3_stmt* stmt, const UpdateRequestFilter& f) {
  bind_arg(stmt, 1, f.certification);
  bind_arg(stmt, 2, f.from);
  bind_arg(stmt, 3, f.to);
  bind_arg(stmt, 4, static_cast<std::int64_t>(f.email));
}

class UpdateRequests final : public Area<UpdateRequestStore, Db> {
 public:
  using Area::Area;

  bool add_update_request(const std::string& certification, const std::string& email,
                          const std::string& session_id, std::int64_t now) override {
    auto writing = db_.write_lock();
    auto conn = db_.lease();
    bool counted = false;  // a new request
    conn->transaction([&] {
      auto insert = conn->prepare(
          "INSERT INTO update_requests (certification, email, session_id, created_at, email_at) "
          "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
      bind_arg(insert, 1, certification);
      bind_arg(insert, 2, email);
      bind_arg(insert, 3, session_id);
      bind_arg(insert, 4, now);
      bind_arg(insert, 5, email.empty() ? std::nullopt : std::optional<std::int64_t>(now));
      conn->step(insert);
      std::optional<std::int64_t> emailed;  // the request whose email is new on file
      if (conn->changes() == 1) {
        counted = true;
        if (!email.empty()) emailed = conn->last_insert_rowid();
      } else if (!email.empty()) {
        // Counted before without an email: keep the one given now, unless it is already on file.
        auto add_email = conn->prepare(
            "UPDATE update_requests SET email = ?1, email_at = ?4, confirmed_at = NULL, "
            "unsubscribed_at = NULL WHERE certification = ?2 AND session_id = ?3 AND session_id "
            "<> '' AND email = '' AND NOT EXISTS (SELECT 1 FROM update_requests WHERE "
            "certification = ?2 AND email = ?1) RETURNING id");
        bind_arg(add_email, 1, email);
        bind_arg(add_email, 2, certification);
        bind_arg(add_email, 3, session_id);
        bind_arg(add_email, 4, now);
        if (conn->step(add_email) == SQLITE_ROW) emailed = sqlite3_column_int64(add_email, 0);
        while (conn->step(add_email) == SQLITE_ROW) {
        }
      }
      if (emailed) {
        // A confirmation for an address forgotten since makes way for the new one.
        auto earlier =
            conn->prepare("DELETE FROM outbox WHERE kind = 'confirm' AND request_id = ?");
        bind_arg(earlier, 1, *emailed);
        conn->step(earlier);
        auto confirm = conn->prepare(
            "INSERT INTO outbox (kind, request_id, certification, recipient, created_at, "
            "next_attempt_at) VALUES ('confirm', ?1, ?2, ?3, ?4, ?4) ON CONFLICT DO NOTHING");
        bind_arg(confirm, 1, *emailed);
        bind_arg(confirm, 2, certification);
        bind_arg(confirm, 3, email);
        bind_arg(confirm, 4, now);
        conn->step(confirm);
      }
      if (counted || emailed) db_.wrote();
    });
    return counted;
  }

  int update_request_count(const std::string& certification) override {
    auto conn = db_.lease();
    auto stmt = conn->prepare("SELECT count(*) FROM update_requests WHERE certification = ?");
    bind_arg(stmt, 1, certification);
    conn->step(stmt);
    return sqlite3_column_int(stmt, 0);
  }

  std::vector<UpdateRequestRow> requests_of(const std::string& session_id) override {
    auto conn = db_.lease();
    auto stmt =
        conn->prepare(kSelectRequest " WHERE session_id = ? AND session_id <> '' ORDER BY id");
    bind_arg(stmt, 1, session_id);
    std::vector<UpdateRequestRow> out;
    while (conn->step(stmt) == SQLITE_ROW) out.push_back(request_from(stmt));
    return out;
  }

  std::optional<UpdateRequestRow> request(std::int64_t id) override {
    auto conn = db_.lease();
    auto stmt = conn->prepare(kSelectRequest " WHERE id = ?");
    bind_arg(stmt, 1, id);
    if (conn->step(stmt) != SQLITE_ROW) return std::nullopt;
    return request_from(stmt);
  }

  bool confirm_request(std::int64_t id, std::int64_t now) override {
    return db_.write(
               "UPDATE update_requests SET confirmed_at = ? WHERE id = ? AND email <> '' "
               "AND confirmed_at IS NULL",
               now, id) == 1;
  }

  bool unsubscribe_request(std::int64_t id, std::int64_t now) override {
    return db_.write(
               "UPDATE update_requests SET unsubscribed_at = ?1 WHERE unsubscribed_at IS "
               "NULL AND email = (SELECT email FROM update_requests WHERE id = ?2 AND "
               "email <> '')",
               now, id) > 0;
  }

  int forget_unconfirmed(std::int64_t before) override {
    return db_.write(
        "UPDATE update_requests SET email = '', email_at = NULL WHERE email <> '' "
        "AND confirmed_at IS NULL AND email_at < ?",
        before);
  }

  std::vector<DemandTotal> demand_totals() override {
    auto conn = db_.lease();
    auto stmt = conn->prepare(
        "SELECT certification, count(*), count(*) FILTER (WHERE email <> ''), count(*) FILTER "
        "(WHERE email <> '' AND confirmed_at IS NOT NULL AND unsubscribed_at IS NULL) FROM "
        "update_requests GROUP BY certification ORDER BY count(*) DESC, certification");
    std::vector<DemandTotal> out;
    while (conn->step(stmt) == SQLITE_ROW)
      out.push_back({column_text(stmt, 0), sqlite3_column_int(stmt, 1), sqlite3_column_int(stmt, 2),
                     sqlite3_column_int(stmt, 3)});
    return out;
  }

  std::vector<DemandWeek> demand_by_week(std::int64_t since) override {
    auto conn = db_.lease();
    auto stmt = conn->prepare(
        "SELECT certification, (created_at / 86400 + 3) / 7 AS week, count(*), count(*) FILTER "
        "(WHERE "
        "email <> '') FROM update_requests WHERE created_at >= ? GROUP BY certification, week "
        "ORDER BY week, certification");
    bind_arg(stmt, 1, since);
    std::vector<DemandWeek> out;
    while (conn->step(stmt) == SQLITE_ROW)
      out.push_back({column_text(stmt, 0), sqlite3_column_int64(stmt, 1),
                     sqlite3_column_int(stmt, 2), sqlite3_column_int(stmt, 3)});
    return out;
  }

  std::vector<UpdateRequestRow> list_requests(const UpdateRequestFilter& filter, int limit,
                                              int offset) override {
    auto conn = db_.lease();
    auto stmt = conn->prepare(kSelectRequest kFilter " ORDER BY id DESC LIMIT ?5 OFFSET ?6");
    bind_filter(stmt, filter);
    bind_arg(stmt, 5, std::int64_t{limit});
    bind_arg(stmt, 6, std::int64_t{offset});
    std::vector<UpdateRequestRow> out;
    while (conn->step(stmt) == SQLITE_ROW) out.push_back(request_from(stmt));
    return out;
  }

  int count_requests(const UpdateRequestFilter& filter) override {
    auto conn = db_.lease();
    auto stmt = conn->prepare("SELECT count(*) FROM update_requests" kFilter);
    bind_filter(stmt, filter);
    conn->step(stmt);
    return sqlite3_column_int(stmt, 0);
  }
};

}  // namespace

std::unique_ptr<UpdateRequestStore> make_update_request_store(Db& db) {
  return std::make_unique<UpdateRequests>(db);
}

}  // namespace certhub::sqlite
