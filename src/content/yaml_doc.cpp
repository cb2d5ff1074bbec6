#include "content/yaml_doc.hpp"

#include <yaml.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

namespace certhub::yaml {
namespace {

// yaml-cpp's limit, which the loader had before; also keeps a hostile file from exhausting
// the stack of whoever walks the tree recursively.
constexpr std::size_t kMaxDepth = 2000;

// A plain, untagged scalar with one of these texts is a null (YAML 1.2 core schema).
bool is_null_text(std::string_view s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

std::string at_text(int line, int column) {
  return "line " + std::to_string(line + 1) + ", column " + std::to_string(column + 1);
}

// Turns libyaml's marks into the positions the loader reports. libyaml counts characters
// and also breaks lines at U+0085, U+2028 and U+2029; diagnostics have always counted columns
// in bytes, as yaml-cpp did. Lines break at \n, \r\n and \r, as libyaml parses them. Plain
// ASCII needs no conversion: the usual case.
class Positions {
 public:
  explicit Positions(std::string_view text) {
    if (text.starts_with("\xEF\xBB\xBF")) {  // counted by neither
      text.remove_prefix(3);
      bom_ = 3;
    }
    text_ = text;
    unsigned char all = 0;
    for (char ch : text) all |= static_cast<unsigned char>(ch);
    ascii_ = all < 0x80;
    // UTF-16 is decoded by libyaml, so its character counts cannot be mapped onto bytes.
    utf16_ = text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF");
  }

  Mark at(const yaml_mark_t& m) {
    if (ascii_ || utf16_) return {static_cast<int>(m.line), static_cast<int>(m.column)};
    const Cursor& c = seek(m.index);
    return {c.line, c.column};
  }

  // Where the token after `m` starts, skipping blanks, line breaks and comments. An empty
  // value is placed there (libyaml places it right after the ':' or '-' instead). At the end
  // of the input, that token closes the block collection at `indent` (a sequence, or not):
  // it is where the input ends if that is left of the block (or at a sequence's '-'), and
  // at column 0 of the last line otherwise, as yaml-cpp had it.
  Mark next_token(const yaml_mark_t& m, int indent, bool sequence) {
    if (utf16_) return at(m);
    Cursor c = ascii_
                   ? Cursor{m.index, m.index, static_cast<int>(m.line), static_cast<int>(m.column)}
                   : seek(m.index);
    bool comment = false;
    while (c.offset < text_.size()) {
      char ch = text_[c.offset];
      if (ch == '\n' || ch == '\r') {
        comment = false;
      } else if (!comment && ch == '#' &&
                 (c.offset == 0 || is_blank_or_break(text_[c.offset - 1]))) {
        comment = true;
      } else if (!comment && ch != ' ' && ch != '\t') {
        return {c.line, c.column};
      }
      step(c);
    }
    bool closes_here = c.column < indent || (c.column == indent && sequence);
    return {c.line, closes_here ? c.column : 0};
  }

  // The character at `m` if it is ASCII, else 0.
  char ascii_at(const yaml_mark_t& m) {
    if (utf16_) return 0;
    std::size_t offset = ascii_ ? m.index : seek(m.index).offset;
    if (offset >= text_.size() || static_cast<unsigned char>(text_[offset]) >= 0x80) return 0;
    return text_[offset];
  }

  // The position of a byte offset in the input as given (with any byte order mark).
  Mark at_offset(std::size_t offset) {
    Cursor c;
    while (c.offset + bom_ < offset && c.offset < text_.size()) step_byte(c);
    return {c.line, c.column};
  }

 private:
  struct Cursor {
    std::size_t index = 0;   // libyaml's character index
    std::size_t offset = 0;  // byte offset into text_
    int line = 0;
    int column = 0;
  };

  static bool is_blank_or_break(char ch) {
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
  }

  // Marks arrive almost always in order, so one forward-moving cursor serves them all.
  const Cursor& seek(std::size_t index) {
    if (index < cursor_.index) cursor_ = {};
    while (cursor_.index < index && cursor_.offset < text_.size()) step(cursor_);
    return cursor_;
  }

  // One character on; a UTF-8 character's bytes each count as a column.
  void step(Cursor& c) const {
    auto lead = static_cast<unsigned char>(text_[c.offset]);
    std::size_t width = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    width = std::min(width, text_.size() - c.offset);
    if (width == 1) {
      step_byte(c);
    } else {
      c.offset += width;
      c.column += static_cast<int>(width);
    }
    ++c.index;
  }

  void step_byte(Cursor& c) const {
    char ch = text_[c.offset++];
    bool crlf = ch == '\r' && c.offset < text_.size() && text_[c.offset] == '\n';
    if (ch == '\n' || (ch == '\r' && !crlf)) {
      ++c.line;
      c.column = 0;
    } else {
      ++c.column;
    }
  }

  std::string_view text_;
  std::size_t bom_ = 0;
  bool ascii_ = true;
  bool utf16_ = false;
  Cursor cursor_;
};

struct ParserDeleter {
  void operator()(yaml_parser_t* p) const {
    yaml_parser_delete(p);
    delete p;
  }
};

// Frees an event's strings when it goes out of scope.
struct EventGuard {
  yaml_event_t event{};
  EventGuard() = default;
  EventGuard(const EventGuard&) = delete;
  EventGuard& operator=(const EventGuard&) = delete;
  ~EventGuard() { yaml_event_delete(&event); }
};

std::string_view view(const yaml_char_t* s, std::size_t n) {
  return {reinterpret_cast<const char*>(s), n};
}

}  // namespace

static_assert(std::is_trivially_copyable_v<Node>, "nodes are copied with memcpy");

// Builds the tree from libyaml's events without recursion: the children of every open
// collection wait in one shared vector and are copied into the arena, contiguous and exactly
// sized, when it closes. Text goes to the arena too, so the whole tree is freed at once.
class Builder {
 public:
  explicit Builder(std::string_view text)
      : text_(text),
        positions_(text),
        // Nodes and text take about the size of the file again; start with one block that big.
        arena_(std::make_unique<std::pmr::monotonic_buffer_resource>(
            std::max<std::size_t>(text.size(), 4096))) {}

