#include "controller/control_plane.hpp"

#include <stdexcept>

#include "controller/endpoint_slice_controller.hpp"
#include "controller/event_expiry.hpp"
#include "controller/garbage_collector.hpp"
#include "controller/process_kubelet.hpp"
#include "controller/process_spawn.hpp"
#include "controller/sim_kubelet.hpp"
#include "controller/stateful_set_controller.hpp"
#include "controller/volume_binder.hpp"

namespace ordinal::controller {
namespace {

std::unique_ptr<Reconciler> make_kubelet(ObjectManager& objects, EventRecorder& events,
                                         const ControlPlaneOptions& options) {
  if (options.runtime == "process") {
    ProcessKubeletOptions kubelet;
    kubelet.pod_cidr = options.pod_cidr;
    kubelet.dns_address = options.pod_dns_address;
    kubelet.launch.pods_root = options.pods_root;
    kubelet.launch.zone = options.domain;
    kubelet.launch.private_namespaces = private_namespaces_available();
    // `ordinal` itself is on every pod's PATH, so containers can run `ordinal peers`.
    std::error_code ec;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", ec).parent_path();
    if (!ec) kubelet.launch.default_path = self.string() + ":" + kubelet.launch.default_path;
    return std::make_unique<ProcessKubelet>(objects, events, std::move(kubelet));
  }
  if (options.runtime != "sim")
    throw std::invalid_argument("runtime \"" + options.runtime + "\": expected sim or process");
  SimKubeletOptions kubelet;
  kubelet.pod_cidr = options.pod_cidr;
  kubelet.ready_after = options.sim_ready_after;
  return std::make_unique<SimKubelet>(objects, events, std::move(kubelet));
}

}  // namespace

ControlPlane::ControlPlane(identity::Registry& registry, ControlPlaneOptions options)
    : objects_(registry), manager_(registry) {
  // Deferred: the events of a round are written together after it (EventRecorder::flush).
  auto recorder = [this](const char* component) -> EventRecorder& {
    recorders_.push_back(std::make_unique<EventRecorder>(objects_, component, true));
    return *recorders_.back();
  };
  manager_.add(
      std::make_unique<StatefulSetController>(objects_, recorder("statefulset-controller"), pods_));
  manager_.add(std::make_unique<VolumeBinder>(objects_, recorder("persistentvolume-controller"),
                                              options.volumes_root));
  manager_.add(make_kubelet(objects_, recorder("kubelet"), options));
  manager_.add(std::make_unique<EndpointSliceController>(objects_, pods_));
  manager_.add(
      std::make_unique<GarbageCollector>(objects_, recorder("garbage-collector-controller")));
  manager_.add(std::make_unique<EventExpiry>(objects_));
  manager_.after_round([this] {
    for (const auto& events : recorders_) events->flush();
  });
}

ControlPlane::~ControlPlane() {
  stop();
}

void ControlPlane::start() {
  manager_.start();
}

void ControlPlane::stop() {
  manager_.stop();
  for (const auto& events : recorders_) events->flush();
}

}  // namespace ordinal::controller
