#pragma once
// The invariants every pass of the StatefulSet controller must keep, as
// stateful_set_control_test.go checks them after each step: OrderedReady creates one pod per
// pass above Running+Ready, available predecessors (SS-7.9) and scales down one pod at a time
// from the top (SS-8.4); update deletions stay within maxUnavailable (SS-11.3, SS-11.12); a
// name is never held by two objects (SS-10.1); new pods have their identity and storage
// (SS-3.5, SS-4.4); the status counters describe the pods the pass saw (SS-13.1).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "controller/naming.hpp"
#include "controller/owner_reference.hpp"
#include "controller/pod_availability.hpp"
#include "controller/pod_identity.hpp"
#include "controller/reconciler.hpp"
#include "identity/int_or_string.hpp"
#include "identity/pod.hpp"
#include "identity/stateful_set.hpp"

namespace ordinal::controller::testing {

using identity::Pod;
using identity::StatefulSet;

/// Checks, with GoogleTest expectations, what one pass may have done: `s` and `before` are the
/// set and its namespace's pods before the pass, `after` and `after_set` the same afterwards,
/// `at` the pass's time.
inline void check_pass_invariants(const StatefulSet& s, const std::vector<Pod>& before,
                                  const std::vector<Pod>& after, const StatefulSet& after_set,
                                  TimePoint at) {
  const std::int32_t min_ready = s.spec.min_ready_seconds.value_or(0);
  std::map<std::string, const Pod*> old;
  for (const Pod& pod : before) old[pod.metadata.name] = &pod;
  std::vector<std::int32_t> created;
  std::vector<std::int32_t> deleted;
  for (const Pod& pod : after) {
    const auto it = old.find(pod.metadata.name);
    // SS-10.1/10.2: a name is reused only after the old object is gone.
    if (it == old.end()) {
      created.push_back(parse_ordinal(pod.metadata.name));
      EXPECT_TRUE(identity_matches(s, pod)) << pod.metadata.name;  // SS-3.5
      EXPECT_TRUE(storage_matches(s, pod)) << pod.metadata.name;   // SS-4.4
    } else
      EXPECT_EQ(it->second->metadata.uid, pod.metadata.uid) << pod.metadata.name;
    if (pod.is_terminating() && (it == old.end() || !it->second->is_terminating()))
      deleted.push_back(parse_ordinal(pod.metadata.name));
  }
  for (const Pod& pod : before) {
    const bool gone = std::none_of(after.begin(), after.end(), [&pod](const Pod& p) {
      return p.metadata.name == pod.metadata.name;
    });
    if (gone && !pod.is_terminating()) deleted.push_back(parse_ordinal(pod.metadata.name));
  }
  if (!s.is_parallel() && !s.metadata.is_terminating()) {
    // SS-7.9: one creation per pass, only above Running+Ready, available predecessors.
    EXPECT_LE(created.size(), 1U) << "pods created in one OrderedReady pass";
    for (std::int32_t ordinal : created)
      for (std::int32_t below = s.start_ordinal(); below < ordinal; ++below) {
        const auto it = old.find(pod_name(s, below));
        EXPECT_TRUE(it != old.end() && is_healthy(*it->second) &&
                    is_available(*it->second, min_ready, at))
            << "web-" << ordinal << " created while web-" << below << " is not ready";
      }
    // SS-8.4: at most one scale-down deletion per pass, the highest non-terminating condemned
    // pod; update deletions stay within maxUnavailable (SS-11.3, SS-11.12).
    const auto& rolling = s.spec.update_strategy.rolling_update;
    const auto budget = identity::resolve_max_unavailable(
        rolling ? rolling->max_unavailable : std::nullopt, s.desired_replicas());
    const auto scale_downs = std::count_if(deleted.begin(), deleted.end(),
                                           [&s](std::int32_t o) { return !in_range(s, o); });
    EXPECT_LE(scale_downs, 1) << "scale-down deletions in one OrderedReady pass";
    EXPECT_LE(static_cast<std::int32_t>(deleted.size() - static_cast<std::size_t>(scale_downs)),
              std::max(1, budget.value_or(1)))
        << "update deletions in one pass";
    for (std::int32_t ordinal : deleted) {
      if (in_range(s, ordinal)) continue;
      for (const Pod& pod : before) {
        const std::int32_t other = parse_ordinal(pod.metadata.name);
        if (!in_range(s, other)) {
          EXPECT_LE(other, ordinal) << "scale-down skipped web-" << other;
          if (other != ordinal) {
            EXPECT_FALSE(pod.is_terminating()) << "two condemned at once";
          }
        }
      }
    }
  }
  if (s.metadata.is_terminating()) {
    EXPECT_TRUE(created.empty() && deleted.empty()) << "SS-6.8";
  }
  // SS-13.1: the counters describe the pods as the pass saw them.
  const StatefulSet& now_set = after_set;
  std::int32_t replicas = 0, ready = 0, available = 0;
  // The pass counts the pods it claimed: owned afterwards (adopted ones too), or owned and
  // deleted by it.
  std::set<std::string> owned_after;
  for (const Pod& pod : after)
    if (has_owner(pod.metadata, s.metadata.uid)) owned_after.insert(pod.metadata.uid);
  for (const Pod& pod : before) {
    const bool gone = std::none_of(after.begin(), after.end(), [&pod](const Pod& p) {
      return p.metadata.uid == pod.metadata.uid;
    });
    const bool counted =
        owned_after.contains(pod.metadata.uid) || (gone && has_owner(pod.metadata, s.metadata.uid));
    if (!counted || parse_ordinal(pod.metadata.name) < 0) continue;
    if (pod.is_created()) ++replicas;
    if (pod.is_running_and_ready()) ++ready;
    if (pod.is_running_and_ready() && is_available(pod, min_ready, at)) ++available;
  }
  EXPECT_EQ(now_set.status.replicas.value_or(0), replicas) << "status.replicas";
  EXPECT_EQ(now_set.status.ready_replicas.value_or(0), ready) << "status.readyReplicas";
  EXPECT_EQ(now_set.status.available_replicas.value_or(0), available) << "status.availableReplicas";
  EXPECT_LE(now_set.status.updated_replicas.value_or(0), replicas);
  EXPECT_LE(now_set.status.current_replicas.value_or(0), replicas);
}

}  // namespace ordinal::controller::testing
