#include "controller/claims.hpp"

#include <string>
#include <utility>

#include "controller/naming.hpp"
#include "controller/owner_reference.hpp"
#include "identity/persistent_volume_claim.hpp"

namespace ordinal::controller {

bool set_owns_claims(const identity::StatefulSet& set, std::int32_t ordinal) {
  // An unset policy field means Retain (SS-1.12), so only an explicit Delete counts.
  const auto& policy = set.spec.persistent_volume_claim_retention_policy;
  if (policy.when_deleted != "Delete") return false;
  return in_range(set, ordinal) || policy.when_scaled != "Delete";
}

std::vector<identity::Json> new_claims(const identity::StatefulSet& set, std::int32_t ordinal) {
  const identity::fields::StringMap selector_labels = set.spec.match_labels();
  const bool owned = set_owns_claims(set, ordinal);
  std::vector<identity::Json> claims;
  claims.reserve(set.spec.volume_claim_templates.size());
  for (const identity::PersistentVolumeClaim& claim_template : set.spec.volume_claim_templates) {
    identity::PersistentVolumeClaim claim = claim_template;
    claim.api_version = std::string(identity::PersistentVolumeClaim::kApiVersion);
    claim.kind = std::string(identity::PersistentVolumeClaim::kKind);
    claim.metadata.name = claim_name(claim_template, set, ordinal);
    claim.metadata.ns = set.metadata.ns;
    // The selector wins on conflict, so the claim always matches the set's selector.
    for (const auto& [key, value] : selector_labels) claim.metadata.labels[key] = value;
    if (owned && !has_owner(claim.metadata, set.metadata.uid))
      claim.metadata.owner_references.push_back(controller_reference(set));
    identity::Json json = claim.to_json();
    json.erase("status");
    claims.push_back(std::move(json));
  }
  return claims;
}

}  // namespace ordinal::controller
