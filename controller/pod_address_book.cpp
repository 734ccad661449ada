#include "controller/pod_address_book.hpp"

#include <algorithm>
#include <optional>

#include "identity/ipv4.hpp"
#include "identity/metadata.hpp"

namespace ordinal::controller {
namespace {

void add_address(const Json& text, std::vector<std::uint32_t>& out) {
  if (!text.is_string()) return;
  if (const auto address = identity::parse_ipv4(text.get_ref<const std::string&>()))
    if (std::find(out.begin(), out.end(), *address) == out.end()) out.push_back(*address);
}

// status.podIP and every status.podIPs[].ip (or plain string), read without parsing the pod.
std::vector<std::uint32_t> addresses_of(const Json& pod) {
  std::vector<std::uint32_t> out;
  const auto status = pod.find("status");
  if (status == pod.end() || !status->is_object()) return out;
  if (const auto ip = status->find("podIP"); ip != status->end()) add_address(*ip, out);
  if (const auto ips = status->find("podIPs"); ips != status->end() && ips->is_array()) {
    for (const Json& entry : *ips) {
      if (entry.is_object()) {
        if (const auto ip = entry.find("ip"); ip != entry.end()) add_address(*ip, out);
      } else {
        add_address(entry, out);
      }
    }
  }
  return out;
}

}  // namespace

void PodAddressBook::set(const std::string& uid, std::vector<std::uint32_t> addresses) {
  forget(uid);
  if (addresses.empty()) return;
  for (const std::uint32_t address : addresses) holders_[address].insert(uid);
  by_uid_[uid] = std::move(addresses);
}

void PodAddressBook::observe(const Json& pod) {
  const std::string uid = identity::metadata_string(pod, "uid");
  if (!uid.empty()) set(uid, addresses_of(pod));
}

void PodAddressBook::forget(const std::string& uid) {
  const auto it = by_uid_.find(uid);
  if (it == by_uid_.end()) return;
  for (const std::uint32_t address : it->second) {
    const auto holders = holders_.find(address);
    if (holders == holders_.end()) continue;
    holders->second.erase(uid);
    if (holders->second.empty()) holders_.erase(holders);
  }
  by_uid_.erase(it);
}

void PodAddressBook::hold(const std::string& uid, const std::string& address) {
  std::vector<std::uint32_t> addresses;
  add_address(Json(address), addresses);
  set(uid, std::move(addresses));
}

bool PodAddressBook::taken(std::uint32_t address, const std::string& uid) const {
  const auto it = holders_.find(address);
  if (it == holders_.end()) return false;
  return it->second.size() > 1 || !it->second.contains(uid);
}

void PodAddressBook::reload(const ObjectManager& objects) {
  by_uid_.clear();
  holders_.clear();
  for (const ObjectPtr& pod : objects.list("Pod", std::nullopt)) observe(*pod);
  loaded_ = true;
}

identity::Result<std::string> PodAddressBook::allocate(PodIpAllocator& allocator,
                                                       const ObjectManager& objects,
                                                       const std::string& uid,
                                                       const std::vector<std::string>& reserved) {
  if (!loaded_) reload(objects);
  std::vector<std::uint32_t> kept;
  for (const std::string& text : reserved)
    if (const auto address = identity::parse_ipv4(text)) kept.push_back(*address);
  const auto in_use = [&](std::uint32_t address) {
    return taken(address, uid) || std::find(kept.begin(), kept.end(), address) != kept.end();
  };
  const auto highest = [&]() -> std::optional<std::uint32_t> {
    std::optional<std::uint32_t> top;
    for (const std::uint32_t address : kept)
      if (allocator.cidr().contains(address) && (!top || address > *top)) top = address;
    for (const auto& [address, holders] : holders_)
      if (allocator.cidr().contains(address) && (!top || address > *top)) top = address;
    return top;
  };
  auto address = allocator.allocate(in_use, highest);
  if (address || address.error().code != 503) return address;
  reload(objects);  // the book may hold pods whose deletion it never saw
  return allocator.allocate(in_use, highest);
}

}  // namespace ordinal::controller