  Document run() {
    if (text_.size() > std::numeric_limits<std::uint32_t>::max())
      return failed({}, "file too large");
    std::unique_ptr<yaml_parser_t, ParserDeleter> parser(new yaml_parser_t);
    if (!yaml_parser_initialize(parser.get())) return failed({}, "out of memory");
    // libyaml asserts on a null input, which an empty file's view may have.
    const char* input = text_.data() ? text_.data() : "";
    yaml_parser_set_input_string(parser.get(), reinterpret_cast<const unsigned char*>(input),
                                 text_.size());
    Node root = make(Kind::null, Mark{});  // an empty file: no document at all
    for (bool lookahead = false;;) {
      EventGuard e;
      if (!yaml_parser_parse(parser.get(), &e.event)) return failed(*parser);
      // yaml-cpp, which the loader used before, read one token past the first document and
      // ignored everything after it; so does this.
      if (lookahead || e.event.type == YAML_STREAM_END_EVENT) break;
      switch (e.event.type) {
        case YAML_SCALAR_EVENT:
          add(scalar(e.event));
          break;
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
          if (open_.size() >= kMaxDepth)
            return failed(positions_.at(e.event.start_mark),
                          "nested deeper than " + std::to_string(kMaxDepth) + " levels");
          open_.push_back(
              {make(e.event.type == YAML_MAPPING_START_EVENT ? Kind::mapping : Kind::sequence,
                    positions_.at(e.event.start_mark)),
               pending_.size()});
          break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
          close();
          break;
        case YAML_ALIAS_EVENT:
          return failed(positions_.at(e.event.start_mark),
                        "alias '*" +
                            std::string(reinterpret_cast<const char*>(e.event.data.alias.anchor)) +
                            "': anchors and aliases are not supported in content files");
        case YAML_DOCUMENT_END_EVENT:
          root = root_;
          lookahead = true;
          break;
        default:
          break;
      }
    }
    return {root, std::nullopt, std::move(arena_)};
  }

