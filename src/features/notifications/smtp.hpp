#pragma once
// Sending one message to an SMTP relay with libcurl (STARTTLS when the relay offers it; smtps://
// for TLS from the start; user:password@ in the URL for relays that want a login).
#include <chrono>
#include <optional>
#include <string>

namespace certhub {

struct SmtpSettings {
  std::string url;  // smtp://relay.example.org:587
  std::chrono::seconds timeout{30};
};

// nullopt when the relay accepted the message; otherwise why not (for the outbox and the log).
std::optional<std::string> send_mail(const SmtpSettings& smtp, const std::string& from,
                                     const std::string& to, const std::string& message);

}  // namespace certhub
