// §7: one in-range replica per call, and the slow-start runner shared with §8.
#include <algorithm>
#include <vector>

#include "controller/pass_context.hpp"
#include "controller/pod_availability.hpp"
#include "controller/pod_identity.hpp"

namespace ordinal::controller {
namespace {

// SS-7.1: a pod that ran to completion or failed is deleted, and replaced under the same name
// only once the deletion has completed (SS-10.3).
Step replace_finished(const PassContext& pass, const identity::Pod& pod) {
  if (!pod.is_terminating()) {
    const std::string who =
        "StatefulSet " + pass.set.metadata.ns + "/" + pass.set.metadata.name + " is recreating ";
    if (pod.status.phase == "Failed")
      pass.control.event(kWarning, "RecreatingFailedPod", who + "failed Pod " + pod.metadata.name);
    else
      pass.control.event(kNormal, "RecreatingTerminatedPod",
                         who + "terminated Pod " + pod.metadata.name);
    if (auto error = pass.control.delete_pod(pod)) return {true, error};
  }
  return {true, std::nullopt};
}

}  // namespace

Step run_for_all(std::size_t count, const std::function<Step(std::size_t)>& step, bool monotonic,
                 const std::function<std::vector<ApiError>()>& end_batch) {
  if (monotonic) {
    for (std::size_t i = 0; i < count; ++i) {
      Step result = step(i);
      if (result.stop || result.error) return {true, std::move(result.error)};
    }
    return {};
  }
  std::size_t next = 0;
  for (std::size_t batch = std::min<std::size_t>(1, count); batch > 0;
       batch = std::min({2 * batch, count - next, kMaxBatchSize})) {
    std::vector<ApiError> errors;
    for (std::size_t end = next + batch; next < end; ++next)
      if (Step result = step(next); result.error) errors.push_back(std::move(*result.error));
    if (end_batch)
      for (ApiError& error : end_batch()) errors.push_back(std::move(error));
    if (!errors.empty()) return {true, aggregate(errors)};
  }
  return {};
}

Step process_replica(const PassContext& pass, const identity::Pod& replica) {
  if (replica.status.phase == "Failed" || replica.status.phase == "Succeeded")
    return replace_finished(pass, replica);
  if (!replica.is_created()) {
    // SS-7.2 step 1 (SS-14.6): wait for the claim of an earlier pod to be collected.
    if (pass.control.claim_is_stale(replica)) return {true, std::nullopt};
    if (auto error = pass.control.create_pod(replica)) return {true, error};
    if (pass.monotonic) return {true, std::nullopt};
    // Burst mode goes on with other pods; this one's checks wait for the pass that sees it.
    return {};
  }
  if (replica.status.phase == "Pending")
    if (auto error = pass.control.create_missing_claims(replica)) return {true, error};
  if (pass.monotonic) {
    if (replica.is_terminating()) return {true, std::nullopt};         // SS-7.4
    if (!replica.is_running_and_ready()) return {true, std::nullopt};  // SS-7.5
    if (!is_available(replica, pass.min_ready_seconds, pass.now))      // SS-7.6
      return {true, std::nullopt};
  }
  // SS-7.7: a consistent pod costs no write; repairs go through SS-9.
  if (identity_matches(pass.set, replica) && storage_matches(pass.set, replica) &&
      pass.control.claims_match_policy(replica))
    return {};
  if (auto error = pass.control.update_pod(replica)) return {true, error};
  return {};
}

}  // namespace ordinal::controller
