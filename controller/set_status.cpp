#include "controller/set_status.hpp"

#include "controller/naming.hpp"
#include "controller/pod_availability.hpp"

namespace ordinal::controller {
namespace {

void apply(identity::StatefulSetStatus& stored, const SetStatus& status) {
  stored.observed_generation = status.observed_generation;
  stored.replicas = status.replicas;
  stored.ready_replicas = status.ready_replicas;
  stored.current_replicas = status.current_replicas;
  stored.updated_replicas = status.updated_replicas;
  stored.available_replicas = status.available_replicas;
  stored.current_revision = status.current_revision;
  stored.update_revision = status.update_revision;
  stored.collision_count = status.collision_count;
}

}  // namespace

void count_pods(SetStatus& status, const std::vector<const identity::Pod*>& pods,
                std::int32_t min_ready_seconds, TimePoint now) {
  status.replicas = 0;
  status.ready_replicas = 0;
  status.current_replicas = 0;
  status.updated_replicas = 0;
  status.available_replicas = 0;
  for (const identity::Pod* pod : pods) {
    if (pod->is_created()) ++status.replicas;
    if (pod->is_running_and_ready()) {
      ++status.ready_replicas;
      if (is_available(*pod, min_ready_seconds, now)) ++status.available_replicas;
    }
    if (!pod->is_created() || pod->is_terminating()) continue;
    const std::string_view revision = pod->metadata.label(kRevisionLabel);
    if (revision == status.current_revision) ++status.current_replicas;
    if (revision == status.update_revision) ++status.updated_replicas;
  }
}

void complete_update(const identity::StatefulSet& set, SetStatus& status) {
  if (status.updated_replicas == status.ready_replicas &&
      status.ready_replicas == status.replicas && status.replicas == set.desired_replicas()) {
    status.current_replicas = status.updated_replicas;
    status.current_revision = status.update_revision;
  }
}

bool status_differs(const identity::StatefulSet& set, const SetStatus& status) {
  const identity::StatefulSetStatus& stored = set.status;
  return status.observed_generation > stored.observed_generation.value_or(0) ||
         status.replicas != stored.replicas.value_or(0) ||
         status.ready_replicas != stored.ready_replicas.value_or(0) ||
         status.current_replicas != stored.current_replicas.value_or(0) ||
         status.updated_replicas != stored.updated_replicas.value_or(0) ||
         status.available_replicas != stored.available_replicas.value_or(0) ||
         status.current_revision != stored.current_revision ||
         status.update_revision != stored.update_revision ||
         status.collision_count != stored.collision_count.value_or(0) ||
         !stored.replicas.has_value();
}

std::optional<ApiError> write_status(ObjectManager& objects, const identity::StatefulSet& set,
                                     const SetStatus& status) {
  identity::StatefulSet target = set;
  for (int attempt = 0; attempt < kConflictRetries; ++attempt) {
    if (!status_differs(target, status)) return std::nullopt;
    apply(target.status, status);
    auto written = objects.update(target.to_json(), identity::UpdateScope::Status);
    if (written) return std::nullopt;
    if (written.error().code != 409 || attempt + 1 == kConflictRetries) return written.error();
    auto fresh = objects.get({"StatefulSet", set.metadata.ns, set.metadata.name});
    if (!fresh) return fresh.error();
    target = identity::StatefulSet::from_json(**fresh);
    // A set replaced under the same name is not ours to write.
    if (target.metadata.uid != set.metadata.uid) return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace ordinal::controller
