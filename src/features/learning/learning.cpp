#include "features/learning/learning.hpp"

#include <algorithm>

#include "core/exam.hpp"

namespace certhub {
namespace {

int domain_index(const Certification& cert, const std::string& domain) {
  for (size_t i = 0; i < cert.domains.size(); ++i)
    if (cert.domains[i].id == domain) return static_cast<int>(i);
  return -1;
}

const Certification* live(const Catalog& catalog, const std::string& cert_id) {
  const auto* cert = catalog.certification(cert_id);
  return cert && cert->practice == PracticeStatus::live ? cert : nullptr;
}

std::optional<long> exam_day_of(const std::vector<ExamDay>& days, const std::string& cert_id) {
  for (const auto& d : days)
    if (d.certification == cert_id) return d.day;
  return std::nullopt;
}

}  // namespace

CertProgress Learning::build(const Certification& cert, const std::vector<AttemptRow>& history,
                             const std::vector<DueCount>& due,
                             const std::vector<ExamDay>& exam_days, const std::string& learner) {
  auto now = app_.now();
  auto& store = app_.store().learning();
  CertProgress p;
  p.cert = &cert;
  p.blueprint = blueprint_for(cert);
  for (const auto& row : history) {
    if (row.certification != cert.id) continue;
    p.attempts.push_back(row);
    if (row.mode == "mock" && row.score && row.finished_at && !row.abandoned)
      p.mocks.push_back(
          {row.id, *row.finished_at, row.score->correct, row.score->total, row.score->passed});
  }
  std::reverse(p.mocks.begin(), p.mocks.end());

  ReadinessInput in;
  in.now = now;
  in.draws.assign(cert.domains.size(), 0);
  if (p.blueprint) {
    in.pass_count = p.blueprint->pass_count;
    for (const auto& d : p.blueprint->draws)
      if (auto i = domain_index(cert, d.domain); i >= 0) in.draws[static_cast<size_t>(i)] = d.count;
  }
  auto today = day_number(now);
  // The estimate depends only on the tallies and today: a hash of both names it.
  std::uint64_t fingerprint = 1469598103934665603ULL;  // FNV-1a
  auto mix = [&](std::uint64_t v) { fingerprint = (fingerprint ^ v) * 1099511628211ULL; };
  mix(static_cast<std::uint64_t>(today));
  for (const auto& tally : store.review_days(learner, cert.id, today - kReadinessDays)) {
    auto i = domain_index(cert, tally.domain);
    if (i < 0) continue;  // a domain the content no longer has
    std::int64_t at = std::int64_t{tally.day} * 86400;
    in.answers.push_back({i, true, at, tally.correct});
    in.answers.push_back({i, false, at, tally.total - tally.correct});
    for (auto v :
         {static_cast<std::uint64_t>(i), static_cast<std::uint64_t>(tally.day),
          static_cast<std::uint64_t>(tally.correct), static_cast<std::uint64_t>(tally.total)})
      mix(v);
  }
  p.readiness = readiness(learner, cert, in, fingerprint);

  p.drill = drill_of(cert, due, exam_days, learner);

  NextStepInput step;
  step.answers = p.readiness.evidence;
  step.readiness_shown = p.readiness.shown;
  step.pass_probability = p.readiness.pass_probability;
  step.due_cards = p.drill.due_today;
  if (!p.mocks.empty()) {
    step.last_mock_at = p.mocks.back().at;
    step.last_mock_passed = p.mocks.back().passed;
  }
  step.now = now;
  for (const auto& m : p.readiness.domains) {
    step.domain_mastery.push_back(m.mean);
    step.domain_missing.push_back(m.answers_missing);
  }
  p.next = next_step(step);
  return p;
}

std::size_t approximate_bytes(const Readiness& readiness) {
  return heap_bytes(readiness.domains);
}

void Learning::set_memo_budget(std::size_t bytes) {
  std::lock_guard lock(remembered_mutex_);
  remembered_.set_budget(bytes);
}

CacheStats Learning::memo_stats() const {
  std::lock_guard lock(remembered_mutex_);
  return remembered_.stats();
}

void Learning::content_reloaded() {
  std::lock_guard lock(remembered_mutex_);
  remembered_.clear();
}

Readiness Learning::readiness(const std::string& learner, const Certification& cert,
                              const ReadinessInput& in, std::uint64_t fingerprint) {
  auto key = learner + '/' + cert.id;
  {
    std::lock_guard lock(remembered_mutex_);
    if (auto* found = remembered_.find_if(
            key, [&](const Remembered& r) { return r.fingerprint == fingerprint; }))
      return found->readiness;
  }
  auto estimate = estimate_readiness(in);  // outside the lock: the costly part
  auto bytes = approximate_bytes(estimate);
  std::lock_guard lock(remembered_mutex_);
  remembered_.put(key, {fingerprint, estimate}, bytes);
  return estimate;
}

std::vector<CertProgress> Learning::progress(const std::string& learner) {
  auto catalog = app_.catalog();
  auto history = history_(learner, kProgressAttempts);
  auto& store = app_.store().learning();
  auto due = store.due_counts(learner, today());
  auto exam_days = store.exam_days(learner);
  std::vector<CertProgress> out;
  for (const auto& cert : catalog->certifications)
    if (cert.practice == PracticeStatus::live)
      out.push_back(build(cert, history, due, exam_days, learner));
  return out;
}

std::optional<CertProgress> Learning::progress(const std::string& learner,
                                               const std::string& cert_id) {
  auto catalog = app_.catalog();
  const auto* cert = live(*catalog, cert_id);
  if (!cert) return std::nullopt;
  auto& store = app_.store().learning();
  return build(*cert, history_(learner, kProgressAttempts), store.due_counts(learner, today()),
               store.exam_days(learner), learner);
}

CertDrill Learning::drill_of(const Certification& cert, const std::vector<DueCount>& due,
                             const std::vector<ExamDay>& exam_days, const std::string& learner) {
  auto today = this->today();
  CertDrill d;
  d.cert = &cert;
  d.due_per_domain.assign(cert.domains.size(), 0);
  for (const auto& count : due) {
    if (count.certification != cert.id) continue;
    d.due_today += count.due;
    if (auto i = domain_index(cert, count.domain); i >= 0)
      d.due_per_domain[static_cast<size_t>(i)] += count.due;
  }
  d.exam_day = exam_day_of(exam_days, cert.id);
  auto counts =
      app_.store().learning().card_counts(learner, cert.id, d.exam_day.value_or(today + 1));
  d.cards = counts.total;
  if (d.exam_day) {
    d.due_before_exam = counts.due_before;
    d.plan = drill_plan(counts.due_before, today, *d.exam_day);
  }
  return d;
}

std::vector<CertDrill> Learning::drill(const std::string& learner) {
  auto catalog = app_.catalog();
  auto& store = app_.store().learning();
  auto due = store.due_counts(learner, today());
  auto exam_days = store.exam_days(learner);
  std::vector<CertDrill> out;
  for (const auto& cert : catalog->certifications) {
    if (cert.practice == PracticeStatus::live)
      out.push_back(drill_of(cert, due, exam_days, learner));
  }
  return out;
}

std::optional<LearningError> Learning::set_exam_date(const std::string& learner,
                                                     const std::string& cert_id,
                                                     const std::optional<Date>& date) {
  auto catalog = app_.catalog();
  if (!live(*catalog, cert_id))
    return LearningError{404, "There is no live practice for '" + cert_id + "'."};
  auto today = this->today();
  std::optional<long> day;
  if (date) {
    day = days_from_civil(*date);
    if (*day < today) return LearningError{422, "The exam date is in the past."};
    if (*day > today + kFurthestExamDays)
      return LearningError{422, "The exam date is more than ten years away."};
  }
  app_.store().learning().set_exam_day(learner, cert_id, day,
                                       day ? latest_due_day(today, *day) : 0);
  return std::nullopt;
}

std::variant<DrillAnswer, LearningError> Learning::answer(const std::string& learner,
                                                          const std::string& question_id,
                                                          const std::vector<std::string>& selected,
                                                          int reps) {
  auto catalog = app_.catalog();
  const auto* q = catalog->question(question_id);
  const auto* cert = q ? live(*catalog, q->certification) : nullptr;
  if (!q || !cert) return LearningError{404, "There is no such question."};
  auto keys = selected;
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  for (const auto& k : keys)
    if (std::none_of(q->options.begin(), q->options.end(),
                     [&](const Option& o) { return o.key == k; }))
      return LearningError{422, "'" + k + "' is not an option of this question."};
  if (keys.empty()) return LearningError{422, "Choose an answer."};
  if (static_cast<int>(keys.size()) != q->choose)
    return LearningError{422, "This question asks for " + std::to_string(q->choose) +
                                  (q->choose == 1 ? " answer." : " answers.")};
  auto key = q->key;
  std::sort(key.begin(), key.end());
  bool correct = keys == key;
  auto& store = app_.store().learning();
  ReviewRow review{q->id, cert->id, q->domain, correct, app_.now(), "", 0};
  auto updated = store.record_reviews(learner, {review}, schedule_with_fsrs, reps);
  if (updated.empty()) {
    auto card = store.card(learner, q->id);
    return LearningError{409,
                         "This card was reviewed since you loaded it (in another tab or device). "
                         "Load the drill again.",
                         card ? card->state.reps : 0};
  }
  return DrillAnswer{q, correct, updated.front()};
}

std::vector<CardRow> Learning::due_cards(const std::string& learner, const std::string& cert_id,
                                         int limit) {
  return app_.store().learning().due_cards(learner, cert_id, "", today(), limit);
}

}  // namespace certhub
