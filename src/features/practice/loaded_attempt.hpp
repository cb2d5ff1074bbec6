#pragma once
// An attempt as the practice handlers use it: the stored row, its questions from the content
// snapshot, and the learner's answers and flags replayed from its steps.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "core/catalog.hpp"
#include "core/exam.hpp"
#include "core/lru_bytes.hpp"
#include "store/attempts.hpp"

namespace certhub {

// A list that never changes once an attempt is loaded, shared by every copy of the attempt: an
// attempt is copied out of the AttemptCache for each request, and this keeps that cheap.
template <class T>
class SharedList {
 public:
  SharedList() : items_(std::make_shared<const std::vector<T>>()) {}
  SharedList(std::vector<T> items)  // NOLINT(google-explicit-constructor): assigned like a vector
      : items_(std::make_shared<const std::vector<T>>(std::move(items))) {}
  operator const std::vector<T>&() const { return *items_; }  // NOLINT: read like a vector
  const T& operator[](std::size_t i) const { return (*items_)[i]; }
  std::size_t size() const { return items_->size(); }
  // The heap the list holds (the vector and its control block, one allocation), without what
  // the elements hold themselves. Elements may be pointers: their size is the pointer's.
  std::size_t heap_bytes() const {
    constexpr std::size_t kElement = sizeof(T);  // NOLINT(bugprone-sizeof-expression)
    return malloc_bytes(sizeof(std::vector<T>) + 2 * sizeof(void*)) +
           malloc_bytes(items_->capacity() * kElement);
  }
  bool empty() const { return items_->empty(); }
  auto begin() const { return items_->begin(); }
  auto end() const { return items_->end(); }

 private:
  std::shared_ptr<const std::vector<T>> items_;
};

struct LoadedAttempt {
  AttemptRow row;  // without `slots`, which are decoded below
  Mode mode = Mode::sample;
  CatalogPtr catalog;  // keeps the questions below alive
  const Certification* cert = nullptr;
  SharedList<Slot> slots;
  SharedList<const Question*> questions;  // null where a question left the content
  std::vector<SlotState> states;
  Timing timing;
  int pass_mark = 0;

  bool finished(std::int64_t now) const { return timing.finished(now); }
  // The key may be shown: always in sample and training, in a mock only once it is finished.
  bool reveals_keys(std::int64_t now) const { return mode != Mode::mock || finished(now); }
  int answered() const;
  int flagged() const;
};

// The heap an attempt holds (its row's strings, slots, states), for the AttemptCache's budget.
// The content snapshot it points into is shared and not counted.
std::size_t approximate_bytes(const LoadedAttempt& a);

}  // namespace certhub
