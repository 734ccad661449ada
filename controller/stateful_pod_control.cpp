#include "controller/stateful_pod_control.hpp"

#include <cstdint>
#include <utility>
#include <vector>

#include "controller/claim_retention.hpp"
#include "controller/claims.hpp"
#include "controller/naming.hpp"
#include "controller/pod_identity.hpp"
#include "identity/defaults.hpp"
#include "identity/metadata.hpp"
#include "identity/persistent_volume_claim.hpp"

namespace ordinal::controller {
namespace {

std::string title(const std::string& verb) {
  std::string out = verb;
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z')
    out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

// The error with a message saying which step failed, as upstream wraps them.
ApiError wrapped(ApiError error, const std::string& prefix) {
  error.message = prefix + error.message;
  return error;
}

}  // namespace

ApiError aggregate(const std::vector<ApiError>& errors) {
  if (errors.size() == 1) return errors.front();
  ApiError out = errors.empty() ? identity::internal_error("") : errors.front();
  std::string message = "[";
  for (std::size_t i = 0; i < errors.size(); ++i)
    message += (i == 0 ? "" : ", ") + errors[i].message;
  out.message = message + "]";
  return out;
}

StatefulPodControl::StatefulPodControl(ObjectManager& objects, EventRecorder& events,
                                       const identity::StatefulSet& set, TimePoint now)
    : objects_(objects), events_(events), set_(set), set_json_(set.to_json()), now_(now) {}

std::optional<ApiError> StatefulPodControl::create_claims(const identity::Pod& pod) {
  std::vector<ApiError> errors;
  const std::int32_t ordinal = parse_ordinal(pod.metadata.name);
  if (ordinal < 0) return std::nullopt;
  for (identity::Json claim : new_claims(set_, ordinal)) {
    const std::string name = claim["metadata"]["name"];
    const std::string claim_event =
        " Claim " + name + " Pod " + pod.metadata.name + " in StatefulSet " + set_.metadata.name;
    auto stored = objects_.get({"PersistentVolumeClaim", set_.metadata.ns, name});
    if (stored) {
      if (identity::is_terminating(**stored))
        errors.push_back(identity::internal_error("pvc " + name + " is being deleted"));
      continue;  // an existing claim is reused as it is (SS-4.5)
    }
    if (!is_not_found(stored.error())) {
      errors.push_back(wrapped(stored.error(), "failed to retrieve PVC " + name + ": "));
      events_.record(set_json_, kWarning, "FailedCreate",
                     "create" + claim_event + " failed error: " + stored.error().message, now_);
      continue;
    }
    identity::apply_defaults(claim);
    auto created = objects_.create(std::move(claim));
    if (created) {
      events_.record(set_json_, kNormal, "SuccessfulCreate", "create" + claim_event + " success",
                     now_);
      continue;
    }
    errors.push_back(wrapped(created.error(), "failed to create PVC " + name + ": "));
    // A claim someone else just created is found by the next pass; no event for that.
    if (created.error().reason != "AlreadyExists")
      events_.record(set_json_, kWarning, "FailedCreate",
                     "create" + claim_event + " failed error: " + created.error().message, now_);
  }
  if (errors.empty()) return std::nullopt;
  return aggregate(errors);
}

std::optional<ApiError> StatefulPodControl::create_pod(const identity::Pod& planned) {
  if (auto error = create_claims(planned)) {
    record_pod_event("create", planned, error);
    return error;
  }
  identity::Json json = planned.to_json();
  // As the API server would: defaults, and a new pod starts Pending (a created pod, §0).
  identity::apply_defaults(json);
  json["status"] = {{"phase", "Pending"}};
  if (deferring_) {
    queued_.push_back({&planned, std::move(json)});
    return std::nullopt;
  }
  return complete_create(planned, objects_.create(std::move(json)));
}

std::vector<ApiError> StatefulPodControl::finish_creates() {
  std::vector<identity::Registry::Write> writes;
  writes.reserve(queued_.size());
  for (QueuedCreate& queued : queued_)
    writes.emplace_back(identity::Registry::Create{std::move(queued.object)});
  const auto results = objects_.commit(std::move(writes));
  std::vector<ApiError> errors;
  for (std::size_t i = 0; i < queued_.size() && i < results.size(); ++i)
    if (auto error = complete_create(*queued_[i].planned, results[i]))
      errors.push_back(std::move(*error));
  queued_.clear();
  return errors;
}

std::optional<ApiError> StatefulPodControl::complete_create(const identity::Pod& planned,
                                                            const Result<ObjectPtr>& created) {
  if (!created) {
    // AlreadyExists means our view was stale; the next pass sees the pod (SS-10.1).
    if (created.error().reason != "AlreadyExists")
      record_pod_event("create", planned, created.error());
    return created.error();
  }
  if (auto error = update_claims_for_policy(identity::Pod::from_json(**created))) {
    record_pod_event("update", planned, error);
    return error;
  }
  record_pod_event("create", planned, std::nullopt);
  return std::nullopt;
}

std::optional<ApiError> StatefulPodControl::delete_pod(const identity::Pod& pod) {
  auto removed = objects_.remove({"Pod", pod.metadata.ns, pod.metadata.name});
  std::optional<ApiError> error;
  if (!removed) error = removed.error();
  record_pod_event("delete", pod, error);
  return error;
}

std::optional<ApiError> StatefulPodControl::create_missing_claims(const identity::Pod& pod) {
  if (auto error = create_claims(pod)) return error;
  if (auto error = update_claims_for_policy(pod)) {
    record_pod_event("update", pod, error);
    return error;
  }
  return std::nullopt;
}

bool StatefulPodControl::claims_match_policy(const identity::Pod& pod) const {
  const std::int32_t ordinal = parse_ordinal(pod.metadata.name);
  for (const identity::PersistentVolumeClaim& claim_template : set_.spec.volume_claim_templates) {
    auto stored = objects_.get(
        {"PersistentVolumeClaim", set_.metadata.ns, claim_name(claim_template, set_, ordinal)});
    // A missing claim is created later; an unreadable one is checked on the next pass.
    if (!stored) continue;
    if (!claim_owner_up_to_date(identity::PersistentVolumeClaim::from_json(**stored), set_, pod))
      return false;
  }
  return true;
}

std::optional<ApiError> StatefulPodControl::update_claims_for_policy(const identity::Pod& pod) {
  const std::int32_t ordinal = parse_ordinal(pod.metadata.name);
  for (const identity::PersistentVolumeClaim& claim_template : set_.spec.volume_claim_templates) {
    const std::string name = claim_name(claim_template, set_, ordinal);
    auto stored = objects_.get({"PersistentVolumeClaim", set_.metadata.ns, name});
    if (!stored) {
      if (is_not_found(stored.error())) continue;
      return wrapped(stored.error(), "could not retrieve claim " + name + " for " +
                                         pod.metadata.name +
                                         " when checking PVC deletion policy: ");
    }
    identity::PersistentVolumeClaim claim = identity::PersistentVolumeClaim::from_json(**stored);
    if (claim_owner_up_to_date(claim, set_, pod)) continue;
    if (has_unexpected_controller(claim, set_, pod))
      event(kWarning, "ConflictingController",
            "PersistentVolumeClaim " + name +
                " has a conflicting OwnerReference that acts as a managing controller, the "
                "retention policy is ignored for this claim");
    if (!update_claim_owner_refs(claim, set_, pod)) continue;
    auto updated = objects_.update(claim.to_json());
    if (!updated)
      return wrapped(updated.error(),
                     "could not update claim " + name + " for delete policy ownerRefs: ");
  }
  return std::nullopt;
}

bool StatefulPodControl::claim_is_stale(const identity::Pod& pod) const {
  // With whenScaled Retain claims are meant to be reused, so none can be stale.
  if (set_.spec.persistent_volume_claim_retention_policy.when_scaled != "Delete") return false;
  const std::int32_t ordinal = parse_ordinal(pod.metadata.name);
  for (const identity::PersistentVolumeClaim& claim_template : set_.spec.volume_claim_templates) {
    auto stored = objects_.get(
        {"PersistentVolumeClaim", set_.metadata.ns, claim_name(claim_template, set_, ordinal)});
    if (stored &&
        has_stale_pod_reference(identity::PersistentVolumeClaim::from_json(**stored), pod))
      return true;
  }
  return false;
}

std::optional<ApiError> StatefulPodControl::unrepairable(const identity::Pod& pod) {
  const std::string& name = pod.metadata.name;
  if (!storage_matches(set_, pod)) {
    // Pod volumes are immutable (SS-9.2): create what is missing, then report the drift.
    if (auto error = create_claims(pod)) return error;
    return identity::invalid("Pod", "", name,
                             {{"FieldValueForbidden",
                               "Forbidden: the volumes of this pod do not use the claims of "
                               "StatefulSet " +
                                   set_.metadata.name + " and pod volumes cannot be changed",
                               "spec.volumes"}});
  }
  // Only labels can be repaired; a name like "web-007" would need another object.
  if (name != pod_name(set_, parse_ordinal(name)) || pod.metadata.ns != set_.metadata.ns)
    return identity::invalid("Pod", "", name,
                             {{"FieldValueForbidden",
                               "Forbidden: the name does not match StatefulSet " +
                                   set_.metadata.name + " and pod names cannot be changed",
                               "metadata.name"}});
  return std::nullopt;
}

std::optional<ApiError> StatefulPodControl::write_identity(const identity::Pod& pod) {
  identity::Pod repaired = pod;
  for (int attempt = 0;; ++attempt) {
    update_identity(set_, repaired);
    auto updated = objects_.update(repaired.to_json());
    if (updated) return std::nullopt;
    if (updated.error().code != 409 || attempt + 1 == kConflictRetries) return updated.error();
    // Retry on conflict with a fresh read, as upstream's RetryOnConflict does.
    auto fresh = objects_.get({"Pod", set_.metadata.ns, pod.metadata.name});
    if (!fresh) return updated.error();
    repaired = identity::Pod::from_json(**fresh);
  }
}

std::optional<ApiError> StatefulPodControl::update_pod(const identity::Pod& pod) {
  if (auto error = unrepairable(pod)) {
    record_pod_event("update", pod, error);
    return error;
  }
  const bool identity_ok = identity_matches(set_, pod);
  const bool claims_ok = claims_match_policy(pod);
  if (identity_ok && claims_ok) return std::nullopt;
  std::optional<ApiError> error;
  if (!claims_ok) error = update_claims_for_policy(pod);
  if (!error && !identity_ok) error = write_identity(pod);
  record_pod_event("update", pod, error);
  return error;
}

void StatefulPodControl::record_pod_event(const std::string& verb, const identity::Pod& pod,
                                          const std::optional<ApiError>& error) {
  const std::string what =
      verb + " Pod " + pod.metadata.name + " in StatefulSet " + set_.metadata.name;
  if (error)
    events_.record(set_json_, kWarning, "Failed" + title(verb),
                   what + " failed error: " + error->message, now_);
  else
    events_.record(set_json_, kNormal, "Successful" + title(verb), what + " successful", now_);
}

void StatefulPodControl::event(std::string_view type, const std::string& reason,
                               const std::string& message) {
  events_.record(set_json_, type, reason, message, now_);
}

}  // namespace ordinal::controller
