#include "tools/api/json_writer.hpp"

#include <algorithm>

namespace ordinal::api {

void append_json_string(std::string& out, std::string_view text) {
  const bool plain_ascii = std::all_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0x20 && byte < 0x80 && c != '"' && c != '\\';
  });
  if (!plain_ascii) {  // escapes and UTF-8 checks: rare in cells, left to the library
    append_json(out, identity::Json(std::string(text)));
    return;
  }
  out += '"';
  out += text;
  out += '"';
}

void append_json(std::string& out, const identity::Json& value) {
  // What dump() does, but into `out` itself: a list writes 100,000 objects, and a string built
  // and copied for each was a fifth of the time.
  nlohmann::detail::serializer<identity::Json> serializer(
      nlohmann::detail::output_adapter<char, std::string>(out), ' ',
      identity::Json::error_handler_t::replace);
  serializer.dump(value, false, false, 0);
}

}  // namespace ordinal::api
