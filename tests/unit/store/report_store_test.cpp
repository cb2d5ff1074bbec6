// Question reports and the finished-mock read behind item statistics, on a real SQLite file:
// one open report per learner and question, a status closes open reports, the queue's counts,
// reports move with the learner key and leave with the account, and finished mock exams come
// back in batches with their answer steps, abandoned and running ones left out. (The
// integration suite runs them over HTTP on PostgreSQL too.)
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "store/store.hpp"

namespace certhub {
namespace {

namespace fs = std::filesystem;

class ReportStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto dir = fs::temp_directory_path() / ("certhub-unit-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    path_ = dir / "reports.db";
    for (const char* suffix : {"", "-wal", "-shm", "-server.lock"})
      fs::remove(path_.string() + suffix);
    store_ = open_store(path_.string());
    store_->migrate();
  }
  // Writes leave this thread a group-commit ticket; take it, so later tests start with none.
  void TearDown() override { store_->take_write_ticket(); }
  ReportStore& reports() { return store_->reports(); }
  bool report(const std::string& q, const std::string& learner, const std::string& category,
              std::int64_t at, const std::string& text = "") {
    return reports().add_report({0, q, "csm", category, text, learner, at, true});
  }
  void mock(const std::string& id, const std::string& learner, bool finish, bool abandoned = false,
            std::optional<std::int64_t> deadline = 5000) {
    AttemptRow row;
    row.id = id;
    row.session_id = learner;
    row.certification = "csm";
    row.mode = "mock";
    row.content_version = "v";
    row.slots = R"([{"q":"q1","o":[1,0]}])";
    row.started_at = 100;
    row.deadline = deadline;
    ASSERT_TRUE(store_->attempts().create_attempt(row));
    ASSERT_EQ(store_->attempts().append_step(id, {0, "answer", "a", 101}), StepOutcome::appended);
    ASSERT_EQ(store_->attempts().append_step(id, {0, "flag", "1", 102}), StepOutcome::appended);
    ASSERT_EQ(store_->attempts().append_step(id, {0, "answer", "b", 103}), StepOutcome::appended);
    if (finish) store_->attempts().finish_attempt(id, 200, abandoned);
  }
  fs::path path_;
  std::unique_ptr<Store> store_;
};

TEST_F(ReportStoreTest, OneOpenReportPerLearnerAndQuestion) {
  EXPECT_TRUE(report("q1", "ann", "typo", 10, "teh"));
  EXPECT_FALSE(report("q1", "ann", "unclear", 11));  // still open
  EXPECT_TRUE(report("q1", "bob", "unclear", 12));
  EXPECT_TRUE(report("q2", "ann", "other", 13));
  auto q1 = reports().reported_question("q1");
  ASSERT_TRUE(q1);
  EXPECT_EQ(q1->status, "open");
  EXPECT_FALSE(q1->updated_at);
  EXPECT_EQ(q1->open_reports, 2);
  EXPECT_EQ(q1->all_reports, 2);
  EXPECT_EQ(q1->open_by_category[1], 1);  // unclear
  EXPECT_EQ(q1->open_by_category[3], 1);  // typo
  EXPECT_EQ(q1->latest_at, 12);
  auto list = reports().reports_of("q1", 10);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].learner, "bob");  // newest first
  EXPECT_EQ(list[1].text, "teh");
}

TEST_F(ReportStoreTest, FixedClosesOpenReportsAndLetsTheLearnerReportAgain) {
  report("q1", "ann", "wrong_key", 10);
  EXPECT_FALSE(reports().set_status("nothing", "fixed", "", 20));  // no reports: nothing set
  EXPECT_TRUE(reports().set_status("q1", "fixed", "key is c now", 20));
  auto q1 = reports().reported_question("q1");
  EXPECT_EQ(q1->status, "fixed");
  EXPECT_EQ(q1->note, "key is c now");
  EXPECT_EQ(q1->updated_at, 20);
  EXPECT_EQ(q1->open_reports, 0);
  EXPECT_FALSE(reports().reports_of("q1", 10)[0].open);
  EXPECT_TRUE(report("q1", "ann", "wrong_key", 30));  // a new problem after the fix
  EXPECT_EQ(reports().reported_question("q1")->open_reports, 1);
  // Setting it back to open closes nothing.
  EXPECT_TRUE(reports().set_status("q1", "open", "", 40));
  EXPECT_EQ(reports().reported_question("q1")->open_reports, 1);
}

