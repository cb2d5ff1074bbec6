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
#include "web/attempt_slots.hpp"

namespace certhub {

// Why a request could not be done, mapped to a status by the handlers.
struct PracticeError {
  int status;  // 404, 409, 422
  std::string detail;
  std::string running_attempt = {};  // 409 on starting a mock: the learner's mock in progress
};

enum class SaveOutcome {
  saved,
  finished,          // the attempt is over: nothing saved
  no_such_question,  // no such slot
  bad_selection,     // a letter the question does not show, or several for a one-answer question
  too_many,          // more boxes than the question asks for
  too_few,           // sample and training check an answer only with every box it asks for
  empty,             // sample and training: nothing chosen to check
  stale,             // the answer changed since the page was shown (another tab): nothing saved
  locked,            // sample and training: answered and shown its key, so it cannot change
};

// What a learner may ask of `start`.
struct StartRequest {
  std::string certification;
  std::string mode;    // sample | training | mock
  std::string domain;  // training: one domain, or empty for all
  // A mock exam only: the id of the learner's running mock exam, to end it ("abandon and start
  // new"). Without it, a running mock exam makes start fail with 409 and its id.
  std::string abandon;
  // Training only: a rule of the certification's quick review; the attempt is the questions
  // that test it.
  std::string rule;
  // Training only, "latest": the questions whose latest answer in the learner's last
  // kMissedAttempts attempts was wrong (in `domain`, when one is given).
  std::string missed;
};

// "Practise what I missed" looks this many attempts back.
inline constexpr int kMissedAttempts = 5;
// A drill session takes at most this many due cards, most overdue first.
inline constexpr int kDrillSessionCards = 20;
// A learner keeps at most this many trainings, drills and samples open: starting one more closes
// the oldest (scored as it stood, marked abandoned), so one client cannot keep thousands open.
inline constexpr std::size_t kOpenAttempts = 20;

class Practice {
 public:
  explicit Practice(App& app) : app_(app) {}

  // Keeps attempts in memory between requests, up to `bytes` of them. Only for a store whose
  // sole writer is this process (Store::claim_sole_writer); off by default.
  void keep_attempts_in_memory(std::size_t bytes) { attempt_cache_.set_budget(bytes); }
  // A learner's attempts moved to another key or were deleted: read them again when asked.
  void learner_gone(const std::string& learner) { attempt_cache_.forget_learner(learner); }
  // The question HTML cache's budget in bytes.
  void set_question_html_budget(std::size_t bytes) { question_html_.set_budget(bytes); }
  CacheStats attempt_cache_stats() const { return attempt_cache_.stats(); }
  CacheStats question_html_stats() const { return question_html_.stats(); }
  // After a content reload: questions are rendered again and attempts read again against the
  // new snapshot, and the old snapshot is no longer held here.
  void content_reloaded();
  QuestionHtmlCache& question_html() { return question_html_; }

  std::variant<LoadedAttempt, PracticeError> start(const std::string& session_id,
                                                   const StartRequest& request);
  // A training attempt of exactly the questions a finished attempt got wrong or left
  // unanswered ("practise the ones I missed").
  std::variant<LoadedAttempt, PracticeError> start_missed(const std::string& session_id,
                                                          const std::string& attempt_id);
  // The visitor's attempt, or nullopt when it does not exist or belongs to someone else.
  // An attempt whose deadline has passed is finished here, at its deadline. Served from the
  // AttemptCache when it is on.
  std::optional<LoadedAttempt> load(const std::string& session_id, const std::string& attempt_id);
  // The visitor's latest attempts, newest first; each finished one with its score (graded here
  // if it has none yet, e.g. one that ran out of time while nobody looked).
  std::vector<AttemptRow> history(const std::string& session_id, int limit = 50);

  // Saves an answer (an empty selection clears it in a mock exam). With `expected_sequence`
  // (the slot's sequence the page showed), a save from an out-of-date page is refused: stale.
  SaveOutcome answer(LoadedAttempt& attempt, int index, const std::vector<std::string>& selected,
                     std::optional<int> expected_sequence = std::nullopt);
  SaveOutcome flag(LoadedAttempt& attempt, int index, bool flagged);
  // Finishes the attempt (once: a second submit changes nothing) and grades it.
  Result submit(LoadedAttempt& attempt);
  Result result(const LoadedAttempt& attempt) const;

 private:
  // The attempt as stored, without checks of owner or deadline.
  std::optional<LoadedAttempt> read(const std::string& attempt_id);
  void finish_if_due(LoadedAttempt& a);
  // Ends `a` at `at` (unless it already ended), grades it with every step committed so far and
  // keeps the grade, in `a` and in its cached copy. Returns the result.
  Result finish(LoadedAttempt& a, std::int64_t at, bool abandoned);
  // The same for an attempt whose cache entry lock the caller holds (or with the cache off).
  void finish_in_place(LoadedAttempt& a, std::int64_t at, bool abandoned);
  // Closes the learner's oldest open attempts (not mock exams) so that, with the one about to
  // start, at most kOpenAttempts are open.
  void close_oldest_open(const std::string& session_id, std::int64_t now);
  // Grades a finished attempt that has no stored grade yet and keeps it.
  void ensure_scored(LoadedAttempt& a);
  // Records the graded answers of `slots` as reviews of their questions' cards (once per slot:
  // recording a slot again changes nothing).
  void record_reviews(const LoadedAttempt& a, const std::vector<size_t>& slots, std::int64_t at);
  // Every answered slot of a finished attempt.
  void record_all_reviews(const LoadedAttempt& a);
  // The questions a drill or a "practise what I missed" training takes.
  std::vector<std::string> due_questions(const std::string& session_id, const Certification& cert,
                                         const std::string& domain);
  std::vector<std::string> missed_questions(const std::string& session_id,
                                            const Certification& cert, const std::string& domain);
  std::variant<LoadedAttempt, PracticeError> create(const std::string& session_id,
                                                    const Certification& cert, Mode mode,
                                                    const std::string& domain,
                                                    const std::vector<Slot>& slots,
                                                    std::uint64_t seed);
  // Runs `write` (a database change; false: refused) and, when it succeeds, `apply` to `a` and
  // to the cached copy, under the cache entry's lock so the two never disagree. `write` gets the
  // cached copy (null when there is none): with the cache on, this process is the only writer,
  // so under the lock that copy is exactly what the database holds.
  bool change(LoadedAttempt& a, const std::function<bool(const LoadedAttempt* cached)>& write,
              const std::function<void(LoadedAttempt&)>& apply);
  AttemptStore& attempts() { return app_.store().attempts(); }

  App& app_;
  AttemptCache attempt_cache_;
  QuestionHtmlCache question_html_;
};

}  // namespace certhub
