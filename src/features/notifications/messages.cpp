#include "features/notifications/messages.hpp"

#include <ctime>

namespace certhub {
namespace {

// Header values come from content and settings: never let a line break start a new header.
std::string one_line(std::string text) {
  for (char& c : text)
    if (c == '\r' || c == '\n') c = ' ';
  return text;
}

std::string rfc5322_date(std::int64_t unix_seconds) {
  std::time_t t = unix_seconds;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char out[64];
  std::strftime(out, sizeof out, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return out;
}

}  // namespace

std::string bare_address(const std::string& address) {
  auto open = address.find('<');
  auto close = address.find('>', open == std::string::npos ? 0 : open);
  if (open == std::string::npos || close == std::string::npos) return address;
  return address.substr(open + 1, close - open - 1);
}

std::string mail_domain(const std::string& address) {
  auto bare = bare_address(address);
  auto at = bare.rfind('@');
  return at == std::string::npos ? std::string("certhub.invalid") : bare.substr(at + 1);
}

std::string compose_message(const OutboxMessage& m, const MailSettings& settings,
                            const MessageLinks& links, const std::string& route,
                            const std::string& route_name, const std::string& route_path,
                            std::int64_t now) {
  std::string subject;
  std::string body;
  if (m.kind == MessageKind::confirm) {
    subject = "Confirm your address for news of " + route + " practice";
    body =
        "Hello,\r\n\r\n"
        "Someone, we hope you, asked certhub to email this address when practice for " +
        route + " (" + route_name +
        ") is available.\r\n\r\n"
        "To confirm, open this link and press the button on the page:\r\n" +
        links.confirm +
        "\r\n\r\n"
        "If it was not you, ignore this message: without confirmation we will not write "
        "again, and the address is deleted after 30 days.\r\n\r\n"
        "certhub\r\n";
  } else {
    subject = route + " practice is now available on certhub";
    body =
        "Hello,\r\n\r\n"
        "You asked to hear when practice for " +
        route + " (" + route_name + ") is available. It is, from today:\r\n" + settings.public_url +
        route_path +
        "\r\n\r\n"
        "This is the one message you asked for; we will not write again about " +
        route +
        ".\r\n\r\n"
        "To stop all messages from certhub to this address:\r\n" +
        links.unsubscribe + "\r\n\r\ncerthub\r\n";
  }
  std::string message;
  message += "From: " + one_line(settings.from) + "\r\n";
  message += "To: " + one_line(m.recipient) + "\r\n";
  message += "Subject: " + one_line(subject) + "\r\n";
  message += "Date: " + rfc5322_date(now) + "\r\n";
  message += "Message-ID: <certhub-" + std::string(to_string(m.kind)) + "-" + std::to_string(m.id) +
             "@" + mail_domain(settings.from) + ">\r\n";
  if (m.kind == MessageKind::live) {
    message += "List-Unsubscribe: <" + one_line(links.unsubscribe) + ">\r\n";
    message += "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n";
  }
  message += "Auto-Submitted: auto-generated\r\n";
  message += "MIME-Version: 1.0\r\n";
  message += "Content-Type: text/plain; charset=utf-8\r\n";
  message += "Content-Transfer-Encoding: 8bit\r\n\r\n";
  message += body;
  return message;
}

}  // namespace certhub
