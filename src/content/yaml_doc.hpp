#pragma once
// A small YAML document model built from libyaml's event parser: only what the content reader
// needs (kinds, scalar text, positions, document order), built once and read many times.
// Positions follow the conventions the loader has always reported (those of yaml-cpp, which
// it used before): 0-based lines, columns counted in bytes, and an empty value placed at the
// token that follows it.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <memory_resource>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace certhub::yaml {

// A position in a file, 0-based. The null mark stands for "nowhere", e.g. a missing key.
struct Mark {
  int line = -1;
  int column = -1;
  bool is_null() const { return line < 0; }
};

// `undefined` is what looking up a missing key gives, so callers need no null checks.
enum class Kind : std::uint8_t { undefined, null, scalar, sequence, mapping };

// A node of a Document: a small view into memory the Document owns, cheap to copy.
class Node {
 public:
  Node() = default;  // undefined

  Kind kind() const { return kind_; }
  bool defined() const { return kind_ != Kind::undefined; }
  bool is_scalar() const { return kind_ == Kind::scalar; }
  bool is_sequence() const { return kind_ == Kind::sequence; }
  bool is_mapping() const { return kind_ == Kind::mapping; }
  bool is_null() const { return kind_ == Kind::undefined || kind_ == Kind::null; }
  Mark mark() const { return {line_, column_}; }

  // The text of a scalar, or of a null as written ("", "~", "null", ...).
  std::string_view text() const { return {text_, size_}; }
  // False for quoted and block (| and >) scalars.
  bool plain() const { return plain_; }
  // As yaml-cpp's as<std::string>(fallback), which the loader's messages were built on:
  // a scalar's text, "null" for a null, `fallback` for anything else.
  std::string_view as_view(std::string_view fallback = {}) const {
    return kind_ == Kind::null ? "null" : kind_ == Kind::scalar ? text() : fallback;
  }
  std::string as_string(std::string_view fallback = {}) const {
    return std::string(as_view(fallback));
  }

  // Items of a sequence, or pairs of a mapping.
  std::size_t size() const { return kind_ == Kind::mapping ? count_ / 2 : count_; }
  // The items of a sequence (empty for anything else).
  std::span<const Node> items() const {
    return kind_ == Kind::sequence ? children() : std::span<const Node>();
  }

  struct Entry {
    const Node& key;
    const Node& value;
  };
  // Key/value pairs of a mapping, in document order, duplicates kept.
  class Entries {
   public:
    class iterator {
     public:
      explicit iterator(const Node* at) : at_(at) {}
      Entry operator*() const { return {at_[0], at_[1]}; }
      iterator& operator++() {
        at_ += 2;
        return *this;
      }
      bool operator==(const iterator& other) const = default;

     private:
      const Node* at_;
    };
    explicit Entries(std::span<const Node> children) : children_(children) {}
    iterator begin() const { return iterator(children_.data()); }
    iterator end() const { return iterator(children_.data() + children_.size()); }

   private:
    std::span<const Node> children_;
  };
  // The pairs of a mapping (none for anything else).
  Entries entries() const {
    return Entries(kind_ == Kind::mapping ? children() : std::span<const Node>());
  }

  // The value of the first pair whose key is a scalar equal to `key`; an undefined node when
  // there is none or this is not a mapping.
  const Node& operator[](std::string_view key) const;

 private:
  friend class Builder;
  std::span<const Node> children() const { return {children_, count_}; }

  const char* text_ = "";
  const Node* children_ = nullptr;  // mapping: key, value, key, value, ...
  std::uint32_t size_ = 0;
  std::uint32_t count_ = 0;
  int line_ = -1;
  int column_ = -1;
  Kind kind_ = Kind::undefined;
  bool plain_ = true;
};

struct ParseError {
  Mark mark;
  std::string message;
};

// A parsed file. Its nodes point into `arena`, so they live as long as the Document.
struct Document {
  Node root;  // null for an empty file; undefined after an error
  std::optional<ParseError> error;
  std::unique_ptr<std::pmr::monotonic_buffer_resource> arena;
};

// Parses the first document in `text` (later ones are ignored). Never throws on bad input:
// syntax errors, invalid UTF-8, aliases and very deep nesting come back in `error`.
Document parse(std::string_view text);

}  // namespace certhub::yaml
