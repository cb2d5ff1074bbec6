#include "web/attempt_slots.hpp"

#include <boost/json.hpp>

namespace certhub {
namespace json = boost::json;
namespace {

std::vector<std::string> split_letters(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    auto comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

}  // namespace

std::string encode_slots(const std::vector<Slot>& slots) {
  json::array out;
  for (const auto& slot : slots) {
    json::array order(slot.order.begin(), slot.order.end());
    out.push_back(json::object{{"q", slot.question_id}, {"o", std::move(order)}});
  }
  return json::serialize(out);
}

std::optional<std::vector<Slot>> decode_slots(const std::string& text) {
  boost::system::error_code ec;
  auto value = json::parse(text, ec);
  if (ec || !value.is_array()) return std::nullopt;
  std::vector<Slot> slots;
  for (const auto& item : value.as_array()) {
    const auto* obj = item.if_object();
    if (!obj || !obj->contains("q") || !obj->contains("o")) return std::nullopt;
    const auto* q = obj->at("q").if_string();
    const auto* o = obj->at("o").if_array();
    if (!q || !o) return std::nullopt;
    Slot slot{std::string(*q), {}};
    for (const auto& index : *o) {
      if (!index.is_int64()) return std::nullopt;
      slot.order.push_back(static_cast<int>(index.as_int64()));
    }
    slots.push_back(std::move(slot));
  }
  return slots;
}

std::vector<Step> to_steps(const std::vector<StepRow>& rows) {
  std::vector<Step> steps;
  steps.reserve(rows.size());
  for (const auto& row : rows) {
    Step s;
    s.slot = row.slot;
    s.at = row.at;
    if (row.kind == "flag") {
      s.kind = StepKind::flag;
      s.flagged = row.value == "1";
    } else {
      s.kind = StepKind::answer;
      s.selected = split_letters(row.value);
    }
    steps.push_back(std::move(s));
  }
  return steps;
}

}  // namespace certhub
