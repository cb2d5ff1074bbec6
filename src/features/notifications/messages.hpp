#pragma once
// The emails certhub sends, as complete RFC 5322 messages: a confirmation of a request's
// address, and the news that a route's practice is live. Pure: everything comes in as values.
#include <cstdint>
#include <string>

#include "store/notifications.hpp"

namespace certhub {

struct MailSettings {
  std::string from;        // "certhub <news@certhub.example.org>" or a bare address
  std::string public_url;  // the site as learners reach it, without a trailing slash
};

struct MessageLinks {
  std::string confirm;      // with its token
  std::string unsubscribe;  // with its token
};

// `route` is the certification's code ("A-CSM"), `route_name` its name. The Message-ID is
// the same every time a message is built for the same outbox row, so a relay that has seen it
// can drop a resend.
std::string compose_message(const OutboxMessage& message, const MailSettings& settings,
                            const MessageLinks& links, const std::string& route,
                            const std::string& route_name, const std::string& route_path,
                            std::int64_t now);

// The domain of an address ("news@x.org" or "Name <news@x.org>" -> "x.org"), for Message-IDs.
std::string mail_domain(const std::string& address);
// The bare address of a From setting, for the SMTP envelope.
std::string bare_address(const std::string& address);

}  // namespace certhub
