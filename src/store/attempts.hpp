#pragma once
// Attempts and their append-only steps: what a learner does in practice.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace certhub {

// A stored attempt. `slots` is the engine's slot list encoded by the store's caller (JSON), so
// the store never needs to know the exam engine's types.
struct AttemptRow {
  std::string id;
  std::string session_id;
  std::string certification;
  std::string mode;
  std::string domain;  // empty: all domains
  std::string content_version;
  std::int64_t seed = 0;
  std::string slots;
  std::int64_t started_at = 0;
  std::optional<std::int64_t> deadline;
  std::optional<std::int64_t> finished_at;
};

struct StepRow {
  int slot = 0;
  std::string kind;   // "answer" | "flag"
  std::string value;  // answer: "a,c"; flag: "1" or "0"
  std::int64_t at = 0;
};

class AttemptStore {
 public:
  virtual ~AttemptStore() = default;

  virtual void create_attempt(const AttemptRow& attempt) = 0;
  virtual std::optional<AttemptRow> find_attempt(const std::string& id) = 0;
  // Newest first.
  virtual std::vector<AttemptRow> attempts_of(const std::string& session_id, int limit) = 0;
  // Appends a step to an unfinished attempt, committed before it returns. False when the
  // attempt is finished (or gone): the step is not recorded.
  virtual bool append_step(const std::string& attempt_id, const StepRow& step) = 0;
  virtual std::vector<StepRow> steps_of(const std::string& attempt_id) = 0;
  // Sets finished_at unless already set; returns the finished_at now stored.
  virtual std::int64_t finish_attempt(const std::string& attempt_id, std::int64_t at) = 0;
  // Attempts neither finished nor past their deadline.
  virtual std::int64_t active_attempts(std::int64_t now) = 0;
};

}  // namespace certhub
