#pragma once
// Parsed pods, kept per stored version. A reconcile pass looks at every pod of its namespace,
// and parsing each one anew (a deep copy of its JSON) made every pass cost O(pods) parses
// even when a single pod had changed. Stored objects are immutable and a write stores a new
// one, so a pod whose stored object is the same pointer as last time parses to the same Pod:
// the cache keeps the object beside its parsed form, found by the object's address (a sound
// key: the entry holds the object, so its address cannot be reused while the entry lives).
//
// One cache serves every controller that reads pods, so a pod is parsed once per version
// however many controllers look at it; the cost is one parsed copy of each pod in memory.
//
// Thread-safety: none; used from the controller manager's one thread.
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "controller/object_manager.hpp"
#include "identity/pod.hpp"

namespace ordinal::controller {

using identity::PodPtr;

class PodCache {
 public:
  /// Every pod of `ns` as `objects` lists it now (name order), parsed. Pods of `ns` no longer
  /// listed are forgotten.
  [[nodiscard]] std::vector<PodPtr> list(const ObjectManager& objects, const std::string& ns);
  /// Pods held (for tests).
  [[nodiscard]] std::size_t size() const;

 private:
  struct Entry {
    ObjectPtr object;  ///< the stored version `pod` was parsed from
    PodPtr pod;
  };
  using Entries = std::unordered_map<const identity::Json*, Entry>;  ///< by object.get()

  std::map<std::string, Entries, std::less<>> namespaces_;
};

}  // namespace ordinal::controller
