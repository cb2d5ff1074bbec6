// The JSON API: the same practice features as the pages, for apps and tests.
#include <boost/json.hpp>
#include <charconv>
#include <limits>

#include "features/practice/api_json.hpp"
#include "features/practice/routes.hpp"
#include "web/json_api.hpp"

namespace certhub {
namespace json = boost::json;
namespace {

std::optional<int> parse_index(const Params& params) {
  const auto& text = params.at("index");
  int value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || ptr != text.data() + text.size() || value < 1) return std::nullopt;
  return value - 1;  // the API counts questions from 1
}

class Api {
 public:
  Api(App& app, Practice& practice) : app_(app), practice_(practice) {}

  Response create(const Request& req) {
    auto visitor = app_.sessions().visitor(req);
    if (auto denied = check_csrf_header(app_, req, visitor)) return *denied;
    if (auto limited = app_.over_limit(kAttemptStarts, req)) return *limited;
    auto body = json_body(app_, req);
    if (auto* err = std::get_if<Response>(&body)) return *err;
    const auto& obj = std::get<json::object>(body);
    auto started =
        practice_.start(visitor.id, {string_field(obj, "certification"), string_field(obj, "mode"),
                                     string_field(obj, "domain"), string_field(obj, "abandon"),
                                     string_field(obj, "rule"), string_field(obj, "missed")});
    return created(started);
  }

  // POST /api/v1/attempts/{id}/missed: training on the questions that attempt got wrong or left.
  Response missed(const Request& req, const Params& p) {
    auto visitor = app_.sessions().visitor(req);
    if (auto denied = check_csrf_header(app_, req, visitor)) return *denied;
    if (auto limited = app_.over_limit(kAttemptStarts, req)) return *limited;
    return created(practice_.start_missed(visitor.id, p.at("id")));
  }

  Response created(std::variant<LoadedAttempt, PracticeError> started) {
    if (auto* err = std::get_if<PracticeError>(&started)) {
      if (err->running_attempt.empty()) return app_.error(err->status, err->detail, true);
      // The learner's mock exam in progress: resume it, or start again with "abandon": its id.
      return json_response(err->status, json::object{{"error", reason_phrase(err->status)},
                                                     {"detail", err->detail},
                                                     {"running_attempt", err->running_attempt}});
    }
    auto& attempt = std::get<LoadedAttempt>(started);
    auto out = attempt_json(attempt, app_.now(), true);
    out["pass_mark"] =
        attempt.pass_mark > 0 ? json::value(attempt.pass_mark) : json::value(nullptr);
    out["time_limit_s"] = attempt.timing.deadline
                              ? json::value(*attempt.timing.deadline - attempt.timing.started_at)
                              : json::value(nullptr);
    auto r = json_response(201, out);
    r.header("Location", "/api/v1/attempts/" + attempt.row.id);
    return r;
  }

  Response show(const Request& req, const Params& p) {
    auto visitor = app_.sessions().visitor(req);
    auto attempt = practice_.load(visitor.id, p.at("id"));
    if (!attempt) return not_found();
    auto now = app_.now();
    auto out = attempt_json(*attempt, now, true);
    if (attempt->finished(now))
      out["result"] = result_json(*attempt, practice_.result(*attempt), now);
    return json_response(200, out);
  }

  Response answer(const Request& req, const Params& p) {
    auto change = prepare_change(req, p);
    if (auto* err = std::get_if<Response>(&change)) return *err;
    auto& [attempt, index, body] = std::get<Change>(change);
    auto it = body.find("selected");
    std::vector<std::string> selected;
    bool valid = it != body.end() && it->value().is_array();
    if (valid)
      for (const auto& v : it->value().as_array()) {
        valid = valid && v.is_string();
        if (valid) selected.emplace_back(v.as_string());
      }
    if (!valid) return app_.error(422, "'selected' must be a list of option keys", true);
    std::optional<int> sequence;
    if (auto seq = body.find("sequence"); seq != body.end()) {
      if (!seq->value().is_int64() || seq->value().as_int64() < 0 ||
          seq->value().as_int64() > std::numeric_limits<int>::max())
        return app_.error(422, "'sequence' must be the question's sequence number", true);
      sequence = static_cast<int>(seq->value().as_int64());
    }
    auto outcome = practice_.answer(attempt, index, selected, sequence);
    const auto& state = attempt.states[static_cast<size_t>(index)];
    if (outcome == SaveOutcome::stale) {
      // Another tab or client saved first: say so, with the answer now saved.
      return json_response(
          409, json::object{{"error", reason_phrase(409)},
                            {"detail",
                             "this answer changed since you last read it; the "
                             "current answer and sequence are included"},
                            {"selected", json::array(state.selected.begin(), state.selected.end())},
                            {"sequence", state.sequence}});
    }
    if (auto err = outcome_error(outcome)) return *err;
    json::object out{{"index", index + 1},
                     {"selected", json::array(state.selected.begin(), state.selected.end())},
                     {"sequence", state.sequence},
                     {"saved", true}};
    if (attempt.reveals_keys(app_.now()))
      for (auto& [k, v] : feedback_json(attempt, static_cast<size_t>(index))) out[k] = v;
    return json_response(200, out);
  }

