// The outbox and route statuses on SQLite.
#include "store/notifications.hpp"

#include <algorithm>

#include "store/sqlite/db.hpp"

namespace certhub::sqlite {
namespace {

#define kSelectMessage                                                                           \
  "SELECT id, kind, request_id, certification, recipient, created_at, attempts, claimed_until, " \
  "sent_at, failed_at, last_error FROM outbox"

OutboxMessage message_from(sqlite3_stmt* stmt) {
  OutboxMessage m;
  m.id = sqlite3_column_int64(stmt, 0);
  m.kind = column_text(stmt, 1) == "live" ? MessageKind::live : MessageKind::confirm;
  m.request_id = sqlite3_column_int64(stmt, 2);
  m.certification = column_text(stmt, 3);
  m.recipient = column_text(stmt, 4);
  m.created_at = sqlite3_column_int64(stmt, 5);
  m.attempts = sqlite3_column_int(stmt, 6);
  m.claimed_until = sqlite3_column_int64(stmt, 7);
  m.sent_at = column_optional(stmt, 8);
  m.failed_at = column_optional(stmt, 9);
  m.last_error = column_text(stmt, 10);
  return m;
}

class Notifications final : public Area<NotificationStore, Db> {
 public:
  using Area::Area;

  int record_route_status(const std::string& certification, bool live, std::int64_t now) override {
    auto writing = db_.write_lock();
    auto conn = db_.lease();
    int queued = 0;
    bool changed = false;
    conn->transaction([&] {
      auto first = conn->prepare(
          "INSERT INTO route_status (certification, live, changed_at) VALUES (?1, ?2, ?3) "
          "ON CONFLICT DO NOTHING");
      bind_arg(first, 1, certification);
      bind_arg(first, 2, std::int64_t{live ? 1 : 0});
      bind_arg(first, 3, now);
      conn->step(first);
      if (conn->changes() == 1) {
        changed = true;  // the first record: nobody to tell
        return;
      }
      auto update = conn->prepare(
          "UPDATE route_status SET live = ?2, changed_at = ?3 WHERE certification = ?1 AND "
          "live <> ?2");
      bind_arg(update, 1, certification);
      bind_arg(update, 2, std::int64_t{live ? 1 : 0});
      bind_arg(update, 3, now);
      conn->step(update);
      changed = conn->changes() == 1;
      if (!changed || !live) return;
      auto fan_out = conn->prepare(
          "INSERT INTO outbox (kind, request_id, certification, recipient, created_at, "
          "next_attempt_at) SELECT 'live', id, certification, email, ?2, ?2 FROM update_requests "
          "WHERE certification = ?1 AND email <> '' AND confirmed_at IS NOT NULL AND "
          "unsubscribed_at IS NULL ON CONFLICT DO NOTHING");
      bind_arg(fan_out, 1, certification);
      bind_arg(fan_out, 2, now);
      conn->step(fan_out);
      queued = conn->changes();
    });
    if (changed) db_.wrote();
    return queued;
  }

  std::vector<OutboxMessage> claim_messages(std::int64_t now, std::int64_t lease_seconds,
                                            int limit) override {
    auto writing = db_.write_lock();
    auto conn = db_.lease();
    auto stmt = conn->prepare(
        "UPDATE outbox SET claimed_until = ?2, attempts = attempts + 1 WHERE id IN (SELECT id "
        "FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ?1 AND "
        "claimed_until <= ?1 ORDER BY id LIMIT ?3) RETURNING id, kind, request_id, "
        "certification, recipient, created_at, attempts, claimed_until, sent_at, failed_at, "
        "last_error");
    bind_arg(stmt, 1, now);
    bind_arg(stmt, 2, now + lease_seconds);
    bind_arg(stmt, 3, std::int64_t{limit});
    std::vector<OutboxMessage> out;
    while (conn->step(stmt) == SQLITE_ROW) out.push_back(message_from(stmt));
    if (!out.empty()) db_.wrote();
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    return out;
  }

  void mark_sent(std::int64_t id, std::int64_t now) override {
    db_.write("UPDATE outbox SET sent_at = ?, claimed_until = 0 WHERE id = ?", now, id);
  }

  void mark_not_sent(std::int64_t id, std::optional<std::int64_t> retry_at,
                     const std::string& error, std::int64_t now) override {
    if (retry_at)
      db_.write(
          "UPDATE outbox SET next_attempt_at = ?, claimed_until = 0, last_error = ? "
          "WHERE id = ?",
          *retry_at, error, id);
    else
      db_.write("UPDATE outbox SET failed_at = ?, claimed_until = 0, last_error = ? WHERE id = ?",
                now, error, id);
  }

  OutboxCounts outbox_counts() override {
    auto conn = db_.lease();
    auto stmt = conn->prepare(
        "SELECT count(*) FILTER (WHERE sent_at IS NULL AND failed_at IS NULL), count(sent_at), "
        "count(failed_at) FROM outbox");
    conn->step(stmt);
    return {sqlite3_column_int(stmt, 0), sqlite3_column_int(stmt, 1), sqlite3_column_int(stmt, 2)};
  }

  std::vector<OutboxMessage> outbox(int limit) override {
    auto conn = db_.lease();
    auto stmt = conn->prepare(kSelectMessage " ORDER BY id DESC LIMIT ?");
    bind_arg(stmt, 1, std::int64_t{limit});
    std::vector<OutboxMessage> out;
    while (conn->step(stmt) == SQLITE_ROW) out.push_back(message_from(stmt));
    return out;
  }
};

}  // namespace

std::unique_ptr<NotificationStore> make_notification_store(Db& db) {
  return std::make_unique<Notifications>(db);
}

}  // namespace certhub::sqlite
