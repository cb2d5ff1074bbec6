#include "features/practice/question_html.hpp"

#include "web/view.hpp"

namespace certhub {

std::string inline_markdown(const std::string& text) {
  auto html = markdown_html(text);
  while (!html.empty() && html.back() == '\n') html.pop_back();
  if (html.starts_with("<p>") && html.ends_with("</p>") && html.find("<p>", 3) == std::string::npos)
    html = html.substr(3, html.size() - 7);
  return html;
}

std::size_t approximate_bytes(const QuestionHtml& html) {
  return malloc_bytes(sizeof(QuestionHtml) + 2 * sizeof(void*)) + heap_bytes(html.stem) +
         heap_bytes(html.explanation) + heap_bytes(html.options);
}

void QuestionHtmlCache::set_budget(std::size_t bytes) {
  std::lock_guard lock(mutex_);
  entries_.set_budget(bytes);
}

std::shared_ptr<const QuestionHtml> QuestionHtmlCache::get(const CatalogPtr& catalog,
                                                           const Question& q) {
  {
    std::lock_guard lock(mutex_);
    if (owner_ != catalog) {
      entries_.clear();
      owner_ = catalog;
    }
    if (auto* found = entries_.find(&q)) return *found;
  }
  auto html = std::make_shared<QuestionHtml>();
  html->stem = markdown_html(q.stem);
  html->explanation = markdown_html(q.explanation);
  for (const auto& option : q.options) html->options.push_back(inline_markdown(option.text));
  std::lock_guard lock(mutex_);
  if (owner_ != catalog) {
    entries_.clear();
    owner_ = catalog;
  }
  entries_.put(&q, html, approximate_bytes(*html));
  return html;
}

void QuestionHtmlCache::clear() {
  std::lock_guard lock(mutex_);
  entries_.clear();
  owner_.reset();
}

CacheStats QuestionHtmlCache::stats() const {
  std::lock_guard lock(mutex_);
  return entries_.stats();
}

}  // namespace certhub
