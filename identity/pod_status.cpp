#include "identity/pod_status.hpp"

#include <utility>

#include "identity/json_fields.hpp"

namespace ordinal::identity {

using namespace fields;  // NOLINT(google-build-using-namespace): the helpers read as a table

namespace {

std::vector<std::string> read_pod_ips(const Json& json) {
  std::vector<std::string> out;
  const Json* list = find(json, {"podIPs"});
  if (list == nullptr || !list->is_array()) return out;
  for (const Json& entry : *list) out.push_back(get_string(entry, {"ip"}));
  return out;
}

// `podIPs` is a list of {"ip": ...} objects; an unchanged list is left exactly as written.
void write_pod_ips(Json& json, const std::vector<std::string>& ips) {
  if (read_pod_ips(json) == ips) return;
  if (ips.empty()) {
    write(json, {"podIPs"}, Json());
    return;
  }
  Json list = Json::array();
  for (const std::string& ip : ips) list.push_back(Json{{"ip", ip}});
  write(json, {"podIPs"}, std::move(list));
}

}  // namespace

ContainerStatus ContainerStatus::from_json(const Json& json) {
  ContainerStatus out;
  out.name = get_string(json, {"name"});
  out.ready = get_bool(json, {"ready"});
  out.restart_count = get_int<std::int32_t>(json, {"restartCount"});
  out.image = get_string(json, {"image"});
  out.started = get_bool(json, {"started"});
  out.state = get_json(json, {"state"});
  out.last_state = get_json(json, {"lastState"});
  out.original = json;
  return out;
}

Json ContainerStatus::to_json() const {
  Json out = original.is_object() ? original : Json::object();
  put_string(out, {"name"}, name);
  put_bool(out, {"ready"}, ready);
  put_int(out, {"restartCount"}, restart_count);
  put_string(out, {"image"}, image);
  put_bool(out, {"started"}, started);
  put_json(out, {"state"}, state);
  put_json(out, {"lastState"}, last_state);
  return out;
}

PodStatus PodStatus::from_json(const Json& json) {
  PodStatus out;
  out.phase = get_string(json, {"phase"});
  out.pod_ip = get_string(json, {"podIP"});
  out.pod_ips = read_pod_ips(json);
  out.host_ip = get_string(json, {"hostIP"});
  out.start_time = get_string(json, {"startTime"});
  out.conditions = get_list<Condition>(json, {"conditions"});
  out.container_statuses = get_list<ContainerStatus>(json, {"containerStatuses"});
  out.init_container_statuses = get_list<ContainerStatus>(json, {"initContainerStatuses"});
  out.original = json;
  return out;
}

Json PodStatus::to_json() const {
  Json out = original.is_object() ? original : Json::object();
  put_string(out, {"phase"}, phase);
  put_string(out, {"podIP"}, pod_ip);
  write_pod_ips(out, pod_ips);
  put_string(out, {"hostIP"}, host_ip);
  put_string(out, {"startTime"}, start_time);
  put_list(out, {"conditions"}, conditions);
  put_list(out, {"containerStatuses"}, container_statuses);
  put_list(out, {"initContainerStatuses"}, init_container_statuses);
  return out;
}

}  // namespace ordinal::identity
