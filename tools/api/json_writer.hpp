#pragma once
// Appending JSON text to a response body piece by piece, for the large responses (lists and
// Tables of up to 100,000 objects) that would cost more as one DOM built and then dumped.
#include <string>
#include <string_view>

#include "identity/json.hpp"

namespace ordinal::api {

/// `text` as a JSON string, quoted and escaped. Invalid UTF-8 is replaced (U+FFFD), as
/// json_response() does for whole documents.
void append_json_string(std::string& out, std::string_view text);
/// `value` as compact JSON, invalid UTF-8 replaced.
void append_json(std::string& out, const identity::Json& value);

}  // namespace ordinal::api
