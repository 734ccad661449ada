#pragma once
// Label selectors: the string form of `?labelSelector=` and `-l` (`app=web,tier!=db,env in (a,b),
// !canary,track`) and the object form of `spec.selector` (matchLabels + matchExpressions).
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "identity/json.hpp"

namespace ordinal::identity {

class LabelSelector {
 public:
  enum class Op { Equals, NotEquals, In, NotIn, Exists, DoesNotExist };
  struct Requirement {
    std::string key;
    Op op = Op::Exists;
    std::vector<std::string> values;
  };

  /// The selector that matches everything.
  LabelSelector() = default;
  /// Parses the string form. On error returns nullopt and sets `error` to a one-line reason.
  static std::optional<LabelSelector> parse(std::string_view text, std::string* error = nullptr);
  /// From a `metav1.LabelSelector` JSON object; nullopt (and `error`) when malformed.
  static std::optional<LabelSelector> from_json(const Json& selector, std::string* error = nullptr);

  [[nodiscard]] bool matches(const std::map<std::string, std::string>& labels) const;
  /// Matches `metadata.labels` of an object (absent labels = no labels).
  [[nodiscard]] bool matches_object(const Json& object) const;
  [[nodiscard]] bool empty() const { return requirements_.empty(); }
  [[nodiscard]] const std::vector<Requirement>& requirements() const { return requirements_; }
  /// The canonical string form.
  [[nodiscard]] std::string to_string() const;

 private:
  std::vector<Requirement> requirements_;
};

}  // namespace ordinal::identity
