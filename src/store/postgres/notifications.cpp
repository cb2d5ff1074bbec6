// The outbox and route statuses on PostgreSQL: several app servers may record the same status
// change and run senders side by side.
#include "store/notifications.hpp"

#include <algorithm>

#include "store/postgres/db.hpp"

namespace certhub::postgres {
namespace {

#define CERTHUB_MESSAGE_COLUMNS                                                           \
  "id, kind, request_id, certification, recipient, created_at, attempts, claimed_until, " \
  "sent_at, failed_at, last_error"

constexpr Sql kStatusFirst{"status_first",
                           "INSERT INTO route_status (certification, live, changed_at) VALUES "
                           "($1, $2, $3) ON CONFLICT DO NOTHING"};
// The row lock makes a second server wait, then see the new status: its WHERE no longer holds.
constexpr Sql kStatusChange{"status_change",
                            "UPDATE route_status SET live = $2, changed_at = $3 WHERE "
                            "certification = $1 AND live <> $2"};
constexpr Sql kFanOut{
    "fan_out",
    "INSERT INTO outbox (kind, request_id, certification, recipient, created_at, "
    "next_attempt_at) SELECT 'live', id, certification, email, $2, $2 FROM update_requests "
    "WHERE certification = $1 AND email <> '' AND confirmed_at IS NOT NULL AND "
    "unsubscribed_at IS NULL ON CONFLICT DO NOTHING"};
// SKIP LOCKED: two senders claiming at once take different messages instead of waiting.
constexpr Sql kClaim{"outbox_claim",
                     "UPDATE outbox SET claimed_until = $2, attempts = attempts + 1 WHERE id IN "
                     "(SELECT id FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND "
                     "next_attempt_at <= $1 AND claimed_until <= $1 ORDER BY id LIMIT $3 FOR "
                     "UPDATE SKIP LOCKED) RETURNING " CERTHUB_MESSAGE_COLUMNS};
constexpr Sql kMarkSent{"outbox_sent",
                        "UPDATE outbox SET sent_at = $1, claimed_until = 0 WHERE id = $2"};
constexpr Sql kMarkRetry{"outbox_retry",
                         "UPDATE outbox SET next_attempt_at = $1, claimed_until = 0, "
                         "last_error = $2 WHERE id = $3"};
constexpr Sql kMarkFailed{"outbox_failed",
                          "UPDATE outbox SET failed_at = $1, claimed_until = 0, last_error = $2 "
                          "WHERE id = $3"};
constexpr Sql kCounts{"outbox_counts",
                      "SELECT count(*) FILTER (WHERE sent_at IS NULL AND failed_at IS NULL), "
                      "count(sent_at), count(failed_at) FROM outbox"};
constexpr Sql kRecent{"outbox_recent",
                      "SELECT " CERTHUB_MESSAGE_COLUMNS " FROM outbox ORDER BY id DESC LIMIT $1"};
#undef CERTHUB_MESSAGE_COLUMNS

OutboxMessage message_from(const Result& r, int row) {
  OutboxMessage m;
  m.id = r.int64(row, 0);
  m.kind = r.text(row, 1) == "live" ? MessageKind::live : MessageKind::confirm;
  m.request_id = r.int64(row, 2);
  m.certification = r.text(row, 3);
  m.recipient = r.text(row, 4);
  m.created_at = r.int64(row, 5);
  m.attempts = static_cast<int>(r.int64(row, 6));
  m.claimed_until = r.int64(row, 7);
  m.sent_at = r.optional(row, 8);
  m.failed_at = r.optional(row, 9);
  m.last_error = r.text(row, 10);
  return m;
}

std::vector<OutboxMessage> messages_from(const Result& r) {
  std::vector<OutboxMessage> out;
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) out.push_back(message_from(r, i));
  return out;
}

class Notifications final : public Area<NotificationStore, Db> {
 public:
  using Area::Area;

  int record_route_status(const std::string& certification, bool live, std::int64_t now) override {
    auto conn = db_.lease();
    int queued = 0;
    std::string live_text = live ? "true" : "false";
    transaction(*conn, [&] {
      if (conn->run(kStatusFirst, {certification, live_text, now}).affected() == 1) return;
      if (conn->run(kStatusChange, {certification, live_text, now}).affected() != 1 || !live)
        return;
      queued = conn->run(kFanOut, {certification, now}).affected();
    });
    return queued;
  }

  std::vector<OutboxMessage> claim_messages(std::int64_t now, std::int64_t lease_seconds,
                                            int limit) override {
    auto out = messages_from(db_.lease()->run(kClaim, {now, now + lease_seconds, limit}));
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    return out;
  }

  void mark_sent(std::int64_t id, std::int64_t now) override {
    db_.lease()->run(kMarkSent, {now, id});
  }

  void mark_not_sent(std::int64_t id, std::optional<std::int64_t> retry_at,
                     const std::string& error, std::int64_t now) override {
    if (retry_at)
      db_.lease()->run(kMarkRetry, {*retry_at, error, id});
    else
      db_.lease()->run(kMarkFailed, {now, error, id});
  }

  OutboxCounts outbox_counts() override {
    auto r = db_.lease()->run(kCounts, {});
    return {static_cast<int>(r.int64(0, 0)), static_cast<int>(r.int64(0, 1)),
            static_cast<int>(r.int64(0, 2))};
  }

  std::vector<OutboxMessage> outbox(int limit) override {
    return messages_from(db_.lease()->run(kRecent, {limit}));
  }
};

}  // namespace

std::unique_ptr<NotificationStore> make_notification_store(Db& db) {
  return std::make_unique<Notifications>(db);
}

}  // namespace certhub::postgres