  Response flag(const Request& req, const Params& p) {
    auto change = prepare_change(req, p);
    if (auto* err = std::get_if<Response>(&change)) return *err;
    auto& [attempt, index, body] = std::get<Change>(change);
    auto it = body.find("flagged");
    if (it == body.end() || !it->value().is_bool())
      return app_.error(422, "'flagged' must be true or false", true);
    bool flagged = it->value().as_bool();
    if (auto err = outcome_error(practice_.flag(attempt, index, flagged))) return *err;
    return json_response(200,
                         json::object{{"index", index + 1}, {"flagged", flagged}, {"saved", true}});
  }

  Response submit(const Request& req, const Params& p) {
    auto visitor = app_.sessions().visitor(req);
    if (auto denied = check_csrf_header(app_, req, visitor)) return *denied;
    auto attempt = practice_.load(visitor.id, p.at("id"));
    if (!attempt) return not_found();
    auto result = practice_.submit(*attempt);
    return json_response(200, result_json(*attempt, result, app_.now()));
  }

 private:
  // What a PUT on one question of an attempt needs: the visitor's attempt, the question index
  // (from 0) and the JSON body; or the error response when any of them is missing.
  struct Change {
    LoadedAttempt attempt;
    int index;
    json::object body;
  };

  std::variant<Change, Response> prepare_change(const Request& req, const Params& p) {
    auto visitor = app_.sessions().visitor(req);
    if (auto denied = check_csrf_header(app_, req, visitor)) return *denied;
    auto attempt = practice_.load(visitor.id, p.at("id"));
    if (!attempt) return not_found();
    auto index = parse_index(p);
    if (!index) return app_.error(404, "no such question", true);
    auto body = json_body(app_, req);
    if (auto* err = std::get_if<Response>(&body)) return std::move(*err);
    return Change{std::move(*attempt), *index, std::move(std::get<json::object>(body))};
  }

  std::optional<Response> outcome_error(SaveOutcome outcome) {
    switch (outcome) {
      case SaveOutcome::saved:
        return std::nullopt;
      case SaveOutcome::finished:
        return app_.error(409, "this attempt is finished; answers are no longer accepted", true);
      case SaveOutcome::no_such_question:
        return app_.error(404, "no such question", true);
      case SaveOutcome::bad_selection:
        return app_.error(422, "the selection does not fit this question's options", true);
      case SaveOutcome::too_many:
        return app_.error(422, "more options than this question asks for", true);
      case SaveOutcome::too_few:
        return app_.error(422, "fewer options than this question asks for", true);
      case SaveOutcome::empty:
        return app_.error(422, "choose at least one option", true);
      case SaveOutcome::locked:
        return app_.error(409, "this question's key was shown; its answer can no longer change",
                          true);
      case SaveOutcome::stale:
        return app_.error(409, "this answer changed since you last read it", true);
    }
    return std::nullopt;
  }

  Response not_found() { return app_.error(404, "no such attempt", true); }

  App& app_;
  Practice& practice_;
};

}  // namespace

void add_practice_api_routes(Router& r, App& app, Practice& practice) {
  auto api = std::make_shared<Api>(app, practice);
  r.add("POST", "/api/v1/attempts",
        [api](const Request& q, const Params&) { return api->create(q); });
  r.add("GET", "/api/v1/attempts/{id}",
        [api](const Request& q, const Params& p) { return api->show(q, p); });
  r.add("PUT", "/api/v1/attempts/{id}/answers/{index}",
        [api](const Request& q, const Params& p) { return api->answer(q, p); });
  r.add("PUT", "/api/v1/attempts/{id}/flags/{index}",
        [api](const Request& q, const Params& p) { return api->flag(q, p); });
  r.add("POST", "/api/v1/attempts/{id}/missed",
        [api](const Request& q, const Params& p) { return api->missed(q, p); });
  r.add("POST", "/api/v1/attempts/{id}/submit",
        [api](const Request& q, const Params& p) { return api->submit(q, p); });
}

}  // namespace certhub
