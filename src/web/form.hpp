#pragma once
// application/x-www-form-urlencoded bodies and query strings, decoded by Boost.URL.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace certhub {

// A name may repeat (checkboxes); field() gives the first value, fields() all of them.
using Form = std::multimap<std::string, std::string, std::less<>>;

// Decoded fields in order; nullopt for a malformed string.
std::optional<Form> parse_form(std::string_view encoded);

// The field's value, or empty.
std::string field(const Form& form, std::string_view name);
std::vector<std::string> fields(const Form& form, std::string_view name);

// Percent-encodes a value for a query string or a form.
std::string url_encode(std::string_view value);

}  // namespace certhub
