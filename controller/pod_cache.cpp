#include "controller/pod_cache.hpp"

#include <utility>

namespace ordinal::controller {

std::vector<PodPtr> PodCache::list(const ObjectManager& objects, const std::string& ns) {
  const std::vector<ObjectPtr> listed = objects.list(std::string(identity::Pod::kKind), ns);
  Entries previous = std::move(namespaces_[ns]);
  Entries current;
  current.reserve(listed.size());
  std::vector<PodPtr> pods;
  pods.reserve(listed.size());
  for (const ObjectPtr& object : listed) {
    auto known = previous.find(object.get());
    PodPtr pod = known != previous.end()
                     ? std::move(known->second.pod)
                     : std::make_shared<const identity::Pod>(identity::Pod::from_json(*object));
    pods.push_back(pod);
    current.emplace(object.get(), Entry{object, std::move(pod)});
  }
  if (current.empty())
    namespaces_.erase(ns);
  else
    namespaces_[ns] = std::move(current);
  return pods;
}

std::size_t PodCache::size() const {
  std::size_t total = 0;
  for (const auto& [ns, entries] : namespaces_) total += entries.size();
  return total;
}

}  // namespace ordinal::controller
