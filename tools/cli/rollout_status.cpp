#include "tools/cli/rollout_status.hpp"

#include <cstdint>

namespace ordinal::cli {
namespace {

using identity::Json;

std::int64_t integer_at(const Json& object, const char* pointer, std::int64_t fallback) {
  const Json::json_pointer p(pointer);
  if (!object.contains(p) || !object[p].is_number_integer()) return fallback;
  return object[p].get<std::int64_t>();
}

std::string string_at(const Json& object, const char* pointer) {
  const Json::json_pointer p(pointer);
  if (!object.contains(p) || !object[p].is_string()) return "";
  return object[p].get<std::string>();
}

/// The messages for a set with a rollingUpdate block: progress against the partition.
RolloutStatus partitioned(const Json& set, const std::int64_t* replicas, std::int64_t updated) {
  RolloutStatus out;
  const Json& rolling = set["/spec/updateStrategy/rollingUpdate"_json_pointer];
  if (replicas != nullptr && rolling.contains("partition") &&
      rolling["partition"].is_number_integer()) {
    const std::int64_t wanted = *replicas - rolling["partition"].get<std::int64_t>();
    if (updated < wanted) {
      out.message = "Waiting for partitioned roll out to finish: " + std::to_string(updated) +
                    " out of " + std::to_string(wanted) + " new pods have been updated...";
      return out;
    }
  }
  out.message = "partitioned roll out complete: " + std::to_string(updated) +
                " new pods have been updated...";
  out.done = true;
  return out;
}

}  // namespace

RolloutStatus statefulset_rollout_status(const Json& set) {
  RolloutStatus out;
  // The API defaults the strategy to RollingUpdate; an absent type reads as that default.
  const std::string strategy = string_at(set, "/spec/updateStrategy/type");
  if (!strategy.empty() && strategy != "RollingUpdate") {
    out.error = "rollout status is only available for RollingUpdate strategy type";
    return out;
  }
  const std::int64_t generation = integer_at(set, "/metadata/generation", 0);
  const std::int64_t observed = integer_at(set, "/status/observedGeneration", 0);
  if (observed == 0 || generation > observed) {
    out.message = "Waiting for statefulset spec update to be observed...";
    return out;
  }
  const bool has_replicas = set.contains("/spec/replicas"_json_pointer);
  const std::int64_t replicas = integer_at(set, "/spec/replicas", 1);
  const std::int64_t ready = integer_at(set, "/status/readyReplicas", 0);
  if (has_replicas && ready < replicas) {
    out.message = "Waiting for " + std::to_string(replicas - ready) + " pods to be ready...";
    return out;
  }
  const std::int64_t updated = integer_at(set, "/status/updatedReplicas", 0);
  // kubectl takes this branch whenever a rollingUpdate block exists, partition or not.
  if (set.contains("/spec/updateStrategy/rollingUpdate"_json_pointer) &&
      set["/spec/updateStrategy/rollingUpdate"_json_pointer].is_object())
    return partitioned(set, has_replicas ? &replicas : nullptr, updated);
  const std::string update_revision = string_at(set, "/status/updateRevision");
  const std::string current_revision = string_at(set, "/status/currentRevision");
  if (update_revision != current_revision) {
    out.message = "waiting for statefulset rolling update to complete " + std::to_string(updated) +
                  " pods at revision " + update_revision + "...";
    return out;
  }
  out.message = "statefulset rolling update complete " +
                std::to_string(integer_at(set, "/status/currentReplicas", 0)) +
                " pods at revision " + current_revision + "...";
  out.done = true;
  return out;
}

}  // namespace ordinal::cli
