// The string form of label selectors, as `labels.Parse` in Kubernetes accepts it:
//   selector    := "" | requirement ("," requirement)*
//   requirement := KEY | "!" KEY | KEY ("=" | "==" | "!=") VALUE?
//                | KEY ("in" | "notin") "(" VALUE? ("," VALUE?)* ")"
// Whitespace around tokens is ignored. `in ()` is an error; Gt/Lt (`a>1`) are not supported.
#include <algorithm>
#include <cctype>

#include "identity/label_selector.hpp"
#include "identity/label_syntax.hpp"

namespace ordinal::identity {
namespace {

enum class Tok { End, Word, Not, Equals, DoubleEquals, NotEquals, Open, Close, Comma };

struct Token {
  Tok type = Tok::End;
  std::string text;
};

bool special(char c) {
  return std::isspace(static_cast<unsigned char>(c)) || c == ',' || c == '(' || c == ')' ||
         c == '!' || c == '=';
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  Token next() {
    Token t = peek();
    pos_ = after_;
    return t;
  }

  Token peek() {
    std::size_t p = pos_;
    while (p < text_.size() && std::isspace(static_cast<unsigned char>(text_[p]))) ++p;
    if (p == text_.size()) return finish(p, Tok::End, "end of string");
    const std::string_view rest = text_.substr(p);
    if (rest.starts_with("!=")) return finish(p + 2, Tok::NotEquals, "!=");
    if (rest.starts_with("==")) return finish(p + 2, Tok::DoubleEquals, "==");
    switch (rest.front()) {
      case '!':
        return finish(p + 1, Tok::Not, "!");
      case '=':
        return finish(p + 1, Tok::Equals, "=");
      case '(':
        return finish(p + 1, Tok::Open, "(");
      case ')':
        return finish(p + 1, Tok::Close, ")");
      case ',':
        return finish(p + 1, Tok::Comma, ",");
      default:
        break;
    }
    std::size_t end = p;
    while (end < text_.size() && !special(text_[end])) ++end;
    return finish(end, Tok::Word, std::string(text_.substr(p, end - p)));
  }

 private:
  Token finish(std::size_t after, Tok type, std::string text) {
    after_ = after;
    return {type, std::move(text)};
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t after_ = 0;
};

struct ParseError {
  std::string message;
};

std::string expect_key(Lexer& lex) {
  const Token t = lex.next();
  if (t.type != Tok::Word) throw ParseError{"found '" + t.text + "', expected: label key"};
  if (auto e = label_key_error(t.text); !e.empty()) throw ParseError{e};
  return t.text;
}

// A value, possibly empty when the next token ends it (`a=`, `in (a,,b)`).
std::string value(Lexer& lex) {
  if (lex.peek().type != Tok::Word) return {};
  std::string v = lex.next().text;
  if (auto e = label_value_error(v); !e.empty()) throw ParseError{e};
  return v;
}

std::vector<std::string> value_set(Lexer& lex) {
  if (const Token t = lex.next(); t.type != Tok::Open)
    throw ParseError{"found '" + t.text + "', expected: '('"};
  if (lex.peek().type == Tok::Close)
    throw ParseError{"for 'in', 'notin' operators, values set can't be empty"};
  std::vector<std::string> values;
  for (;;) {
    values.push_back(value(lex));
    const Token t = lex.next();
    if (t.type == Tok::Close) break;
    if (t.type != Tok::Comma) throw ParseError{"found '" + t.text + "', expected: ',' or ')'"};
  }
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

LabelSelector::Requirement requirement(Lexer& lex) {
  using Op = LabelSelector::Op;
  if (lex.peek().type == Tok::Not) {
    lex.next();
    return {expect_key(lex), Op::DoesNotExist, {}};
  }
  std::string key = expect_key(lex);
  const Token op = lex.peek();
  if (op.type == Tok::End || op.type == Tok::Comma) return {std::move(key), Op::Exists, {}};
  lex.next();
  if (op.type == Tok::Equals || op.type == Tok::DoubleEquals)
    return {std::move(key), Op::Equals, {value(lex)}};
  if (op.type == Tok::NotEquals) return {std::move(key), Op::NotEquals, {value(lex)}};
  if (op.type == Tok::Word && op.text == "in") return {std::move(key), Op::In, value_set(lex)};
  if (op.type == Tok::Word && op.text == "notin")
    return {std::move(key), Op::NotIn, value_set(lex)};
  throw ParseError{"found '" + op.text + "', expected: '=', '!=', '==', 'in', 'notin'"};
}

}  // namespace

std::optional<LabelSelector> LabelSelector::parse(std::string_view text, std::string* error) {
  LabelSelector selector;
  Lexer lex(text);
  try {
    if (lex.peek().type == Tok::End) return selector;
    for (;;) {
      selector.requirements_.push_back(requirement(lex));
      const Token t = lex.next();
      if (t.type == Tok::End) break;
      if (t.type != Tok::Comma) throw ParseError{"found '" + t.text + "', expected: ','"};
    }
  } catch (const ParseError& e) {
    if (error) *error = "unable to parse requirement: " + e.message;
    return std::nullopt;
  }
  std::stable_sort(selector.requirements_.begin(), selector.requirements_.end(),
                   [](const Requirement& a, const Requirement& b) { return a.key < b.key; });
  return selector;
}

}  // namespace ordinal::identity
