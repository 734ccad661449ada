#pragma once
// Putting a pending pod on a kubelet's one node, shared by both runtimes (sim_kubelet.hpp,
// process_kubelet.hpp): what kube-scheduler's volume-binding filter and bind step would do.
// The verdict comes from decide_placement (sim_scheduling.hpp); this acts on it through the
// API: PodScheduled False with a FailedScheduling event, the selected-node annotation on
// WaitForFirstConsumer claims (SS-15.6), or spec.nodeName, PodScheduled True and a Scheduled
// event. Same threading as the kubelet that owns it.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "controller/event_recorder.hpp"
#include "controller/object_manager.hpp"
#include "controller/reconciler.hpp"
#include "identity/pod.hpp"

namespace ordinal::controller {

class NodePlacement {
 public:
  /// Records a Warning once per pod and reason (the kubelet's own memory of what it told).
  using RecordOnce =
      std::function<void(const identity::Pod& pod, std::string_view type, std::string_view reason,
                         const std::string& message, TimePoint now)>;

  /// `objects` and `events` must outlive the placement.
  NodePlacement(ObjectManager& objects, EventRecorder& events, std::string node,
                RecordOnce record_once);

  /// nullopt when `pod` is on the node now (as stored, so the pass goes on with it); otherwise
  /// the outcome that ends this pass: unschedulable, or waiting for its claims' volumes. The
  /// PodScheduled condition is set on `pod`, and written only with `write_status`: a caller
  /// about to write the pod's status anyway saves a disk sync per pod by leaving it to that.
  std::optional<SyncOutcome> schedule(identity::Pod& pod, TimePoint now, bool write_status = true);
  /// Adds the key of every pending pod in `claim`'s namespace that mounts it: binding is what
  /// such pods wait for.
  void wake_pods_using(const Json& claim, KeySink& keys);

 private:
  SyncOutcome report_unschedulable(identity::Pod& pod, const std::string& message, TimePoint now);
  SyncOutcome select_node(const std::vector<std::string>& claims, const std::string& ns);

  ObjectManager& objects_;
  EventRecorder& events_;
  std::string node_;
  RecordOnce record_once_;
};

/// What a kubelet writes once the pod's sandbox has `address` on this machine: phase Pending,
/// the pod and host addresses, the start time and Initialized.
void record_sandbox(identity::Pod& pod, const std::string& address, const std::string& stamp);

/// Reads the pod named by `key` ("<ns>/<name>") into `pod`. nullopt when it was read;
/// otherwise the outcome that ends the pass: done for a malformed key or a pod that is gone,
/// failed (retried) when the read failed.
std::optional<SyncOutcome> read_pod(ObjectManager& objects, const std::string& key,
                                    identity::Pod& pod);
/// The `ordinal sim unreachable` mark (sim_contract.hpp): present and not switched off.
bool marked_unreachable(const identity::Pod& pod);

/// Phase empty or Pending.
bool is_pending(const identity::Pod& pod);
/// Writes `pod` (its spec or its status) and replaces it with what was stored.
std::optional<ApiError> write_pod(ObjectManager& objects, identity::Pod& pod,
                                  identity::UpdateScope scope);

}  // namespace ordinal::controller
