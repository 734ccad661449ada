#pragma once
// Label key and value syntax (Kubernetes `validation.IsQualifiedName`, `IsValidLabelValue`),
// shared by the two forms of LabelSelector.
#include <string>
#include <string_view>

namespace ordinal::identity {

/// Whether `name` is `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`: the name part of a qualified
/// name, and a non-empty label value (their length limits aside).
bool is_qualified_name_syntax(std::string_view name);
/// An empty string when `key` is a valid label key (`[prefix/]name`), else the reason.
std::string label_key_error(std::string_view key);
/// An empty string when `value` is a valid label value (may be empty), else the reason.
std::string label_value_error(std::string_view value);

}  // namespace ordinal::identity
