#pragma once
// Attempts and their append-only steps: what a learner does in practice.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace certhub {

// The graded outcome of a finished attempt, kept so lists of attempts need not replay steps. It
// is what grading said when the attempt finished.
struct AttemptScore {
  int correct = 0;
  int answered = 0;
  int total = 0;
  bool passed = false;
};

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
  bool abandoned = false;                  // ended by starting a new mock exam, not by submitting
  std::optional<AttemptScore> score = {};  // once finished and graded
};

struct StepRow {
  int slot = 0;
  std::string kind;   // "answer" | "flag"
  std::string value;  // answer: "a,c"; flag: "1" or "0"
  std::int64_t at = 0;
};

// A finished mock exam for item statistics: its slots (JSON, as stored) and its answer steps in
// order.
struct FinishedMock {
  std::string id;
  std::string certification;
  std::string slots;
  std::optional<std::int64_t> deadline;
  std::vector<StepRow> answers;
};

enum class StepOutcome {
  appended,
  finished,  // the attempt is finished (or gone): nothing recorded
  stale,     // the slot has moved on since the page the step came from: nothing recorded
};

class AttemptStore {
 public:
  virtual ~AttemptStore() = default;

  // False when the attempt is a mock exam and the same learner already has an unfinished mock
  // exam of the same certification (one running mock each, enforced by a unique index).
  virtual bool create_attempt(const AttemptRow& attempt) = 0;
  virtual std::optional<AttemptRow> find_attempt(const std::string& id) = 0;
  // Newest first. Listing a learner's attempts needs no slots (a long training holds hundreds),
  // so they are read only when asked for.
  enum class Slots { read, skip };
  virtual std::vector<AttemptRow> attempts_of(const std::string& session_id, int limit,
                                              Slots slots) = 0;
  // The learner's unfinished mock exam of this certification, if any (its deadline may have
  // passed without anyone finishing it yet).
  virtual std::optional<AttemptRow> running_mock(const std::string& session_id,
                                                 const std::string& certification) = 0;
  // Appends a step to an unfinished attempt, committed before it returns. With
  // `expected_sequence`, an answer step is recorded only while its slot has exactly that many
  // answer steps (a save from a stale page is refused, never a silent overwrite).
  virtual StepOutcome append_step(const std::string& attempt_id, const StepRow& step,
                                  std::optional<int> expected_sequence = std::nullopt) = 0;
  virtual std::vector<StepRow> steps_of(const std::string& attempt_id) = 0;
  // Sets finished_at unless already set; returns how the attempt ended, as now stored.
  // `abandoned` marks an attempt ended by starting another one (only when this call ends it).
  struct End {
    std::int64_t finished_at = 0;
    bool abandoned = false;
  };
  virtual End finish_attempt(const std::string& attempt_id, std::int64_t at,
                             bool abandoned = false) = 0;
  // Keeps the grade of a finished attempt.
  virtual void record_score(const std::string& attempt_id, const AttemptScore& score) = 0;
  // The ids of the learner's unfinished attempts other than mock exams, oldest first.
  virtual std::vector<std::string> open_attempts(const std::string& session_id) = 0;
  // Attempts neither finished nor past their deadline.
  virtual std::int64_t active_attempts(std::int64_t now) = 0;
  // Mock exams that ended (submitted, or past their deadline at `now`) and were not abandoned,
  // with ids after `after`, in id order, at most `limit` of them: read in batches, so memory
  // stays flat however many there are.
  virtual std::vector<FinishedMock> finished_mocks(const std::string& after, int limit,
                                                   std::int64_t now) = 0;
  virtual std::int64_t count_finished_mocks(std::int64_t now) = 0;
};

}  // namespace certhub
