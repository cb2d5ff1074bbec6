#pragma once
// A question's Markdown as HTML, rendered once per content snapshot instead of on every
// question page (bench/README.md has the profile that showed it). Bounded by bytes, least
// recently used first out (issue 19): a 100,000-question bank does not fit in memory as HTML.
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/catalog.hpp"
#include "core/lru_bytes.hpp"

namespace certhub {

struct QuestionHtml {
  std::string stem;
  std::string explanation;
  std::vector<std::string> options;  // in content order, without the outer <p> (inside <label>)
};

// The heap one QuestionHtml holds, its own object and shared_ptr block included.
std::size_t approximate_bytes(const QuestionHtml& html);

// Markdown to HTML without the outer <p>, for text inside a <label>.
std::string inline_markdown(const std::string& text);

class QuestionHtmlCache {
 public:
  explicit QuestionHtmlCache(std::size_t budget_bytes = kDefaultBudget) : entries_(budget_bytes) {}
  static constexpr std::size_t kDefaultBudget = std::size_t{4} << 20;
  void set_budget(std::size_t bytes);
  // `q` must belong to `catalog`. A new snapshot empties the cache.
  std::shared_ptr<const QuestionHtml> get(const CatalogPtr& catalog, const Question& q);
  // Forgets every entry and the snapshot they belong to.
  void clear();
  CacheStats stats() const;

 private:
  mutable std::mutex mutex_;
  CatalogPtr owner_;  // held, so no question address is reused while it is a key
  LruBytes<const Question*, std::shared_ptr<const QuestionHtml>> entries_;
};

}  // namespace certhub
