#pragma once
// The real App for the harnesses that drive it: every feature on the fixture content
// (tests/fixtures/good), a SQLite database in a temporary folder of its own (removed again),
// a fixed clock, rate limits and logging off. Requests are built in memory, as the unit tests
// build them.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "features/wiring.hpp"
#include "web/app.hpp"

namespace certhub::fuzz {

class FuzzApp {
 public:
  FuzzApp();
  ~FuzzApp();
  FuzzApp(const FuzzApp&) = delete;
  FuzzApp& operator=(const FuzzApp&) = delete;

  App& app() { return *app_; }

  // A visitor whose session id is the next of a counter: each input can have a learner of its
  // own, so no input sees what an earlier one stored.
  struct Visitor {
    std::string cookie;  // the Cookie header's value
    std::string csrf;    // the X-CSRF-Token that goes with it
  };
  Visitor visitor();

  // Sends a request as `visitor`, with a JSON content type when `body` is not empty.
  Response send(const Visitor& visitor, std::string method, const std::string& target,
                std::string body = {}, std::string content_type = "application/json");

 private:
  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<App> app_;
  FeaturesPtr features_;
};

// The process's FuzzApp, made on first use. After `inputs_per_app` calls it is replaced by a
// fresh one (new folder and database), so a long run's database stays small.
FuzzApp& shared_app(std::size_t inputs_per_app = 5000);

// Aborts (a finding) when the App answered 500: a handler threw something other than a
// StoreError, which App::handle turns into a plain 500 page. 503 (the store) is one too here.
void require_handled(const Response& response, std::string_view what);

}  // namespace certhub::fuzz