 private:
  struct Open {
    Node node;
    std::size_t first_child;  // index in pending_
  };

  static Node make(Kind kind, Mark mark) {
    Node node;
    node.kind_ = kind;
    node.line_ = mark.line;
    node.column_ = mark.column;
    return node;
  }

  Node scalar(const yaml_event_t& event) {
    const auto& s = event.data.scalar;
    auto value = view(s.value, s.length);
    bool plain = s.style == YAML_PLAIN_SCALAR_STYLE;
    // A quoted "null" or "~" is text, and so is anything with an explicit tag.
    bool null = plain && s.tag == nullptr && is_null_text(value);
    Mark mark = positions_.at(event.start_mark);
    if (null && value.empty() && s.anchor == nullptr) {
      const Node* block = open_.empty() ? nullptr : &open_.back().node;
      mark = positions_.next_token(event.start_mark, block ? block->column_ : -1,
                                   block && block->kind_ == Kind::sequence);
    }
    Node node = make(null ? Kind::null : Kind::scalar, mark);
    if (!value.empty()) {
      auto* copy = static_cast<char*>(arena_->allocate(value.size(), 1));
      std::memcpy(copy, value.data(), value.size());
      node.text_ = copy;
      node.size_ = static_cast<std::uint32_t>(value.size());
    }
    node.plain_ = plain;
    return node;
  }

  void add(const Node& node) {
    if (open_.empty())
      root_ = node;
    else
      pending_.push_back(node);
  }

  void close() {
    Node node = open_.back().node;
    std::size_t first = open_.back().first_child;
    open_.pop_back();
    std::size_t count = pending_.size() - first;
    if (count > 0) {
      auto* children = static_cast<Node*>(arena_->allocate(count * sizeof(Node), alignof(Node)));
      std::uninitialized_copy(pending_.begin() + static_cast<std::ptrdiff_t>(first), pending_.end(),
                              children);
      node.children_ = children;
      node.count_ = static_cast<std::uint32_t>(count);
    }
    pending_.resize(first);
    add(node);
  }

  Document failed(Mark mark, std::string message) {
    return {Node(), ParseError{mark, std::move(message)}, nullptr};
  }

  Document failed(const yaml_parser_t& p) {
    std::string problem = p.problem ? p.problem : "invalid YAML";
    switch (p.error) {
      case YAML_MEMORY_ERROR:
        return failed({}, "out of memory");
      case YAML_READER_ERROR: {
        // Bad UTF-8 or a control character: libyaml gives a byte offset, not a mark.
        if (p.problem_value >= 0) {
          char value[16];
          std::snprintf(value, sizeof value, " (0x%02X)", static_cast<unsigned>(p.problem_value));
          problem += value;
        }
        return failed(positions_.at_offset(p.problem_offset),
                      problem + "; content files must be UTF-8 text");
      }
      default: {
        if (p.context) {
          Mark from = positions_.at(p.context_mark);
          problem += " " + std::string(p.context) + " at " + at_text(from.line, from.column);
        }
        // libyaml says "found character that cannot start any token" of a tab.
        if (positions_.ascii_at(p.problem_mark) == '\t') problem += " (a tab: indent with spaces)";
        return failed(positions_.at(p.problem_mark), problem);
      }
    }
  }

  std::string_view text_;
  Positions positions_;
  std::unique_ptr<std::pmr::monotonic_buffer_resource> arena_;
  Node root_ = make(Kind::null, Mark{});
  std::vector<Open> open_;
  std::vector<Node> pending_;
};

Document parse(std::string_view text) {
  return Builder(text).run();
}

const Node& Node::operator[](std::string_view key) const {
  static const Node undefined;
  if (kind_ == Kind::mapping)
    for (const Node* at = children_; at != children_ + count_; at += 2)
      if (at->kind_ == Kind::scalar && at->text() == key) return at[1];
  return undefined;
}

}  // namespace certhub::yaml
