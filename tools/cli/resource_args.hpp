#pragma once
// kubectl's resource arguments: `KIND [NAME...]`, `KIND1,KIND2`, or `KIND/NAME...`.
#include <stdexcept>
#include <string>
#include <vector>

#include "identity/kinds.hpp"

namespace ordinal::cli {

struct ResourceTarget {
  const identity::KindInfo* kind = nullptr;
  std::vector<std::string> names;  ///< empty: every object of the kind
};

/// Throws std::invalid_argument with kubectl's wording for unknown kinds or mixed forms
/// (`the server doesn't have a resource type "foo"`).
std::vector<ResourceTarget> parse_resource_args(const std::vector<std::string>& args);

}  // namespace ordinal::cli
