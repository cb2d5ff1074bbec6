// The JSON API's request bodies: json_body (web/json_api) and each endpoint's reader of the
// object, which live inside the handlers, so the real App is driven with Requests built in
// memory (the accounts' sign-up, log-in and deletion too). Input: one byte choosing the endpoint,
// one choosing the question and the kind of attempt, then the body. Each input is a new learner;
// the endpoints on one question of an attempt get a fresh attempt of their own. Nothing may make
// the App answer 500.
#include <cstddef>
#include <cstdint>
#include <string>

#include <boost/json.hpp>

#include "fuzz_app.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  std::string body(reinterpret_cast<const char*>(data) + 2, size - 2);
  auto& fuzz = certhub::fuzz::shared_app();
  auto visitor = fuzz.visitor();
  static const char* const kModes[] = {"mock", "training", "sample"};
  std::string question = std::to_string(1 + data[1] % 12);  // the fixture's mock has 10
  std::string mode = kModes[(data[1] / 16) % 3];

  auto attempt = [&]() -> std::string {
    auto r = fuzz.send(visitor, "POST", "/api/v1/attempts",
                       R"({"certification":"demo","mode":")" + mode + "\"}");
    certhub::fuzz::require_handled(r, "start");
    boost::system::error_code ec;
    auto value = boost::json::parse(r.bytes(), ec);
    if (ec || !value.is_object() || !value.as_object().contains("id")) return "none";
    return std::string(value.as_object().at("id").as_string());
  };

  certhub::Response r;
  switch (data[0] % 8) {
    case 0:
      r = fuzz.send(visitor, "POST", "/api/v1/attempts", body);
      break;
    case 1:
      r = fuzz.send(visitor, "PUT", "/api/v1/attempts/" + attempt() + "/answers/" + question, body);
      break;
    case 2:
      r = fuzz.send(visitor, "PUT", "/api/v1/attempts/" + attempt() + "/flags/" + question, body);
      break;
    case 3:
      r = fuzz.send(visitor, "POST", "/api/v1/drill/answers", body);
      break;
    case 4:
      r = fuzz.send(visitor, "PUT", "/api/v1/exam-date", body);
      break;
    case 5:
      r = fuzz.send(visitor, "POST", "/api/v1/accounts", body);
      break;
    case 6:
      r = fuzz.send(visitor, "POST", "/api/v1/login", body);
      break;
    default:
      r = fuzz.send(visitor, "DELETE", "/api/v1/me", body);
      break;
  }
  certhub::fuzz::require_handled(r, "endpoint");
  return 0;
}
