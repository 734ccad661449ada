#pragma once
// The EndpointSlice controller: keeps the slices of every Service with a selector equal to what
// endpoint_slice_builder.hpp computes from the Service and its pods, as Kubernetes'
// EndpointSlice controller does. The DNS zone is built from these slices (dns.md §2.3, SS-3.6).
//
// Key: "<namespace>/<service name>". A pass reads the Service, its pods and the slices it
// manages (label endpointslice.kubernetes.io/managed-by=endpointslice-controller.k8s.io),
// then creates missing slices, updates changed ones in place (names are kept) and deletes
// those no longer needed — all of them when the Service is gone, has no selector or is of type
// ExternalName. Slices managed by anyone else are never touched. A pass with nothing to change
// writes nothing.
//
// Thread-safety: as Reconciler (one caller at a time). Between passes it keeps only an index of
// which pods its slices list (endpoint_slice_members.hpp), from the watch and its own writes.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "controller/endpoint_slice_members.hpp"
#include "controller/object_manager.hpp"
#include "controller/parsed_objects.hpp"
#include "controller/reconciler.hpp"
#include "identity/service.hpp"

namespace ordinal::controller {

struct SlicePlan;

class EndpointSliceController final : public Reconciler {
 public:
  /// `objects` must outlive the controller.
  explicit EndpointSliceController(ObjectManager& objects)
      : objects_(objects), own_pods_(std::make_unique<PodCache>()), pods_(*own_pods_) {}
  /// The same, reading pods through `pods` (which must outlive the controller and may be
  /// shared with other controllers of the same manager).
  EndpointSliceController(ObjectManager& objects, PodCache& pods)
      : objects_(objects), pods_(pods) {}

  [[nodiscard]] std::string_view name() const override { return "endpointslice"; }
  /// Service, Pod and EndpointSlice.
  [[nodiscard]] std::vector<std::string> watched_kinds() const override;
  /// Service: its key. Pod: when it has an address, every Service of its namespace whose
  /// selector matches its labels; and every Service whose slices list it (its labels may have
  /// stopped matching, or its address gone).
  /// EndpointSlice managed by us: the key of its kubernetes.io/service-name label, so an edit
  /// by someone else is repaired. Reads, never writes.
  void on_change(const identity::WatchEvent& event, KeySink& keys) override;
  /// Reconciles the slices of one Service. Failed writes make the pass fail (retried with
  /// backoff) after the other writes were tried; a slice already gone counts as deleted.
  SyncOutcome sync(const std::string& key, TimePoint now) override;

 private:
  /// The slices we manage for Service `ns`/`service`.
  [[nodiscard]] std::vector<ObjectPtr> managed_slices(const std::string& ns,
                                                      const std::string& service) const;
  void add_services_selecting(const identity::Json& pod, KeySink& keys);
  /// Writes `plan` (creates, then updates, then deletes) and records what was written.
  std::optional<ApiError> execute(SlicePlan plan);

  ObjectManager& objects_;
  std::unique_ptr<PodCache> own_pods_;  ///< when no cache was given
  PodCache& pods_;
  /// Every pod event reads the Services of its namespace; parsing them each time made the
  /// watch's initial replay cost pods x Services parses (10,000 pods: most of a restart).
  ParsedObjects<identity::Service> services_;
  EndpointSliceMembers members_;
};

}  // namespace ordinal::controller
