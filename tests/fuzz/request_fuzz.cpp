// The server's request handling from raw bytes: Beast's request parser with the server's limits
// and its own checks on top (Server::parse, the steps a connection takes), the Request handlers
// see, and that Request through the real App (routing on the target, query strings, cookies,
// form posts). Nothing may make the App answer 500.
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <variant>

#include "fuzz_app.hpp"
#include "web/server.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto parsed = certhub::Server::parse(bytes, "127.0.0.1");
  auto& app = certhub::fuzz::shared_app().app();
  if (auto* refused = std::get_if<certhub::RefusedRequest>(&parsed)) {
    certhub::fuzz::require_handled(app.refuse(*refused), "refuse");
    return 0;
  }
  auto& request = std::get<certhub::Request>(parsed);
  for (const auto& [name, value] : request.headers)
    for (char ch : name)
      if (std::isupper(static_cast<unsigned char>(ch))) std::abort();
  (void)request.cookie("certhub_session");
  certhub::fuzz::require_handled(app.handle(request), "handle");
  return 0;
}
