#pragma once
// Attempts kept in memory between requests, so showing a question or saving an answer reads
// nothing from the database. Only for a store whose sole writer is this process (SQLite, one
// server per file): every change to an attempt then passes through here, under the entry's
// lock, in the same order as in the database. Off (capacity 0) otherwise. Beyond the capacity
// the least recently used entries are dropped and read again from the database when needed.
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "features/practice/loaded_attempt.hpp"

namespace certhub {

class AttemptCache {
 public:
  // One attempt. Hold `mutex` while reading the database for it, writing to it, or using
  // `attempt`; `attempt` is empty until someone has loaded it under the lock.
  struct Entry {
    std::mutex mutex;
    std::optional<LoadedAttempt> attempt;
  };

  void set_capacity(std::size_t capacity);
  bool enabled() const { return capacity_ > 0; }
  // The entry for this id, created empty when absent; marks it most recently used.
  std::shared_ptr<Entry> entry(const std::string& attempt_id);
  // Forgets an id that names no attempt, so probing unknown ids cannot push real ones out.
  void drop(const std::string& attempt_id);
  // Empties every entry (each under its lock), so each attempt is read again on its next use;
  // after a content reload, this lets the old snapshot go.
  void forget_loaded();
  // Empties the entries of one learner's attempts (their owner changed or they were deleted).
  void forget_learner(const std::string& learner);
  std::size_t size() const;

 private:
  using Order = std::list<std::string>;  // most recently used first
  struct Slot {
    std::shared_ptr<Entry> entry;
    Order::iterator position;
  };
  std::size_t capacity_ = 0;
  mutable std::mutex mutex_;
  Order order_;
  std::unordered_map<std::string, Slot> entries_;
};

}  // namespace certhub
