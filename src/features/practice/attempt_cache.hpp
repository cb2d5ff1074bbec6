#pragma once
// Attempts kept in memory between requests, so showing a question or saving an answer reads
// nothing from the database. Only for a store whose sole writer is this process (SQLite, one
// server per file): every change to an attempt then passes through here, under the entry's
// lock, in the same order as in the database. Off otherwise. The entries are bounded by the
// bytes they hold (issue 19: a training over all topics is 8 times a mock exam): beyond the
// budget the least recently used entries nobody is using are dropped and read again from the
// database when needed.
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/lru_bytes.hpp"
#include "features/practice/loaded_attempt.hpp"

namespace certhub {

class AttemptCache {
 public:
  // One attempt. Hold `mutex` while reading the database for it, writing to it, or using
  // `attempt`; `attempt` is empty until someone has loaded it under the lock. Whoever sets or
  // changes `attempt` tells the cache its new size (charge).
  struct Entry {
    std::mutex mutex;
    std::optional<LoadedAttempt> attempt;
  };

  // Turns the cache on with a budget in bytes (0: off, the default).
  void set_budget(std::size_t bytes);
  bool enabled() const { return enabled_; }
  // The entry for this id, created empty when absent; marks it most recently used. Entries
  // held by a caller (this shared_ptr) are never dropped to make room.
  std::shared_ptr<Entry> entry(const std::string& attempt_id);
  // Call under the entry's lock after setting or changing its attempt: records the entry's new
  // size, then drops least recently used entries nobody holds until the cache is within budget.
  void charge(const std::string& attempt_id, const Entry& entry);
  // Forgets an id that names no attempt, so probing unknown ids cannot push real ones out.
  void drop(const std::string& attempt_id);
  // Empties every entry (each under its lock), so each attempt is read again on its next use;
  // after a content reload, this lets the old snapshot go.
  void forget_loaded();
  // Empties the entries of one learner's attempts (their owner changed or they were deleted).
  void forget_learner(const std::string& learner);
  std::size_t size() const;
  CacheStats stats() const;

  // The bytes an entry holding `attempt` costs besides the cache's bookkeeping.
  static std::size_t entry_bytes(const std::optional<LoadedAttempt>& attempt);

 private:
  // Empties (under each entry's lock) the loaded attempts `which` picks.
  void forget_if(const std::function<bool(const LoadedAttempt&)>& which);
  // An entry is in use while anyone besides the cache holds it.
  struct InUse {
    bool operator()(const std::shared_ptr<Entry>& entry) const { return entry.use_count() > 1; }
  };
  bool enabled_ = false;
  mutable std::mutex mutex_;
  LruBytes<std::string, std::shared_ptr<Entry>, std::hash<std::string>, InUse> entries_;
};

}  // namespace certhub
