#include "web/view.hpp"

#include <md4c-html.h>

#include <map>
#include <stdexcept>

#include "web/assets.hpp"

namespace certhub {

View view_bool(bool value) {
  return View(value ? View::type::bool_true : View::type::bool_false);
}

std::string render_template(const std::string& name, const View& data) {
  // A parsed template per thread: kainjow's render() is not const, so threads must not share.
  thread_local std::map<std::string, kainjow::mustache::mustache> cache;
  auto it = cache.find(name);
  if (it == cache.end()) {
    auto source = template_source(name);
    if (source.empty()) throw std::runtime_error("no template '" + name + "'");
    it = cache.emplace(name, kainjow::mustache::mustache(std::string(source))).first;
    if (!it->second.is_valid()) {
      auto message = it->second.error_message();
      cache.erase(it);
      throw std::runtime_error("template '" + name + "': " + message);
    }
  }
  return it->second.render(data);
}

std::string render_page(const PageMeta& meta, const std::string& body_html,
                        const std::string& css_url, const std::string& js_url) {
  View page;
  page.set("title", meta.title);
  page.set("description", meta.description);
  page.set("css", css_url);
  page.set("js", js_url);
  page.set("nav_" + (meta.section.empty() ? std::string("none") : meta.section), view_bool(true));
  page.set("body", body_html);
  return render_template("layout", page);
}

std::string markdown_html(std::string_view markdown) {
  // md4c 0.4.8 reads past the end of its input when the text ends inside an inline link's
  // destination ("[a](b"), and crashes or renders the bytes it finds there. Ending the text with
  // a line break, which changes no Markdown's rendering, keeps it inside.
  std::string text;
  if (!markdown.empty() && markdown.back() != '\n') {
    text.reserve(markdown.size() + 1);
    text.append(markdown).push_back('\n');
    markdown = text;
  }
  std::string out;
  md_html(
      markdown.data(), static_cast<MD_SIZE>(markdown.size()),
      [](const MD_CHAR* text, MD_SIZE size, void* user) {
        static_cast<std::string*>(user)->append(text, size);
      },
      &out, MD_FLAG_NOHTML | MD_FLAG_STRIKETHROUGH | MD_FLAG_TABLES, 0);
  return out;
}

}  // namespace certhub
