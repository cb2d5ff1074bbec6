#include "features/practice/attempt_cache.hpp"

#include <vector>

namespace certhub {

void AttemptCache::set_budget(std::size_t bytes) {
  std::lock_guard lock(mutex_);
  enabled_ = bytes > 0;
  entries_.set_budget(bytes);
}

std::size_t AttemptCache::entry_bytes(const std::optional<LoadedAttempt>& attempt) {
  // The Entry and its shared_ptr control block are one allocation (make_shared).
  std::size_t n = malloc_bytes(sizeof(Entry) + 2 * sizeof(void*));
  if (attempt) n += approximate_bytes(*attempt);
  return n;
}

std::shared_ptr<AttemptCache::Entry> AttemptCache::entry(const std::string& attempt_id) {
  std::lock_guard lock(mutex_);
  if (auto* found = entries_.find(attempt_id)) return *found;
  // One in use stays, so two requests for an attempt never work on two different entries.
  auto entry = std::make_shared<Entry>();
  entries_.put(attempt_id, entry, entry_bytes(std::nullopt));
  return entry;
}

void AttemptCache::charge(const std::string& attempt_id, const Entry& entry) {
  auto bytes = entry_bytes(entry.attempt);
  std::lock_guard lock(mutex_);
  // Only if the id still names this entry (it may have been dropped and made anew meanwhile).
  if (auto* found = entries_.peek(attempt_id); found && found->get() == &entry)
    entries_.charge(attempt_id, bytes);
}

void AttemptCache::drop(const std::string& attempt_id) {
  std::lock_guard lock(mutex_);
  entries_.erase(attempt_id);
}

void AttemptCache::forget_loaded() {
  forget_if([](const LoadedAttempt&) { return true; });
}

void AttemptCache::forget_learner(const std::string& learner) {
  forget_if([&](const LoadedAttempt& a) { return a.row.session_id == learner; });
}

void AttemptCache::forget_if(const std::function<bool(const LoadedAttempt&)>& which) {
  std::vector<std::pair<std::string, std::shared_ptr<Entry>>> entries;
  {
    std::lock_guard lock(mutex_);
    entries_.for_each([&](const std::string& id, const std::shared_ptr<Entry>& entry) {
      entries.emplace_back(id, entry);
    });
  }
  // Each entry's lock is taken without the cache's: a request holding an entry's lock may call
  // drop(), which takes the cache's.
  for (const auto& [id, entry] : entries) {
    std::lock_guard lock(entry->mutex);
    if (entry->attempt && which(*entry->attempt)) {
      entry->attempt.reset();
      charge(id, *entry);
    }
  }
}

std::size_t AttemptCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

CacheStats AttemptCache::stats() const {
  std::lock_guard lock(mutex_);
  return entries_.stats();
}

}  // namespace certhub
