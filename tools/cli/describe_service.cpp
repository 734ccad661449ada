// describe for Services and for kinds without a dedicated layout, and the dispatch by kind.
#include <algorithm>

#include "tools/cli/describe_printers.hpp"

namespace ordinal::cli {
namespace {

using identity::Json;

std::string labels_text(const Json& map) {
  std::vector<std::string> pairs;
  if (map.is_object())
    for (auto it = map.begin(); it != map.end(); ++it)
      pairs.push_back(it.key() + "=" + (it->is_string() ? it->get<std::string>() : it->dump()));
  std::sort(pairs.begin(), pairs.end());
  std::string out;
  for (const auto& p : pairs) out += (out.empty() ? "" : ",") + p;
  return out.empty() ? "<none>" : out;
}

/// kubectl's formatEndpointSlices: ready addresses with the port named `port_name`, at most
/// three, then "+ N more...".
std::string endpoints_text(const std::vector<Json>& slices, const std::string& port_name) {
  std::vector<std::string> shown;
  std::size_t total = 0;
  for (const auto& slice : slices) {
    for (const auto& port : slice.value("ports", Json::array())) {
      if (port.value("name", "") != port_name) continue;
      const std::string number = text_at(port, "/port", "0");
      for (const auto& e : slice.value("endpoints", Json::array())) {
        if (!e.value("/conditions/ready"_json_pointer, true)) continue;
        for (const auto& address : e.value("addresses", Json::array())) {
          if (shown.size() < 3) shown.push_back(address.get<std::string>() + ":" + number);
          ++total;
        }
      }
    }
  }
  if (total == 0) return "<none>";
  std::string out;
  for (const auto& s : shown) out += (out.empty() ? "" : ",") + s;
  if (total > shown.size()) out += " + " + std::to_string(total - shown.size()) + " more...";
  return out;
}

void describe_ports(TabWriter& w, const DescribeContext& context) {
  for (const auto& port : context.object.value("/spec/ports"_json_pointer, Json::array())) {
    const std::string protocol = text_at(port, "/protocol", "TCP");
    const std::string name = text_at(port, "/name");
    w.write(0, "Port:\t" + (name.empty() ? "<unset>" : name) + "\t" + text_at(port, "/port", "0") +
                   "/" + protocol + "\n");
    w.write(0, "TargetPort:\t" + text_at(port, "/targetPort", text_at(port, "/port", "0")) + "/" +
                   protocol + "\n");
    if (port.contains("nodePort"))
      w.write(0, "NodePort:\t" + (name.empty() ? "<unset>" : name) + "\t" +
                     text_at(port, "/nodePort") + "/" + protocol + "\n");
    w.write(0, "Endpoints:\t" + endpoints_text(context.related, name) + "\n");
  }
}

void describe_names(TabWriter& w, const Json& object) {
  w.write(0, "Name:\t" + text_at(object, "/metadata/name") + "\n");
  if (!text_at(object, "/metadata/namespace").empty())
    w.write(0, "Namespace:\t" + text_at(object, "/metadata/namespace") + "\n");
  print_labels(w, "", "Labels", object.value("/metadata/labels"_json_pointer, Json::object()));
  print_annotations(w, "", "Annotations",
                    object.value("/metadata/annotations"_json_pointer, Json::object()));
}

}  // namespace

void describe_service(TabWriter& w, const DescribeContext& context) {
  const Json& service = context.object;
  describe_names(w, service);
  w.write(0,
          "Selector:\t" + labels_text(service.value("/spec/selector"_json_pointer, Json())) + "\n");
  w.write(0, "Type:\t" + text_at(service, "/spec/type", "ClusterIP") + "\n");
  if (!text_at(service, "/spec/ipFamilyPolicy").empty())
    w.write(0, "IP Family Policy:\t" + text_at(service, "/spec/ipFamilyPolicy") + "\n");
  std::string families;
  for (const auto& f : service.value("/spec/ipFamilies"_json_pointer, Json::array()))
    families += (families.empty() ? "" : ",") + f.get<std::string>();
  if (!families.empty()) w.write(0, "IP Families:\t" + families + "\n");
  w.write(0, "IP:\t" + text_at(service, "/spec/clusterIP") + "\n");
  std::string ips;
  for (const auto& ip : service.value("/spec/clusterIPs"_json_pointer, Json::array()))
    ips += (ips.empty() ? "" : ",") + ip.get<std::string>();
  if (!ips.empty()) w.write(0, "IPs:\t" + ips + "\n");
  if (!text_at(service, "/spec/externalName").empty())
    w.write(0, "External Name:\t" + text_at(service, "/spec/externalName") + "\n");
  describe_ports(w, context);
  w.write(0, "Session Affinity:\t" + text_at(service, "/spec/sessionAffinity", "None") + "\n");
  if (!text_at(service, "/spec/internalTrafficPolicy").empty())
    w.write(0,
            "Internal Traffic Policy:\t" + text_at(service, "/spec/internalTrafficPolicy") + "\n");
}

void describe_generic(TabWriter& w, const DescribeContext& context) {
  describe_names(w, context.object);
}

bool has_describer(const identity::KindInfo& kind) {
  for (const char* k :
       {"StatefulSet", "Pod", "PersistentVolumeClaim", "PersistentVolume", "Service"})
    if (kind.kind == k) return true;
  return false;
}

std::string describe_object(const identity::KindInfo& kind, const DescribeContext& context) {
  TabWriter w;
  if (kind.kind == "StatefulSet")
    describe_stateful_set(w, context);
  else if (kind.kind == "Pod")
    describe_pod(w, context);
  else if (kind.kind == "PersistentVolumeClaim")
    describe_claim(w, context);
  else if (kind.kind == "PersistentVolume")
    describe_volume(w, context);
  else if (kind.kind == "Service")
    describe_service(w, context);
  else
    describe_generic(w, context);
  describe_events(w, context.events, context.now);
  return w.take();
}

}  // namespace ordinal::cli
