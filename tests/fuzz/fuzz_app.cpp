#include "fuzz_app.hpp"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <stdexcept>
#include <utility>

#include "content/loader.hpp"
#include "store/store.hpp"

namespace certhub::fuzz {
namespace fs = std::filesystem;

FuzzApp::FuzzApp() {
  // The access log would be most of the run's time; CERTHUB_FUZZ_LOG=1 shows it, and why a
  // handler failed.
  if (!std::getenv("CERTHUB_FUZZ_LOG")) spdlog::set_level(spdlog::level::off);
  std::string templ = (fs::temp_directory_path() / "certhub-fuzz-XXXXXX").string();
  if (!mkdtemp(templ.data())) throw std::runtime_error("cannot make a temporary folder");
  dir_ = templ;
  store_ = open_store((dir_ / "fuzz.db").string());
  store_->migrate();
  auto loaded = load_content(fs::path(CERTHUB_FIXTURES) / "good");
  if (!loaded.catalog) throw std::runtime_error("the fixture content does not load");
  // 2026-11-23T09:00:00Z, as the unit and integration tests.
  app_ = std::make_unique<App>(fs::path(CERTHUB_FIXTURES) / "good", loaded.catalog, *store_,
                               [] { return std::int64_t{1795424400}; });
  app_->limits().set_enabled(false);
  features_ = add_features(*app_);
}

FuzzApp::~FuzzApp() {
  features_.reset();
  app_.reset();
  store_.reset();
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

FuzzApp::Visitor FuzzApp::visitor() {
  // A new visitor's signed cookie, as the server would set it.
  auto v = app_->sessions().visitor(Request{});
  return {std::string(kSessionCookie) + "=" + v.cookie, v.csrf_token};
}

Response FuzzApp::send(const Visitor& visitor, std::string method, const std::string& target,
                       std::string body, std::string content_type) {
  Request r;
  r.method = std::move(method);
  r.target = target;
  auto q = target.find('?');
  r.path = target.substr(0, q);
  if (q != std::string::npos) r.query = target.substr(q + 1);
  r.headers.emplace_back("host", "localhost");
  r.headers.emplace_back("cookie", visitor.cookie);
  r.headers.emplace_back("x-csrf-token", visitor.csrf);
  if (!body.empty()) r.headers.emplace_back("content-type", std::move(content_type));
  r.body = std::move(body);
  r.remote = "127.0.0.1";
  return app_->handle(r);
}

FuzzApp& shared_app(std::size_t inputs_per_app) {
  static std::unique_ptr<FuzzApp> app;
  static std::size_t used = 0;
  if (!app || used++ >= inputs_per_app) {
    app.reset();  // the old folder goes before the new one is made
    app = std::make_unique<FuzzApp>();
    used = 1;
  }
  return *app;
}

void require_handled(const Response& response, std::string_view what) {
  if (response.status != 500 && response.status != 503) return;
  std::fprintf(stderr, "%.*s answered %d: %s\n", static_cast<int>(what.size()), what.data(),
               response.status, std::string(response.bytes()).c_str());
  std::abort();
}

}  // namespace certhub::fuzz
