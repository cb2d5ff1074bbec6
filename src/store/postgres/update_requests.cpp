// Update requests on PostgreSQL.
#include "store/postgres/db.hpp"

namespace certhub::postgres {
namespace {

#define CERTHUB_SELECT_REQUEST                                                                 \
  "SELECT id, certification, email, created_at, confirmed_at, unsubscribed_at, email_at FROM " \
  "update_requests"
// The filter as SQL: every condition is a parameter, an unused one NULL (or '' and 0).
#define CERTHUB_REQUEST_FILTER                                                               \
  " WHERE ($1 = '' OR certification = $1) AND ($2::bigint IS NULL OR created_at >= $2) AND " \
  "($3::bigint IS NULL OR created_at < $3) AND ($4 = 0 OR ($4 = 1 AND email <> '') OR "      \
  "($4 = 2 AND email = ''))"

constexpr Sql kRequestInsert{
    "request_insert",
    "INSERT INTO update_requests (certification, email, session_id, created_at, email_at) "
    "VALUES ($1, $2, $3, $4, CASE WHEN $2 <> '' THEN $4::bigint END) ON CONFLICT DO NOTHING "
    "RETURNING id"};
// Counted before without an email: keep the one given now, unless it is already on file.
constexpr Sql kRequestAddEmail{
    "request_add_email",
    "UPDATE update_requests SET email = $1, email_at = $4, confirmed_at = NULL, unsubscribed_at "
    "= NULL WHERE certification = $2 AND session_id = $3 AND session_id <> '' AND email = '' AND "
    "NOT EXISTS (SELECT 1 FROM update_requests WHERE certification = $2 AND email = $1) "
    "RETURNING id"};
// A confirmation for an address forgotten since makes way for the new one.
constexpr Sql kConfirmationEarlier{"confirmation_earlier",
                                   "DELETE FROM outbox WHERE kind = 'confirm' AND request_id = $1"};
constexpr Sql kConfirmationQueue{
    "confirmation_queue",
    "INSERT INTO outbox (kind, request_id, certification, recipient, created_at, "
    "next_attempt_at) VALUES ('confirm', $1, $2, $3, $4, $4) ON CONFLICT DO NOTHING"};
constexpr Sql kRequestCount{"request_count",
                            "SELECT count(*) FROM update_requests WHERE certification = $1"};
constexpr Sql kRequestsOf{"requests_of", CERTHUB_SELECT_REQUEST
                          " WHERE session_id = $1 AND session_id <> '' ORDER BY id"};
constexpr Sql kRequestById{"request_by_id", CERTHUB_SELECT_REQUEST " WHERE id = $1"};
constexpr Sql kRequestConfirm{"request_confirm",
                              "UPDATE update_requests SET confirmed_at = $1 WHERE id = $2 AND "
                              "email <> '' AND confirmed_at IS NULL"};
constexpr Sql kRequestUnsubscribe{
    "request_unsubscribe",
    "UPDATE update_requests SET unsubscribed_at = $1 WHERE unsubscribed_at IS NULL AND email = "
    "(SELECT email FROM update_requests WHERE id = $2 AND email <> '')"};
constexpr Sql kRequestForget{"request_forget",
                             "UPDATE update_requests SET email = '', email_at = NULL WHERE "
                             "email <> '' AND confirmed_at IS NULL AND email_at < $1"};
constexpr Sql kDemandTotals{
    "demand_totals",
    "SELECT certification, count(*), count(*) FILTER (WHERE email <> ''), count(*) FILTER "
    "(WHERE email <> '' AND confirmed_at IS NOT NULL AND unsubscribed_at IS NULL) FROM "
    "update_requests GROUP BY certification ORDER BY count(*) DESC, certification"};
constexpr Sql kDemandWeeks{
    "demand_weeks",
    "SELECT certification, (created_at / 86400 + 3) / 7 AS week, count(*), count(*) FILTER (WHERE "
    "email <> '') FROM update_requests WHERE created_at >= $1 GROUP BY certification, week "
    "ORDER BY week, certification"};
constexpr Sql kRequestList{"request_list", CERTHUB_SELECT_REQUEST CERTHUB_REQUEST_FILTER
                           " ORDER BY id DESC LIMIT $5 OFFSET $6"};
constexpr Sql kRequestFilterCount{"request_filter_count",
                                  "SELECT count(*) FROM update_requests" CERTHUB_REQUEST_FILTER};
#undef CERTHUB_SELECT_REQUEST
#undef CERTHUB_REQUEST_FILTER

UpdateRequestRow request_from(const Result& r, int row) {
  return {r.int64(row, 0),    r.text(row, 1),     r.text(row, 2),    r.int64(row, 3),
          r.optional(row, 4), r.optional(row, 5), r.optional(row, 6)};
}

std::vector<UpdateRequestRow> requests_from(const Result& r) {
  std::vector<UpdateRequestRow> out;
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) out.push_back(request_from(r, i));
  return out;
}

class UpdateRequests final : public Area<UpdateRequestStore, Db> {
 public:
  using Area::Area;

