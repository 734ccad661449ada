#include "identity/stateful_set.hpp"

#include "identity/json_fields.hpp"
#include "identity/top_level_object.hpp"

namespace ordinal::identity {

using namespace fields;  // NOLINT(google-build-using-namespace): the helpers read as a table

StatefulSetStatus StatefulSetStatus::from_json(const Json& json) {
  StatefulSetStatus out;
  out.observed_generation = get_int<std::int64_t>(json, {"observedGeneration"});
  out.replicas = get_int<std::int32_t>(json, {"replicas"});
  out.ready_replicas = get_int<std::int32_t>(json, {"readyReplicas"});
  out.current_replicas = get_int<std::int32_t>(json, {"currentReplicas"});
  out.updated_replicas = get_int<std::int32_t>(json, {"updatedReplicas"});
  out.available_replicas = get_int<std::int32_t>(json, {"availableReplicas"});
  out.current_revision = get_string(json, {"currentRevision"});
  out.update_revision = get_string(json, {"updateRevision"});
  out.collision_count = get_int<std::int32_t>(json, {"collisionCount"});
  out.conditions = get_list<Condition>(json, {"conditions"});
  out.original = json;
  return out;
}

Json StatefulSetStatus::to_json() const {
  Json out = original.is_object() ? original : Json::object();
  put_int(out, {"observedGeneration"}, observed_generation);
  put_int(out, {"replicas"}, replicas);
  put_int(out, {"readyReplicas"}, ready_replicas);
  put_int(out, {"currentReplicas"}, current_replicas);
  put_int(out, {"updatedReplicas"}, updated_replicas);
  put_int(out, {"availableReplicas"}, available_replicas);
  put_string(out, {"currentRevision"}, current_revision);
  put_string(out, {"updateRevision"}, update_revision);
  put_int(out, {"collisionCount"}, collision_count);
  put_list(out, {"conditions"}, conditions);
  return out;
}

StatefulSet StatefulSet::from_json(const Json& json) {
  return read_top_level_object<StatefulSet>(json);
}

Json StatefulSet::to_json() const {
  return write_top_level_object(*this);
}

std::int32_t StatefulSet::partition() const {
  const auto& rolling = spec.update_strategy.rolling_update;
  return rolling ? rolling->partition.value_or(0) : 0;
}

}  // namespace ordinal::identity
