#include "controller/pod_availability.hpp"

#include <charconv>
#include <string>

#include "identity/metadata.hpp"

namespace ordinal::controller {
namespace {

std::optional<TimePoint> ready_since(const identity::Pod& pod) {
  const identity::Condition* ready = pod.ready_condition();
  if (ready == nullptr) return std::nullopt;
  return identity::parse_timestamp(ready->last_transition_time);
}

}  // namespace

bool is_healthy(const identity::Pod& pod) {
  return pod.is_running_and_ready() && !pod.is_terminating();
}

bool is_available(const identity::Pod& pod, std::int32_t min_ready_seconds, TimePoint now) {
  if (!pod.is_running_and_ready()) return false;
  if (min_ready_seconds <= 0) return true;
  const auto since = ready_since(pod);
  return since && *since + std::chrono::seconds(min_ready_seconds) <= now;
}

bool is_unavailable(const identity::Pod& pod, std::int32_t min_ready_seconds, TimePoint now) {
  return !is_healthy(pod) || !is_available(pod, min_ready_seconds, now);
}

std::optional<std::chrono::milliseconds> time_until_available(const identity::Pod& pod,
                                                              std::int32_t min_ready_seconds,
                                                              TimePoint now) {
  if (min_ready_seconds <= 0 || !pod.is_running_and_ready()) return std::nullopt;
  const auto since = ready_since(pod);
  if (!since) return std::nullopt;
  const TimePoint at = *since + std::chrono::seconds(min_ready_seconds);
  if (at <= now) return std::nullopt;
  return std::chrono::ceil<std::chrono::milliseconds>(at - now);
}

}  // namespace ordinal::controller
