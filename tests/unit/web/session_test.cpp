// Sessions on a real SQLite file: only ids the server signed are accepted, a log-in session is a
// new cookie that ends at log-out or after 30 idle days, and the CSRF token follows the cookie.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "store/store.hpp"
#include "web/session.hpp"

namespace certhub {
namespace {

namespace fs = std::filesystem;

class SessionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto dir = fs::temp_directory_path() / ("certhub-unit-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    path_ = dir / "sessions.db";
    for (const char* suffix : {"", "-wal", "-shm", "-server.lock"})
      fs::remove(path_.string() + suffix);
    store_ = open_store(path_.string());
    store_->migrate();
    sessions_ =
        std::make_unique<Sessions>(store_->settings(), store_->accounts(), [this] { return now_; });
  }
  static Request with_cookie(const std::string& value, const std::string& remote = "10.0.0.9") {
    Request r;
    r.method = "GET";
    r.path = r.target = "/";
    r.remote = remote;
    if (!value.empty()) r.headers.emplace_back("cookie", "certhub_session=" + value);
    return r;
  }
  AccountRow account() {
    AccountRow a{0, "ann@example.org", "hash", false, "ann-learner", 0};
    a.id = *store_->accounts().create_account(a);
    return a;
  }
  fs::path path_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Sessions> sessions_;
  std::int64_t now_ = 1'800'000'000;
};

TEST_F(SessionsTest, SignedIdIsKeptAndATamperedOneIsReplaced) {
  auto first = sessions_->visitor(with_cookie(""));
  EXPECT_TRUE(first.is_new);
  auto again = sessions_->visitor(with_cookie(first.cookie));
  EXPECT_FALSE(again.is_new);
  EXPECT_EQ(again.id, first.id);
  EXPECT_TRUE(sessions_->csrf_ok(again, first.csrf_token));
  auto tampered = first.cookie;
  tampered.back() = tampered.back() == '0' ? '1' : '0';
  auto refused = sessions_->visitor(with_cookie(tampered));
  EXPECT_TRUE(refused.is_new);
  EXPECT_NE(refused.id, first.id);
}

TEST_F(SessionsTest, ClientChosenIdIsNotAccepted) {
  std::string chosen(64, 'a');
  auto v = sessions_->visitor(with_cookie(chosen));
  EXPECT_TRUE(v.is_new);
  EXPECT_NE(v.id, chosen);
}

TEST_F(SessionsTest, BareIdWithHistoryIsNotAcceptedWithoutItsSignature) {
  auto first = sessions_->visitor(with_cookie(""));
  AttemptRow row;
  row.id = "an-attempt";
  row.session_id = first.id;
  row.certification = "csm";
  row.mode = "training";
  row.content_version = "v";
  row.slots = "[]";
  ASSERT_TRUE(store_->attempts().create_attempt(row));
  auto bare = sessions_->visitor(with_cookie(first.id));  // the id without its MAC
  EXPECT_TRUE(bare.is_new);
  EXPECT_NE(bare.id, first.id);
}

TEST_F(SessionsTest, LogInIssuesANewCookieAndLogOutEndsIt) {
  auto anonymous = sessions_->visitor(with_cookie(""));
  auto a = account();
  auto in = sessions_->log_in(a, with_cookie(anonymous.cookie));
  EXPECT_NE(in.cookie, anonymous.cookie);
  EXPECT_NE(in.csrf_token, anonymous.csrf_token);
  auto seen = sessions_->visitor(with_cookie(in.cookie));
  ASSERT_TRUE(seen.account);
  EXPECT_EQ(seen.account->email, "ann@example.org");
  EXPECT_EQ(seen.id, "ann-learner");
  EXPECT_FALSE(sessions_->csrf_ok(seen, anonymous.csrf_token));
  auto out = sessions_->log_out(seen, with_cookie(in.cookie));
  EXPECT_FALSE(out.account);
  auto after = sessions_->visitor(with_cookie(in.cookie));
  EXPECT_FALSE(after.account);
  EXPECT_NE(after.id, "ann-learner");
}

TEST_F(SessionsTest, LogInSessionExpiresAfterThirtyIdleDays) {
  auto in = sessions_->log_in(account(), with_cookie(""));
  now_ += kSessionIdleSeconds;  // just within
  EXPECT_TRUE(sessions_->visitor(with_cookie(in.cookie)).account);
  now_ += kSessionIdleSeconds;  // seen a moment ago: the clock starts again from the last visit
  EXPECT_TRUE(sessions_->visitor(with_cookie(in.cookie)).account);
  now_ += kSessionIdleSeconds + 1;  // just over
  EXPECT_FALSE(sessions_->visitor(with_cookie(in.cookie)).account);
}

TEST_F(SessionsTest, SecureOnlyWhenTheCheckSaysTls) {
  Response plain;
  Sessions::remember(plain, sessions_->visitor(with_cookie("")));
  ASSERT_EQ(plain.headers.size(), 1u);
  EXPECT_EQ(plain.headers[0].second.find("Secure"), std::string::npos);
  sessions_->set_tls_check([](const Request& r) { return r.remote == "127.0.0.1"; });
  Response secure;
  Sessions::remember(secure, sessions_->visitor(with_cookie("", "127.0.0.1")));
  EXPECT_NE(secure.headers[0].second.find("; Secure"), std::string::npos);
  EXPECT_NE(secure.headers[0].second.find("HttpOnly; SameSite=Lax"), std::string::npos);
}

}  // namespace
}  // namespace certhub
