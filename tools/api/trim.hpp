#pragma once
// Trimming the white space around header values, selector terms and token-file fields.
#include <cctype>
#include <string_view>

namespace ordinal::api {

/// `text` without leading and trailing white space (isspace: space, tab, CR, LF, VT, FF).
inline std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return text;
}

}  // namespace ordinal::api
