#pragma once
// JSON -> YAML text in kubectl's layout (block style, list items at their key's indentation,
// strings quoted only when plain YAML would read them as something else).
#include <string>

#include "identity/json.hpp"

namespace ordinal::cli {

std::string to_yaml(const identity::Json& value);

}  // namespace ordinal::cli
