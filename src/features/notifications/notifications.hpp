#pragma once
// The notifications feature: "tell me when practice is available", kept exactly once.
//
// A request's address is confirmed first (double opt-in: the store queues the confirmation when
// the address is filed). When a content load makes a route's practice live, the store queues one
// message per confirmed requester in the transaction that records the change. A worker thread
// delivers the outbox over SMTP: claim (with a lease), send, mark; a failure is retried with
// exponential backoff, a claim whose sender died is retried once its lease runs out. The one
// duplicate this allows (a sender dying after the relay accepted a message and before marking
// it) carries the same Message-ID, which lets a relay drop it. Without an SMTP URL messages stay
// queued. The worker also forgets addresses never confirmed after 30 days.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "features/notifications/messages.hpp"
#include "features/notifications/smtp.hpp"
#include "web/app.hpp"

namespace certhub {

struct NotifyOptions {
  std::optional<SmtpSettings> smtp;  // none: messages stay queued (the admin area shows them)
  MailSettings mail;
  // The first retry waits this long, each further one twice as long (at most kMaxRetryDelay).
  std::chrono::seconds retry_delay{60};
};

// Addresses never confirmed are forgotten after this long.
inline constexpr std::int64_t kUnconfirmedSeconds = std::int64_t{30} * 86400;
// A claim lasts this long: a sender that died holds its messages no longer.
inline constexpr std::int64_t kClaimLeaseSeconds = 300;
// Tries per message before it is given up (with the default delay, over about 4 hours).
inline constexpr int kMaxSendAttempts = 8;
inline constexpr std::int64_t kMaxRetryDelaySeconds = std::int64_t{6} * 3600;
inline constexpr int kClaimBatch = 20;

class Notifications {
 public:
  Notifications(App& app, NotifyOptions options);
  ~Notifications();
  Notifications(const Notifications&) = delete;
  Notifications& operator=(const Notifications&) = delete;

  // Records every route's status from this snapshot: at start and after each reload.
  void record_statuses(const CatalogPtr& catalog);
  // Starts the worker (housekeeping; delivery when an SMTP URL is set).
  void start();

  // One round of delivery: claims what is due, sends it, marks it. Returns the messages sent.
  int deliver_due();

  // The links in a message to the request's address, signed over the request and when its
  // address was given: a link stops working when the address is forgotten or given anew.
  MessageLinks links_for(const UpdateRequestRow& request) const;
  // `what` is "confirm" or "unsubscribe".
  bool link_ok(std::string_view what, const UpdateRequestRow& request,
               std::string_view token) const;

 private:
  void run();
  void housekeeping();
  App& app_;
  NotifyOptions options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace certhub
