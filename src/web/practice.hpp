#pragma once
// Practice sessions: starting attempts, saving answers and flags, finishing and grading. Shared
// by the JSON API and the HTML pages so both behave the same; the exam logic itself is in
// core/exam.hpp and the state in the store.
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/exam.hpp"
#include "web/app.hpp"
#include "web/loaded_attempt.hpp"

namespace certhub {

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
  // An attempt whose deadline has passed is finished here, at its deadline. Served from the
  // App's AttemptCache when it is on.
  std::optional<LoadedAttempt> load(const std::string& session_id, const std::string& attempt_id);
  std::vector<AttemptRow> history(const std::string& session_id);

  SaveOutcome answer(LoadedAttempt& attempt, int index, const std::vector<std::string>& selected);
  SaveOutcome flag(LoadedAttempt& attempt, int index, bool flagged);
  // Finishes the attempt (once: a second submit changes nothing) and grades it.
  Result submit(LoadedAttempt& attempt);
  Result result(const LoadedAttempt& attempt) const;

 private:
  // The attempt as stored, without checks of owner or deadline.
  std::optional<LoadedAttempt> read(const std::string& attempt_id);
  void finish_if_due(LoadedAttempt& a);
  // Runs `write` (a database change; false: refused) and, when it succeeds, `apply` to `a` and
  // to the cached copy, under the cache entry's lock so the two never disagree.
  bool change(LoadedAttempt& a, const std::function<bool()>& write,
              const std::function<void(LoadedAttempt&)>& apply);
  App& app_;
};

std::string encode_slots(const std::vector<Slot>& slots);
std::optional<std::vector<Slot>> decode_slots(const std::string& json);

}  // namespace certhub
