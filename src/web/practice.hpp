#pragma once
// Practice sessions: starting attempts, saving answers and flags, finishing and grading. Shared
// by the JSON API and the HTML pages so both behave the same; the exam logic itself is in
// core/exam.hpp and the state in the store.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/exam.hpp"
#include "web/app.hpp"

namespace certhub {

struct LoadedAttempt {
  AttemptRow row;
  Mode mode = Mode::sample;
  CatalogPtr catalog;  // keeps the questions below alive
  const Certification* cert = nullptr;
  std::vector<Slot> slots;
  std::vector<const Question*> questions;  // null where a question left the content
  std::vector<SlotState> states;
  Timing timing;
  int pass_mark = 0;

  bool finished(std::int64_t now) const { return timing.finished(now); }
  // The key may be shown: always in sample and training, in a mock only once it is finished.
  bool reveals_keys(std::int64_t now) const { return mode != Mode::mock || finished(now); }
  int answered() const;
  int flagged() const;
};

// Why a request could not be done, mapped to a status by the handlers.
struct PracticeError {
  int status;  // 404, 409, 422
  std::string detail;
};

enum class SaveOutcome { saved, finished, no_such_question, bad_selection };

class Practice {
 public:
  explicit Practice(App& app) : app_(app) {}

  std::variant<LoadedAttempt, PracticeError> start(const std::string& session_id,
                                                   const std::string& certification,
                                                   const std::string& mode,
                                                   const std::string& domain);
  // The visitor's attempt, or nullopt when it does not exist or belongs to someone else.
  // An attempt whose deadline has passed is finished here, at its deadline.
  std::optional<LoadedAttempt> load(const std::string& session_id, const std::string& attempt_id);
  std::vector<AttemptRow> history(const std::string& session_id);

  SaveOutcome answer(LoadedAttempt& attempt, int index, const std::vector<std::string>& selected);
  SaveOutcome flag(LoadedAttempt& attempt, int index, bool flagged);
  // Finishes the attempt (once: a second submit changes nothing) and grades it.
  Result submit(LoadedAttempt& attempt);
  Result result(const LoadedAttempt& attempt) const;

 private:
  App& app_;
};

std::string encode_slots(const std::vector<Slot>& slots);
std::optional<std::vector<Slot>> decode_slots(const std::string& json);

}  // namespace certhub
