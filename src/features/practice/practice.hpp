#pragma once
// The practice feature: starting attempts, saving answers and flags, finishing and grading, and
// the feature's own memory (attempts kept between requests, questions rendered once per content
// snapshot). One Practice is created by src/features/wiring.cpp and shared by the JSON API and
// the HTML pages, so both behave the same; the exam logic itself is in core/exam.hpp and the
// state in the store.
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/exam.hpp"
#include "features/practice/attempt_cache.hpp"
#include "features/practice/loaded_attempt.hpp"
#include "features/practice/question_html.hpp"
#include "web/app.hpp"

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

  // Keeps up to `entries` attempts in memory between requests. Only for a store whose sole
  // writer is this process (Store::claim_sole_writer); off by default.
  void keep_attempts_in_memory(std::size_t entries) { attempt_cache_.set_capacity(entries); }
  // After a content reload: questions are rendered again and attempts read again against the
  // new snapshot, and the old snapshot is no longer held here.
  void content_reloaded();
  QuestionHtmlCache& question_html() { return question_html_; }

  std::variant<LoadedAttempt, PracticeError> start(const std::string& session_id,
                                                   const std::string& certification,
                                                   const std::string& mode,
                                                   const std::string& domain);
  // The visitor's attempt, or nullopt when it does not exist or belongs to someone else.
  // An attempt whose deadline has passed is finished here, at its deadline. Served from the
  // AttemptCache when it is on.
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
  AttemptStore& attempts() { return app_.store().attempts(); }

  App& app_;
  AttemptCache attempt_cache_;
  QuestionHtmlCache question_html_;
};

std::string encode_slots(const std::vector<Slot>& slots);
std::optional<std::vector<Slot>> decode_slots(const std::string& json);

}  // namespace certhub
