#pragma once
// A question's reference ("Scrum Guide 2020, "Sprint Planning" and "Increment"") as text with
// links: each quoted section of the Scrum Guide points at that section of its public page.
#include <string>
#include <string_view>
#include <vector>

namespace certhub {

struct ReferencePart {
  std::string text;
  std::string url;  // empty: plain text
};

// The reference in order, with every quoted section of a "Scrum Guide 2020" part linked to
// `guide_url#section-slug` (the page's anchors are its headings in lower case, words joined by
// '-', punctuation dropped: "Commitment: Product Goal" -> #commitment-product-goal). Other parts
// stay plain text.
std::vector<ReferencePart> reference_parts(std::string_view reference, std::string_view guide_url);

// "Commitment: Product Goal" -> "commitment-product-goal".
std::string section_slug(std::string_view heading);

}  // namespace certhub
