#include "tools/follow/source_kinds.hpp"

#include <type_traits>
#include <utility>

#include "identity/overloaded.hpp"

namespace ordinal::follow {
namespace {}  // namespace

const std::array<KindInfo, kKindCount>& source_kinds() {
  static const std::array<KindInfo, kKindCount> kinds = {{
      {Kind::Namespace, "Namespace", "/api/v1/namespaces"},
      {Kind::Service, "Service", "/api/v1/services"},
      {Kind::EndpointSlice, "EndpointSlice", "/apis/discovery.k8s.io/v1/endpointslices"},
      {Kind::Pod, "Pod", "/api/v1/pods"},
      {Kind::StatefulSet, "StatefulSet", "/apis/apps/v1/statefulsets"},
  }};
  return kinds;
}

const KindInfo& info_of(Kind kind) {
  return source_kinds()[static_cast<std::size_t>(kind)];
}

std::optional<SlimObject> slim_from_json(Kind kind, const identity::Json& object) {
  // The readers of zones/ are written for registry objects but tolerate anything; a remote API
  // may send what it likes, so a throw here would only come from a bug and is contained.
  try {
    switch (kind) {
      case Kind::Namespace:
        if (auto name = zones::namespace_from_json(object)) return NamespaceInfo{std::move(*name)};
        return std::nullopt;
      case Kind::Service:
        if (auto service = zones::service_from_json(object)) return std::move(*service);
        return std::nullopt;
      case Kind::EndpointSlice:
        if (auto slice = zones::slice_from_json(object)) return std::move(*slice);
        return std::nullopt;
      case Kind::Pod:
        if (auto pod = zones::pod_from_json(object)) return std::move(*pod);
        return std::nullopt;
      case Kind::StatefulSet:
        if (auto set = zones::set_from_json(object)) return std::move(*set);
        return std::nullopt;
    }
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

void put(zones::ZoneUpdater& updater, SlimObject object) {
  std::visit(Overloaded{
                 [&](NamespaceInfo& ns) { updater.put_namespace(ns.name); },
                 [&](zones::ServiceInfo& service) { updater.put_service(std::move(service)); },
                 [&](zones::SliceInfo& slice) { updater.put_slice(std::move(slice)); },
                 [&](zones::PodInfo& pod) { updater.put_pod(pod); },
                 [&](zones::SetInfo& set) { updater.put_set(std::move(set)); },
             },
             object);
}

void remove(zones::ZoneUpdater& updater, const SlimObject& object) {
  std::visit(Overloaded{
                 [&](const NamespaceInfo& ns) { updater.remove_namespace(ns.name); },
                 [&](const zones::ServiceInfo& s) { updater.remove_service(s.ns, s.name); },
                 [&](const zones::SliceInfo& s) { updater.remove_slice(s.ns, s.name); },
                 [&](const zones::PodInfo& p) { updater.remove_pod(p.ns, p.name); },
                 [&](const zones::SetInfo& s) { updater.remove_set(s.ns, s.name); },
             },
             object);
}

}  // namespace ordinal::follow
