#include "controller/owner_reference.hpp"

#include <string>

namespace ordinal::controller {

identity::OwnerReference controller_reference(const identity::StatefulSet& set) {
  identity::OwnerReference ref;
  ref.api_version = std::string(identity::StatefulSet::kApiVersion);
  ref.kind = std::string(identity::StatefulSet::kKind);
  ref.name = set.metadata.name;
  ref.uid = set.metadata.uid;
  ref.controller = true;
  ref.block_owner_deletion = true;
  return ref;
}

bool has_owner(const identity::ObjectMeta& meta, std::string_view uid) {
  return !uid.empty() && meta.find_owner(uid) != nullptr;
}

}  // namespace ordinal::controller
