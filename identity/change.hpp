#pragma once
// One applied write, as the registry records it for the store, the watch history and watchers.
#include <cstdint>
#include <map>

#include "identity/object_key.hpp"
#include "identity/watch.hpp"

namespace ordinal::identity {

/// The registry's objects by key; values are immutable and shared with readers.
using ObjectMap = std::map<ObjectKey, ObjectPtr>;

struct Change {
  ObjectKey key;
  WatchEvent::Type type = WatchEvent::Type::Added;  ///< Added, Modified or Deleted
  /// The object after the write; for Deleted, its last state carrying the deletion's
  /// resourceVersion.
  ObjectPtr object;
  ObjectPtr previous;  ///< the object before the write; null for Added
  std::uint64_t resource_version = 0;
};

}  // namespace ordinal::identity
