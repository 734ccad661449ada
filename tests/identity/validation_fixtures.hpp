#pragma once
// Shared helpers of the validation tests (new objects and updates): causes as the lines
// kubectl prints, on top of the manifest fixtures.
#include <string>
#include <vector>

#include "identity/api_error.hpp"
#include "identity/manifest_fixtures.hpp"

namespace ordinal::identity::fixtures {

using Lines = std::vector<std::string>;

/// Each cause as `field: message`, in order.
inline Lines messages(const std::vector<StatusCause>& causes) {
  Lines out;
  for (const auto& c : causes) out.push_back(c.field + ": " + c.message);
  return out;
}

}  // namespace ordinal::identity::fixtures
