// The learning API: progress, due cards, drill answers and the exam date, as the pages show them.
#include <boost/json.hpp>

#include "features/learning/routes.hpp"
#include "web/attempt_rows.hpp"
#include "web/json_api.hpp"

namespace certhub {
namespace json = boost::json;
namespace {

json::value nullable(bool present, json::value value) {
  return present ? std::move(value) : json::value(nullptr);
}

// A probability rounded to 3 decimals: the figure, not the sampling noise.
double rounded(double p) {
  return std::round(p * 1000) / 1000;
}

json::value day_json(std::optional<long> day) {
  return day ? json::value(to_string(civil_from_days(*day))) : json::value(nullptr);
}

const char* next_step_name(NextStepKind kind) {
  switch (kind) {
    case NextStepKind::start:
      return "start";
    case NextStepKind::train_domain:
      return "train_domain";
    case NextStepKind::drill:
      return "drill";
    case NextStepKind::mock:
      return "mock";
    case NextStepKind::keep_going:
      return "keep_going";
  }
  return "";
}

json::object progress_json(const CertProgress& p) {
  const auto& cert = *p.cert;
  const auto& r = p.readiness;
  json::array attempts;
  for (const auto& row : p.attempts) {
    json::object a{{"id", row.id},
                   {"mode", row.mode},
                   {"domain", nullable(!row.domain.empty(), json::value(row.domain))},
                   {"started_at", rfc3339(row.started_at)},
                   {"finished_at", nullable(row.finished_at.has_value(),
                                            json::value(rfc3339(row.finished_at.value_or(0))))},
                   {"abandoned", row.abandoned}};
    if (row.score) {
      a["correct"] = row.score->correct;
      a["answered"] = row.score->answered;
      a["total"] = row.score->total;
      a["passed"] = nullable(row.mode == "mock", json::value(row.score->passed));
    }
    if (row.finished_at) a["seconds_used"] = *row.finished_at - row.started_at;
    attempts.push_back(std::move(a));
  }
  json::array mocks;
  for (const auto& m : p.mocks)
    mocks.push_back(json::object{{"attempt", m.attempt_id},
                                 {"finished_at", rfc3339(m.at)},
                                 {"correct", m.correct},
                                 {"total", m.total},
                                 {"passed", m.passed}});
  json::array domains;
  for (size_t i = 0; i < cert.domains.size() && i < r.domains.size(); ++i) {
    const auto& m = r.domains[i];
    domains.push_back(json::object{{"id", cert.domains[i].id},
                                   {"name", cert.domains[i].name},
                                   {"answers", m.answers},
                                   {"mastery", rounded(m.mean)},
                                   {"low", rounded(m.low)},
                                   {"high", rounded(m.high)},
                                   {"answers_missing", m.answers_missing}});
  }
  json::object readiness{{"shown", r.shown},
                         {"evidence", r.evidence},
                         {"answers_missing", r.answers_missing},
                         {"pass_probability", nullable(r.shown, rounded(r.pass_probability))},
                         {"low", nullable(r.shown, rounded(r.low))},
                         {"high", nullable(r.shown, rounded(r.high))}};
  json::object next{{"kind", next_step_name(p.next.kind)}};
  if (p.next.domain >= 0 && static_cast<size_t>(p.next.domain) < cert.domains.size())
    next["domain"] = cert.domains[static_cast<size_t>(p.next.domain)].id;
  return json::object{{"certification", cert.id},
                      {"code", cert.code},
                      {"pass_count", p.blueprint ? p.blueprint->pass_count : 0},
                      {"questions", p.blueprint ? p.blueprint->questions : 0},
                      {"attempts", std::move(attempts)},
                      {"mocks", std::move(mocks)},
                      {"domains", std::move(domains)},
                      {"readiness", std::move(readiness)},
                      {"due_today", p.drill.due_today},
                      {"cards", p.drill.cards},
                      {"exam_date", day_json(p.drill.exam_day)},
                      {"next_step", std::move(next)}};
}

json::object card_json(const CardRow& card) {
  return json::object{{"question", card.question_id},
                      {"certification", card.certification},
                      {"domain", card.domain},
                      {"reps", card.state.reps},
                      {"lapses", card.state.lapses},
                      {"stability_days", std::round(card.state.stability * 100) / 100},
                      {"due_date", to_string(civil_from_days(card.state.due_day))}};
}

json::value plan_json(const CertDrill& d) {
  return nullable(d.plan.days_left > 0, json::object{{"per_day", d.plan.per_day},
                                                     {"days_left", d.plan.days_left},
                                                     {"cards", d.due_before_exam}});
}

class Api {
 public:
  Api(App& app, Learning& learning) : app_(app), learning_(learning) {}

  // GET /api/v1/progress: every live route.
  Response progress(const Request& req) {
    auto visitor = app_.sessions().visitor(req);
    json::array routes;
    for (const auto& p : learning_.progress(visitor.id)) routes.push_back(progress_json(p));
    return json_response(200, json::object{{"certifications", std::move(routes)}});
  }

