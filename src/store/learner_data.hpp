#pragma once
// The statements that move or remove everything one learner key owns, shared by both backends
// (the SQL is the same on SQLite and PostgreSQL). `$1` is the learner; in a join `$2` is the
// learner that receives. Each list runs in order, in one transaction.
#include <span>

namespace certhub {

struct LearnerStatement {
  const char* name;  // a PostgreSQL prepared-statement name
  const char* sql;
  int params;  // 1: $1 only; 2: $1 and $2
};

std::span<const LearnerStatement> join_learner_statements();
std::span<const LearnerStatement> delete_learner_statements();

}  // namespace certhub
