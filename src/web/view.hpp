#pragma once
// Mustache templates (escaping by default) and the site layout around every page.
#include <kainjow/mustache.hpp>

#include <string>

#include "core/html.hpp"

namespace certhub {

using View = kainjow::mustache::data;
using ViewList = kainjow::mustache::list;

View view_bool(bool value);

struct PageMeta {
  std::string title;        // the <title>, before " · certhub"
  std::string description;  // meta description
  std::string section;      // nav item to mark current: "home", "routes", "compare", "courses", ...
};

// Renders templates/{name}.mustache with `data`; throws std::runtime_error for a template error
// (caught by the app and shown as a 500 page).
std::string render_template(const std::string& name, const View& data);

// Renders the page body into the layout. `css`/`js` are the fingerprinted asset URLs.
std::string render_page(const PageMeta& meta, const std::string& body_html,
                        const std::string& css_url, const std::string& js_url);

// CommonMark to HTML with raw HTML disabled: content authors cannot inject markup.
std::string markdown_html(std::string_view markdown);

}  // namespace certhub
