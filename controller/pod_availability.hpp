#pragma once
// Health and availability of a StatefulSet's pods (statefulset.md §0, SS-7.6, 16.7): pure
// functions of a pod, `minReadySeconds` and the time of the pass. Safe from any thread.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

#include "controller/reconciler.hpp"
#include "identity/metadata.hpp"
#include "identity/pod.hpp"

namespace ordinal::controller {

using identity::parse_timestamp;

/// Running+Ready and not terminating ("healthy" of §0).
[[nodiscard]] bool is_healthy(const identity::Pod& pod);

/// Running+Ready, and the Ready condition turned true at least `min_ready_seconds` before `now`
/// ("available" of §0). With `min_ready_seconds <= 0` this is Running+Ready; a Ready
/// condition without a readable lastTransitionTime is never available when it is > 0.
[[nodiscard]] bool is_available(const identity::Pod& pod, std::int32_t min_ready_seconds,
                                TimePoint now);

/// Not (healthy and available): terminating, not created, not Running+Ready, or Ready for
/// less than `min_ready_seconds` ("unavailable" of §0, SS-6.7).
[[nodiscard]] bool is_unavailable(const identity::Pod& pod, std::int32_t min_ready_seconds,
                                  TimePoint now);

/// How long until a Running+Ready pod that is not available yet becomes available (SS-5.5);
/// nullopt when that will not happen by the passing of time alone (already available, not
/// ready, or `min_ready_seconds <= 0`).
[[nodiscard]] std::optional<std::chrono::milliseconds> time_until_available(
    const identity::Pod& pod, std::int32_t min_ready_seconds, TimePoint now);

}  // namespace ordinal::controller
