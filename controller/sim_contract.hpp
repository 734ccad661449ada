#pragma once
// The simulated kubelet's contract with users and with the `ordinal sim` verbs (cli.md): the
// annotations it reads and what each verb writes through the API. The verbs only write pod
// objects, as a kubelet's status reports would, so they work against any `ordinal serve`.
//
//   ordinal sim ready pod/P true|false  writes status: the `Ready` and `ContainersReady`
//                                       conditions (lastTransitionTime = now when it changes)
//                                       and containerStatuses[].ready. The kubelet never changes
//                                       readiness of a Running pod by itself.
//   ordinal sim fail pod/P              writes status: phase Failed, Ready/ContainersReady False
//                                       (reason PodFailed), each container terminated with
//                                       exitCode 1, reason Error. The kubelet leaves Failed pods
//                                       alone; the StatefulSet controller replaces them (SS-7.1).
//   ordinal sim unreachable pod/P       sets kUnreachableAnnotation to "true"; the kubelet then
//                                       reports Ready=Unknown and stops acting on the pod: it is
//                                       never finished terminating (SS-10.4) until reachable
//                                       again or force-deleted (--force --grace-period=0).
//   ordinal sim reachable pod/P         removes kUnreachableAnnotation.
#include <string_view>

namespace ordinal::controller {

/// Pod (or pod-template) annotation: how long this pod takes from placement to Running+Ready,
/// a duration like "500ms", "2s", "1m"; overrides `serve --sim-ready-after`.
inline constexpr std::string_view kSimReadyAfterAnnotation = "sim.ordinal.dev/ready-after";
/// Pod (or pod-template) annotation: how long the simulated containers take to exit after
/// SIGTERM; the pod is removed then, or at its deletion deadline if that comes first
/// (terminationGracePeriodSeconds). Unset: as long as they took to start (ready-after).
inline constexpr std::string_view kSimStopAfterAnnotation = "sim.ordinal.dev/stop-after";
/// Pod annotation set by `ordinal sim unreachable`: the node of this pod stopped reporting.
inline constexpr std::string_view kUnreachableAnnotation = "sim.ordinal.dev/unreachable";
/// The one node of the simulated runtime (spec.nodeName of every placed pod).
inline constexpr std::string_view kSimNodeName = "sim-node";

}  // namespace ordinal::controller
