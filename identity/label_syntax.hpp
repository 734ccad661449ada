#pragma once
// Label key and value syntax (Kubernetes `validation.IsQualifiedName`, `IsValidLabelValue`),
// shared by the two forms of LabelSelector.
#include <string>
#include <string_view>

namespace ordinal::identity {

/// An empty string when `key` is a valid label key (`[prefix/]name`), else the reason.
std::string label_key_error(std::string_view key);
/// An empty string when `value` is a valid label value (may be empty), else the reason.
std::string label_value_error(std::string_view value);

}  // namespace ordinal::identity
