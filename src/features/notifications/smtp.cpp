#include "features/notifications/smtp.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <memory>
#include <mutex>

namespace certhub {
namespace {

struct Upload {
  const std::string* data;
  std::size_t sent = 0;
};

std::size_t read_message(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  std::size_t n = std::min(size * count, upload->data->size() - upload->sent);
  std::copy_n(upload->data->data() + upload->sent, n, buffer);
  upload->sent += n;
  return n;
}

void global_init_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

std::optional<std::string> send_mail(const SmtpSettings& smtp, const std::string& from,
                                     const std::string& to, const std::string& message) {
  global_init_once();
  // One handle per sending thread, kept: libcurl then keeps the relay's connection open between
  // messages instead of a new connection and greeting for each.
  thread_local std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(),
                                                                        curl_easy_cleanup);
  if (!curl) return "libcurl could not start";
  curl_easy_reset(curl.get());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> recipients(
      curl_slist_append(nullptr, ("<" + to + ">").c_str()), curl_slist_free_all);
  Upload upload{&message};
  char error[CURL_ERROR_SIZE] = "";
  auto* h = curl.get();
  curl_easy_setopt(h, CURLOPT_URL, smtp.url.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, ("<" + from + ">").c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(h, CURLOPT_READFUNCTION, read_message);
  curl_easy_setopt(h, CURLOPT_READDATA, &upload);
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));  // STARTTLS if offered
  curl_easy_setopt(h, CURLOPT_TIMEOUT, static_cast<long>(smtp.timeout.count()));
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
  auto code = curl_easy_perform(h);
  if (code == CURLE_OK) return std::nullopt;
  return std::string(curl_easy_strerror(code)) + (*error ? std::string(": ") + error : "");
}

}  // namespace certhub
