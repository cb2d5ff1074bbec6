#include "web/form.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/params_view.hpp>
#include <boost/url/parse_query.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include <string>

namespace certhub {

std::optional<Form> parse_form(std::string_view encoded) {
  // Boost.URL 1.81's parse_query reads its argument as a C string (strlen), whatever the view's
  // size: past the end of a view that is not NUL-terminated, and only up to a NUL byte inside
  // one. So it gets a terminated copy, and a raw NUL, which no form or query may hold, is
  // malformed.
  if (encoded.find('\0') != std::string_view::npos) return std::nullopt;
  const std::string text(encoded);
  auto parsed = boost::urls::parse_query(text);
  if (!parsed) return std::nullopt;
  boost::urls::encoding_opts opt;
  opt.space_as_plus = true;
  Form form;
  try {
    // The (string_view, opts) constructor is the one Boost 1.81's library exports.
    for (auto param : boost::urls::params_view(text, opt)) form.emplace(param.key, param.value);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  return form;
}

std::string field(const Form& form, std::string_view name) {
  auto it = form.find(name);
  return it == form.end() ? std::string() : it->second;
}

std::vector<std::string> fields(const Form& form, std::string_view name) {
  std::vector<std::string> out;
  auto [first, last] = form.equal_range(name);
  for (auto it = first; it != last; ++it) out.push_back(it->second);
  return out;
}

std::string url_encode(std::string_view value) {
  return boost::urls::encode(value, boost::urls::unreserved_chars);
}

}  // namespace certhub
