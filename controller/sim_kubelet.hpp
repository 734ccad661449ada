#pragma once
// The simulated kubelet and scheduler of `serve --runtime sim`: it places pods on the one
// simulated node once their claims are bound, gives each pod object an address from
// --pod-cidr, moves it Pending -> Running+Ready after --sim-ready-after, and finishes graceful
// deletion when the simulated containers have stopped. What users can change through
// annotations and the `ordinal sim` verbs is in sim_contract.hpp.
//
// Only pods are written (and the selected-node annotation of WaitForFirstConsumer claims);
// every pass re-reads them, so a restarted server carries on from the stored state. The only
// memory kept is per pod uid: when it started (to be woken on time) and which events were
// already recorded (FailedScheduling once per reason, Killing once).
//
// Thread-safety: as for every Reconciler; syncs of different pods may overlap
// (max_concurrent_syncs), so the memory above is guarded by a mutex, never held across a write.
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "controller/event_recorder.hpp"
#include "controller/node_placement.hpp"
#include "controller/object_manager.hpp"
#include "controller/pod_address_book.hpp"
#include "controller/pod_ip_allocator.hpp"
#include "controller/reconciler.hpp"
#include "controller/sim_contract.hpp"
#include "identity/pod.hpp"

namespace ordinal::controller {

struct SimKubeletOptions {
  std::string node_name = std::string(kSimNodeName);
  std::string pod_cidr = "10.244.0.0/16";
  /// From placement to Running+Ready, unless the pod's kSimReadyAfterAnnotation says otherwise.
  std::chrono::milliseconds ready_after{1000};
};

class SimKubelet final : public Reconciler {
 public:
  /// `objects` and `events` must outlive the kubelet. Throws std::invalid_argument naming the
  /// CIDR when options.pod_cidr is malformed or too small.
  SimKubelet(ObjectManager& objects, EventRecorder& events, SimKubeletOptions options = {});

  [[nodiscard]] std::string_view name() const override { return "sim-kubelet"; }
  /// Pod and PersistentVolumeClaim.
  [[nodiscard]] std::vector<std::string> watched_kinds() const override;
  /// Pod: its own key "<ns>/<name>" (a deleted pod's memory is dropped instead). Claim: every
  /// Pending pod of its namespace that mounts it, since binding is what they wait for.
  void on_change(const identity::WatchEvent& event, KeySink& keys) override;
  /// One pass over pod `key` ("<ns>/<name>"); see the file comment. Asks to be woken when the
  /// pod becomes ready or its containers stop; fails (retried with backoff) on a failed write
  /// or when the address range is exhausted.
  SyncOutcome sync(const std::string& key, TimePoint now) override;
  /// Pods are independent: up to kConcurrentSyncs at once, so their writes share disk syncs.
  [[nodiscard]] std::size_t max_concurrent_syncs() const override { return kConcurrentSyncs; }
  static constexpr std::size_t kConcurrentSyncs = 32;

 private:
  // The steps of a pass. Those returning an optional go on to the next step with `pod` as
  // stored by their write when they return nullopt, and end the pass otherwise.
  std::optional<SyncOutcome> start(identity::Pod& pod, TimePoint now);
  SyncOutcome become_ready(identity::Pod& pod, TimePoint now);
  SyncOutcome terminate(const identity::Pod& pod, TimePoint now);
  SyncOutcome report_unreachable(identity::Pod pod, TimePoint now);
  std::optional<ApiError> restore_readiness(identity::Pod& pod, TimePoint now);
  /// The duration in annotation `name` of `pod`, or `fallback` (with a Warning event once per
  /// pod and annotation) when it is absent or malformed.
  std::chrono::milliseconds annotation_duration(const identity::Pod& pod, std::string_view name,
                                                std::chrono::milliseconds fallback, TimePoint now);
  void record_once(const identity::Pod& pod, std::string_view type, std::string_view reason,
                   const std::string& message, TimePoint now);
  void forget(const std::string& uid);

  ObjectManager& objects_;
  EventRecorder& events_;
  SimKubeletOptions options_;
  std::mutex mu_;  ///< guards the members below
  PodIpAllocator addresses_;
  PodAddressBook book_;  ///< who holds which address, from the pod watch and our own writes
  NodePlacement placement_;
  std::map<std::string, TimePoint> started_;           ///< pod uid -> when its start was written
  std::map<std::string, std::set<std::string>> told_;  ///< pod uid -> events already recorded
};

}  // namespace ordinal::controller
