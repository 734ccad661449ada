// The pod-shaped parts of describe: containers, their state, mounts and the pod's volumes, as
// kubectl prints them for pods, pod templates and StatefulSets.
#include <algorithm>

#include "tools/cli/describe.hpp"

namespace ordinal::cli {
namespace {

using identity::Json;

const Json& array_at(const Json& object, const char* key) {
  static const Json empty = Json::array();
  if (!object.is_object() || !object.contains(key) || !object[key].is_array()) return empty;
  return object[key];
}

std::string ports_text(const Json& ports, const char* field) {
  std::string out;
  for (const auto& p : ports)
    out += (out.empty() ? "" : ", ") + text_at(p, (std::string("/") + field).c_str(), "0") + "/" +
           text_at(p, "/protocol", "TCP");
  return out;
}

void describe_state(TabWriter& w, const std::string& title, const Json& state) {
  if (state.contains("running")) {
    w.write(2, title + ":\tRunning\n");
    w.write(3, "Started:\t" + describe_time(text_at(state, "/running/startedAt")) + "\n");
  } else if (state.contains("terminated")) {
    const Json& t = state["terminated"];
    w.write(2, title + ":\tTerminated\n");
    w.write(3, "Reason:\t" + text_at(t, "/reason") + "\n");
    if (!text_at(t, "/message").empty()) w.write(3, "Message:\t" + text_at(t, "/message") + "\n");
    w.write(3, "Exit Code:\t" + text_at(t, "/exitCode", "0") + "\n");
    w.write(3, "Started:\t" + describe_time(text_at(t, "/startedAt")) + "\n");
    w.write(3, "Finished:\t" + describe_time(text_at(t, "/finishedAt")) + "\n");
  } else {
    w.write(2, title + ":\tWaiting\n");
    if (!text_at(state, "/waiting/reason").empty())
      w.write(3, "Reason:\t" + text_at(state, "/waiting/reason") + "\n");
  }
}

void describe_resources(TabWriter& w, const Json& container) {
  for (const auto& [key, title] :
       {std::pair{"/resources/limits", "Limits"}, std::pair{"/resources/requests", "Requests"}}) {
    const Json::json_pointer p(key);
    if (!container.contains(p) || !container[p].is_object() || container[p].empty()) continue;
    w.write(2, std::string(title) + ":\n");
    for (auto it = container[p].begin(); it != container[p].end(); ++it)
      w.write(3, it.key() + ":\t" + (it->is_string() ? it->get<std::string>() : it->dump()) + "\n");
  }
}

void describe_environment(TabWriter& w, const Json& container) {
  const Json& env = array_at(container, "env");
  w.write(2, std::string("Environment:") + (env.empty() ? "\t<none>" : "") + "\n");
  for (const auto& e : env) {
    const std::string name = text_at(e, "/name");
    if (e.contains("valueFrom") && e["valueFrom"].contains("fieldRef"))
      w.write(3, name + ":\t (" + text_at(e, "/valueFrom/fieldRef/apiVersion", "v1") + ":" +
                     text_at(e, "/valueFrom/fieldRef/fieldPath") + ")\n");
    else if (e.contains("valueFrom"))
      w.write(3, name + ":\t<set from " + e["valueFrom"].begin().key() + ">\n");
    else
      w.write(3, name + ":\t" + text_at(e, "/value") + "\n");
  }
}

void describe_mounts(TabWriter& w, const Json& container) {
  std::vector<Json> mounts;
  for (const auto& m : array_at(container, "volumeMounts")) mounts.push_back(m);
  std::sort(mounts.begin(), mounts.end(), [](const Json& a, const Json& b) {
    return text_at(a, "/mountPath") < text_at(b, "/mountPath");
  });
  w.write(2, std::string("Mounts:") + (mounts.empty() ? "\t<none>" : "") + "\n");
  for (const auto& m : mounts) {
    std::string flags = m.value("readOnly", false) ? "ro" : "rw";
    if (!text_at(m, "/subPath").empty()) flags += ",path=\"" + text_at(m, "/subPath") + "\"";
    w.write(3, text_at(m, "/mountPath") + " from " + text_at(m, "/name") + " (" + flags + ")\n");
  }
}

void describe_command_lines(TabWriter& w, const Json& container) {
  for (const auto& [key, title] : {std::pair{"command", "Command"}, std::pair{"args", "Args"}}) {
    const Json& lines = array_at(container, key);
    if (lines.empty()) continue;
    w.write(2, std::string(title) + ":\n");
    for (const auto& line : lines)
      w.write(3, (line.is_string() ? line.get<std::string>() : "") + "\n");
  }
}

void describe_one_container(TabWriter& w, const Json& container, const Json* status,
                            const std::string& space) {
  w.write(1, (space.empty() ? "" : " ") + text_at(container, "/name") + ":\n");
  if (status != nullptr) w.write(2, "Container ID:\t" + text_at(*status, "/containerID") + "\n");
  w.write(2, "Image:\t" + text_at(container, "/image") + "\n");
  if (status != nullptr) w.write(2, "Image ID:\t" + text_at(*status, "/imageID") + "\n");
  const Json& ports = array_at(container, "ports");
  const std::string port_list = ports_text(ports, "containerPort");
  const std::string host_list = ports_text(ports, "hostPort");
  const bool several = port_list.find(',') != std::string::npos;
  w.write(2, std::string(several ? "Ports:\t" : "Port:\t") +
                 (port_list.empty() ? "<none>" : port_list) + "\n");
  w.write(2, std::string(several ? "Host Ports:\t" : "Host Port:\t") +
                 (host_list.empty() ? "<none>" : host_list) + "\n");
  describe_command_lines(w, container);
  if (status != nullptr) {
    describe_state(w, "State", status->value("state", Json::object()));
    if (status->contains("/lastState/terminated"_json_pointer))
      describe_state(w, "Last State", (*status)["lastState"]);
    w.write(2, std::string("Ready:\t") + (status->value("ready", false) ? "True" : "False") + "\n");
    w.write(2, "Restart Count:\t" + text_at(*status, "/restartCount", "0") + "\n");
  }
  describe_resources(w, container);
  describe_environment(w, container);
  describe_mounts(w, container);
}

void describe_volume_source(TabWriter& w, const Json& volume) {
  if (volume.contains("persistentVolumeClaim"))
    w.write(2,
            "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same "
            "namespace)\n    ClaimName:\t" +
                text_at(volume, "/persistentVolumeClaim/claimName") + "\n    ReadOnly:\t" +
                text_at(volume, "/persistentVolumeClaim/readOnly", "false") + "\n");
  else if (volume.contains("emptyDir"))
    w.write(2,
            "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    "
            "Medium:\t" +
                text_at(volume, "/emptyDir/medium") + "\n    SizeLimit:\t" +
                text_at(volume, "/emptyDir/sizeLimit", "<unset>") + "\n");
  else if (volume.contains("configMap"))
    w.write(2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t" +
                   text_at(volume, "/configMap/name") + "\n    Optional:\t" +
                   text_at(volume, "/configMap/optional", "false") + "\n");
  else if (volume.contains("secret"))
    w.write(2, "Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t" +
                   text_at(volume, "/secret/secretName") + "\n    Optional:\t" +
                   text_at(volume, "/secret/optional", "false") + "\n");
  else if (volume.contains("hostPath"))
    w.write(2, "Type:\tHostPath (bare host directory volume)\n    Path:\t" +
                   text_at(volume, "/hostPath/path") + "\n    HostPathType:\t" +
                   text_at(volume, "/hostPath/type") + "\n");
  else
    w.write(1, "<unknown>\n");
}

}  // namespace

void describe_containers(TabWriter& w, const std::string& title, const Json& containers,
                         const Json& statuses, const std::string& space) {
  w.write(0, space + title + ":\n");
  if (!containers.is_array()) return;
  for (const auto& container : containers) {
    const Json* status = nullptr;
    if (statuses.is_array())
      for (const auto& s : statuses)
        if (s.value("name", "") == container.value("name", "")) status = &s;
    describe_one_container(w, container, status, space);
  }
}

void describe_volumes(TabWriter& w, const Json& volumes, const std::string& space) {
  if (!volumes.is_array() || volumes.empty()) {
    w.write(0, space + "Volumes:\t<none>\n");
    return;
  }
  w.write(0, space + "Volumes:\n");
  for (const auto& volume : volumes) {
    w.write(1, (space.empty() ? "" : " ") + text_at(volume, "/name") + ":\n");
    describe_volume_source(w, volume);
  }
}

void describe_pod_template(TabWriter& w, const Json& pod_template) {
  w.write(0, "Pod Template:\n");
  if (!pod_template.is_object()) {
    w.write(1, "<unset>");
    return;
  }
  print_labels(w, "", "  Labels",
               pod_template.value("/metadata/labels"_json_pointer, Json::object()));
  const Json annotations = pod_template.value("/metadata/annotations"_json_pointer, Json::object());
  if (!annotations.empty()) print_annotations(w, "", "  Annotations", annotations);
  const Json spec = pod_template.value("spec", Json::object());
  if (!text_at(spec, "/serviceAccountName").empty())
    w.write(1, "Service Account:\t" + text_at(spec, "/serviceAccountName") + "\n");
  if (!array_at(spec, "initContainers").empty())
    describe_containers(w, "Init Containers", spec["initContainers"], Json(), "  ");
  describe_containers(w, "Containers", array_at(spec, "containers"), Json(), "  ");
  describe_volumes(w, array_at(spec, "volumes"), "  ");
  if (spec.contains("nodeSelector") && !spec["nodeSelector"].empty())
    print_labels(w, "", "  Node-Selectors", spec["nodeSelector"]);
}

}  // namespace ordinal::cli
