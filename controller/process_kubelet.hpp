#pragma once
// The kubelet of `serve --runtime process`: pods run as local processes on this machine. It
// places pods once their claims are bound (as the simulated kubelet does), gives each an address
// from its pod range (127.1.0.0/16 by default, so every pod binds its own loopback address),
// starts its containers through ProcessPod (process_pod.hpp) with the files and mounts of
// process_launch.hpp, and writes the pod's status from what the processes do.
//
// `ordinal sim fail` (phase Failed written through the API) kills the pod's processes;
// `ordinal sim unreachable` makes the kubelet stop reporting (Ready=Unknown, nothing else),
// as in sim_contract.hpp. A deleted pod gets SIGTERM, then SIGKILL when its grace period ends,
// and is removed once its processes are gone.
//
// The processes live as long as the kubelet: destroying it stops them. After a server restart
// the stored pods' containers are started again (their restart counts go on).
//
// Thread-safety: as for every Reconciler, one caller at a time; ProcessPod threads run beside.
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "controller/event_recorder.hpp"
#include "controller/node_placement.hpp"
#include "controller/object_manager.hpp"
#include "controller/pod_address_book.hpp"
#include "controller/pod_ip_allocator.hpp"
#include "controller/process_launch.hpp"
#include "controller/process_pod.hpp"
#include "controller/reconciler.hpp"
#include "identity/pod.hpp"

namespace ordinal::controller {

/// The node name of every pod placed by the process kubelet.
inline constexpr std::string_view kProcessNodeName = "local-node";

struct ProcessKubeletOptions {
  std::string pod_cidr = "127.1.0.0/16";
  /// Never handed to a pod: the pods' nameserver lives there.
  std::string dns_address = "127.1.0.1";
  /// How often a pod with processes is looked at again to report what they did.
  std::chrono::milliseconds poll{250};
  LaunchSettings launch;  ///< launch.dns_address is set from dns_address
};

class ProcessKubelet final : public Reconciler {
 public:
  /// `objects` and `events` must outlive the kubelet. Throws std::invalid_argument naming the
  /// CIDR when options.pod_cidr is malformed or too small.
  ProcessKubelet(ObjectManager& objects, EventRecorder& events, ProcessKubeletOptions options);
  /// Stops every pod's processes (SIGTERM, SIGKILL after 2 s) before returning.
  ~ProcessKubelet() override;

  [[nodiscard]] std::string_view name() const override { return "process-kubelet"; }
  /// Pod and PersistentVolumeClaim.
  [[nodiscard]] std::vector<std::string> watched_kinds() const override;
  /// Pod: its own key. Claim: the Pending pods of its namespace that mount it.
  void on_change(const identity::WatchEvent& event, KeySink& keys) override;
  /// One pass over pod `key`; asks to be woken every `poll` while the pod has processes.
  SyncOutcome sync(const std::string& key, TimePoint now) override;

 private:
  std::optional<SyncOutcome> assign_address(identity::Pod& pod, TimePoint now);
  SyncOutcome report(identity::Pod& pod, TimePoint now);
  SyncOutcome terminate(const identity::Pod& pod, TimePoint now);
  SyncOutcome finish(const identity::Pod& pod);
  SyncOutcome report_unreachable(identity::Pod pod, TimePoint now);
  void record_events(const identity::Pod& pod, ProcessPod& runtime, TimePoint now);
  /// Removes the directory of a pod object that is gone (its logs and files), as the kubelet
  /// removes /var/log/pods/<ns>_<pod>_<uid>.
  void remove_files(const std::string& ns, const std::string& name, const std::string& uid) const;
  void record_once(const identity::Pod& pod, std::string_view type, std::string_view reason,
                   const std::string& message, TimePoint now);

  ObjectManager& objects_;
  EventRecorder& events_;
  ProcessKubeletOptions options_;
  PodIpAllocator addresses_;
  PodAddressBook book_;  ///< who holds which address, from the pod watch and our own writes
  NodePlacement placement_;
  std::map<std::string, std::unique_ptr<ProcessPod>> pods_;  ///< pod uid -> its processes
  std::map<std::string, std::set<std::string>> told_;        ///< pod uid -> events recorded
};

}  // namespace ordinal::controller
