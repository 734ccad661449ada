// §8: scale-down, one condemned pod per call (highest ordinal first is the caller's order).
#include "controller/pass_context.hpp"
#include "controller/pod_availability.hpp"

namespace ordinal::controller {

Step fix_condemned_claims(const PassContext& pass, const identity::Pod& pod) {
  if (pass.control.claims_match_policy(pod)) return {};
  if (auto error = pass.control.update_claims_for_policy(pod)) return {true, error};
  return {};
}

Step process_condemned(const PassContext& pass, const identity::Pod& pod,
                       bool is_first_unavailable) {
  // SS-8.2: wait for (monotonic) or skip (burst) a pod already on its way out.
  if (pod.is_terminating()) return {pass.monotonic, std::nullopt};
  // SS-8.3: an unhealthy condemned pod goes only when every pod below it is healthy.
  if (pass.monotonic && !is_first_unavailable &&
      (!pod.is_running_and_ready() || !is_available(pod, pass.min_ready_seconds, pass.now)))
    return {true, std::nullopt};
  // SS-8.4: one deletion per pass in monotonic mode.
  return {true, pass.control.delete_pod(pod)};
}

}  // namespace ordinal::controller