  bool add_update_request(const std::string& certification, const std::string& email,
                          const std::string& session_id, std::int64_t now) override {
    auto conn = db_.lease();
    bool counted = false;
    try {
      transaction(*conn, [&] {
        std::optional<std::int64_t> emailed;  // the request whose email is new on file
        auto inserted = conn->run(kRequestInsert, {certification, email, session_id, now});
        if (inserted.rows() == 1) {
          counted = true;
          if (!email.empty()) emailed = inserted.int64(0, 0);
        } else if (!email.empty()) {
          auto added = conn->run(kRequestAddEmail, {email, certification, session_id, now});
          if (added.rows() == 1) emailed = added.int64(0, 0);
        }
        if (emailed) {
          conn->run(kConfirmationEarlier, {*emailed});
          conn->run(kConfirmationQueue, {*emailed, certification, email, now});
        }
      });
    } catch (const PgError& e) {
      // Another app server filed the same email meanwhile: it is on file either way.
      if (e.sqlstate() != kUniqueViolation) throw;
    }
    return counted;
  }

  int update_request_count(const std::string& certification) override {
    auto conn = db_.lease();
    return static_cast<int>(conn->run(kRequestCount, {certification}).int64(0, 0));
  }

  std::vector<UpdateRequestRow> requests_of(const std::string& session_id) override {
    return requests_from(db_.lease()->run(kRequestsOf, {session_id}));
  }

  std::optional<UpdateRequestRow> request(std::int64_t id) override {
    auto r = db_.lease()->run(kRequestById, {id});
    if (r.rows() == 0) return std::nullopt;
    return request_from(r, 0);
  }

  bool confirm_request(std::int64_t id, std::int64_t now) override {
    return db_.lease()->run(kRequestConfirm, {now, id}).affected() == 1;
  }

  bool unsubscribe_request(std::int64_t id, std::int64_t now) override {
    return db_.lease()->run(kRequestUnsubscribe, {now, id}).affected() > 0;
  }

  int forget_unconfirmed(std::int64_t before) override {
    return db_.lease()->run(kRequestForget, {before}).affected();
  }

  std::vector<DemandTotal> demand_totals() override {
    auto r = db_.lease()->run(kDemandTotals, {});
    std::vector<DemandTotal> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i)
      out.push_back({r.text(i, 0), static_cast<int>(r.int64(i, 1)), static_cast<int>(r.int64(i, 2)),
                     static_cast<int>(r.int64(i, 3))});
    return out;
  }

  std::vector<DemandWeek> demand_by_week(std::int64_t since) override {
    auto r = db_.lease()->run(kDemandWeeks, {since});
    std::vector<DemandWeek> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i)
      out.push_back({r.text(i, 0), r.int64(i, 1), static_cast<int>(r.int64(i, 2)),
                     static_cast<int>(r.int64(i, 3))});
    return out;
  }

  std::vector<UpdateRequestRow> list_requests(const UpdateRequestFilter& f, int limit,
                                              int offset) override {
    return requests_from(db_.lease()->run(
        kRequestList, {f.certification, f.from, f.to, static_cast<int>(f.email), limit, offset}));
  }

  int count_requests(const UpdateRequestFilter& f) override {
    auto r = db_.lease()->run(kRequestFilterCount,
                              {f.certification, f.from, f.to, static_cast<int>(f.email)});
    return static_cast<int>(r.int64(0, 0));
  }
};

}  // namespace

std::unique_ptr<UpdateRequestStore> make_update_request_store(Db& db) {
  return std::make_unique<UpdateRequests>(db);
}

}  // namespace certhub::postgres
