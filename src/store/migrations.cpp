#include "store/migrations.hpp"

namespace certhub {

// Append only: a shipped migration is never edited, a new change gets the next number.
const std::vector<Migration>& migrations() {
  static const std::vector<Migration> kMigrations{
      {1, "sessions",
       R"(CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            csrf_token TEXT NOT NULL,
            created_at INTEGER NOT NULL))",
       R"(CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            csrf_token TEXT NOT NULL,
            created_at BIGINT NOT NULL))"},
      {2, "update_requests",
       // email '' means "no email given": each such request counts, so it has no unique key.
       R"(CREATE TABLE update_requests (
            id INTEGER PRIMARY KEY,
            certification TEXT NOT NULL,
            email TEXT NOT NULL,
            created_at INTEGER NOT NULL);
          CREATE UNIQUE INDEX update_requests_once ON update_requests (certification, email)
            WHERE email <> '')",
       R"(CREATE TABLE update_requests (
            id BIGSERIAL PRIMARY KEY,
            certification TEXT NOT NULL,
            email TEXT NOT NULL,
            created_at BIGINT NOT NULL);
          CREATE UNIQUE INDEX update_requests_once ON update_requests (certification, email)
            WHERE email <> '')"},
  };
  return kMigrations;
}

}  // namespace certhub
