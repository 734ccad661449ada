#pragma once
// Everything `ordinal serve` runs beside the API and DNS: the StatefulSet controller, the volume
// binder with its local provisioner, the kubelet of the chosen runtime (simulated or local
// processes), the EndpointSlice controller, the
// garbage collector and event expiry, on one ControllerManager thread over the registry.
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "controller/controller_manager.hpp"
#include "controller/event_recorder.hpp"
#include "controller/parsed_objects.hpp"
#include "controller/registry_object_manager.hpp"

namespace ordinal::controller {

struct ControlPlaneOptions {
  /// Where the local provisioner makes one directory per dynamically provisioned volume.
  std::filesystem::path volumes_root;
  /// Pod addresses of the simulated kubelet (`serve --pod-cidr`).
  std::string pod_cidr = "10.244.0.0/16";
  /// Placement to Running+Ready in the simulated kubelet (`serve --sim-ready-after`).
  std::chrono::milliseconds sim_ready_after{1000};
  /// "sim": the simulated kubelet; "process": pods run as local processes (process_kubelet.hpp).
  std::string runtime = "sim";
  /// process: per-pod files and container logs (`<data dir>/pods`).
  std::filesystem::path pods_root;
  /// process: the nameserver address written into the pods' resolv.conf (a DNS listener on
  /// port 53 there is the caller's business) and the cluster domain of their search path.
  std::string pod_dns_address = "127.1.0.1";
  std::string domain = "cluster.local";
};

class ControlPlane {
 public:
  /// `registry` must outlive the control plane. Throws std::invalid_argument on a bad option
  /// (e.g. a malformed --pod-cidr).
  ControlPlane(identity::Registry& registry, ControlPlaneOptions options);
  ~ControlPlane();
  ControlPlane(const ControlPlane&) = delete;
  ControlPlane& operator=(const ControlPlane&) = delete;

  /// Starts the reconcilers; every stored object is looked at once, so work interrupted by a
  /// crash resumes from the stored state.
  void start();
  /// Finishes the sync in progress and stops. Idempotent.
  void stop();
  [[nodiscard]] std::vector<ReconcilerStats> stats() const { return manager_.stats(); }

 private:
  RegistryObjectManager objects_;
  PodCache pods_;  ///< shared by the controllers that read every pod of a namespace
  std::vector<std::unique_ptr<EventRecorder>> recorders_;
  ControllerManager manager_;
};

}  // namespace ordinal::controller
