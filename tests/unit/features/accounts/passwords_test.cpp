// Password rules and argon2id hashing (libsodium): a hash verifies only its own password, and a
// hash made with other limits is flagged for rehashing at the next log-in.
#include <gtest/gtest.h>
#include <sodium.h>

#include "features/accounts/passwords.hpp"

namespace certhub {
namespace {

// The cheapest limits libsodium allows keep these tests fast; the rules are the same.
HashLimits cheap() {
  return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

TEST(Passwords, HashVerifiesItsOwnPasswordOnly) {
  auto hash = hash_password("a long enough password", cheap());
  EXPECT_TRUE(hash.starts_with("$argon2id$"));
  EXPECT_TRUE(verify_password(hash, "a long enough password"));
  EXPECT_FALSE(verify_password(hash, "a long enough passwore"));
  EXPECT_FALSE(verify_password(hash, ""));
}

TEST(Passwords, SamePasswordHashesDifferentlyEachTime) {
  EXPECT_NE(hash_password("same password here", cheap()),
            hash_password("same password here", cheap()));
}

TEST(Passwords, HashWithOtherLimitsNeedsRehash) {
  auto old_hash = hash_password("a long enough password", cheap());
  EXPECT_FALSE(needs_rehash(old_hash, cheap()));
  EXPECT_TRUE(needs_rehash(old_hash, interactive_limits()));
  auto current = hash_password("a long enough password");
  EXPECT_FALSE(needs_rehash(current));
  EXPECT_TRUE(needs_rehash("not a hash at all"));
}

TEST(Passwords, GarbageHashVerifiesNothing) {
  EXPECT_FALSE(verify_password("", "anything at all"));
  EXPECT_FALSE(verify_password("$argon2id$v=19$m=broken", "anything at all"));
  EXPECT_FALSE(verify_password(std::string(300, 'x'), "anything at all"));
}

TEST(Passwords, RulesNameWhatIsWrong) {
  EXPECT_EQ(password_problem("123456789", "ann@example.org"),
            "Use at least 10 characters.");  // nine: just under
  EXPECT_EQ(password_problem("a quiet river", "ann@example.org"), std::nullopt);
  EXPECT_EQ(password_problem(std::string(1024, 'a') + "b", "ann@example.org"),
            "Use at most 1024 characters.");
  EXPECT_EQ(password_problem(std::string(1023, 'a') + "b", "ann@example.org"), std::nullopt);
  EXPECT_EQ(password_problem("zzzzzzzzzzzz", "ann@example.org"),
            "Use more than one character, repeated.");
  for (const char* common : {"password123", "Password123", "1234567890", "qwertyuiop"})
    EXPECT_EQ(password_problem(common, "ann@example.org"),
              "That password is on the lists attackers try first. Choose another.")
        << common;
  EXPECT_EQ(password_problem("Ann@Example.org", "ann@example.org"),
            "Use something other than your email address.");
  EXPECT_EQ(password_problem("longlocalpart", "longlocalpart@example.org"),
            "Use something other than your email address.");
}

}  // namespace
}  // namespace certhub
