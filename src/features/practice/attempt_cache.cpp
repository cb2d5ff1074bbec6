#include "features/practice/attempt_cache.hpp"

#include <vector>

namespace certhub {

void AttemptCache::set_capacity(std::size_t capacity) {
  std::lock_guard lock(mutex_);
  capacity_ = capacity;
}

std::shared_ptr<AttemptCache::Entry> AttemptCache::entry(const std::string& attempt_id) {
  std::lock_guard lock(mutex_);
  if (auto it = entries_.find(attempt_id); it != entries_.end()) {
    order_.splice(order_.begin(), order_, it->second.position);
    return it->second.entry;
  }
  // Drop the least recently used entries nobody is using. One in use stays, so two requests
  // for an attempt never work on two different entries.
  for (auto it = order_.end(); entries_.size() >= capacity_ && it != order_.begin();) {
    --it;
    auto found = entries_.find(*it);
    if (found->second.entry.use_count() > 1) continue;
    entries_.erase(found);
    it = order_.erase(it);
  }
  order_.push_front(attempt_id);
  auto entry = std::make_shared<Entry>();
  entries_.emplace(attempt_id, Slot{entry, order_.begin()});
  return entry;
}

void AttemptCache::drop(const std::string& attempt_id) {
  std::lock_guard lock(mutex_);
  if (auto it = entries_.find(attempt_id); it != entries_.end()) {
    order_.erase(it->second.position);
    entries_.erase(it);
  }
}

void AttemptCache::forget_loaded() {
  std::vector<std::shared_ptr<Entry>> entries;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, slot] : entries_) entries.push_back(slot.entry);
  }
  // Each entry's lock is taken without the cache's: a request holding an entry's lock may call
  // drop(), which takes the cache's.
  for (const auto& entry : entries) {
    std::lock_guard lock(entry->mutex);
    entry->attempt.reset();
  }
}

void AttemptCache::forget_learner(const std::string& learner) {
  std::vector<std::shared_ptr<Entry>> entries;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, slot] : entries_) entries.push_back(slot.entry);
  }
  for (const auto& entry : entries) {
    std::lock_guard lock(entry->mutex);
    if (entry->attempt && entry->attempt->row.session_id == learner) entry->attempt.reset();
  }
}

std::size_t AttemptCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace certhub
