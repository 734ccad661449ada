#include "controller/rolling_update.hpp"

#include "controller/naming.hpp"
#include "controller/pod_availability.hpp"
#include "controller/pod_identity.hpp"
#include "identity/int_or_string.hpp"

namespace ordinal::controller {
namespace {

bool outdated(const identity::Pod& pod, const std::string& update_revision) {
  return pod.is_created() && !pod.is_terminating() &&
         pod.metadata.label(kRevisionLabel) != update_revision;
}

// Deletes for update; a pod already gone counts as deleted.
std::optional<ApiError> delete_for_update(const PassContext& pass, const identity::Pod& pod,
                                          SetStatus& status) {
  if (auto error = pass.control.delete_pod(pod); error && error->code != 404) return error;
  --status.current_replicas;
  return std::nullopt;
}

// SS-11.3: the classic path, at most one deletion per pass.
std::optional<ApiError> one_at_a_time(const PassContext& pass, const std::vector<PodPtr>& replicas,
                                      const std::string& update_revision, SetStatus& status) {
  const auto partition = static_cast<std::ptrdiff_t>(pass.set.partition());
  for (auto target = static_cast<std::ptrdiff_t>(replicas.size()) - 1; target >= partition;
       --target) {
    const identity::Pod& pod = *replicas[static_cast<std::size_t>(target)];
    if (outdated(pod, update_revision)) return delete_for_update(pass, pod, status);
    if (is_unavailable(pod, pass.min_ready_seconds, pass.now)) return std::nullopt;
  }
  return std::nullopt;
}

// SS-11.12 with the 16.3 choice: outdated pods that are already unavailable go at no cost;
// the budget max_unavailable - unavailable then goes to available ones, highest first.
std::optional<ApiError> with_budget(const PassContext& pass, const std::vector<PodPtr>& replicas,
                                    const std::string& update_revision, std::int32_t budget,
                                    SetStatus& status) {
  const auto partition = static_cast<std::ptrdiff_t>(pass.set.partition());
  std::int32_t unavailable = 0;
  for (const PodPtr& pod : replicas)
    if (is_unavailable(*pod, pass.min_ready_seconds, pass.now)) ++unavailable;
  std::int32_t allowed = budget - unavailable;
  for (auto target = static_cast<std::ptrdiff_t>(replicas.size()) - 1; target >= partition;
       --target) {
    const identity::Pod& pod = *replicas[static_cast<std::size_t>(target)];
    if (!outdated(pod, update_revision)) continue;
    const bool available = !is_unavailable(pod, pass.min_ready_seconds, pass.now);
    if (available && allowed <= 0) continue;
    if (auto error = delete_for_update(pass, pod, status)) return error;
    if (available) --allowed;
  }
  return std::nullopt;
}

}  // namespace

identity::Pod new_versioned_pod(const identity::StatefulSet& set,
                                const identity::StatefulSet& current_set,
                                const identity::StatefulSet& update_set,
                                const std::string& current_revision,
                                const std::string& update_revision, std::int32_t ordinal) {
  const std::int64_t start = set.start_ordinal();
  bool at_current = false;
  if (!set.is_on_delete()) {
    const auto& rolling = set.spec.update_strategy.rolling_update;
    // Without a rollingUpdate block the boundary is the stored currentReplicas (SS-1.7).
    const std::int64_t boundary = rolling ? start + rolling->partition.value_or(0)
                                          : start + set.status.current_replicas.value_or(0);
    at_current = ordinal < boundary;
  }
  if (at_current) return identity::Pod::from_json(new_pod(current_set, ordinal, current_revision));
  return identity::Pod::from_json(new_pod(update_set, ordinal, update_revision));
}

std::optional<ApiError> rolling_update(const PassContext& pass, const std::vector<PodPtr>& replicas,
                                       const std::string& update_revision, SetStatus& status) {
  if (pass.set.is_on_delete()) return std::nullopt;
  const auto& rolling = pass.set.spec.update_strategy.rolling_update;
  const std::optional<identity::IntOrString> max_unavailable =
      rolling ? rolling->max_unavailable : std::nullopt;
  const std::int32_t budget =
      identity::resolve_max_unavailable(max_unavailable, pass.set.desired_replicas()).value_or(1);
  if (budget <= 1) return one_at_a_time(pass, replicas, update_revision, status);
  return with_budget(pass, replicas, update_revision, budget, status);
}

}  // namespace ordinal::controller
