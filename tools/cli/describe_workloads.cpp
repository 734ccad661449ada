// describe for StatefulSets and Pods, field for field as kubectl prints them.
#include "tools/cli/describe_printers.hpp"

namespace ordinal::cli {
namespace {

using identity::Json;

std::string selector_text(const Json& selector) {
  std::string out;
  const Json labels = selector.value("matchLabels", Json::object());
  for (auto it = labels.begin(); it != labels.end(); ++it)
    out += (out.empty() ? "" : ",") + it.key() + "=" +
           (it->is_string() ? it->get<std::string>() : it->dump());
  for (const auto& e : selector.value("matchExpressions", Json::array())) {
    std::string values;
    for (const auto& v : e.value("values", Json::array()))
      values += (values.empty() ? "" : ",") + v.get<std::string>();
    const std::string op = e.value("operator", "");
    const std::string key = e.value("key", "");
    const std::string term = op == "In"       ? key + " in (" + values + ")"
                             : op == "NotIn"  ? key + " notin (" + values + ")"
                             : op == "Exists" ? key
                                              : "!" + key;
    out += (out.empty() ? "" : ",") + term;
  }
  return out.empty() ? "<none>" : out;
}

std::string access_modes_list(const Json& modes) {
  std::string out;
  if (modes.is_array())
    for (const auto& m : modes) out += (out.empty() ? "" : " ") + m.get<std::string>();
  return "[" + out + "]";
}

void describe_claim_templates(TabWriter& w, const Json& templates) {
  if (!templates.is_array() || templates.empty()) {
    w.write(0, "Volume Claims:\t<none>\n");
    return;
  }
  w.write(0, "Volume Claims:\n");
  for (const auto& claim : templates) {
    w.write(1, "Name:\t" + text_at(claim, "/metadata/name") + "\n");
    w.write(1, "StorageClass:\t" + text_at(claim, "/spec/storageClassName") + "\n");
    print_labels(w, "  ", "Labels", claim.value("/metadata/labels"_json_pointer, Json::object()));
    print_annotations(w, "  ", "Annotations",
                      claim.value("/metadata/annotations"_json_pointer, Json::object()));
    w.write(1,
            "Capacity:\t" + text_at(claim, "/spec/resources/requests/storage", "<default>") + "\n");
    w.write(1, "Access Modes:\t" +
                   access_modes_list(claim.value("/spec/accessModes"_json_pointer, Json())) + "\n");
  }
}

std::string pods_status(const std::vector<Json>& pods) {
  int running = 0, waiting = 0, succeeded = 0, failed = 0;
  for (const auto& pod : pods) {
    const std::string phase = text_at(pod, "/status/phase", "Pending");
    if (phase == "Running")
      ++running;
    else if (phase == "Succeeded")
      ++succeeded;
    else if (phase == "Failed")
      ++failed;
    else if (phase == "Pending")
      ++waiting;
  }
  return std::to_string(running) + " Running / " + std::to_string(waiting) + " Waiting / " +
         std::to_string(succeeded) + " Succeeded / " + std::to_string(failed) + " Failed";
}

std::string controlled_by(const Json& object) {
  for (const auto& r : object.value("/metadata/ownerReferences"_json_pointer, Json::array()))
    if (r.value("controller", false)) return r.value("kind", "") + "/" + r.value("name", "");
  return "";
}

std::string qos_class(const Json& pod) {
  bool any = false;
  bool guaranteed = true;
  for (const auto& c : pod.value("/spec/containers"_json_pointer, Json::array())) {
    const Json limits = c.value("/resources/limits"_json_pointer, Json::object());
    const Json requests = c.value("/resources/requests"_json_pointer, Json::object());
    any = any || !limits.empty() || !requests.empty();
    for (const char* r : {"cpu", "memory"})
      if (!limits.contains(r) || (requests.contains(r) && requests[r] != limits[r]))
        guaranteed = false;
  }
  return !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
}

void describe_tolerations(TabWriter& w, const Json& tolerations) {
  w.write(0, "Tolerations:\t");
  if (tolerations.empty()) w.write(0, "<none>\n");
  bool first = true;
  for (const auto& t : tolerations) {
    std::string line = text_at(t, "/key");
    const std::string value = text_at(t, "/value");
    if (!value.empty()) line += "=" + value;
    if (!text_at(t, "/effect").empty()) line += ":" + text_at(t, "/effect");
    if (text_at(t, "/operator") == "Exists" && value.empty())
      line += line.empty() ? "op=Exists" : " op=Exists";
    if (t.contains("tolerationSeconds")) line += " for " + text_at(t, "/tolerationSeconds") + "s";
    w.write(0, (first ? "" : "\t") + line + "\n");
    first = false;
  }
}

void describe_meta(TabWriter& w, const Json& object) {
  w.write(0, "Name:\t" + text_at(object, "/metadata/name") + "\n");
  w.write(0, "Namespace:\t" + text_at(object, "/metadata/namespace") + "\n");
}

/// kubectl's pod lines from Name down to Message.
void describe_pod_header(TabWriter& w, const DescribeContext& context) {
  const Json& pod = context.object;
  describe_meta(w, pod);
  if (!text_at(pod, "/spec/serviceAccountName").empty())
    w.write(0, "Service Account:\t" + text_at(pod, "/spec/serviceAccountName") + "\n");
  const std::string node = text_at(pod, "/spec/nodeName");
  w.write(0, "Node:\t" + (node.empty() ? "<none>" : node + "/" + text_at(pod, "/status/hostIP")) +
                 "\n");
  if (!text_at(pod, "/status/startTime").empty())
    w.write(0, "Start Time:\t" + describe_time(text_at(pod, "/status/startTime")) + "\n");
  print_labels(w, "", "Labels", pod.value("/metadata/labels"_json_pointer, Json::object()));
  print_annotations(w, "", "Annotations",
                    pod.value("/metadata/annotations"_json_pointer, Json::object()));
  if (!text_at(pod, "/metadata/deletionTimestamp").empty()) {
    w.write(0, "Status:\tTerminating (lasts " +
                   age_of(text_at(pod, "/metadata/deletionTimestamp"), context.now) + ")\n");
    w.write(0, "Termination Grace Period:\t" +
                   text_at(pod, "/metadata/deletionGracePeriodSeconds", "0") + "s\n");
  } else {
    w.write(0, "Status:\t" + text_at(pod, "/status/phase") + "\n");
  }
  if (!text_at(pod, "/status/reason").empty())
    w.write(0, "Reason:\t" + text_at(pod, "/status/reason") + "\n");
  if (!text_at(pod, "/status/message").empty())
    w.write(0, "Message:\t" + text_at(pod, "/status/message") + "\n");
}

}  // namespace

void describe_stateful_set(TabWriter& w, const DescribeContext& context) {
  const Json& set = context.object;
  describe_meta(w, set);
  w.write(0, "CreationTimestamp:\t" + describe_time(text_at(set, "/metadata/creationTimestamp")) +
                 "\n");
  w.write(0,
          "Selector:\t" + selector_text(set.value("/spec/selector"_json_pointer, Json())) + "\n");
  print_labels(w, "", "Labels", set.value("/metadata/labels"_json_pointer, Json::object()));
  print_annotations(w, "", "Annotations",
                    set.value("/metadata/annotations"_json_pointer, Json::object()));
  w.write(0, "Replicas:\t" + text_at(set, "/spec/replicas", "1") + " desired | " +
                 text_at(set, "/status/replicas", "0") + " total\n");
  w.write(0,
          "Update Strategy:\t" + text_at(set, "/spec/updateStrategy/type", "RollingUpdate") + "\n");
  if (set.contains("/spec/updateStrategy/rollingUpdate/partition"_json_pointer)) {
    w.write(1,
            "Partition:\t" + text_at(set, "/spec/updateStrategy/rollingUpdate/partition") + "\n");
    if (set.contains("/spec/updateStrategy/rollingUpdate/maxUnavailable"_json_pointer))
      w.write(1, "MaxUnavailable:\t" +
                     text_at(set, "/spec/updateStrategy/rollingUpdate/maxUnavailable") + "\n");
  }
  w.write(0, "Pods Status:\t" + pods_status(context.related) + "\n");
  describe_pod_template(w, set.value("/spec/template"_json_pointer, Json()));
  describe_claim_templates(w, set.value("/spec/volumeClaimTemplates"_json_pointer, Json()));
}

void describe_pod(TabWriter& w, const DescribeContext& context) {
  const Json& pod = context.object;
  describe_pod_header(w, context);
  w.write(0, "IP:\t" + text_at(pod, "/status/podIP") + "\n");
  const Json ips = pod.value("/status/podIPs"_json_pointer, Json::array());
  if (ips.empty())
    w.write(0, "IPs:\t<none>\n");
  else
    w.write(0, "IPs:\n");
  for (const auto& ip : ips) w.write(1, "IP:\t" + text_at(ip, "/ip") + "\n");
  if (!controlled_by(pod).empty()) w.write(0, "Controlled By:\t" + controlled_by(pod) + "\n");
  const Json status = pod.value("status", Json::object());
  if (pod.contains("/spec/initContainers"_json_pointer) && !pod["spec"]["initContainers"].empty())
    describe_containers(w, "Init Containers", pod["spec"]["initContainers"],
                        status.value("initContainerStatuses", Json::array()), "");
  describe_containers(w, "Containers", pod.value("/spec/containers"_json_pointer, Json::array()),
                      status.value("containerStatuses", Json::array()), "");
  const Json conditions = status.value("conditions", Json::array());
  if (!conditions.empty()) {
    w.write(0, "Conditions:\n  Type\tStatus\n");
    for (const auto& c : conditions)
      w.write(1, text_at(c, "/type") + " \t" + text_at(c, "/status") + " \n");
  }
  describe_volumes(w, pod.value("/spec/volumes"_json_pointer, Json::array()), "");
  w.write(0, "QoS Class:\t" + qos_class(pod) + "\n");
  print_labels(w, "", "Node-Selectors", pod.value("/spec/nodeSelector"_json_pointer, Json()));
  describe_tolerations(w, pod.value("/spec/tolerations"_json_pointer, Json::array()));
}

}  // namespace ordinal::cli
