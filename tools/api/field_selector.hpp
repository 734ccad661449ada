#pragma once
// `?fieldSelector=metadata.name=web-0,metadata.namespace!=kube-system`: equality requirements on
// a few fields of an object, as kube-apiserver supports them per kind.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "identity/json.hpp"

namespace ordinal::api {

class FieldSelector {
 public:
  struct Requirement {
    std::string field;  ///< dotted path, e.g. "metadata.name"
    std::string value;
    bool equals = true;  ///< false for `!=`
  };

  /// Parses `text` for `kind`. Every kind supports metadata.name and metadata.namespace; Pods
  /// add spec.nodeName, status.phase and friends, Events involvedObject.* and reason/type.
  /// On error returns nullopt and sets `error` (`field label not supported: spec.foo`).
  static std::optional<FieldSelector> parse(std::string_view text, const std::string& kind,
                                            std::string* error);

  [[nodiscard]] bool matches(const identity::Json& object) const;
  [[nodiscard]] bool empty() const { return requirements_.empty(); }
  /// The value required by `metadata.name=X`, if any (lets watches filter by name).
  [[nodiscard]] std::optional<std::string> required_name() const;

 private:
  std::vector<Requirement> requirements_;
};

}  // namespace ordinal::api
