#pragma once
// "Tell me when practice is available": requests for news of a route without live practice,
// with the double opt-in of their email addresses, and what the admin area reads of them.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace certhub {

// One request as the admin area and the export show it.
struct UpdateRequestRow {
  std::int64_t id = 0;
  std::string certification;
  std::string email;  // empty: none given
  std::int64_t created_at = 0;
  std::optional<std::int64_t> confirmed_at;
  std::optional<std::int64_t> unsubscribed_at;
  std::optional<std::int64_t> email_at;  // when the address was given
};

// Which requests a list or CSV export holds. Times are Unix seconds, `to` exclusive.
struct UpdateRequestFilter {
  std::string certification;  // empty: every route
  std::optional<std::int64_t> from;
  std::optional<std::int64_t> to;
  enum class Email { any, with, without } email = Email::any;
};

// Requests per route and week: weeks start on Monday, numbered from the one of 1970-01-01
// (`(at / 86400 + 3) / 7`; the epoch was a Thursday).
struct DemandWeek {
  std::string certification;
  std::int64_t week = 0;
  int requests = 0;
  int with_email = 0;
};

// Per route: every request, those with an email, those confirmed and still subscribed.
struct DemandTotal {
  std::string certification;
  int requests = 0;
  int with_email = 0;
  int reachable = 0;
};

class UpdateRequestStore {
 public:
  virtual ~UpdateRequestStore() = default;

  // Records that a visitor (`session_id`) wants news of a route. A visitor counts once per
  // route, and so does a non-empty email: asking again adds nothing, except that an email given
  // now is kept on the visitor's earlier request if it had none. An email newly on file gets one
  // confirmation message in the outbox, in the same transaction (a new one if an earlier address
  // of the request was forgotten). Returns true when a new request was counted.
  virtual bool add_update_request(const std::string& certification, const std::string& email,
                                  const std::string& session_id, std::int64_t now) = 0;
  virtual int update_request_count(const std::string& certification) = 0;
  // A visitor's requests, oldest first (for the learner's export).
  virtual std::vector<UpdateRequestRow> requests_of(const std::string& session_id) = 0;

  virtual std::optional<UpdateRequestRow> request(std::int64_t id) = 0;
  // The double opt-in. True when this call confirmed the address (false: no such request with
  // an email, or confirmed already).
  virtual bool confirm_request(std::int64_t id, std::int64_t now) = 0;
  // Unsubscribes the request's address from every route. True when anything changed.
  virtual bool unsubscribe_request(std::int64_t id, std::int64_t now) = 0;
  // Forgets the addresses given before `before` and never confirmed (the requests still count);
  // returns how many.
  virtual int forget_unconfirmed(std::int64_t before) = 0;

  // The admin area.
  virtual std::vector<DemandTotal> demand_totals() = 0;
  virtual std::vector<DemandWeek> demand_by_week(std::int64_t since) = 0;
  // Newest first.
  virtual std::vector<UpdateRequestRow> list_requests(const UpdateRequestFilter& filter, int limit,
                                                      int offset) = 0;
  virtual int count_requests(const UpdateRequestFilter& filter) = 0;
};

}  // namespace certhub
