#include "controller/control_plane.hpp"

#include "controller/endpoint_slice_controller.hpp"
#include "controller/event_expiry.hpp"
#include "controller/garbage_collector.hpp"
#include "controller/sim_kubelet.hpp"
#include "controller/stateful_set_controller.hpp"
#include "controller/volume_binder.hpp"

namespace ordinal::controller {

ControlPlane::ControlPlane(identity::Registry& registry, ControlPlaneOptions options)
    : objects_(registry), manager_(registry) {
  auto recorder = [this](const char* component) -> EventRecorder& {
    recorders_.push_back(std::make_unique<EventRecorder>(objects_, component));
    return *recorders_.back();
  };
  SimKubeletOptions kubelet;
  kubelet.pod_cidr = options.pod_cidr;
  kubelet.ready_after = options.sim_ready_after;
  manager_.add(std::make_unique<StatefulSetController>(objects_));
  manager_.add(std::make_unique<VolumeBinder>(objects_, recorder("persistentvolume-controller"),
                                              options.volumes_root));
  manager_.add(std::make_unique<SimKubelet>(objects_, recorder("kubelet"), kubelet));
  manager_.add(std::make_unique<EndpointSliceController>(objects_));
  manager_.add(
      std::make_unique<GarbageCollector>(objects_, recorder("garbage-collector-controller")));
  manager_.add(std::make_unique<EventExpiry>(objects_));
}

ControlPlane::~ControlPlane() {
  stop();
}

void ControlPlane::start() {
  manager_.start();
}

void ControlPlane::stop() {
  manager_.stop();
}

}  // namespace ordinal::controller
