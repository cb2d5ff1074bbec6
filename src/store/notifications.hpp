#pragma once
// The outbox: every email certhub sends is a row here first, written in the same transaction as
// the change it tells of, then delivered by a sender that claims, sends and marks each one.
// And the last known practice status per route, so a change is noticed exactly once however
// many app servers reload the same content.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace certhub {

enum class MessageKind { confirm, live };
const char* to_string(MessageKind kind);

struct OutboxMessage {
  std::int64_t id = 0;
  MessageKind kind = MessageKind::confirm;
  std::int64_t request_id = 0;
  std::string certification;
  std::string recipient;
  std::int64_t created_at = 0;
  int attempts = 0;  // sends tried, this one included once claimed
  std::int64_t claimed_until = 0;
  std::optional<std::int64_t> sent_at;
  std::optional<std::int64_t> failed_at;
  std::string last_error;
};

struct OutboxCounts {
  int queued = 0;  // waiting or being retried
  int sent = 0;
  int failed = 0;  // given up after the last retry
};

class NotificationStore {
 public:
  virtual ~NotificationStore() = default;

  // Records whether a route's practice is live. The first record of a route notifies nobody;
  // a change from not live to live queues one "live" message for every confirmed, still
  // subscribed request with an email for that route, in the same transaction (one message per
  // request ever: a unique index). Only one of several app servers recording the same change
  // sees it as a change. Returns the number of messages queued.
  virtual int record_route_status(const std::string& certification, bool live,
                                  std::int64_t now) = 0;

  // Claims up to `limit` messages due at `now` for `lease_seconds`: no other sender takes them
  // meanwhile (on PostgreSQL with FOR UPDATE SKIP LOCKED); a lease that runs out (a sender that
  // died) makes them due again. Oldest first.
  virtual std::vector<OutboxMessage> claim_messages(std::int64_t now, std::int64_t lease_seconds,
                                                    int limit) = 0;
  virtual void mark_sent(std::int64_t id, std::int64_t now) = 0;
  // Not sent this time: due again at `retry_at`, or (nullopt) given up for good.
  virtual void mark_not_sent(std::int64_t id, std::optional<std::int64_t> retry_at,
                             const std::string& error, std::int64_t now) = 0;

  virtual OutboxCounts outbox_counts() = 0;
  // Newest first.
  virtual std::vector<OutboxMessage> outbox(int limit) = 0;
};

}  // namespace certhub
