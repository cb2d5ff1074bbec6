#include "features/notifications/notifications.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace certhub {
namespace {

constexpr std::string_view kConfirmPurpose = "confirm-request";
constexpr std::string_view kUnsubscribePurpose = "unsubscribe-request";
// The worker's rhythm: how often it looks for due messages, and does its housekeeping.
constexpr auto kPollInterval = std::chrono::seconds(1);
constexpr std::int64_t kHousekeepingSeconds = 3600;

}  // namespace

Notifications::Notifications(App& app, NotifyOptions options)
    : app_(app), options_(std::move(options)) {}

Notifications::~Notifications() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
}

void Notifications::record_statuses(const CatalogPtr& catalog) {
  auto& store = app_.store().notifications();
  for (const auto& cert : catalog->certifications) {
    auto began = std::chrono::steady_clock::now();
    int queued =
        store.record_route_status(cert.id, cert.practice == PracticeStatus::live, app_.now());
    if (queued > 0) {
      spdlog::info("{} practice is live: {} messages queued in {:.3f} s", cert.code, queued,
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count());
      wake_.notify_all();
    }
  }
}

void Notifications::start() {
  worker_ = std::thread([this] { run(); });
}

namespace {

std::string signed_value(const UpdateRequestRow& request) {
  return std::to_string(request.id) + ":" + std::to_string(request.email_at.value_or(0));
}

}  // namespace

MessageLinks Notifications::links_for(const UpdateRequestRow& request) const {
  auto id = std::to_string(request.id);
  auto value = signed_value(request);
  const auto& base = options_.mail.public_url;
  return {base + "/requests/" + id + "/confirm?t=" + app_.sessions().sign(kConfirmPurpose, value),
          base + "/requests/" + id +
              "/unsubscribe?t=" + app_.sessions().sign(kUnsubscribePurpose, value)};
}

bool Notifications::link_ok(std::string_view what, const UpdateRequestRow& request,
                            std::string_view token) const {
  if (request.email.empty()) return false;
  auto purpose = what == "confirm" ? kConfirmPurpose : kUnsubscribePurpose;
  return app_.sessions().signature_ok(purpose, signed_value(request), token);
}

int Notifications::deliver_due() {
  if (!options_.smtp) return 0;
  auto& store = app_.store().notifications();
  auto catalog = app_.catalog();
  int sent = 0;
  auto from = bare_address(options_.mail.from);
  for (const auto& m : store.claim_messages(app_.now(), kClaimLeaseSeconds, kClaimBatch)) {
    // The address may have been withdrawn since the message was queued.
    auto request = app_.store().update_requests().request(m.request_id);
    if (!request || request->email != m.recipient ||
        (m.kind == MessageKind::live && request->unsubscribed_at)) {
      store.mark_not_sent(m.id, std::nullopt, "not sent: the address was withdrawn", app_.now());
      continue;
    }
    const auto* cert = catalog->certification(m.certification);
    auto route = cert ? cert->code : m.certification;
    auto text =
        compose_message(m, options_.mail, links_for(*request), route, cert ? cert->name : route,
                        "/practice/" + m.certification, app_.now());
    auto error = send_mail(*options_.smtp, from, m.recipient, text);
    if (!error) {
      store.mark_sent(m.id, app_.now());
      app_.metrics().count(Event::email_sent);
      ++sent;
      continue;
    }
    app_.metrics().count(Event::email_send_failure);
    std::optional<std::int64_t> retry_at;
    if (m.attempts < kMaxSendAttempts) {
      auto delay = options_.retry_delay.count() << std::min(m.attempts - 1, 20);
      retry_at = app_.now() + std::min<std::int64_t>(delay, kMaxRetryDelaySeconds);
    }
    spdlog::warn("email {} to {}: {}{}", m.id, m.recipient, *error,
                 retry_at ? "; will retry" : "; given up");
    store.mark_not_sent(m.id, retry_at, *error, app_.now());
  }
  return sent;
}

void Notifications::housekeeping() {
  int forgotten =
      app_.store().update_requests().forget_unconfirmed(app_.now() - kUnconfirmedSeconds);
  if (forgotten > 0) spdlog::info("forgot {} addresses never confirmed", forgotten);
}

void Notifications::run() {
  std::int64_t next_housekeeping = 0;
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    try {
      if (app_.now() >= next_housekeeping) {
        housekeeping();
        next_housekeeping = app_.now() + kHousekeepingSeconds;
      }
      // A full batch means more may be waiting: go on at once.
      while (deliver_due() == kClaimBatch) {
      }
    } catch (const std::exception& e) {
      spdlog::error("notifications: {}", e.what());  // the database is away: try again later
    }
    lock.lock();
    wake_.wait_for(lock, kPollInterval, [this] { return stopping_; });
  }
}

}  // namespace certhub