  // GET /api/v1/drill: the cards due today per route and domain, and the first due cards of
  // each route with what it takes to answer them (options under their own keys).
  Response drill(const Request& req) {
    auto visitor = app_.sessions().visitor(req);
    auto catalog = app_.catalog();
    json::array routes;
    for (const auto& d : learning_.drill(visitor.id)) {
      json::array domains;
      for (size_t i = 0; i < d.cert->domains.size(); ++i)
        domains.push_back(
            json::object{{"id", d.cert->domains[i].id}, {"due", d.due_per_domain[i]}});
      json::array cards;
      for (const auto& card : learning_.due_cards(visitor.id, d.cert->id, kDrillApiCards)) {
        const auto* q = catalog->question(card.question_id);
        if (!q) continue;  // withdrawn from the bank
        auto c = card_json(card);
        c["type"] = to_string(q->type);
        c["choose"] = q->choose;
        c["stem"] = q->stem;
        json::array options;
        for (const auto& o : q->options)
          options.push_back(json::object{{"key", o.key}, {"text", o.text}});
        c["options"] = std::move(options);
        cards.push_back(std::move(c));
      }
      routes.push_back(json::object{{"certification", d.cert->id},
                                    {"due_today", d.due_today},
                                    {"cards", d.cards},
                                    {"domains", std::move(domains)},
                                    {"exam_date", day_json(d.exam_day)},
                                    {"plan", plan_json(d)},
                                    {"due_cards", std::move(cards)}});
    }
    return json_response(200, json::object{{"today", to_string(civil_from_days(learning_.today()))},
                                           {"certifications", std::move(routes)}});
  }

  // POST /api/v1/drill/answers {question, selected: [keys], reps}: grades one card.
  Response answer(const Request& req) {
    auto visitor = app_.sessions().visitor(req);
    if (auto denied = check_csrf_header(app_, req, visitor)) return *denied;
    auto body = json_body(app_, req);
    if (auto* err = std::get_if<Response>(&body)) return *err;
    const auto& obj = std::get<json::object>(body);
    const auto* selected = obj.if_contains("selected");
    const auto* reps = obj.if_contains("reps");
    if (!selected || !selected->is_array() || !reps || !reps->is_int64() || reps->as_int64() < 0 ||
        reps->as_int64() > 1'000'000)
      return app_.error(422, "send question, selected (an array of option keys) and reps", true);
    std::vector<std::string> keys;
    for (const auto& k : selected->as_array()) {
      if (!k.is_string() || k.as_string().size() > 1 || keys.size() >= 6)
        return app_.error(422, "selected holds option keys like \"a\"", true);
      keys.emplace_back(k.as_string());
    }
    auto outcome = learning_.answer(visitor.id, string_field(obj, "question"), keys,
                                    static_cast<int>(reps->as_int64()));
    if (auto* err = std::get_if<LearningError>(&outcome)) {
      if (err->status != 409) return app_.error(err->status, err->detail, true);
      return json_response(
          409, json::object{
                   {"error", reason_phrase(409)}, {"detail", err->detail}, {"reps", err->reps}});
    }
    const auto& done = std::get<DrillAnswer>(outcome);
    json::array reasons;
    for (const auto& o : done.question->options)
      reasons.push_back(json::object{
          {"key", o.key},
          {"correct", std::find(done.question->key.begin(), done.question->key.end(), o.key) !=
                          done.question->key.end()},
          {"reason", o.reason}});
    return json_response(
        200,
        json::object{{"correct", done.correct},
                     {"key", json::array(done.question->key.begin(), done.question->key.end())},
                     {"explanation", done.question->explanation},
                     {"reference", done.question->reference},
                     {"reasons", std::move(reasons)},
                     {"card", card_json(done.card)}});
  }

  // PUT /api/v1/exam-date {certification, date: "YYYY-MM-DD" | null}.
  Response exam_date(const Request& req) {
    auto visitor = app_.sessions().visitor(req);
    if (auto denied = check_csrf_header(app_, req, visitor)) return *denied;
    auto body = json_body(app_, req);
    if (auto* err = std::get_if<Response>(&body)) return *err;
    const auto& obj = std::get<json::object>(body);
    const auto* date_value = obj.if_contains("date");
    if (!date_value || !(date_value->is_null() || date_value->is_string()))
      return app_.error(422, "date is \"YYYY-MM-DD\", or null to clear it", true);
    std::optional<Date> date;
    if (date_value->is_string()) {
      date = parse_date(date_value->as_string());
      if (!date) return app_.error(422, "date is \"YYYY-MM-DD\", or null to clear it", true);
    }
    auto cert = string_field(obj, "certification");
    if (auto err = learning_.set_exam_date(visitor.id, cert, date))
      return app_.error(err->status, err->detail, true);
    for (const auto& d : learning_.drill(visitor.id)) {
      if (d.cert->id != cert) continue;
      return json_response(200, json::object{{"certification", cert},
                                             {"exam_date", day_json(d.exam_day)},
                                             {"plan", plan_json(d)}});
    }
    return app_.error(404, "no such certification", true);
  }

 private:
  App& app_;
  Learning& learning_;
};

}  // namespace

void add_learning_api_routes(Router& r, App& app, Learning& learning) {
  auto api = std::make_shared<Api>(app, learning);
  r.add("GET", "/api/v1/progress",
        [api](const Request& q, const Params&) { return api->progress(q); });
  r.add("GET", "/api/v1/drill", [api](const Request& q, const Params&) { return api->drill(q); });
  r.add("POST", "/api/v1/drill/answers",
        [api](const Request& q, const Params&) { return api->answer(q); });
  r.add("PUT", "/api/v1/exam-date",
        [api](const Request& q, const Params&) { return api->exam_date(q); });
}

}  // namespace certhub
