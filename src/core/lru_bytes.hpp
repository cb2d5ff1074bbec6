#pragma once
// The bookkeeping every in-memory cache shares (issue 19): entries kept least recently used
// first out, bounded by the bytes they hold rather than by their count, with the counts that
// /metrics shows. Not thread-safe: each cache holds it under its own lock. Sizes are estimates
// (`approximate_bytes` next to each cached type), checked against the real heap use in the unit
// tests; the helpers below count what glibc's malloc hands out for strings and vectors.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

namespace certhub {

// What one cache holds and how it has been used since start.
struct CacheStats {
  std::size_t budget = 0;  // bytes
  std::size_t bytes = 0;   // estimated, entries and their bookkeeping
  std::size_t entries = 0;
  std::uint64_t hits = 0;
  std::uint64_t misses = 0;
  std::uint64_t evictions = 0;  // entries dropped to stay within the budget
};

// The bytes malloc takes for a block of `n` requested bytes (glibc on 64-bit: an 8-byte header,
// 16-byte alignment, 32 bytes at least); 0 for none.
constexpr std::size_t malloc_bytes(std::size_t n) {
  if (n == 0) return 0;
  std::size_t chunk = (n + 8 + 15) / 16 * 16;
  return chunk < 32 ? 32 : chunk;
}

// Heap bytes of a string beyond its own object (none while it fits in the object itself).
inline std::size_t heap_bytes(const std::string& s) {
  return s.capacity() > 15 ? malloc_bytes(s.capacity() + 1) : 0;
}

// Heap bytes of a vector's element array, without what the elements hold themselves.
template <class T>
std::size_t heap_bytes(const std::vector<T>& v) {
  return malloc_bytes(v.capacity() * sizeof(T));
}

// Heap bytes of a vector of strings, the strings' own buffers included.
inline std::size_t heap_bytes(const std::vector<std::string>& v) {
  std::size_t n = malloc_bytes(v.capacity() * sizeof(std::string));
  for (const auto& s : v) n += heap_bytes(s);
  return n;
}

// Keys that own no heap memory (pointers, numbers).
template <class T>
requires std::is_trivially_copyable_v<T>
constexpr std::size_t heap_bytes(const T&) {
  return 0;
}

// Every entry may be evicted.
struct NeverPinned {
  template <class Value>
  bool operator()(const Value&) const {
    return false;
  }
};

// Entries by key, most recently used first, whose estimated bytes (the value's, as the caller
// says, plus the key and the bookkeeping, as estimated here) stay within `budget`: adding or
// growing an entry drops the least recently used ones that `Pinned` allows until they fit.
template <class Key, class Value, class Hash = std::hash<Key>, class Pinned = NeverPinned>
class LruBytes {
 public:
  explicit LruBytes(std::size_t budget = 0) : budget_(budget) {}

  // Bookkeeping per entry besides the value's own heap: a list node (the key, the value and
  // two links), a hash node (the key again and an iterator) and its bucket slot. A key may be
  // a pointer (a question's address): its size is the pointer's, as meant.
  static constexpr std::size_t kKeySize = sizeof(Key);  // NOLINT(bugprone-sizeof-expression)
  static constexpr std::size_t kEntryBytes =
      malloc_bytes(kKeySize + sizeof(Value) + sizeof(std::size_t) + 2 * sizeof(void*)) +
      malloc_bytes(kKeySize + 2 * sizeof(void*) + sizeof(std::size_t)) + 2 * sizeof(void*);

  void set_budget(std::size_t budget) {
    budget_ = budget;
    evict(nullptr);
  }
  std::size_t budget() const { return budget_; }

  // The value, now most recently used; counts a hit or a miss.
  Value* find(const Key& key) {
    auto it = index_.find(key);
    if (it == index_.end()) {
      ++misses_;
      return nullptr;
    }
    ++hits_;
    order_.splice(order_.begin(), order_, it->second);
    return &it->second->value;
  }
  // The value if `usable(value)` says it still is (e.g. it was computed from the same input),
  // now most recently used: a hit; else a miss.
  template <class Usable>
  Value* find_if(const Key& key, Usable&& usable) {
    auto it = index_.find(key);
    if (it == index_.end() || !usable(it->second->value)) {
      ++misses_;
      return nullptr;
    }
    ++hits_;
    order_.splice(order_.begin(), order_, it->second);
    return &it->second->value;
  }
  // The value without counting or reordering.
  Value* peek(const Key& key) {
    auto it = index_.find(key);
    return it == index_.end() ? nullptr : &it->second->value;
  }

  // Adds or replaces the value, most recently used, holding `value_bytes` of heap besides its
  // object; then makes room. Returns it, or null when it alone is over the budget (then it is
  // not kept).
  Value* put(const Key& key, Value value, std::size_t value_bytes) {
    auto it = index_.find(key);
    if (it != index_.end()) {
      it->second->value = std::move(value);
      order_.splice(order_.begin(), order_, it->second);
    } else {
      order_.push_front(Node{key, std::move(value), 0});
      index_.emplace(key, order_.begin());
    }
    auto& node = order_.front();
    set_bytes(node, value_bytes);
    evict(&node);
    if (bytes_ > budget_ && !Pinned{}(node.value)) {
      erase(key);
      ++evictions_;
      return nullptr;
    }
    return &node.value;
  }

  // The entry's value now holds `value_bytes` (it was changed in place); then makes room,
  // keeping this entry. False when there is no such entry.
  bool charge(const Key& key, std::size_t value_bytes) {
    auto it = index_.find(key);
    if (it == index_.end()) return false;
    set_bytes(*it->second, value_bytes);
    evict(&*it->second);
    return true;
  }

  bool erase(const Key& key) {
    auto it = index_.find(key);
    if (it == index_.end()) return false;
    bytes_ -= it->second->bytes;
    order_.erase(it->second);
    index_.erase(it);
    return true;
  }
  void clear() {
    order_.clear();
    index_.clear();
    bytes_ = 0;
  }
  // Calls f(key, value) for each entry, most recently used first.
  template <class F>
  void for_each(F&& f) {
    for (auto& node : order_) f(node.key, node.value);
  }

  std::size_t size() const { return index_.size(); }
  std::size_t bytes() const { return bytes_; }
  CacheStats stats() const { return {budget_, bytes_, index_.size(), hits_, misses_, evictions_}; }

 private:
  struct Node {
    Key key;
    Value value;
    std::size_t bytes;  // everything this entry costs
  };
  void set_bytes(Node& node, std::size_t value_bytes) {
    bytes_ -= node.bytes;
    node.bytes = kEntryBytes + 2 * heap_bytes(node.key) + value_bytes;
    bytes_ += node.bytes;
  }
  // Drops least recently used entries, except `keep` and pinned ones, until within budget.
  void evict(const Node* keep) {
    for (auto it = order_.end(); bytes_ > budget_ && it != order_.begin();) {
      --it;
      if (&*it == keep || Pinned{}(it->value)) continue;
      bytes_ -= it->bytes;
      index_.erase(it->key);
      it = order_.erase(it);
      ++evictions_;
    }
  }

  std::size_t budget_;
  std::size_t bytes_ = 0;
  std::list<Node> order_;  // most recently used first
  std::unordered_map<Key, typename std::list<Node>::iterator, Hash> index_;
  std::uint64_t hits_ = 0;
  std::uint64_t misses_ = 0;
  std::uint64_t evictions_ = 0;
};

}  // namespace certhub
