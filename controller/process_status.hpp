#pragma once
// The pod status the process runtime reports: phase, Ready/ContainersReady and one
// containerStatus per container, computed from what the runtime saw (process_pod.hpp) as the
// kubelet computes it. A pure function, so repeated passes over an unchanged pod write nothing.
#include <string>
#include <vector>

#include "controller/process_pod.hpp"
#include "identity/pod.hpp"

namespace ordinal::controller {

/// The URI scheme of containerID and imageID in this runtime.
inline constexpr std::string_view kProcessScheme = "process://";

/// Writes into `pod.status`: phase (Pending until every container has started once; Running
/// while any runs or will restart; Succeeded/Failed once all have terminated for good),
/// containerStatuses, and the ContainersReady and Ready conditions (`stamp` is the transition
/// time when one changes).
void apply_runtime_status(identity::Pod& pod, const std::vector<ContainerSnapshot>& containers,
                          const std::string& stamp);

}  // namespace ordinal::controller
