// The account store on a real SQLite file: one account per email whatever its case, joining a
// visitor keeps one copy of everything, deleting an account leaves nothing of it, and the log-in
// throttle counts within its window. (The integration suite runs them over HTTP on PostgreSQL.)
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "store/store.hpp"

namespace certhub {
namespace {

namespace fs = std::filesystem;

CardState scheduled(const std::optional<CardState>& previous, const ReviewRow& review,
                    std::optional<long>) {
  CardState s;
  s.reps = previous ? previous->reps + 1 : 1;
  s.last_at = review.at;
  s.due_day = review.at / 86400 + 1;
  return s;
}

class AccountStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto dir = fs::temp_directory_path() / ("certhub-unit-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    path_ = dir / "accounts.db";
    for (const char* suffix : {"", "-wal", "-shm", "-server.lock"})
      fs::remove(path_.string() + suffix);
    store_ = open_store(path_.string());
    store_->migrate();
  }
  AccountStore& accounts() { return store_->accounts(); }
  std::int64_t add(const std::string& email, const std::string& learner) {
    auto id = accounts().create_account({0, email, "hash", false, learner, 1000});
    EXPECT_TRUE(id);
    return id.value_or(0);
  }
  void attempt(const std::string& id, const std::string& learner, const std::string& mode,
               bool finished = false) {
    AttemptRow row;
    row.id = id;
    row.session_id = learner;
    row.certification = "csm";
    row.mode = mode;
    row.content_version = "v";
    row.slots = "[]";
    row.started_at = 100;
    ASSERT_TRUE(store_->attempts().create_attempt(row));
    ASSERT_TRUE(store_->attempts().append_step(id, {0, "answer", "a", 101}) ==
                StepOutcome::appended);
    if (finished) store_->attempts().finish_attempt(id, 200);
  }
  static ReviewRow review(const std::string& q, std::int64_t at, const std::string& attempt = "") {
    return {q, "csm", "events", true, at, attempt, 0};
  }
  fs::path path_;
  std::unique_ptr<Store> store_;
};

TEST_F(AccountStoreTest, OneAccountPerEmailWhateverItsCase) {
  add("Ann@Example.org", "learner-ann");
  EXPECT_FALSE(accounts().create_account({0, "ann@example.ORG", "h", false, "other", 1}));
  auto found = accounts().account_by_email("ANN@example.org");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->email, "Ann@Example.org");  // kept as given
  auto bob = add("bob@example.org", "learner-bob");
  EXPECT_FALSE(accounts().set_email(bob, "ann@EXAMPLE.org"));
  EXPECT_TRUE(accounts().set_email(bob, "robert@example.org"));
  EXPECT_EQ(accounts().account_by_id(bob)->email, "robert@example.org");
}

TEST_F(AccountStoreTest, JoinMovesEverythingAndKeepsOneCopy) {
  add("ann@example.org", "acct");
  attempt("anon-training", "anon", "training");
  attempt("anon-mock", "anon", "mock");
  attempt("acct-mock", "acct", "mock");  // the account is already sitting a CSM mock
  auto& learning = store_->learning();
  learning.record_reviews("anon", {review("e1", std::int64_t{5} * 86400, "anon-training")},
                          scheduled);
  learning.record_reviews("acct", {review("e1", std::int64_t{3} * 86400)}, scheduled);
  learning.record_reviews("anon", {review("e2", std::int64_t{3} * 86400 + 10)}, scheduled);
  learning.record_reviews("acct", {review("e3", std::int64_t{3} * 86400 + 20)}, scheduled);
  learning.set_exam_day("anon", "csm", 40, 39);
  store_->update_requests().add_update_request("cal", "", "anon", 1);
  store_->update_requests().add_update_request("cal", "", "acct", 1);
  store_->update_requests().add_update_request("a-csm", "", "anon", 1);

  accounts().join_learner("anon", "acct");

  auto mine = store_->attempts().attempts_of("acct", 10, AttemptStore::Slots::skip);
  std::set<std::string> ids;
  for (const auto& a : mine) ids.insert(a.id);
  EXPECT_EQ(ids, (std::set<std::string>{"anon-training", "acct-mock"}));  // one running mock
  EXPECT_EQ(store_->attempts().steps_of("anon-training").size(), 1u);
  // The card of a question both answered is the later review's; day tallies add up.
  EXPECT_EQ(learning.card("acct", "e1")->state.last_at, std::int64_t{5} * 86400);
  EXPECT_TRUE(learning.card("acct", "e2"));
  EXPECT_TRUE(learning.card("acct", "e3"));
  EXPECT_FALSE(learning.card("anon", "e1"));
  int total = 0;
  for (const auto& d : learning.review_days("acct", "csm", 0)) total += d.total;
  EXPECT_EQ(total, 4);
  EXPECT_EQ(learning.reviews_of("acct").size(), 4u);
  EXPECT_TRUE(learning.reviews_of("anon").empty());
  ASSERT_EQ(learning.exam_days("acct").size(), 1u);
  EXPECT_EQ(store_->update_requests().update_request_count("cal"), 1);  // one visitor, once
  EXPECT_EQ(store_->update_requests().requests_of("acct").size(), 2u);
}

