#pragma once
// Keeps a snapshot current under changes to Namespaces, Services, EndpointSlices and Pods,
// recompiling only what a change touches (issue 4; model: Knot zone-update + adjust):
//   - a Service or one of its EndpointSlices: that Service's records, transfer block and PTRs;
//   - a Pod: its `<ip-dashed>.<ns>.pod` record, and the Services whose slices list it (the pod's
//     readiness is laid over theirs, endpoint_overlay.hpp; index pod -> slices -> Services);
//   - a StatefulSet: its governing Service (peer_records.hpp);
//   - a Namespace: its `<ns>.svc` and `<ns>.pod` names.
// publish() then re-renders the names whose records changed (and the names whose glue or CNAME
// chain reads them) and shares every other name with the previous snapshot. The result answers
// exactly as build_snapshot() over the same objects would.
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "zones/endpoint_overlay.hpp"
#include "zones/incremental_zone.hpp"
#include "zones/reverse_index.hpp"
#include "zones/transfer_index.hpp"
#include "zones/zone_config.hpp"
#include "zones/zone_inputs.hpp"
#include "zones/zone_snapshot.hpp"

namespace ordinal::zones {

/// Owned by one builder thread; not thread-safe. Snapshots it returns are immutable and safe
/// to publish to query threads. Objects are identified by (namespace, name); put_* adds or
/// replaces, remove_* of an unknown object does nothing. A put_* of what is already held changes
/// nothing and costs no recompile: most writes to these objects (a StatefulSet's status
/// counters, a pod's conditions other than Ready) touch no field DNS reads.
class ZoneUpdater {
 public:
  explicit ZoneUpdater(const ZoneConfig& config);

  void put_namespace(const std::string& name);
  void remove_namespace(const std::string& name);
  void put_service(ServiceInfo service);
  void remove_service(const std::string& ns, const std::string& name);
  void put_slice(SliceInfo slice);
  void remove_slice(const std::string& ns, const std::string& name);
  void put_pod(const PodInfo& pod);
  void remove_pod(const std::string& ns, const std::string& name);
  void put_set(SetInfo set);
  void remove_set(const std::string& ns, const std::string& name);
  /// Every object of `inputs` through its put_*: what a relist hands to a fresh updater.
  void put_all(ZoneInputs inputs);
  /// Pods seen deleted that a slice still lists (the overlay's memory); for tests.
  [[nodiscard]] std::vector<DeletedPod> deleted_pods() const { return pods_.deleted(); }

  /// Applies the changes since the last publish and returns the new snapshot with `serial`.
  /// Cost: the records of the Services touched and the names they change, plus one pointer
  /// per 128 to 256 Services or reverse names for the transfer lists.
  std::shared_ptr<const ZoneSnapshot> publish(std::uint32_t serial);

 private:
  using Key = std::pair<std::string, std::string>;  ///< (namespace, name)
  /// Reverse names whose PTR records changed, by owner (ReverseIndex::take_changes).
  using PtrChanges = std::map<std::string, std::vector<Record>>;

  /// Applies `changes` to the reverse zones and publishes them. Touches only the reverse
  /// zones' state, so it may run beside the forward zone's publish.
  std::vector<Zone> publish_reverse(PtrChanges changes, std::uint32_t serial);

  void compile_service(const Key& key);
  /// Marks the Services whose slices list pod (ns, name) for recompiling.
  void dirty_services_of_pod(const Key& pod);
  /// Removes a slice and its pod references, keeping deleted pods in memory.
  void drop_slice(const Key& key);
  /// Adds or drops the pod references of one slice.
  void index_pods(const SliceInfo& slice, bool add);
  /// Forgets the deleted pods `slice` listed that no slice lists any more.
  void forget_unlisted(const SliceInfo& slice);
  [[nodiscard]] std::vector<std::string> namespace_names(const std::string& ns) const;
  /// The StatefulSets naming the Service (ns, name) as their serviceName.
  [[nodiscard]] std::vector<const SetInfo*> sets_of(const Key& service) const;

  const ZoneConfig config_;
  const std::string zone_;  ///< absolute, lower case
  IncrementalZone forward_;
  std::vector<IncrementalZone> reverse_;  ///< in-addr.arpa., ip6.arpa. (when served)
  ReverseIndex ptrs_;

  std::map<Key, ServiceInfo> services_;
  std::map<Key, SliceInfo> slices_;
  std::map<Key, std::set<std::string>> slices_of_;  ///< (ns, service) -> slice names
  std::set<Key> dirty_;                             ///< Services to recompile
  PodIndex pods_;
  std::map<Key, std::set<std::string>> pod_slices_;  ///< (ns, pod) -> slices listing it
  std::map<Key, SetInfo> sets_;
  std::map<Key, std::set<std::string>> sets_of_;  ///< (ns, service) -> sets naming it

  BlockRun head_;  ///< NS and glue, first in the forward transfer
  TransferIndex<ReverseIndex::ServiceKey> service_transfer_;  ///< by (name, namespace)
  std::vector<BlockRun> reverse_heads_;                       ///< NS of each reverse zone
  std::vector<TransferIndex<std::string>> ptr_transfer_;      ///< per reverse zone, by owner
};

}  // namespace ordinal::zones
