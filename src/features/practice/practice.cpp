#include "features/practice/practice.hpp"

#include <sodium.h>

#include <algorithm>
#include <map>

#include "core/date.hpp"
#include "web/session.hpp"

namespace certhub {
namespace {

std::string join_letters(const std::vector<std::string>& letters) {
  std::string out;
  for (const auto& l : letters) out += (out.empty() ? "" : ",") + l;
  return out;
}

std::uint64_t random_seed() {
  std::uint64_t seed = 0;
  randombytes_buf(&seed, sizeof seed);
  return seed >> 1;  // fits a signed 64-bit column
}

}  // namespace

std::size_t approximate_bytes(const LoadedAttempt& a) {
  const auto& r = a.row;
  std::size_t n = heap_bytes(r.id) + heap_bytes(r.session_id) + heap_bytes(r.certification) +
                  heap_bytes(r.mode) + heap_bytes(r.domain) + heap_bytes(r.content_version) +
                  heap_bytes(r.slots);
  n += a.slots.heap_bytes();
  for (const auto& slot : a.slots) n += heap_bytes(slot.question_id) + heap_bytes(slot.order);
  n += a.questions.heap_bytes();
  n += heap_bytes(a.states);
  for (const auto& state : a.states) n += heap_bytes(state.selected);
  return n;
}

int LoadedAttempt::answered() const {
  return static_cast<int>(std::count_if(states.begin(), states.end(),
                                        [](const SlotState& s) { return !s.selected.empty(); }));
}

int LoadedAttempt::flagged() const {
  return static_cast<int>(
      std::count_if(states.begin(), states.end(), [](const SlotState& s) { return s.flagged; }));
}

void Practice::content_reloaded() {
  question_html_.clear();
  attempt_cache_.forget_loaded();
}

std::variant<LoadedAttempt, PracticeError> Practice::start(const std::string& session_id,
                                                           const StartRequest& request) {
  auto catalog = app_.catalog();
  const auto* cert = catalog->certification(request.certification);
  if (!cert || cert->practice != PracticeStatus::live)
    return PracticeError{404, "There is no live practice for '" + request.certification + "'."};
  auto mode = parse_mode(request.mode);
  if (!mode) return PracticeError{422, "mode must be sample, training or mock"};
  const auto& domain = request.domain;
  if (!domain.empty() && std::none_of(cert->domains.begin(), cert->domains.end(),
                                      [&](const Domain& d) { return d.id == domain; }))
    return PracticeError{422, "unknown domain '" + domain + "' for " + cert->code};
  auto bank = catalog->bank(cert->id);
  auto seed = random_seed();
  std::set<std::string> seen;
  for (const auto& past : attempts().attempts_of(session_id, 20, AttemptStore::Slots::read))
    if (auto slots = decode_slots(past.slots))
      for (const auto& s : *slots) seen.insert(s.question_id);

  std::vector<Slot> slots;
  if (*mode == Mode::mock) {
    auto bp = blueprint_for(*cert);
    if (!bp) return PracticeError{409, cert->code + " has no exam blueprint for a mock exam."};
    // One running mock per learner and certification: one whose time ran out ends here; any
    // other is ended only when the learner asked for exactly that one to be abandoned.
    if (auto running = attempts().running_mock(session_id, cert->id)) {
      auto loaded = load(session_id, running->id);  // finishes it if its time is up
      if (loaded && !loaded->finished(app_.now())) {
        if (request.abandon != loaded->row.id)
          return PracticeError{409, "You already have a " + cert->code + " mock exam in progress.",
                               loaded->row.id};
        finish(*loaded, app_.now(), true);
      }
    }
    auto drawn = assemble_mock(*bp, bank, seed, seen);
    if (!drawn) return PracticeError{409, "The question bank is too small for a full mock exam."};
    slots = std::move(*drawn);
  } else if (*mode == Mode::drill) {
    slots = assemble_listed(bank, due_questions(session_id, *cert, domain), seed);
    if (slots.empty())
      return PracticeError{409, "No " + cert->code + " cards are due for you today."};
  } else if (*mode == Mode::training && !request.missed.empty()) {
    if (request.missed != "latest") return PracticeError{422, "missed must be \"latest\""};
    slots = assemble_listed(bank, missed_questions(session_id, *cert, domain), seed);
    if (slots.empty())
      return PracticeError{409, "You have no missed " + cert->code +
                                    " questions to practise: your latest answers were right."};
  } else if (*mode == Mode::training && !request.rule.empty()) {
    const auto* review = catalog->review(cert->id);
    const auto* rule = review ? review->rule(request.rule) : nullptr;
    if (!rule) return PracticeError{404, "There is no review rule '" + request.rule + "'."};
    slots = assemble_listed(bank, rule->questions, seed);
  } else if (*mode == Mode::training) {
    slots = assemble_training(bank, domain, seed, seen);
  } else {
    slots = assemble_sample(bank, seed);
  }
  return create(session_id, *cert, *mode, *mode == Mode::mock ? "" : domain, slots, seed);
}

std::vector<std::string> Practice::due_questions(const std::string& session_id,
                                                 const Certification& cert,
                                                 const std::string& domain) {
  std::vector<std::string> ids;
  for (const auto& card : app_.store().learning().due_cards(
           session_id, cert.id, domain, day_number(app_.now()), kDrillSessionCards))
    ids.push_back(card.question_id);
  return ids;
}

std::vector<std::string> Practice::missed_questions(const std::string& session_id,
                                                    const Certification& cert,
                                                    const std::string& domain) {
  // Oldest first, so a later right answer clears an earlier miss of the same question.
  std::map<std::string, bool> latest_wrong;
  std::vector<std::string> order;
  for (const auto& review :
       app_.store().learning().reviews_of_latest_attempts(session_id, cert.id, kMissedAttempts)) {
    if (!domain.empty() && review.domain != domain) continue;
    auto [it, added] = latest_wrong.emplace(review.question_id, !review.correct);
    if (added)
      order.push_back(review.question_id);
    else
      it->second = !review.correct;
  }
  std::vector<std::string> ids;
  for (const auto& id : order)
    if (latest_wrong[id]) ids.push_back(id);
  return ids;
}

void Practice::record_reviews(const LoadedAttempt& a, const std::vector<size_t>& slots,
                              std::int64_t at) {
  auto graded = result(a);
  std::vector<ReviewRow> reviews;
  for (auto slot : slots) {
    const auto* q = a.questions[slot];
    if (!q || a.states[slot].selected.empty()) continue;
    reviews.push_back({q->id, a.cert->id, q->domain, static_cast<bool>(graded.slot_correct[slot]),
                       at, a.row.id, static_cast<int>(slot)});
  }
  if (reviews.empty()) return;
  app_.store().learning().record_reviews(a.row.session_id, reviews, schedule_with_fsrs);
}

void Practice::record_all_reviews(const LoadedAttempt& a) {
  std::vector<size_t> slots(a.slots.size());
  for (size_t i = 0; i < slots.size(); ++i) slots[i] = i;
  record_reviews(a, slots, a.timing.finished_at.value_or(app_.now()));
}

std::variant<LoadedAttempt, PracticeError> Practice::start_missed(const std::string& session_id,
                                                                  const std::string& attempt_id) {
  auto from = load(session_id, attempt_id);
  if (!from) return PracticeError{404, "There is no such attempt for you."};
  auto now = app_.now();
  if (!from->finished(now))
    return PracticeError{409, "Finish this attempt first; then practise the ones you missed."};
  if (from->cert->practice != PracticeStatus::live)
    return PracticeError{404, "There is no live practice for " + from->cert->code + " any more."};
  auto graded = result(*from);
  std::vector<std::string> missed;
  for (size_t i = 0; i < from->slots.size(); ++i)
    if (from->questions[i] && !graded.slot_correct[i]) missed.push_back(from->slots[i].question_id);
  if (missed.empty()) return PracticeError{409, "You answered every question correctly."};
  auto seed = random_seed();
  auto slots = assemble_listed(from->catalog->bank(from->cert->id), missed, seed);
  return create(session_id, *from->cert, Mode::training, "", slots, seed);
}

std::variant<LoadedAttempt, PracticeError> Practice::create(const std::string& session_id,
                                                            const Certification& cert, Mode mode,
                                                            const std::string& domain,
                                                            const std::vector<Slot>& slots,
                                                            std::uint64_t seed) {
  if (slots.empty()) return PracticeError{409, "There are no questions for this choice yet."};
  auto now = app_.now();
  std::optional<std::int64_t> deadline;
  if (mode == Mode::mock)
    if (auto bp = blueprint_for(cert)) deadline = now + std::int64_t{bp->minutes} * 60;
  if (mode != Mode::mock) close_oldest_open(session_id, now);
  AttemptRow row{random_hex(16),
                 session_id,
                 cert.id,
                 to_string(mode),
                 domain,
                 app_.catalog()->version,
                 static_cast<std::int64_t>(seed),
                 encode_slots(slots),
                 now,
                 deadline,
                 std::nullopt};
  if (!attempts().create_attempt(row)) {
    // Another request of this learner started a mock exam at the same moment.
    auto running = attempts().running_mock(session_id, cert.id);
    return PracticeError{409, "You already have a " + cert.code + " mock exam in progress.",
                         running ? running->id : std::string()};
  }
  auto loaded = load(session_id, row.id);
  if (!loaded) return PracticeError{500, "attempt vanished"};
  return std::move(*loaded);
}

void Practice::close_oldest_open(const std::string& session_id, std::int64_t now) {
  auto open = attempts().open_attempts(session_id);
  for (std::size_t i = 0; i + kOpenAttempts <= open.size(); ++i)
    if (auto a = load(session_id, open[i])) finish(*a, now, true);
}

std::optional<LoadedAttempt> Practice::read(const std::string& attempt_id) {
  auto row = attempts().find_attempt(attempt_id);
  if (!row) return std::nullopt;
  auto slots = decode_slots(row->slots);
  auto mode = parse_mode(row->mode);
  if (!slots || !mode) return std::nullopt;
  LoadedAttempt a;
  a.catalog = app_.catalog();
  a.cert = a.catalog->certification(row->certification);
  if (!a.cert) return std::nullopt;
  a.mode = *mode;
  std::vector<const Question*> questions;
  for (const auto& slot : *slots) questions.push_back(a.catalog->question(slot.question_id));
  a.slots = std::move(*slots);
  a.questions = std::move(questions);
  a.timing = {row->started_at, row->deadline, row->finished_at};
  a.states = replay(a.slots.size(), to_steps(attempts().steps_of(row->id)), a.timing.deadline);
  if (a.mode == Mode::mock)
    if (auto bp = blueprint_for(*a.cert)) a.pass_mark = bp->pass_count;
  a.row = std::move(*row);
  // Decoded above; not kept twice. A swap frees the buffer, where assigning {} would keep its
  // capacity (20 KB for a training over all topics).
  std::string().swap(a.row.slots);
  return a;
}

void Practice::finish_if_due(LoadedAttempt& a) {
  if (!a.timing.finished_at && a.timing.deadline && app_.now() >= *a.timing.deadline)
    finish_in_place(a, *a.timing.deadline, false);
}

void Practice::finish_in_place(LoadedAttempt& a, std::int64_t at, bool abandoned) {
  auto end = attempts().finish_attempt(a.row.id, at, abandoned);
  a.timing.finished_at = end.finished_at;
  a.row.abandoned = end.abandoned;
  // Saves committed (by this or another app server) since `a` was loaded count too.
  a.states = replay(a.slots.size(), to_steps(attempts().steps_of(a.row.id)), a.timing.deadline);
  auto r = result(a);
  a.row.score = AttemptScore{r.correct, r.answered, r.total, r.passed};
  attempts().record_score(a.row.id, *a.row.score);
  // A mock exam's answers become reviews when it ends; training answers already did as each was
  // checked (recording them again changes nothing).
  record_all_reviews(a);
}

std::optional<LoadedAttempt> Practice::load(const std::string& session_id,
                                            const std::string& attempt_id) {
  auto& cache = attempt_cache_;
  if (!cache.enabled()) {
    auto a = read(attempt_id);
    if (!a || a->row.session_id != session_id) return std::nullopt;
    finish_if_due(*a);
    return a;
  }
  auto entry = cache.entry(attempt_id);
  std::lock_guard lock(entry->mutex);
  // A content reload swaps the questions: read the attempt again against the new snapshot.
  if (!entry->attempt || entry->attempt->catalog != app_.catalog()) {
    entry->attempt = read(attempt_id);
    if (!entry->attempt) {
      cache.drop(attempt_id);
      return std::nullopt;
    }
  }
  if (entry->attempt->row.session_id != session_id) {
    cache.charge(attempt_id, *entry);  // it may have been read just now
    return std::nullopt;
  }
  finish_if_due(*entry->attempt);
  // Read, read again or finished just now: its size may have changed (a few hundred ns for a
  // mock exam's 50 slots).
  cache.charge(attempt_id, *entry);
  return *entry->attempt;
}

bool Practice::change(LoadedAttempt& a,
                      const std::function<bool(const LoadedAttempt* cached)>& write,
                      const std::function<void(LoadedAttempt&)>& apply) {
  auto& cache = attempt_cache_;
  if (!cache.enabled()) {
    if (!write(nullptr)) return false;
    apply(a);
    return true;
  }
  auto entry = cache.entry(a.row.id);
  std::lock_guard lock(entry->mutex);
  bool current = entry->attempt && entry->attempt->catalog == a.catalog;
  if (!write(current ? &*entry->attempt : nullptr)) return false;
  apply(a);
  if (current)
    apply(*entry->attempt);
  else
    entry->attempt.reset();  // read again on next use
  cache.charge(a.row.id, *entry);
  return true;
}

std::vector<AttemptRow> Practice::history(const std::string& session_id, int limit) {
  auto rows = attempts().attempts_of(session_id, limit, AttemptStore::Slots::skip);
  auto now = app_.now();
  for (auto& row : rows) {
    if (row.score || !Timing{row.started_at, row.deadline, row.finished_at}.finished(now)) continue;
    auto a = load(session_id, row.id);  // finishes one whose time ran out
    if (!a) continue;
    ensure_scored(*a);
    row.finished_at = a->timing.finished_at;
    row.score = a->row.score;
  }
  return rows;
}

void Practice::ensure_scored(LoadedAttempt& a) {
  if (a.row.score || !a.timing.finished_at) return;
  auto r = result(a);
  AttemptScore score{r.correct, r.answered, r.total, r.passed};
  change(
      a,
      [&](const LoadedAttempt*) {
        attempts().record_score(a.row.id, score);
        return true;
      },
      [&](LoadedAttempt& x) { x.row.score = score; });
  record_all_reviews(a);
}

SaveOutcome Practice::answer(LoadedAttempt& a, int index, const std::vector<std::string>& selected,
                             std::optional<int> expected_sequence) {
  if (index < 0 || static_cast<size_t>(index) >= a.slots.size() ||
      !a.questions[static_cast<size_t>(index)])
    return SaveOutcome::no_such_question;
  auto slot = static_cast<size_t>(index);
  if (a.finished(app_.now())) return SaveOutcome::finished;
  const auto& q = *a.questions[slot];
  auto sorted = selected;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  if (!to_question_keys(a.slots[slot], sorted)) return SaveOutcome::bad_selection;
  if (q.type != QuestionType::multiple && sorted.size() > 1) return SaveOutcome::bad_selection;
  if (q.type == QuestionType::multiple && static_cast<int>(sorted.size()) > q.choose)
    return SaveOutcome::too_many;
  if (expected_sequence && *expected_sequence != a.states[slot].sequence) return SaveOutcome::stale;
  if (a.mode != Mode::mock) {
    // Sample and training show the key once a question is answered: the answer is final, and
    // it is checked only when complete.
    if (!a.states[slot].selected.empty()) return SaveOutcome::locked;
    if (sorted.empty()) return SaveOutcome::empty;
    if (q.type == QuestionType::multiple && static_cast<int>(sorted.size()) < q.choose)
      return SaveOutcome::too_few;
  }
  StepRow step{index, "answer", join_letters(sorted), app_.now()};
  auto outcome = StepOutcome::finished;
  change(
      a,
      [&](const LoadedAttempt* cached) {
        // The sequence the client saw is checked again at the moment of writing, so a save
        // from another tab or app server that got in first is never overwritten: against the
        // cached copy under its lock when this process is the only writer, else where the step
        // is stored. Without a sequence, the latest save wins.
        if (expected_sequence && cached && cached->states[slot].sequence != *expected_sequence) {
          a.states[slot] = cached->states[slot];  // what the refusal shows
          outcome = StepOutcome::stale;
          return false;
        }
        outcome = attempts().append_step(a.row.id, step, cached ? std::nullopt : expected_sequence);
        return outcome == StepOutcome::appended;
      },
      [&](LoadedAttempt& x) {
        x.states[slot].selected = sorted;
        ++x.states[slot].sequence;
      });
  switch (outcome) {
    case StepOutcome::appended:
      // Sample, training and drill show the key now: the answer is a review of its card.
      if (a.mode != Mode::mock) record_reviews(a, {slot}, step.at);
      return SaveOutcome::saved;
    case StepOutcome::stale:
      if (!attempt_cache_.enabled())  // another app server saved first: show what it saved
        a.states =
            replay(a.slots.size(), to_steps(attempts().steps_of(a.row.id)), a.timing.deadline);
      return SaveOutcome::stale;
    case StepOutcome::finished:
      break;
  }
  return SaveOutcome::finished;
}

SaveOutcome Practice::flag(LoadedAttempt& a, int index, bool flagged) {
  if (index < 0 || static_cast<size_t>(index) >= a.slots.size())
    return SaveOutcome::no_such_question;
  if (a.finished(app_.now())) return SaveOutcome::finished;
  StepRow step{index, "flag", flagged ? "1" : "0", app_.now()};
  bool saved = change(
      a,
      [&](const LoadedAttempt*) {
        return attempts().append_step(a.row.id, step) == StepOutcome::appended;
      },
      [&](LoadedAttempt& x) { x.states[static_cast<size_t>(index)].flagged = flagged; });
  return saved ? SaveOutcome::saved : SaveOutcome::finished;
}

Result Practice::submit(LoadedAttempt& a) {
  return finish(a, app_.now(), false);
}

Result Practice::finish(LoadedAttempt& a, std::int64_t at, bool abandoned) {
  if (!a.timing.finished_at) {
    LoadedAttempt done = a;  // cheap: the slot and question lists are shared
    change(
        a,
        [&](const LoadedAttempt*) {
          finish_in_place(done, at, abandoned);
          return true;
        },
        [&](LoadedAttempt& x) {
          x.timing.finished_at = done.timing.finished_at;
          x.row.abandoned = done.row.abandoned;
          x.states = done.states;
          x.row.score = done.row.score;
        });
  }
  return result(a);
}

Result Practice::result(const LoadedAttempt& a) const {
  return grade(*a.cert, a.slots, a.questions, a.states, a.pass_mark);
}

}  // namespace certhub
