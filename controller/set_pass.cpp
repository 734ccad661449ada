#include "controller/set_pass.hpp"

#include <cstdint>
#include <string>
#include <utility>

#include "controller/naming.hpp"
#include "controller/pass_context.hpp"
#include "controller/pod_availability.hpp"
#include "controller/rolling_update.hpp"
#include "controller/set_pods.hpp"
#include "controller/set_revisions.hpp"
#include "controller/stateful_pod_control.hpp"

namespace ordinal::controller {
namespace {

// SS-6.5/6.6: the in-range slots with a planned pod in every empty one. A monotonic pass
// stops at its first empty slot (it creates that pod and waits for it), so the slots after it
// get only a name: building every planned pod made each OrderedReady pass cost O(replicas)
// pod builds. Uncreated pods count for nothing in the status, so a bare name is enough there.
std::vector<PodPtr> fill_slots(const identity::StatefulSet& set,
                               const identity::StatefulSet& current_set,
                               const identity::StatefulSet& update_set, const SetStatus& status,
                               PodSlots& slots, bool monotonic) {
  std::vector<PodPtr> replicas;
  replicas.reserve(slots.replicas.size());
  bool planned_one = false;
  for (std::size_t i = 0; i < slots.replicas.size(); ++i) {
    if (slots.replicas[i]) {
      replicas.push_back(std::move(slots.replicas[i]));
      continue;
    }
    const auto ordinal =
        static_cast<std::int32_t>(set.start_ordinal() + static_cast<std::int64_t>(i));
    if (monotonic && planned_one) {
      auto unreached = std::make_shared<identity::Pod>();
      unreached->metadata.name = pod_name(set, ordinal);
      unreached->metadata.ns = set.metadata.ns;
      replicas.push_back(std::move(unreached));
      continue;
    }
    replicas.push_back(std::make_shared<const identity::Pod>(new_versioned_pod(
        set, current_set, update_set, status.current_revision, status.update_revision, ordinal)));
    planned_one = true;
  }
  return replicas;
}

std::vector<const identity::Pod*> pointers(const std::vector<PodPtr>& replicas,
                                           const std::vector<PodPtr>& condemned = {}) {
  std::vector<const identity::Pod*> out;
  out.reserve(replicas.size() + condemned.size());
  for (const auto& pod : replicas) out.push_back(pod.get());
  for (const auto& pod : condemned) out.push_back(pod.get());
  return out;
}

// SS-6.7: the lowest unavailable replica, else the lowest-ordinal unavailable condemned pod.
const identity::Pod* first_unavailable(const PassContext& pass, const std::vector<PodPtr>& replicas,
                                       const std::vector<PodPtr>& condemned) {
  for (const auto& pod : replicas)
    if (is_unavailable(*pod, pass.min_ready_seconds, pass.now)) return pod.get();
  for (auto it = condemned.rbegin(); it != condemned.rend(); ++it)
    if (is_unavailable(**it, pass.min_ready_seconds, pass.now)) return it->get();
  return nullptr;
}

// SS-6.9–6.13: the pod work of a pass; status counters are refreshed before returning.
std::optional<ApiError> reconcile_pods(const PassContext& pass, const std::vector<PodPtr>& replicas,
                                       const std::vector<PodPtr>& condemned, SetStatus& status) {
  const auto recount = [&] {
    count_pods(status, pointers(replicas, condemned), pass.min_ready_seconds, pass.now);
  };
  const identity::Pod* first = first_unavailable(pass, replicas, condemned);
  // Burst mode creates each slow-start batch's pods in one commit (SS-7.8 runs them at once).
  pass.control.defer_creates(!pass.monotonic);
  Step step = run_for_all(
      replicas.size(), [&](std::size_t i) { return process_replica(pass, *replicas[i]); },
      pass.monotonic, [&pass] { return pass.control.finish_creates(); });
  pass.control.defer_creates(false);
  if (!step.stop && !step.error)
    step = run_for_all(
        condemned.size(), [&](std::size_t i) { return fix_condemned_claims(pass, *condemned[i]); },
        pass.monotonic);
  if (!step.stop && !step.error)
    step = run_for_all(
        condemned.size(),
        [&](std::size_t i) {
          return process_condemned(pass, *condemned[i], condemned[i].get() == first);
        },
        pass.monotonic);
  recount();
  if (step.stop || step.error) return step.error;
  // SS-6.13, SS-6.15: updates only after scaling is done.
  return rolling_update(pass, replicas, status.update_revision, status);
}

}  // namespace

PassResult run_pass(ObjectManager& objects, EventRecorder& events, const identity::StatefulSet& set,
                    const std::vector<PodPtr>& pods,
                    const std::vector<identity::ControllerRevision>& revisions, TimePoint now) {
  PassResult result;
  auto chosen = choose_revisions(objects, set, revisions);
  if (!chosen) {
    result.error = chosen.error();
    return result;
  }
  const identity::StatefulSet current_set = apply_revision(set, chosen->current);
  const identity::StatefulSet update_set = apply_revision(set, chosen->update);
  SetStatus status;
  status.observed_generation = set.metadata.generation.value_or(0);
  status.current_revision = chosen->current.metadata.name;
  status.update_revision = chosen->update.metadata.name;
  status.collision_count = chosen->collision_count;
  const std::int32_t min_ready = set.spec.min_ready_seconds.value_or(0);
  count_pods(status, pointers(pods), min_ready, now);

  StatefulPodControl control(objects, events, set, now);
  const PassContext pass{set, update_set, control, now, !set.is_parallel(), min_ready};
  PodSlots slots = partition_pods(set, pods);
  const std::vector<PodPtr> replicas =
      fill_slots(set, current_set, update_set, status, slots, pass.monotonic);
  // SS-6.8: a set being deleted only gets its status written.
  if (!set.metadata.is_terminating())
    result.error = reconcile_pods(pass, replicas, slots.condemned, status);

  complete_update(set, status);
  auto status_error = write_status(objects, set, status);
  auto trim_error = trim_history(objects, set, pods, revisions, *chosen);
  if (!result.error) result.error = status_error ? status_error : trim_error;
  result.status = status;
  return result;
}

}  // namespace ordinal::controller
