#pragma once
// The one JSON type of the project. Objects are kept as whole JSON documents so that fields we
// do not model come back exactly as they went in; typed views (identity/pod.hpp, ...) read from
// them.
#include <nlohmann/json.hpp>

namespace ordinal::identity {
using Json = nlohmann::json;
}  // namespace ordinal::identity
