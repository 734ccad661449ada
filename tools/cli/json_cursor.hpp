#pragma once
// A forward-only reader of JSON text that decodes only the values its caller asks for and steps
// over the rest without building them. `ordinal get` reads Tables of up to 100,000 rows with it
// (about 70 MB with each row's metadata), where a general parser spends most of its time
// building strings that are then thrown away.
//
// The whole grammar of RFC 8259 is checked, skipped values included, except that strings are
// not checked to be UTF-8: text is passed through as the server sent it.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ordinal::cli {

class JsonCursor {
 public:
  explicit JsonCursor(std::string_view text) : text_(text) {}

  /// The next value's kind without consuming it: '{', '[', '"', '0' (a number), 't' or 'f'
  /// (booleans), 'n' (null); 0 at the end of the text or after an error.
  [[nodiscard]] char peek();

  /// Enters the object or array that comes next; false (an error) when something else does.
  bool enter_object();
  bool enter_array();
  /// Steps to the next member of the object entered last, setting `key`; false when the object
  /// ended (it is left) or on an error.
  bool next_member(std::string& key);
  /// Steps to the next element of the array entered last; false when the array ended or on an
  /// error.
  bool next_element();

  /// A string, a number's text, "true", "false" or null as `null_text`; false (an error) for
  /// an object or array.
  bool scalar(std::string& out, std::string_view null_text = "null");
  /// Steps over the next value, whatever it is.
  bool skip();
  /// True when only white space follows the value read; an error otherwise.
  bool finish();

  [[nodiscard]] bool failed() const { return !error_.empty(); }
  /// What was wrong and at which byte, e.g. "expected ':' at byte 12".
  [[nodiscard]] const std::string& error() const { return error_; }

 private:
  bool fail(std::string_view what);
  void skip_space();
  bool consume(char expected);
  /// Enters the container that `open` ('{' or '[') starts.
  bool enter(char open);
  bool string(std::string* out);
  bool number(std::string* out);
  bool literal(std::string_view word);
  bool skip_value(int depth);
  bool unicode_escape(std::string* out);
  bool hex4(unsigned& value);
  bool separator_before_next(char close);

  std::string_view text_;
  std::size_t at_ = 0;
  std::string error_;
  // Per container entered and not yet left: whether an element was read (a comma comes next).
  std::vector<bool> started_;
};

}  // namespace ordinal::cli
