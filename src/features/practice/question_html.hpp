#pragma once
// A question's Markdown as HTML, rendered once per content snapshot instead of on every
// question page (bench/README.md has the profile that showed it).
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/catalog.hpp"

namespace certhub {

struct QuestionHtml {
  std::string stem;
  std::string explanation;
  std::vector<std::string> options;  // in content order, without the outer <p> (inside <label>)
};

// Markdown to HTML without the outer <p>, for text inside a <label>.
std::string inline_markdown(const std::string& text);

class QuestionHtmlCache {
 public:
  // `q` must belong to `catalog`. A new snapshot empties the cache.
  std::shared_ptr<const QuestionHtml> get(const CatalogPtr& catalog, const Question& q);
  // Forgets every entry and the snapshot they belong to.
  void clear();

 private:
  std::mutex mutex_;
  CatalogPtr owner_;  // held, so no question address is reused while it is a key
  std::unordered_map<const Question*, std::shared_ptr<const QuestionHtml>> entries_;
};

}  // namespace certhub
