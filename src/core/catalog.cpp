#include "core/catalog.hpp"

namespace certhub {
namespace {

template <typename T>
void index_by_id(const std::vector<T>& items, std::map<std::string, size_t, std::less<>>& index) {
  index.clear();
  for (size_t i = 0; i < items.size(); ++i) index.emplace(items[i].id, i);
}

template <typename T>
const T* find(const std::vector<T>& items, const std::map<std::string, size_t, std::less<>>& index,
              const std::string& id) {
  auto it = index.find(id);
  return it == index.end() ? nullptr : &items[it->second];
}

}  // namespace

void Catalog::finish() {
  index_by_id(sources, source_index_);
  index_by_id(families, family_index_);
  index_by_id(certifications, cert_index_);
  index_by_id(questions, question_index_);
}

const Source* Catalog::source(const std::string& id) const {
  return find(sources, source_index_, id);
}
const Family* Catalog::family(const std::string& id) const {
  return find(families, family_index_, id);
}
const Certification* Catalog::certification(const std::string& id) const {
  return find(certifications, cert_index_, id);
}
const Question* Catalog::question(const std::string& id) const {
  return find(questions, question_index_, id);
}

std::vector<const Question*> Catalog::bank(const std::string& certification) const {
  std::vector<const Question*> out;
  for (const auto& q : questions)
    if (q.certification == certification) out.push_back(&q);
  return out;
}

const char* to_string(PracticeStatus status) {
  switch (status) {
    case PracticeStatus::live:
      return "live";
    case PracticeStatus::preview:
      return "preview";
    case PracticeStatus::status_only:
      return "status-only";
  }
  return "";
}

const char* to_string(QuestionType type) {
  switch (type) {
    case QuestionType::single:
      return "single";
    case QuestionType::multiple:
      return "multiple";
    case QuestionType::true_false:
      return "true-false";
  }
  return "";
}

const char* to_string(CourseFormat format) {
  return format == CourseFormat::live_online ? "live-online" : "in-person";
}

const char* to_string(Availability availability) {
  switch (availability) {
    case Availability::book_now:
      return "book-now";
    case Availability::nearly_full:
      return "nearly-full";
    case Availability::sold_out:
      return "sold-out";
  }
  return "";
}

const Review* Catalog::review(std::string_view certification) const {
  for (const auto& r : reviews)
    if (r.certification == certification) return &r;
  return nullptr;
}

const ReviewRule* Review::rule(std::string_view id) const {
  for (const auto& section : sections)
    for (const auto& rule : section.rules)
      if (rule.id == id) return &rule;
  return nullptr;
}

}  // namespace certhub
