#pragma once
// What a Service's EndpointSlices should contain, as Kubernetes' EndpointSlice controller
// computes it (dns.md §2.3, SS-3.6): pure functions of the Service and the pods of its
// namespace, safe from any thread. Reading and writing the registry is the controller's job
// (endpoint_slice_controller.hpp).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "identity/json.hpp"
#include "identity/pod.hpp"
#include "identity/service.hpp"
#include "identity/service_readiness.hpp"

namespace ordinal::controller {

/// Label naming the controller that manages a slice; slices without our value are never touched.
inline constexpr std::string_view kManagedByLabel = "endpointslice.kubernetes.io/managed-by";
/// Our value of kManagedByLabel (Kubernetes' own controller's name, which clients filter on).
inline constexpr std::string_view kEndpointSliceControllerName = "endpointslice-controller.k8s.io";
/// Label Kubernetes puts on the slices of a headless Service (value "").
inline constexpr std::string_view kHeadlessLabel = "service.kubernetes.io/headless";
using identity::kTolerateUnreadyAnnotation;
/// Kubernetes' default `--max-endpoints-per-slice`.
inline constexpr std::size_t kMaxEndpointsPerSlice = 100;

/// The content of one slice: everything the controller owns except its name.
struct DesiredSlice {
  std::string address_type;                            ///< "IPv4" or "IPv6"
  identity::Json endpoints = identity::Json::array();  ///< `endpoints[]`, sorted by pod name
  identity::Json ports = identity::Json::array();      ///< `ports[]`, in Service port order

  friend bool operator==(const DesiredSlice&, const DesiredSlice&) = default;
};

/// Whether this controller publishes slices for `service`: it has a non-empty selector and is
/// not of type ExternalName (those get no endpoints, as in Kubernetes).
[[nodiscard]] bool publishes_endpoints(const identity::Service& service);

/// `service`'s selector matches `pod`'s labels and both are in the same namespace. A Service
/// without selector selects nothing.
[[nodiscard]] bool selects(const identity::Service& service, const identity::Pod& pod);

/// The slices `service` should have given `pods` (any pods; those it does not select are
/// ignored). Pods without an IP and pods in phase Failed or Succeeded are left out; terminating
/// pods stay (terminating: true). Endpoints with the same address type and resolved ports share
/// slices of at most kMaxEndpointsPerSlice, sorted by pod name. With no endpoint at all the
/// answer is one empty IPv4 slice, Kubernetes' placeholder. Deterministic for equal inputs.
[[nodiscard]] std::vector<DesiredSlice> desired_slices(const identity::Service& service,
                                                       const std::vector<identity::PodPtr>& pods);

/// `slice` (an existing EndpointSlice, or `{}` for a new one) with `desired`'s content and the
/// metadata the controller owns written over it: namespace, labels (the Service's plus
/// kubernetes.io/service-name, managed-by and, when headless, the headless label) and the
/// Service as controller owner. A new slice gets `generateName: <service>-`. Comparing the
/// result with `slice` tells whether a write is needed.
[[nodiscard]] identity::Json apply_desired(identity::Json slice, const identity::Service& service,
                                           const DesiredSlice& desired);

}  // namespace ordinal::controller
