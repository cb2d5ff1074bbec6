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
      {3, "settings",
       // Installation-wide values shared by every app server, e.g. the CSRF signing key.
       "CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
       "CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)"},
      {4, "attempts",
       // An attempt is immutable once created but for finished_at; what the learner does is
       // an append-only list of steps, numbered per attempt (as Moodle's question engine).
       R"(CREATE TABLE attempts (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL,
            certification TEXT NOT NULL,
            mode TEXT NOT NULL,
            domain TEXT NOT NULL,
            content_version TEXT NOT NULL,
            seed INTEGER NOT NULL,
            slots TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            deadline INTEGER,
            finished_at INTEGER);
          CREATE INDEX attempts_by_session ON attempts (session_id, started_at);
          CREATE TABLE steps (
            attempt_id TEXT NOT NULL REFERENCES attempts (id),
            seq INTEGER NOT NULL,
            slot INTEGER NOT NULL,
            kind TEXT NOT NULL,
            value TEXT NOT NULL,
            at INTEGER NOT NULL,
            PRIMARY KEY (attempt_id, seq)))",
       // rowid: SQLite numbers rows in insertion order by itself; PostgreSQL needs a column for
       // it (newest first among attempts started in the same second).
       R"(CREATE TABLE attempts (
            rowid BIGINT GENERATED ALWAYS AS IDENTITY,
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL,
            certification TEXT NOT NULL,
            mode TEXT NOT NULL,
            domain TEXT NOT NULL,
            content_version TEXT NOT NULL,
            seed BIGINT NOT NULL,
            slots TEXT NOT NULL,
            started_at BIGINT NOT NULL,
            deadline BIGINT,
            finished_at BIGINT);
          CREATE INDEX attempts_by_session ON attempts (session_id, started_at);
          CREATE TABLE steps (
            attempt_id TEXT NOT NULL REFERENCES attempts (id),
            seq INTEGER NOT NULL,
            slot INTEGER NOT NULL,
            kind TEXT NOT NULL,
            value TEXT NOT NULL,
            at BIGINT NOT NULL,
            PRIMARY KEY (attempt_id, seq)))"},
      {5, "practice_flow",
       // One running mock exam per learner and certification (older duplicates are ended at
       // their deadline first); how an attempt ended and its grade; update requests counted once
       // per visitor and route.
       R"(ALTER TABLE attempts ADD COLUMN abandoned INTEGER NOT NULL DEFAULT 0;
          ALTER TABLE attempts ADD COLUMN score_correct INTEGER;
          ALTER TABLE attempts ADD COLUMN score_answered INTEGER;
          ALTER TABLE attempts ADD COLUMN score_total INTEGER;
          ALTER TABLE attempts ADD COLUMN score_passed INTEGER;
          UPDATE attempts SET finished_at = coalesce(deadline, started_at)
            WHERE mode = 'mock' AND finished_at IS NULL AND rowid NOT IN (
              SELECT max(rowid) FROM attempts WHERE mode = 'mock' AND finished_at IS NULL
              GROUP BY session_id, certification);
          CREATE UNIQUE INDEX attempts_one_running_mock ON attempts (session_id, certification)
            WHERE mode = 'mock' AND finished_at IS NULL;
          ALTER TABLE update_requests ADD COLUMN session_id TEXT NOT NULL DEFAULT '';
          CREATE UNIQUE INDEX update_requests_once_per_visitor
            ON update_requests (certification, session_id) WHERE session_id <> '')",
       R"(ALTER TABLE attempts ADD COLUMN abandoned INTEGER NOT NULL DEFAULT 0,
            ADD COLUMN score_correct INTEGER, ADD COLUMN score_answered INTEGER,
            ADD COLUMN score_total INTEGER, ADD COLUMN score_passed INTEGER;
          UPDATE attempts SET finished_at = coalesce(deadline, started_at)
            WHERE mode = 'mock' AND finished_at IS NULL AND rowid NOT IN (
              SELECT max(rowid) FROM attempts WHERE mode = 'mock' AND finished_at IS NULL
              GROUP BY session_id, certification);
          CREATE UNIQUE INDEX attempts_one_running_mock ON attempts (session_id, certification)
            WHERE mode = 'mock' AND finished_at IS NULL;
          ALTER TABLE update_requests ADD COLUMN session_id TEXT NOT NULL DEFAULT '';
          CREATE UNIQUE INDEX update_requests_once_per_visitor
            ON update_requests (certification, session_id) WHERE session_id <> '')"},
      {6, "learning",
       // Every graded answer is a review, append-only; a card is the scheduling state its
       // reviews led to (kept, so the due cards are one indexed range, not a replay). One review
       // per attempt slot, whoever grades it. review_days tallies the reviews per domain and
       // day for readiness, in the same transaction (on SQLite without a rowid, so a learner's
       // tallies are one range of the primary key). cards_due holds the domain too, so the due
       // counts per domain are read from the index alone.
       R"(CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            learner TEXT NOT NULL,
            question_id TEXT NOT NULL,
            certification TEXT NOT NULL,
            domain TEXT NOT NULL,
            correct INTEGER NOT NULL,
            at INTEGER NOT NULL,
            attempt_id TEXT,
            slot INTEGER);
          CREATE INDEX reviews_by_learner ON reviews (learner, certification, at);
          CREATE UNIQUE INDEX reviews_once_per_slot ON reviews (attempt_id, slot)
            WHERE attempt_id IS NOT NULL;
          CREATE TABLE review_days (
            learner TEXT NOT NULL,
            certification TEXT NOT NULL,
            day INTEGER NOT NULL,
            domain TEXT NOT NULL,
            correct INTEGER NOT NULL,
            total INTEGER NOT NULL,
            PRIMARY KEY (learner, certification, day, domain)) WITHOUT ROWID;
          CREATE TABLE cards (
            learner TEXT NOT NULL,
            question_id TEXT NOT NULL,
            certification TEXT NOT NULL,
            domain TEXT NOT NULL,
            stability REAL NOT NULL,
            difficulty REAL NOT NULL,
            reps INTEGER NOT NULL,
            lapses INTEGER NOT NULL,
            last_at INTEGER NOT NULL,
            due_day INTEGER NOT NULL,
            PRIMARY KEY (learner, question_id));
          CREATE INDEX cards_due ON cards (learner, certification, due_day, domain);
          CREATE TABLE exam_dates (
            learner TEXT NOT NULL,
            certification TEXT NOT NULL,
            exam_day INTEGER NOT NULL,
            PRIMARY KEY (learner, certification)))",
       R"(CREATE TABLE reviews (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            learner TEXT NOT NULL,
            question_id TEXT NOT NULL,
            certification TEXT NOT NULL,
            domain TEXT NOT NULL,
            correct BOOLEAN NOT NULL,
            at BIGINT NOT NULL,
            attempt_id TEXT,
            slot INTEGER);
          CREATE INDEX reviews_by_learner ON reviews (learner, certification, at);
          CREATE UNIQUE INDEX reviews_once_per_slot ON reviews (attempt_id, slot)
            WHERE attempt_id IS NOT NULL;
          CREATE TABLE review_days (
            learner TEXT NOT NULL,
            certification TEXT NOT NULL,
            day BIGINT NOT NULL,
            domain TEXT NOT NULL,
            correct INTEGER NOT NULL,
            total INTEGER NOT NULL,
            PRIMARY KEY (learner, certification, day, domain));
          CREATE TABLE cards (
            learner TEXT NOT NULL,
            question_id TEXT NOT NULL,
            certification TEXT NOT NULL,
            domain TEXT NOT NULL,
            stability DOUBLE PRECISION NOT NULL,
            difficulty DOUBLE PRECISION NOT NULL,
            reps INTEGER NOT NULL,
            lapses INTEGER NOT NULL,
            last_at BIGINT NOT NULL,
            due_day BIGINT NOT NULL,
            PRIMARY KEY (learner, question_id));
          CREATE INDEX cards_due ON cards (learner, certification, due_day, domain);
          CREATE TABLE exam_dates (
            learner TEXT NOT NULL,
            certification TEXT NOT NULL,
            exam_day BIGINT NOT NULL,
            PRIMARY KEY (learner, certification)))"},
      {7, "accounts",
       // The unused visitor table of migration 1 gives way to log-in sessions, stored under a
       // hash of their token. email_key is the email in lower case: one account per address.
       R"(DROP TABLE sessions;
          CREATE TABLE accounts (
            id INTEGER PRIMARY KEY,
            email TEXT NOT NULL,
            email_key TEXT NOT NULL UNIQUE,
            password_hash TEXT NOT NULL,
            admin INTEGER NOT NULL DEFAULT 0,
            learner TEXT NOT NULL UNIQUE,
            created_at INTEGER NOT NULL);
          CREATE TABLE sessions (
            token_hash TEXT PRIMARY KEY,
            account_id INTEGER NOT NULL REFERENCES accounts (id),
            created_at INTEGER NOT NULL,
            last_seen_at INTEGER NOT NULL);
          CREATE INDEX sessions_by_account ON sessions (account_id);
          CREATE INDEX sessions_by_last_seen ON sessions (last_seen_at);
          CREATE TABLE login_failures (
            key TEXT PRIMARY KEY,
            count INTEGER NOT NULL,
            last_at INTEGER NOT NULL))",
       R"(DROP TABLE sessions;
          CREATE TABLE accounts (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            email TEXT NOT NULL,
            email_key TEXT NOT NULL UNIQUE,
            password_hash TEXT NOT NULL,
            admin BOOLEAN NOT NULL DEFAULT false,
            learner TEXT NOT NULL UNIQUE,
            created_at BIGINT NOT NULL);
          CREATE TABLE sessions (
            token_hash TEXT PRIMARY KEY,
            account_id BIGINT NOT NULL REFERENCES accounts (id),
            created_at BIGINT NOT NULL,
            last_seen_at BIGINT NOT NULL);
          CREATE INDEX sessions_by_account ON sessions (account_id);
          CREATE INDEX sessions_by_last_seen ON sessions (last_seen_at);
          CREATE TABLE login_failures (
            key TEXT PRIMARY KEY,
            count INTEGER NOT NULL,
            last_at BIGINT NOT NULL))"},
      {8, "notifications",
       // The double opt-in of request emails (email_at: when the address was given, which its
       // 30 days and its links count from); the last known practice status per route; the
       // outbox, one message per request and kind ever (outbox_once), so a status change that
       // two app servers both record still sends each message once.
       R"(ALTER TABLE update_requests ADD COLUMN confirmed_at INTEGER;
          ALTER TABLE update_requests ADD COLUMN unsubscribed_at INTEGER;
          ALTER TABLE update_requests ADD COLUMN email_at INTEGER;
          UPDATE update_requests SET email_at = created_at WHERE email <> '';
          CREATE INDEX update_requests_by_time ON update_requests (created_at);
          CREATE TABLE route_status (
            certification TEXT PRIMARY KEY,
            live INTEGER NOT NULL,
            changed_at INTEGER NOT NULL);
          CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            request_id INTEGER NOT NULL,
            certification TEXT NOT NULL,
            recipient TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NOT NULL,
            claimed_until INTEGER NOT NULL DEFAULT 0,
            sent_at INTEGER,
            failed_at INTEGER,
            last_error TEXT NOT NULL DEFAULT '');
          CREATE UNIQUE INDEX outbox_once ON outbox (kind, request_id);
          CREATE INDEX outbox_due ON outbox (next_attempt_at)
            WHERE sent_at IS NULL AND failed_at IS NULL)",
       R"(ALTER TABLE update_requests ADD COLUMN confirmed_at BIGINT,
            ADD COLUMN unsubscribed_at BIGINT, ADD COLUMN email_at BIGINT;
          UPDATE update_requests SET email_at = created_at WHERE email <> '';
          CREATE INDEX update_requests_by_time ON update_requests (created_at);
          CREATE TABLE route_status (
            certification TEXT PRIMARY KEY,
            live BOOLEAN NOT NULL,
            changed_at BIGINT NOT NULL);
          CREATE TABLE outbox (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            kind TEXT NOT NULL,
            request_id BIGINT NOT NULL,
            certification TEXT NOT NULL,
            recipient TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at BIGINT NOT NULL,
            claimed_until BIGINT NOT NULL DEFAULT 0,
            sent_at BIGINT,
            failed_at BIGINT,
            last_error TEXT NOT NULL DEFAULT '');
          CREATE UNIQUE INDEX outbox_once ON outbox (kind, request_id);
          CREATE INDEX outbox_due ON outbox (next_attempt_at)
            WHERE sent_at IS NULL AND failed_at IS NULL)"},
      {9, "question_reports",
       // Learners' reports of problems with a question, and the admins' status per question. A
       // report is open until its question is next set to fixed or rejected; one open report
       // per learner and question (question_reports_one_open).
       R"(CREATE TABLE question_reports (
            id INTEGER PRIMARY KEY,
            question_id TEXT NOT NULL,
            certification TEXT NOT NULL,
            category TEXT NOT NULL,
            text TEXT NOT NULL,
            learner TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            open INTEGER NOT NULL DEFAULT 1);
          CREATE UNIQUE INDEX question_reports_one_open ON question_reports (question_id, learner)
            WHERE open = 1;
          CREATE INDEX question_reports_by_question ON question_reports (question_id, created_at);
          CREATE INDEX question_reports_by_learner ON question_reports (learner);
          CREATE TABLE question_report_status (
            question_id TEXT PRIMARY KEY,
            status TEXT NOT NULL,
            note TEXT NOT NULL,
            updated_at INTEGER NOT NULL))",
       R"(CREATE TABLE question_reports (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            question_id TEXT NOT NULL,
            certification TEXT NOT NULL,
            category TEXT NOT NULL,
            text TEXT NOT NULL,
            learner TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            open INTEGER NOT NULL DEFAULT 1);
          CREATE UNIQUE INDEX question_reports_one_open ON question_reports (question_id, learner)
            WHERE open = 1;
          CREATE INDEX question_reports_by_question ON question_reports (question_id, created_at);
          CREATE INDEX question_reports_by_learner ON question_reports (learner);
          CREATE TABLE question_report_status (
            question_id TEXT PRIMARY KEY,
            status TEXT NOT NULL,
            note TEXT NOT NULL,
            updated_at BIGINT NOT NULL))"},
  };
  return kMigrations;
}

}  // namespace certhub
