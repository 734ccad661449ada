#pragma once
// The stored Events, least recently written first: what the registry drops when a write would
// keep more Events than RegistryOptions::event_limit.
//
// Events are the one kind the cluster writes by itself without bound: every pod that comes and
// goes leaves a few, each with a new name (the pod's uid differs every time), and expiry after
// an hour lets an hour of churn pile up in memory (at about 5 KiB an Event, a set scaled 0 <-> 50
// for an hour would hold 800 MB of them). The limit makes the bound a count, whatever the rate.
//
// Thread-safety: none; the registry guards it with its data lock.
#include <cstddef>
#include <cstdint>
#include <map>
#include <vector>

#include "identity/change.hpp"

namespace ordinal::identity {

class EventIndex {
 public:
  /// Adds an Event as loaded from the store.
  void add(const ObjectKey& key, const Json& object);
  /// Follows a published change; changes of other kinds are ignored.
  void apply(const Change& change);
  [[nodiscard]] std::size_t size() const { return by_version_.size(); }

  /// Which Events to delete so that at most `limit` remain once `planned` (the changes of the
  /// batch being planned) are applied: the least recently written first, those the batch
  /// writes only when the others are not enough. Empty when the limit holds.
  [[nodiscard]] std::vector<ObjectKey> over_limit(const std::vector<Change>& planned,
                                                  std::size_t limit) const;

 private:
  /// resourceVersion of an Event's last write -> its key; resourceVersions are unique.
  std::map<std::uint64_t, ObjectKey> by_version_;
};

}  // namespace ordinal::identity