TEST_F(ReportStoreTest, QueueShowsOpenFirstMostReportedFirst) {
  report("q1", "ann", "typo", 10);
  report("q2", "ann", "typo", 11);
  report("q2", "bob", "typo", 12);
  report("q3", "ann", "typo", 13);
  reports().set_status("q3", "rejected", "not a typo", 20);
  auto open = reports().queue(true, 10);
  ASSERT_EQ(open.size(), 2u);
  EXPECT_EQ(open[0].question_id, "q2");
  EXPECT_EQ(open[1].question_id, "q1");
  auto all = reports().queue(false, 10);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[2].question_id, "q3");
  EXPECT_EQ(all[2].status, "rejected");
  EXPECT_EQ(reports().queue(false, 1).size(), 1u);
}

TEST_F(ReportStoreTest, ReportsMoveWithTheLearnerAndLeaveWithTheAccount) {
  auto id = store_->accounts().create_account({0, "a@example.org", "hash", false, "acct", 1});
  ASSERT_TRUE(id);
  report("q1", "acct", "typo", 10);
  report("q1", "anon", "unclear", 11);  // both have one open on q1: the account's stays
  report("q2", "anon", "other", 12);
  store_->accounts().join_learner("anon", "acct");
  EXPECT_EQ(reports().reported_question("q1")->all_reports, 1);
  auto mine = reports().reports_by("acct");  // "download my data"
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0].question_id, "q1");
  EXPECT_EQ(mine[1].question_id, "q2");
  EXPECT_EQ(reports().reports_of("q2", 10)[0].learner, "acct");
  store_->accounts().delete_account(*id);
  EXPECT_TRUE(reports().queue(false, 10).empty());
}

TEST_F(ReportStoreTest, FinishedMocksComeInBatchesWithTheirAnswerStepsOnly) {
  mock("m1", "ann", true);
  mock("m2", "bob", true, true);         // abandoned: left out
  mock("m3", "cat", false);              // running: left out
  mock("m4", "dan", false, false, 150);  // past its deadline at 300: counts
  mock("m5", "eve", true);
  AttemptRow training;
  training.id = "m45";
  training.session_id = "fay";
  training.certification = "csm";
  training.mode = "training";
  training.content_version = "v";
  training.slots = "[]";
  ASSERT_TRUE(store_->attempts().create_attempt(training));
  ASSERT_EQ(store_->attempts().append_step("m45", {0, "answer", "c", 1}), StepOutcome::appended);
  EXPECT_EQ(store_->attempts().count_finished_mocks(300), 3);
  auto first = store_->attempts().finished_mocks("", 2, 300);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].id, "m1");
  EXPECT_EQ(first[1].id, "m4");
  EXPECT_EQ(first[0].slots, R"([{"q":"q1","o":[1,0]}])");
  EXPECT_EQ(first[0].deadline, 5000);
  ASSERT_EQ(first[0].answers.size(), 2u);  // the flag is not an answer
  EXPECT_EQ(first[0].answers[0].value, "a");
  EXPECT_EQ(first[0].answers[1].value, "b");
  EXPECT_EQ(first[0].answers[1].at, 103);
  auto second = store_->attempts().finished_mocks(first.back().id, 2, 300);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].id, "m5");  // the training between them left no step here
  EXPECT_EQ(second[0].answers.size(), 2u);
  EXPECT_TRUE(store_->attempts().finished_mocks("m5", 2, 300).empty());
}

}  // namespace
}  // namespace certhub
