#pragma once
// kubectl's resource arguments: `KIND [NAME...]`, `KIND1,KIND2`, or `KIND/NAME...`.
#include <stdexcept>
#include <string>
#include <vector>

#include "identity/kinds.hpp"

namespace ordinal::cli {

/// The kind kubectl's resource name `name` means (plural, singular, short name or Kind); throws
/// std::invalid_argument with kubectl's message when there is none.
const identity::KindInfo& resource_kind(const std::string& name);

struct ResourceTarget {
  const identity::KindInfo* kind = nullptr;
  std::vector<std::string> names;  ///< empty: every object of the kind
};

/// Throws std::invalid_argument with kubectl's wording for unknown kinds or mixed forms
/// (`the server doesn't have a resource type "foo"`).
std::vector<ResourceTarget> parse_resource_args(const std::vector<std::string>& args);

}  // namespace ordinal::cli
