#include "features/practice/api_json.hpp"

#include <boost/json.hpp>
#include <cmath>

namespace certhub {
namespace json = boost::json;
namespace {

json::array letters(const std::vector<std::string>& items) {
  return json::array(items.begin(), items.end());
}

}  // namespace

json::object question_json(const LoadedAttempt& a, size_t index) {
  json::object q;
  q["index"] = index + 1;
  const auto* question = a.questions[index];
  if (!question) {
    q["withdrawn"] = true;
    return q;
  }
  q["id"] = question->id;
  q["domain"] = question->domain;
  q["type"] = to_string(question->type);
  q["choose"] = question->type == QuestionType::multiple ? question->choose : 1;
  q["stem"] = question->stem;
  json::array options;
  const auto& order = a.slots[index].order;
  for (size_t i = 0; i < order.size(); ++i)
    options.push_back(
        json::object{{"key", std::string(1, static_cast<char>('a' + i))},
                     {"text", question->options[static_cast<size_t>(order[i])].text}});
  q["options"] = std::move(options);
  return q;
}

json::object feedback_json(const LoadedAttempt& a, size_t index) {
  json::object f;
  const auto* q = a.questions[index];
  if (!q) return f;
  const auto& slot = a.slots[index];
  auto key = shown_key(*q, slot);
  f["correct"] = is_correct(*q, slot, a.states[index].selected);
  f["key"] = letters(key);
  f["explanation"] = q->explanation;
  f["reference"] = q->reference;
  json::array reasons;
  for (size_t i = 0; i < slot.order.size(); ++i) {
    std::string letter(1, static_cast<char>('a' + i));
    reasons.push_back(
        json::object{{"key", letter},
                     {"correct", std::find(key.begin(), key.end(), letter) != key.end()},
                     {"reason", q->options[static_cast<size_t>(slot.order[i])].reason}});
  }
  f["reasons"] = std::move(reasons);
  return f;
}

json::object result_json(const LoadedAttempt& a, const Result& r, std::int64_t now) {
  json::object out;
  // Whole percent: Boost.JSON 1.81 would print a double as 7.4E1.
  out["score"] = std::lround(r.score);
  out["correct"] = r.correct;
  out["answered"] = r.answered;
  out["total"] = r.total;
  out["passed"] = r.passed;
  if (r.pass_mark > 0)
    out["pass_mark"] = r.pass_mark;
  else
    out["pass_mark"] = nullptr;
  out["time_used_s"] = a.timing.seconds_used(now);
  json::array domains;
  for (const auto& d : r.domains)
    domains.push_back(json::object{{"id", d.domain},
                                   {"name", d.name},
                                   {"correct", d.correct},
                                   {"answered", d.answered},
                                   {"total", d.total}});
  out["domains"] = std::move(domains);
  return out;
}

json::object attempt_json(const LoadedAttempt& a, std::int64_t now, bool with_questions) {
  json::object out;
  out["id"] = a.row.id;
  out["certification"] = a.row.certification;
  out["mode"] = a.row.mode;
  if (a.timing.deadline)
    out["deadline"] = rfc3339(*a.timing.deadline);
  else
    out["deadline"] = nullptr;
  out["finished"] = a.finished(now);
  out["abandoned"] = a.row.abandoned;
  out["time_left_s"] = a.timing.seconds_left(now);
  out["answered"] = a.answered();
  out["total"] = a.slots.size();
  if (!with_questions) return out;
  bool reveal = a.reveals_keys(now);
  json::array questions;
  for (size_t i = 0; i < a.slots.size(); ++i) {
    auto q = question_json(a, i);
    q["selected"] = letters(a.states[i].selected);
    q["sequence"] = a.states[i].sequence;
    q["flagged"] = a.states[i].flagged;
    // Feedback per answered question in sample/training; the full review once a mock is over.
    if (reveal && (a.mode != Mode::mock || a.finished(now)) &&
        (!a.states[i].selected.empty() || a.finished(now)))
      q["feedback"] = feedback_json(a, i);
    questions.push_back(std::move(q));
  }
  out["questions"] = std::move(questions);
  return out;
}

}  // namespace certhub
