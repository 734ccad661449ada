// StatefulSet validation and immutability (statefulset.md §1–2; apps/validation).
#include <algorithm>
#include <string>

#include "identity/label_selector.hpp"
#include "identity/validation_rules.hpp"

namespace ordinal::identity {
namespace {

constexpr std::size_t kMaxPodNameLength = 63;

std::size_t digits_of(long long n) {
  std::size_t d = 1;
  while (n >= 10) n /= 10, ++d;
  return d;
}

long long integer_or(const Json& v, long long fallback) {
  return v.is_number() ? v.get<long long>() : fallback;
}

// 16.10 (deliberate divergence): `<name>-<largest ordinal>` must still be a DNS label, or the
// pods could never be created.
void validate_pod_name_room(const Json& object, Causes& out) {
  const Json& name = field_of(field_of(object, "metadata"), "name");
  if (!name.is_string() || name.get<std::string>().empty()) return;
  const Json& spec = field_of(object, "spec");
  const long long start = integer_or(field_of(field_of(spec, "ordinals"), "start"), 0);
  const long long replicas = integer_or(field_of(spec, "replicas"), 1);
  const long long largest = std::max(0LL, start + std::max(replicas, 1LL) - 1);
  const std::size_t length = name.get<std::string>().size();
  const std::size_t room = kMaxPodNameLength - 1 - digits_of(largest);
  if (length > room && length <= kMaxPodNameLength)
    add_invalid(out, "metadata.name", name,
                "must be no more than " + std::to_string(room) +
                    " characters, so that the name "
                    "of pod " +
                    std::to_string(largest) + " (<name>-" + std::to_string(largest) +
                    ") is at most 63 characters");
}

// SS-1.9: > 0 and <= 100%.
void validate_max_unavailable(const Json& value, const std::string& field, Causes& out) {
  if (value.is_null()) return;
  long long amount = 0;
  if (value.is_string()) {
    const std::string s = value.get<std::string>();
    const bool percent =
        s.size() > 1 && s.back() == '%' && s.find_first_not_of("0123456789") == s.size() - 1;
    if (!percent) {
      add_invalid(out, field, value, "must be an integer or percentage (e.g '5%')");
      return;
    }
    // More digits than any sane percentage: compare as "large" without risking overflow.
    amount = s.size() > 10 ? 1000 : std::stoll(s.substr(0, s.size() - 1));
    if (amount > 100) add_invalid(out, field, value, "must not be greater than 100%");
  } else if (value.is_number()) {
    amount = value.get<long long>();
    validate_nonnegative(value, field, out);
  }
  if (amount == 0) add_invalid(out, field, value, "cannot be 0");
}

// SS-1.7, 1.8, 1.9, 16.8.
void validate_update_strategy(const Json& spec, Causes& out) {
  const Json& strategy = field_of(spec, "updateStrategy");
  const Json& type = field_of(strategy, "type");
  const Json& rolling = field_of(strategy, "rollingUpdate");
  if (type.is_null() || type == "") {
    add_required(out, "spec.updateStrategy");
  } else if (type == "OnDelete") {
    if (!rolling.is_null())
      add_invalid(out, "spec.updateStrategy.rollingUpdate", rolling,
                  "only allowed for updateStrategy 'RollingUpdate'");
  } else if (type == "RollingUpdate") {
    validate_nonnegative(field_of(rolling, "partition"),
                         "spec.updateStrategy.rollingUpdate.partition", out);
    validate_max_unavailable(field_of(rolling, "maxUnavailable"),
                             "spec.updateStrategy.rollingUpdate.maxUnavailable", out);
  } else {
    add_not_supported(out, "spec.updateStrategy.type", type, {"OnDelete", "RollingUpdate"});
  }
}

// SS-1.2, 1.3.
void validate_selector_and_template(const Json& spec, Causes& out) {
  const Json& selector = field_of(spec, "selector");
  const Json& tmpl = field_of(spec, "template");
  const Json& labels = field_of(field_of(tmpl, "metadata"), "labels");
  if (!selector.is_object()) {
    add_required(out, "spec.selector");
  } else {
    validate_label_selector(selector, "spec.selector", out);
    if (field_of(selector, "matchLabels").empty() && field_of(selector, "matchExpressions").empty())
      add_invalid(out, "spec.selector", selector, "empty selector is not valid for statefulset.");
    std::string error;
    if (auto parsed = LabelSelector::from_json(selector, &error)) {
      if (!parsed->empty() && !parsed->matches_object(tmpl.is_object() ? tmpl : Json::object())) {
        if (labels.is_object())
          add_invalid(out, "spec.template.metadata.labels", labels,
                      "`selector` does not match template `labels`");
        else  // Go prints a nil map so
          out.push_back({"FieldValueInvalid",
                         "Invalid value: map[string]string(nil): `selector` does not match "
                         "template `labels`",
                         "spec.template.metadata.labels"});
      }
    }
  }
  validate_labels(labels, "spec.template.metadata.labels", out);
  validate_annotations(field_of(field_of(tmpl, "metadata"), "annotations"),
                       "spec.template.metadata.annotations", out);
  const Json& pod_spec = field_of(tmpl, "spec");
  const Json& restart = field_of(pod_spec, "restartPolicy");
  if (restart != "Always")
    add_not_supported(out, "spec.template.spec.restartPolicy",
                      restart.is_null() ? Json("") : restart, {"Always"});
  const Json& deadline = field_of(pod_spec, "activeDeadlineSeconds");
  if (!deadline.is_null())
    add_invalid(out, "spec.template.spec.activeDeadlineSeconds", deadline, "must not be specified");
}

// Claim template names also count as volumes for the template's mounts (SS-1.5).
std::vector<std::string> validate_claim_templates(const Json& spec, Causes& out) {
  std::vector<std::string> names;
  const Json& claims = field_of(spec, "volumeClaimTemplates");
  if (!claims.is_array()) return names;
  for (std::size_t i = 0; i < claims.size(); ++i) {
    const std::string path = "spec.volumeClaimTemplates[" + std::to_string(i) + "]";
    const Json& name = field_of(field_of(claims[i], "metadata"), "name");
    if (!name.is_string() || name.get<std::string>().empty()) {
      add_required(out, path + ".metadata.name");
    } else {
      for (const auto& e : dns1123_subdomain_errors(name.get<std::string>()))
        add_invalid(out, path + ".metadata.name", name, e);
      if (std::find(names.begin(), names.end(), name.get<std::string>()) != names.end())
        add_duplicate(out, path + ".metadata.name", name);
      names.push_back(name.get<std::string>());
    }
    validate_labels(field_of(field_of(claims[i], "metadata"), "labels"), path + ".metadata.labels",
                    out);
    validate_pvc_spec(field_of(claims[i], "spec"), path + ".spec", out);
  }
  return names;
}

// SS-2.4.
void validate_status(const Json& status, Causes& out) {
  if (!status.is_object()) return;
  for (const char* counter : {"observedGeneration", "replicas", "readyReplicas", "currentReplicas",
                              "updatedReplicas", "availableReplicas", "collisionCount"})
    validate_nonnegative(field_of(status, counter), std::string("status.") + counter, out);
  const long long replicas = integer_or(field_of(status, "replicas"), 0);
  for (const char* counter :
       {"readyReplicas", "currentReplicas", "updatedReplicas", "availableReplicas"}) {
    const Json& v = field_of(status, counter);
    if (v.is_number() && v.get<long long>() > replicas)
      add_invalid(out, std::string("status.") + counter, v,
                  "cannot be greater than status.replicas");
  }
  const Json& available = field_of(status, "availableReplicas");
  if (available.is_number() &&
      available.get<long long>() > integer_or(field_of(status, "readyReplicas"), 0))
    add_invalid(out, "status.availableReplicas", available, "cannot be greater than readyReplicas");
}

}  // namespace

void validate_stateful_set(const Json& object, Causes& out) {
  const Json& meta = field_of(object, "metadata");
  validate_object_meta(meta.is_object() ? &meta : nullptr, true, NameRule::Dns1123Label, out);
  validate_pod_name_room(object, out);
  const Json& spec = field_of(object, "spec");
  const Json& policy = field_of(spec, "podManagementPolicy");
  if (policy.is_null() || policy == "")
    add_required(out, "spec.podManagementPolicy");
  else
    validate_enum(policy, "spec.podManagementPolicy", {"OrderedReady", "Parallel"}, out);
  validate_update_strategy(spec, out);
  validate_nonnegative(field_of(spec, "replicas"), "spec.replicas", out);
  validate_selector_and_template(spec, out);
  const std::vector<std::string> claims = validate_claim_templates(spec, out);
  // Upstream leaves the template's PodSpec to pod creation; checking it here reports the same
  // mistakes at apply time instead of as failed pods.
  validate_pod_spec(field_of(field_of(spec, "template"), "spec"), "spec.template.spec", claims,
                    out);
  validate_nonnegative(field_of(spec, "minReadySeconds"), "spec.minReadySeconds", out);
  const Json& retention = field_of(spec, "persistentVolumeClaimRetentionPolicy");
  for (const char* when : {"whenDeleted", "whenScaled"})
    validate_enum(field_of(retention, when),
                  std::string("spec.persistentVolumeClaimRetentionPolicy.") + when,
                  {"Retain", "Delete"}, out);
  validate_nonnegative(field_of(field_of(spec, "ordinals"), "start"), "spec.ordinals.start", out);
  validate_status(field_of(object, "status"), out);
}

}  // namespace ordinal::identity
