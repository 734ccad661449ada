#pragma once
// Which Services' slices list which pods, kept from the EndpointSlice controller's watch of
// the slices it manages, so that a pod change finds the Services listing it with one lookup
// instead of reading and parsing every slice of its namespace.
//
// Fed by every EndpointSlice event (the watch sends every stored slice as Added first); a
// slice not managed by the EndpointSlice controller lists nothing here. Recording the same
// slice twice, or an older version after a newer one, only keeps a pod's Service keyed a
// little longer, which costs one pass that writes nothing.
//
// Thread-safety: none; used from the controller manager's one thread.
#include <cstddef>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "controller/reconciler.hpp"
#include "identity/json.hpp"

namespace ordinal::controller {

class EndpointSliceMembers {
 public:
  /// Records `slice` (a stored EndpointSlice) as it is now.
  void observe(const identity::Json& slice);
  /// The slice was deleted.
  void forget(const identity::Json& slice);
  /// Adds the key "<ns>/<service>" of every Service one of whose managed slices lists the pod
  /// `ns`/`pod` (endpoints[].targetRef.name).
  void services_listing(const std::string& ns, const std::string& pod, KeySink& keys) const;
  /// Whether a managed slice of Service `ns`/`service` has been recorded and not forgotten.
  [[nodiscard]] bool has_slices(const std::string& ns, const std::string& service) const;
  /// Slices recorded (for tests).
  [[nodiscard]] std::size_t size() const { return slices_.size(); }

 private:
  struct Listing {
    std::string service_key;        ///< "<ns>/<service>"
    std::vector<std::string> pods;  ///< "<ns>/<pod>" of each endpoint with a targetRef
  };
  void remove(const std::string& slice_key);

  std::unordered_map<std::string, Listing> slices_;  ///< "<ns>/<slice>" -> what it lists
  /// "<ns>/<pod>" -> service key -> how many of that Service's slices list the pod.
  std::unordered_map<std::string, std::map<std::string, int>> services_of_pod_;
  /// Service key -> how many managed slices it has.
  std::unordered_map<std::string, int> slices_of_service_;
};

}  // namespace ordinal::controller
