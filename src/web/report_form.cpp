#include "web/report_form.hpp"

#include <algorithm>

#include "store/reports.hpp"
#include "web/view.hpp"

namespace certhub {

std::string report_category_label(std::string_view category) {
  if (category == "wrong_key") return "Wrong key";
  if (category == "unclear") return "Unclear";
  if (category == "outdated") return "Outdated";
  if (category == "typo") return "Typo";
  if (category == "other") return "Other";
  return {};
}

std::string report_form_html(const std::string& question_id, const std::string& back,
                             const std::string& csrf_token, const std::string& anchor) {
  View v;
  v.set("question_id", question_id);
  v.set("back", back);
  v.set("csrf_token", csrf_token);
  v.set("anchor", anchor);
  v.set("max", std::to_string(kReportTextMax));
  ViewList categories;
  for (auto c : kReportCategories) {
    View item;
    item.set("value", std::string(c));
    item.set("label", report_category_label(c));
    item.set("first", view_bool(c == kReportCategories.front()));
    categories.push_back(item);
  }
  v.set("categories", categories);
  return render_template("report_form", v);
}

std::optional<std::string> report_back(std::string_view back) {
  constexpr std::string_view prefix = "/attempts/";
  if (back.substr(0, prefix.size()) != prefix) return std::nullopt;
  auto rest = back.substr(prefix.size());
  auto slash = rest.find('/');
  if (slash == 0 || slash == std::string_view::npos) return std::nullopt;
  auto id = rest.substr(0, slash);
  auto ok_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  };
  if (!std::all_of(id.begin(), id.end(), ok_char)) return std::nullopt;
  auto tail = rest.substr(slash);
  if (tail == "/result") return std::string(back);
  if (tail.substr(0, 3) == "/q/" && tail.size() > 3 && tail.size() <= 7 &&
      std::all_of(tail.begin() + 3, tail.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::string(back);
  return std::nullopt;
}

}  // namespace certhub
