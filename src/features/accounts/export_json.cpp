#include "features/accounts/export_json.hpp"

#include <boost/json.hpp>

#include <limits>

namespace certhub {
namespace json = boost::json;
namespace {

json::value optional_number(const std::optional<std::int64_t>& value) {
  return value ? json::value(*value) : json::value(nullptr);
}

json::object attempt_json(AttemptStore& attempts, const AttemptRow& a) {
  json::array steps;
  for (const auto& s : attempts.steps_of(a.id))
    steps.push_back(json::object{
        {"question_number", s.slot + 1}, {"kind", s.kind}, {"value", s.value}, {"at", s.at}});
  json::object out{{"id", a.id},
                   {"certification", a.certification},
                   {"mode", a.mode},
                   {"domain", a.domain},
                   {"content_version", a.content_version},
                   {"started_at", a.started_at},
                   {"deadline", optional_number(a.deadline)},
                   {"finished_at", optional_number(a.finished_at)},
                   {"abandoned", a.abandoned},
                   {"steps", std::move(steps)}};
  // The questions in the order they were asked, as the engine stored them.
  boost::system::error_code ec;
  auto slots = json::parse(a.slots, ec);
  out["questions"] = ec ? json::value(nullptr) : std::move(slots);
  if (a.score)
    out["score"] = json::object{{"correct", a.score->correct},
                                {"answered", a.score->answered},
                                {"total", a.score->total},
                                {"passed", a.score->passed}};
  return out;
}

}  // namespace

json::object export_json(Store& store, const AccountRow& account) {
  const auto& learner = account.learner;
  json::array attempts;
  for (const auto& a : store.attempts().attempts_of(learner, std::numeric_limits<int>::max(),
                                                    AttemptStore::Slots::read))
    attempts.push_back(attempt_json(store.attempts(), a));
  json::array reviews;
  for (const auto& r : store.learning().reviews_of(learner))
    reviews.push_back(json::object{{"question", r.question_id},
                                   {"certification", r.certification},
                                   {"domain", r.domain},
                                   {"correct", r.correct},
                                   {"at", r.at},
                                   {"attempt", r.attempt_id}});
  json::array cards;
  for (const auto& c : store.learning().cards_of(learner))
    cards.push_back(json::object{{"question", c.question_id},
                                 {"certification", c.certification},
                                 {"domain", c.domain},
                                 {"stability", c.state.stability},
                                 {"difficulty", c.state.difficulty},
                                 {"reps", c.state.reps},
                                 {"lapses", c.state.lapses},
                                 {"last_review_at", c.state.last_at},
                                 {"due_day", c.state.due_day}});
  json::array exam_dates;
  for (const auto& d : store.learning().exam_days(learner))
    exam_dates.push_back(json::object{{"certification", d.certification}, {"day", d.day}});
  json::array requests;
  for (const auto& r : store.update_requests().requests_of(learner))
    requests.push_back(json::object{
        {"certification", r.certification}, {"email", r.email}, {"created_at", r.created_at}});
  json::array reports;
  for (const auto& r : store.reports().reports_by(learner))
    reports.push_back(json::object{{"question", r.question_id},
                                   {"certification", r.certification},
                                   {"category", r.category},
                                   {"text", r.text},
                                   {"created_at", r.created_at},
                                   {"open", r.open}});
  return {{"account", json::object{{"email", account.email},
                                   {"admin", account.admin},
                                   {"created_at", account.created_at}}},
          {"attempts", std::move(attempts)},
          {"reviews", std::move(reviews)},
          {"cards", std::move(cards)},
          {"exam_dates", std::move(exam_dates)},
          {"update_requests", std::move(requests)},
          {"question_reports", std::move(reports)}};
}

}  // namespace certhub
