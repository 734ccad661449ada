#pragma once
// Where an object lives: its Kind, namespace ("" for cluster-scoped kinds) and name.
#include <compare>
#include <string>

#include "identity/json.hpp"

namespace ordinal::identity {

struct ObjectKey {
  std::string kind;  ///< Kind, e.g. "Pod" (see kinds.hpp)
  std::string ns;    ///< "" for cluster-scoped kinds
  std::string name;

  auto operator<=>(const ObjectKey&) const = default;
  /// "Pod/test/web-0" or "Namespace//test": stable, used as the store's primary key.
  [[nodiscard]] std::string to_string() const { return kind + "/" + ns + "/" + name; }
  /// Reads kind, metadata.namespace and metadata.name of an object.
  static ObjectKey of(const Json& object);
};

}  // namespace ordinal::identity