TEST_F(AccountStoreTest, DeleteLeavesNothingOfTheAccount) {
  auto ann = add("ann@example.org", "acct");
  auto bob = add("bob@example.org", "bob");
  attempt("a1", "acct", "training", true);
  attempt("b1", "bob", "training");
  store_->learning().record_reviews("acct", {review("e1", 86400, "a1")}, scheduled);
  store_->learning().set_exam_day("acct", "csm", 40, 39);
  store_->update_requests().add_update_request("cal", "ann@example.org", "acct", 1);
  accounts().add_session("tok-ann", ann, 1);
  accounts().add_session("tok-bob", bob, 1);
  accounts().add_login_failure("email:ann@example.org", 5, 0);

  accounts().delete_account(ann);

  EXPECT_FALSE(accounts().account_by_id(ann));
  EXPECT_FALSE(accounts().session("tok-ann"));
  EXPECT_FALSE(store_->attempts().find_attempt("a1"));
  EXPECT_TRUE(store_->attempts().steps_of("a1").empty());
  EXPECT_TRUE(store_->learning().reviews_of("acct").empty());
  EXPECT_TRUE(store_->learning().cards_of("acct").empty());
  EXPECT_TRUE(store_->learning().exam_days("acct").empty());
  EXPECT_TRUE(store_->update_requests().requests_of("acct").empty());
  EXPECT_EQ(accounts().login_failures("email:ann@example.org").count, 0);
  // Bob is untouched.
  EXPECT_TRUE(accounts().session("tok-bob"));
  EXPECT_TRUE(store_->attempts().find_attempt("b1"));
}

TEST_F(AccountStoreTest, SessionsEndOneAllOrWhenIdle) {
  auto ann = add("ann@example.org", "acct");
  accounts().add_session("one", ann, 100);
  accounts().add_session("two", ann, 100);
  accounts().add_session("old", ann, 10);
  EXPECT_EQ(accounts().session("one")->account.email, "ann@example.org");
  accounts().touch_session("one", 500);
  EXPECT_EQ(accounts().session("one")->last_seen_at, 500);
  EXPECT_EQ(accounts().prune_sessions(50), 1);
  EXPECT_FALSE(accounts().session("old"));
  accounts().end_session("one");
  EXPECT_FALSE(accounts().session("one"));
  EXPECT_TRUE(accounts().session("two"));
  accounts().end_sessions_of(ann);
  EXPECT_FALSE(accounts().session("two"));
}

TEST_F(AccountStoreTest, FailuresCountWithinTheWindowOnly) {
  EXPECT_EQ(accounts().add_login_failure("k", 100, 0).count, 1);
  EXPECT_EQ(accounts().add_login_failure("k", 110, 0).count, 2);
  auto fresh = accounts().add_login_failure("k", 500, 200);  // 110 is before the window
  EXPECT_EQ(fresh.count, 1);
  EXPECT_EQ(fresh.last_at, 500);
  accounts().clear_login_failures("k");
  EXPECT_EQ(accounts().login_failures("k").count, 0);
}

}  // namespace
}  // namespace certhub
