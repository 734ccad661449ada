#pragma once
// The request target (`/api/v1/namespaces/test/pods?labelSelector=app%3Dweb`) split into
// percent-decoded path segments and query parameters.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ordinal::api {

struct RequestTarget {
  std::vector<std::string> segments;         ///< "/api/v1/pods" -> {"api", "v1", "pods"}
  std::map<std::string, std::string> query;  ///< last value wins for repeated keys

  /// The query value of `key`, or nullopt when absent.
  [[nodiscard]] std::optional<std::string> param(const std::string& key) const;
  /// True for "1", "true" and "True" (Kubernetes' boolean query values).
  [[nodiscard]] bool flag(const std::string& key) const;
};

/// Decodes `%XX` escapes; in query components (`plus_is_space`) `+` also means a space, as in
/// HTML forms and Go's url.ParseQuery. Malformed escapes are kept as written. Never throws.
std::string percent_decode(std::string_view text, bool plus_is_space);

/// Splits a target into segments (empty segments from `//` or a trailing `/` are dropped) and
/// query parameters. Never throws.
RequestTarget parse_target(std::string_view target);

}  // namespace ordinal::api
