#include "tools/cli/json_cursor.hpp"

namespace ordinal::cli {
namespace {

// Deeper nesting than any Kubernetes object has; the limit keeps skipping on a bounded stack.
constexpr int kMaxDepth = 512;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

void append_utf8(std::string& out, unsigned code_point) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

}  // namespace

bool JsonCursor::fail(std::string_view what) {
  if (error_.empty()) error_ = std::string(what) + " at byte " + std::to_string(at_);
  at_ = text_.size();
  return false;
}

void JsonCursor::skip_space() {
  while (at_ < text_.size()) {
    const char c = text_[at_];
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return;
    ++at_;
  }
}

bool JsonCursor::consume(char expected) {
  if (at_ < text_.size() && text_[at_] == expected) {
    ++at_;
    return true;
  }
  return fail(at_ < text_.size() ? std::string("expected '") + expected + "'"
                                 : "unexpected end of text");
}

char JsonCursor::peek() {
  skip_space();
  if (failed() || at_ >= text_.size()) return 0;
  const char c = text_[at_];
  if (c == '-' || is_digit(c)) return '0';
  return c;
}

bool JsonCursor::enter(char open) {
  if (failed()) return false;
  skip_space();
  if (!consume(open)) return false;
  started_.push_back(false);
  return true;
}

bool JsonCursor::enter_object() {
  return enter('{');
}

bool JsonCursor::enter_array() {
  return enter('[');
}

bool JsonCursor::separator_before_next(char close) {
  if (failed() || started_.empty()) return false;
  skip_space();
  if (at_ < text_.size() && text_[at_] == close) {
    ++at_;
    started_.pop_back();
    return false;
  }
  if (started_.back()) {
    if (!consume(',')) return false;
    skip_space();
  }
  started_.back() = true;
  return true;
}

bool JsonCursor::next_member(std::string& key) {
  if (!separator_before_next('}')) return false;
  key.clear();
  if (!string(&key)) return false;
  skip_space();
  return consume(':');
}

bool JsonCursor::next_element() {
  return separator_before_next(']');
}

bool JsonCursor::scalar(std::string& out, std::string_view null_text) {
  out.clear();
  switch (peek()) {
    case '"':
      return string(&out);
    case '0':
      return number(&out);
    case 't':
      out = "true";
      return literal("true");
    case 'f':
      out = "false";
      return literal("false");
    case 'n':
      out = null_text;
      return literal("null");
    case 0:
      return failed() ? false : fail("unexpected end of text");
    default:
      return fail("expected a string, number, true, false or null");
  }
}

bool JsonCursor::skip() {
  return !failed() && skip_value(0);
}

bool JsonCursor::finish() {
  if (failed()) return false;
  skip_space();
  return at_ == text_.size() || fail("unexpected text after the value");
}

bool JsonCursor::skip_value(int depth) {
  if (depth > kMaxDepth) return fail("values nested too deeply");
  skip_space();
  if (at_ >= text_.size()) return fail("unexpected end of text");
  const char c = text_[at_];
  if (c == '"') return string(nullptr);
  if (c == '-' || is_digit(c)) return number(nullptr);
  if (c == 't') return literal("true");
  if (c == 'f') return literal("false");
  if (c == 'n') return literal("null");
  if (c != '{' && c != '[') return fail("expected a value");
  const char close = c == '{' ? '}' : ']';
  ++at_;
  skip_space();
  if (at_ < text_.size() && text_[at_] == close) {
    ++at_;
    return true;
  }
  for (;;) {
    if (close == '}') {
      skip_space();
      if (at_ >= text_.size() || text_[at_] != '"') return fail("expected a member name");
      if (!string(nullptr)) return false;
      skip_space();
      if (!consume(':')) return false;
    }
    if (!skip_value(depth + 1)) return false;
    skip_space();
    if (at_ < text_.size() && text_[at_] == ',') {
      ++at_;
      continue;
    }
    return consume(close);
  }
}

bool JsonCursor::string(std::string* out) {
  if (at_ >= text_.size() || text_[at_] != '"') return fail("expected a string");
  ++at_;
  std::size_t run = at_;  // the start of the bytes not yet copied to `out`
  while (at_ < text_.size()) {
    const auto c = static_cast<unsigned char>(text_[at_]);
    if (c == '"') {
      if (out != nullptr) out->append(text_.data() + run, at_ - run);
      ++at_;
      return true;
    }
    if (c < 0x20) return fail("control character in a string");
    if (c != '\\') {
      ++at_;
      continue;
    }
    if (out != nullptr) out->append(text_.data() + run, at_ - run);
    if (++at_ >= text_.size()) break;
    const char escaped = text_[at_++];
    char plain = 0;
    switch (escaped) {
      case '"':
      case '\\':
      case '/':
        plain = escaped;
        break;
      case 'b':
        plain = '\b';
        break;
      case 'f':
        plain = '\f';
        break;
      case 'n':
        plain = '\n';
        break;
      case 'r':
        plain = '\r';
        break;
      case 't':
        plain = '\t';
        break;
      case 'u':
        if (!unicode_escape(out)) return false;
        break;
      default:
        return fail("invalid escape in a string");
    }
    if (plain != 0 && out != nullptr) *out += plain;
    run = at_;
  }
  return fail("unterminated string");
}

bool JsonCursor::hex4(unsigned& value) {
  if (text_.size() - at_ < 4) return fail("unterminated \\u escape");
  value = 0;
  for (int i = 0; i < 4; ++i) {
    const char c = text_[at_++];
    value <<= 4;
    if (is_digit(c))
      value |= static_cast<unsigned>(c - '0');
    else if (c >= 'a' && c <= 'f')
      value |= static_cast<unsigned>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F')
      value |= static_cast<unsigned>(c - 'A' + 10);
    else
      return fail("invalid \\u escape");
  }
  return true;
}

// After "\u": one code point, or a UTF-16 surrogate pair written as two escapes.
bool JsonCursor::unicode_escape(std::string* out) {
  unsigned code_point = 0;
  if (!hex4(code_point)) return false;
  if (code_point >= 0xDC00 && code_point <= 0xDFFF) return fail("lone low surrogate");
  if (code_point >= 0xD800 && code_point <= 0xDBFF) {
    if (text_.substr(at_, 2) != "\\u") return fail("high surrogate without its low half");
    at_ += 2;
    unsigned low = 0;
    if (!hex4(low)) return false;
    if (low < 0xDC00 || low > 0xDFFF) return fail("high surrogate without its low half");
    code_point = 0x10000 + ((code_point - 0xD800) << 10) + (low - 0xDC00);
  }
  if (out != nullptr) append_utf8(*out, code_point);
  return true;
}

bool JsonCursor::number(std::string* out) {
  const std::size_t start = at_;
  auto digits = [this] {
    const std::size_t first = at_;
    while (at_ < text_.size() && is_digit(text_[at_])) ++at_;
    return at_ > first;
  };
  if (at_ < text_.size() && text_[at_] == '-') ++at_;
  if (at_ < text_.size() && text_[at_] == '0')
    ++at_;
  else if (!digits())
    return fail("invalid number");
  if (at_ < text_.size() && text_[at_] == '.') {
    ++at_;
    if (!digits()) return fail("invalid number");
  }
  if (at_ < text_.size() && (text_[at_] == 'e' || text_[at_] == 'E')) {
    ++at_;
    if (at_ < text_.size() && (text_[at_] == '+' || text_[at_] == '-')) ++at_;
    if (!digits()) return fail("invalid number");
  }
  if (out != nullptr) out->assign(text_.data() + start, at_ - start);
  return true;
}

bool JsonCursor::literal(std::string_view word) {
  if (text_.substr(at_, word.size()) != word) return fail("invalid literal");
  at_ += word.size();
  return true;
}

}  // namespace ordinal::cli
