#pragma once
// Which pod holds which address, kept up to date from the kubelet's pod watch and its own
// writes, so that handing out an address costs a few hash lookups instead of reading and
// parsing every pod of the cluster (which made bringing up N pods cost N^2).
//
// The book is filled from a full list of pods on first use, then follows changes. Watch events
// and reads may arrive in any order: pod addresses never change once written, so recording a
// pod twice or late is harmless. A book that missed a deletion (a watch re-listed after falling
// behind) only holds an address longer than needed; when the range looks exhausted the book is
// rebuilt from a fresh list before giving up.
//
// Thread-safety: none; used from the controller manager's one thread.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "controller/object_manager.hpp"
#include "controller/pod_ip_allocator.hpp"

namespace ordinal::controller {

class PodAddressBook {
 public:
  /// Records the addresses (status.podIP, status.podIPs) of `pod`, a stored Pod object,
  /// replacing what was known for its uid. Objects without a uid are ignored.
  void observe(const Json& pod);
  /// The pod with `uid` is gone: its addresses are free again.
  void forget(const std::string& uid);
  /// Records that the pod with `uid` now holds `address` (after the kubelet wrote it).
  void hold(const std::string& uid, const std::string& address);

  /// Whether a pod other than `uid` holds `address`.
  [[nodiscard]] bool taken(std::uint32_t address, const std::string& uid) const;
  /// How many pods hold an address (for tests).
  [[nodiscard]] std::size_t size() const { return by_uid_.size(); }

  /// A fresh address for the pod with `uid` from `allocator`, never one in `reserved` nor one
  /// another pod holds. Lists every pod through `objects` on first use, and again before
  /// reporting the range exhausted (503 from the allocator).
  identity::Result<std::string> allocate(PodIpAllocator& allocator, const ObjectManager& objects,
                                         const std::string& uid,
                                         const std::vector<std::string>& reserved = {});

 private:
  void reload(const ObjectManager& objects);
  void set(const std::string& uid, std::vector<std::uint32_t> addresses);

  bool loaded_ = false;
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_uid_;
  std::unordered_map<std::uint32_t, std::unordered_set<std::string>> holders_;
};

}  // namespace ordinal::controller
