#include "tools/cli/table_columns.hpp"

#include <map>

namespace ordinal::cli {
namespace {

using identity::Json;

/// Value at a JSON pointer, or `fallback` when absent.
std::string at(const Json& o, const char* pointer, const std::string& fallback = "<none>") {
  const Json::json_pointer p(pointer);
  if (!o.contains(p)) return fallback;
  const Json& v = o[p];
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return fallback;
  return v.dump();
}

std::string join(const std::vector<std::string>& parts, const char* sep = ",") {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

std::string access_modes(const Json& modes) {
  static const std::map<std::string, std::string> short_names = {{"ReadWriteOnce", "RWO"},
                                                                 {"ReadOnlyMany", "ROX"},
                                                                 {"ReadWriteMany", "RWX"},
                                                                 {"ReadWriteOncePod", "RWOP"}};
  std::vector<std::string> out;
  if (modes.is_array())
    for (const auto& m : modes) {
      auto it = short_names.find(m.get<std::string>());
      out.push_back(it == short_names.end() ? m.get<std::string>() : it->second);
    }
  return join(out);
}

std::string pod_ready(const Json& pod) {
  const Json spec_containers = pod.value("/spec/containers"_json_pointer, Json::array());
  int ready = 0;
  for (const auto& s : pod.value("/status/containerStatuses"_json_pointer, Json::array()))
    if (s.value("ready", false)) ++ready;
  return std::to_string(ready) + "/" + std::to_string(spec_containers.size());
}

std::string pod_status(const Json& pod) {
  if (pod.contains("/metadata/deletionTimestamp"_json_pointer)) return "Terminating";
  std::string reason = at(pod, "/status/reason", "");
  if (!reason.empty()) return reason;
  for (const auto& s : pod.value("/status/containerStatuses"_json_pointer, Json::array())) {
    std::string waiting = at(s, "/state/waiting/reason", "");
    if (!waiting.empty()) return waiting;
  }
  return at(pod, "/status/phase", "Pending");
}

std::string pod_restarts(const Json& pod) {
  long long restarts = 0;
  for (const auto& s : pod.value("/status/containerStatuses"_json_pointer, Json::array()))
    restarts += s.value("restartCount", 0LL);
  return std::to_string(restarts);
}

std::string service_ports(const Json& svc) {
  std::vector<std::string> out;
  for (const auto& p : svc.value("/spec/ports"_json_pointer, Json::array())) {
    std::string s = std::to_string(p.value("port", 0));
    if (p.contains("nodePort")) s += ":" + std::to_string(p.value("nodePort", 0));
    out.push_back(s + "/" + p.value("protocol", "TCP"));
  }
  return out.empty() ? "<none>" : join(out);
}

std::string selector_text(const Json& selector) {
  std::vector<std::string> out;
  if (selector.is_object())
    for (auto it = selector.begin(); it != selector.end(); ++it)
      out.push_back(it.key() + "=" + (it->is_string() ? it->get<std::string>() : it->dump()));
  return out.empty() ? "<none>" : join(out);
}

std::string container_field(const Json& o, const char* pointer, const char* field) {
  std::vector<std::string> out;
  for (const auto& c : o.value(Json::json_pointer(pointer), Json::array()))
    out.push_back(c.value(field, ""));
  return join(out);
}

std::string slice_endpoints(const Json& slice) {
  std::vector<std::string> out;
  std::size_t total = 0;
  for (const auto& e : slice.value("endpoints", Json::array()))
    for (const auto& a : e.value("addresses", Json::array())) {
      if (out.size() < 3) out.push_back(a.get<std::string>());
      ++total;
    }
  if (total == 0) return "<unset>";
  std::string s = join(out);
  if (total > out.size()) s += " + " + std::to_string(total - out.size()) + " more...";
  return s;
}

std::string controller_of(const Json& o) {
  for (const auto& r : o.value("/metadata/ownerReferences"_json_pointer, Json::array())) {
    if (!r.value("controller", false)) continue;
    const identity::KindInfo* owner = identity::find_kind(r.value("kind", ""));
    return (owner ? owner->qualified_singular() : r.value("kind", "")) + "/" + r.value("name", "");
  }
  return "<none>";
}

Columns base(const TableOptions& options, Columns middle) {
  Columns cols{{"NAME", [](const Json& o) { return at(o, "/metadata/name", ""); }}};
  for (auto& c : middle) cols.push_back(std::move(c));
  auto now = options.now;
  cols.push_back({"AGE", [now](const Json& o) {
                    return age_of(at(o, "/metadata/creationTimestamp", ""), now);
                  }});
  return cols;
}

}  // namespace

Columns columns_for(const identity::KindInfo& kind, const TableOptions& options) {
  const std::string& k = kind.kind;
  if (k == "Pod") {
    Columns cols =
        base(options, {{"READY", pod_ready}, {"STATUS", pod_status}, {"RESTARTS", pod_restarts}});
    if (options.wide) {
      cols.push_back({"IP", [](const Json& o) { return at(o, "/status/podIP"); }});
      cols.push_back({"NODE", [](const Json& o) { return at(o, "/spec/nodeName"); }});
    }
    return cols;
  }
  if (k == "StatefulSet") {
    Columns cols = base(options, {{"READY", [](const Json& o) {
                                     return at(o, "/status/readyReplicas", "0") + "/" +
                                            at(o, "/spec/replicas", "1");
                                   }}});
    if (options.wide) {
      cols.push_back({"CONTAINERS", [](const Json& o) {
                        return container_field(o, "/spec/template/spec/containers", "name");
                      }});
      cols.push_back({"IMAGES", [](const Json& o) {
                        return container_field(o, "/spec/template/spec/containers", "image");
                      }});
    }
    return cols;
  }
  if (k == "Service") {
    Columns cols = base(
        options, {{"TYPE", [](const Json& o) { return at(o, "/spec/type", "ClusterIP"); }},
                  {"CLUSTER-IP", [](const Json& o) { return at(o, "/spec/clusterIP"); }},
                  {"EXTERNAL-IP",
                   [](const Json& o) {
                     return at(o, "/spec/type", "") == "ExternalName" ? at(o, "/spec/externalName")
                                                                      : std::string("<none>");
                   }},
                  {"PORT(S)", service_ports}});
    if (options.wide)
      cols.push_back({"SELECTOR", [](const Json& o) {
                        return selector_text(o.value("/spec/selector"_json_pointer, Json()));
                      }});
    return cols;
  }
  if (k == "PersistentVolumeClaim")
    return base(options,
                {{"STATUS", [](const Json& o) { return at(o, "/status/phase", "Pending"); }},
                 {"VOLUME", [](const Json& o) { return at(o, "/spec/volumeName", ""); }},
                 {"CAPACITY", [](const Json& o) { return at(o, "/status/capacity/storage", ""); }},
                 {"ACCESS MODES",
                  [](const Json& o) {
                    return access_modes(o.value("/status/accessModes"_json_pointer, Json()));
                  }},
                 {"STORAGECLASS",
                  [](const Json& o) { return at(o, "/spec/storageClassName", "<unset>"); }}});
  if (k == "PersistentVolume")
    return base(
        options,
        {{"CAPACITY", [](const Json& o) { return at(o, "/spec/capacity/storage", ""); }},
         {"ACCESS MODES",
          [](const Json& o) {
            return access_modes(o.value("/spec/accessModes"_json_pointer, Json()));
          }},
         {"RECLAIM POLICY",
          [](const Json& o) { return at(o, "/spec/persistentVolumeReclaimPolicy", ""); }},
         {"STATUS", [](const Json& o) { return at(o, "/status/phase", "Pending"); }},
         {"CLAIM",
          [](const Json& o) {
            std::string name = at(o, "/spec/claimRef/name", "");
            return name.empty() ? std::string()
                                : at(o, "/spec/claimRef/namespace", "") + "/" + name;
          }},
         {"STORAGECLASS", [](const Json& o) { return at(o, "/spec/storageClassName", ""); }},
         {"REASON", [](const Json& o) { return at(o, "/status/reason", ""); }}});
  if (k == "StorageClass")
    return base(options,
                {{"PROVISIONER", [](const Json& o) { return at(o, "/provisioner", ""); }},
                 {"RECLAIMPOLICY", [](const Json& o) { return at(o, "/reclaimPolicy", "Delete"); }},
                 {"VOLUMEBINDINGMODE",
                  [](const Json& o) { return at(o, "/volumeBindingMode", "Immediate"); }},
                 {"ALLOWVOLUMEEXPANSION",
                  [](const Json& o) { return at(o, "/allowVolumeExpansion", "false"); }}});
  if (k == "Namespace")
    return base(options,
                {{"STATUS", [](const Json& o) { return at(o, "/status/phase", "Active"); }}});
  if (k == "ControllerRevision")
    return base(options, {{"CONTROLLER", controller_of},
                          {"REVISION", [](const Json& o) { return at(o, "/revision", "0"); }}});
  if (k == "EndpointSlice")
    return base(options, {{"ADDRESSTYPE", [](const Json& o) { return at(o, "/addressType", ""); }},
                          {"PORTS",
                           [](const Json& o) {
                             std::vector<std::string> out;
                             for (const auto& p : o.value("ports", Json::array()))
                               out.push_back(p.contains("port") ? p["port"].dump() : "<unset>");
                             return out.empty() ? std::string("<unset>") : join(out);
                           }},
                          {"ENDPOINTS", slice_endpoints}});
  if (k == "Event") {
    auto now = options.now;
    return {{"LAST SEEN",
             [now](const Json& o) {
               std::string t = at(o, "/lastTimestamp", "");
               if (t.empty()) t = at(o, "/eventTime", "");
               return age_of(t, now);
             }},
            {"TYPE", [](const Json& o) { return at(o, "/type", ""); }},
            {"REASON", [](const Json& o) { return at(o, "/reason", ""); }},
            {"OBJECT",
             [](const Json& o) {
               const identity::KindInfo* ik =
                   identity::find_kind(at(o, "/involvedObject/kind", ""));
               std::string involved = ik ? ik->singular : at(o, "/involvedObject/kind", "");
               return involved + "/" + at(o, "/involvedObject/name", "");
             }},
            {"MESSAGE", [](const Json& o) { return at(o, "/message", ""); }}};
  }
  if (k == "ConfigMap")
    return base(options, {{"DATA", [](const Json& o) {
                             return std::to_string(o.value("data", Json::object()).size() +
                                                   o.value("binaryData", Json::object()).size());
                           }}});
  if (k == "Secret")
    return base(options, {{"TYPE", [](const Json& o) { return at(o, "/type", "Opaque"); }},
                          {"DATA", [](const Json& o) {
                             return std::to_string(o.value("data", Json::object()).size());
                           }}});
  if (k == "Ingress")
    return base(options,
                {{"CLASS", [](const Json& o) { return at(o, "/spec/ingressClassName"); }},
                 {"HOSTS",
                  [](const Json& o) {
                    std::vector<std::string> hosts;
                    for (const auto& r : o.value("/spec/rules"_json_pointer, Json::array()))
                      hosts.push_back(r.value("host", "*"));
                    return hosts.empty() ? std::string("*") : join(hosts);
                  }},
                 {"ADDRESS", [](const Json&) { return std::string(); }},
                 {"PORTS", [](const Json&) { return std::string("80"); }}});
  return base(options, {});
}

}  // namespace ordinal::cli
