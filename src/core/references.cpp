#include "core/references.hpp"

namespace certhub {

std::string section_slug(std::string_view heading) {
  std::string slug;
  bool dash = false;
  for (char c : heading) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
      alnum = true;
    }
    if (alnum) {
      if (dash && !slug.empty()) slug += '-';
      slug += c;
      dash = false;
    } else if (c == ' ' || c == '-') {
      dash = true;
    }
  }
  return slug;
}

std::vector<ReferencePart> reference_parts(std::string_view reference, std::string_view guide_url) {
  std::vector<ReferencePart> parts;
  auto plain = [&](std::string_view text) {
    if (text.empty()) return;
    if (!parts.empty() && parts.back().url.empty())
      parts.back().text += text;
    else
      parts.push_back({std::string(text), {}});
  };
  // Parts are separated by ';'; only a part that names the Guide has its quotes linked.
  while (!reference.empty()) {
    auto end = reference.find(';');
    auto part = reference.substr(0, end);
    bool guide = part.find("Scrum Guide") != std::string_view::npos && !guide_url.empty();
    while (guide) {
      auto open = part.find('"');
      auto close = open == std::string_view::npos ? open : part.find('"', open + 1);
      if (close == std::string_view::npos) break;
      plain(part.substr(0, open));
      auto heading = part.substr(open + 1, close - open - 1);
      parts.push_back({"\u201c" + std::string(heading) + "\u201d",
                       std::string(guide_url) + "#" + section_slug(heading)});
      part.remove_prefix(close + 1);
    }
    plain(part);
    if (end == std::string_view::npos) break;
    plain(";");
    reference.remove_prefix(end + 1);
  }
  return parts;
}

}  // namespace certhub
