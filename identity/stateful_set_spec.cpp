#include "identity/stateful_set_spec.hpp"

namespace ordinal::identity {

using namespace fields;  // NOLINT(google-build-using-namespace): the helpers read as a table

RollingUpdateStrategy RollingUpdateStrategy::from_json(const Json& json) {
  RollingUpdateStrategy out;
  out.partition = get_int<std::int32_t>(json, {"partition"});
  out.max_unavailable = get_value<IntOrString>(json, {"maxUnavailable"});
  out.original = json;
  return out;
}

Json RollingUpdateStrategy::to_json() const {
  Json out = original.is_object() ? original : Json::object();
  put_int(out, {"partition"}, partition);
  put_value(out, {"maxUnavailable"}, max_unavailable);
  return out;
}

UpdateStrategy UpdateStrategy::from_json(const Json& json) {
  UpdateStrategy out;
  out.type = get_string(json, {"type"});
  out.rolling_update = get_optional_object<RollingUpdateStrategy>(json, {"rollingUpdate"});
  out.original = json;
  return out;
}

Json UpdateStrategy::to_json() const {
  Json out = original.is_object() ? original : Json::object();
  put_string(out, {"type"}, type);
  put_optional_object(out, {"rollingUpdate"}, rolling_update);
  return out;
}

ClaimRetentionPolicy ClaimRetentionPolicy::from_json(const Json& json) {
  ClaimRetentionPolicy out;
  out.when_deleted = get_string(json, {"whenDeleted"});
  out.when_scaled = get_string(json, {"whenScaled"});
  out.original = json;
  return out;
}

Json ClaimRetentionPolicy::to_json() const {
  Json out = original.is_object() ? original : Json::object();
  put_string(out, {"whenDeleted"}, when_deleted);
  put_string(out, {"whenScaled"}, when_scaled);
  return out;
}

StatefulSetSpec StatefulSetSpec::from_json(const Json& json) {
  StatefulSetSpec out;
  out.replicas = get_int<std::int32_t>(json, {"replicas"});
  out.selector = get_json(json, {"selector"});
  out.service_name = get_string(json, {"serviceName"});
  out.pod_template = get_object<PodTemplateSpec>(json, {"template"});
  out.volume_claim_templates = get_list<PersistentVolumeClaim>(json, {"volumeClaimTemplates"});
  out.pod_management_policy = get_string(json, {"podManagementPolicy"});
  out.update_strategy = get_object<UpdateStrategy>(json, {"updateStrategy"});
  out.revision_history_limit = get_int<std::int32_t>(json, {"revisionHistoryLimit"});
  out.min_ready_seconds = get_int<std::int32_t>(json, {"minReadySeconds"});
  out.persistent_volume_claim_retention_policy =
      get_object<ClaimRetentionPolicy>(json, {"persistentVolumeClaimRetentionPolicy"});
  out.ordinals_start = get_int<std::int32_t>(json, {"ordinals", "start"});
  out.original = json;
  return out;
}

Json StatefulSetSpec::to_json() const {
  Json out = original.is_object() ? original : Json::object();
  put_int(out, {"replicas"}, replicas);
  put_json(out, {"selector"}, selector);
  put_string(out, {"serviceName"}, service_name);
  put_object(out, {"template"}, pod_template.to_json());
  put_list(out, {"volumeClaimTemplates"}, volume_claim_templates);
  put_string(out, {"podManagementPolicy"}, pod_management_policy);
  put_object(out, {"updateStrategy"}, update_strategy.to_json());
  put_int(out, {"revisionHistoryLimit"}, revision_history_limit);
  put_int(out, {"minReadySeconds"}, min_ready_seconds);
  put_object(out, {"persistentVolumeClaimRetentionPolicy"},
             persistent_volume_claim_retention_policy.to_json());
  put_int(out, {"ordinals", "start"}, ordinals_start);
  return out;
}

StringMap StatefulSetSpec::match_labels() const {
  return get_string_map(selector, {"matchLabels"});
}

}  // namespace ordinal::identity
