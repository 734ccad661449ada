#include "tools/api/print_cells.hpp"

#include <cstdio>
#include <ctime>
#include <map>

#include "identity/kinds.hpp"

namespace ordinal::api {

using identity::Json;

const Json& value_at(const Json& object, std::string_view pointer) {
  static const Json null_value;
  const Json* at = &object;
  while (!pointer.empty()) {
    pointer.remove_prefix(1);  // the '/' before each key
    const std::string_view key = pointer.substr(0, pointer.find('/'));
    pointer.remove_prefix(key.size());
    if (!at->is_object()) return null_value;
    const auto found = at->find(key);
    if (found == at->end()) return null_value;
    at = &*found;
  }
  return *at;
}

const Json& array_at(const Json& object, std::string_view pointer) {
  static const Json empty_array = Json::array();
  const Json& value = value_at(object, pointer);
  return value.is_array() ? value : empty_array;
}

std::string value_text(const Json& object, std::string_view pointer, const std::string& fallback) {
  const Json& v = value_at(object, pointer);
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return fallback;
  return v.dump();
}

std::string join_cells(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : separator) + p;
  return out;
}

std::string human_duration(std::chrono::seconds age) {
  const long long s = age.count();
  if (s < -1) return "<invalid>";
  if (s < 0) return "0s";
  if (s < 120) return std::to_string(s) + "s";
  const long long m = s / 60;
  if (m < 10)
    return s % 60 == 0 ? std::to_string(m) + "m"
                       : std::to_string(m) + "m" + std::to_string(s % 60) + "s";
  if (m < 180) return std::to_string(m) + "m";
  const long long h = m / 60;
  if (h < 8)
    return m % 60 == 0 ? std::to_string(h) + "h"
                       : std::to_string(h) + "h" + std::to_string(m % 60) + "m";
  if (h < 48) return std::to_string(h) + "h";
  const long long d = h / 24;
  if (h < 24 * 8)
    return h % 24 == 0 ? std::to_string(d) + "d"
                       : std::to_string(d) + "d" + std::to_string(h % 24) + "h";
  if (d < 365 * 2) return std::to_string(d) + "d";
  const long long y = d / 365;
  if (y < 8)
    return d % 365 == 0 ? std::to_string(y) + "y"
                        : std::to_string(y) + "y" + std::to_string(d % 365) + "d";
  return std::to_string(y) + "y";
}

std::string age_of(const std::string& timestamp, std::chrono::system_clock::time_point now) {
  std::tm tm{};
  if (timestamp.size() < 19 ||
      std::sscanf(timestamp.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon,
                  &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
    return "<unknown>";
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  const auto then = std::chrono::system_clock::from_time_t(timegm(&tm));
  return human_duration(std::chrono::duration_cast<std::chrono::seconds>(now - then));
}

std::string access_modes_cell(const Json& modes) {
  static const std::map<std::string, std::string> short_names = {{"ReadWriteOnce", "RWO"},
                                                                 {"ReadOnlyMany", "ROX"},
                                                                 {"ReadWriteMany", "RWX"},
                                                                 {"ReadWriteOncePod", "RWOP"}};
  std::vector<std::string> out;
  if (modes.is_array())
    for (const auto& m : modes) {
      if (!m.is_string()) continue;
      auto it = short_names.find(m.get<std::string>());
      out.push_back(it == short_names.end() ? m.get<std::string>() : it->second);
    }
  return join_cells(out);
}

std::string pod_ready_cell(const Json& pod) {
  const Json& spec_containers = array_at(pod, "/spec/containers");
  int ready = 0;
  for (const auto& s : array_at(pod, "/status/containerStatuses"))
    if (s.value("ready", false)) ++ready;
  return std::to_string(ready) + "/" + std::to_string(spec_containers.size());
}

std::string pod_status_cell(const Json& pod) {
  if (!value_at(pod, "/metadata/deletionTimestamp").is_null()) return "Terminating";
  std::string reason = value_text(pod, "/status/reason", "");
  if (!reason.empty()) return reason;
  for (const auto& s : array_at(pod, "/status/containerStatuses")) {
    std::string waiting = value_text(s, "/state/waiting/reason", "");
    if (!waiting.empty()) return waiting;
  }
  return value_text(pod, "/status/phase", "Pending");
}

std::string pod_restarts_cell(const Json& pod) {
  long long restarts = 0;
  for (const auto& s : array_at(pod, "/status/containerStatuses"))
    restarts += s.value("restartCount", 0LL);
  return std::to_string(restarts);
}

std::string pod_readiness_gates_cell(const Json& pod) {
  const Json& gates = array_at(pod, "/spec/readinessGates");
  if (!gates.is_array() || gates.empty()) return "<none>";
  const Json& conditions = array_at(pod, "/status/conditions");
  std::size_t passing = 0;
  for (const auto& gate : gates)
    for (const auto& c : conditions)
      if (c.value("type", "") == gate.value("conditionType", "") && c.value("status", "") == "True")
        ++passing;
  return std::to_string(passing) + "/" + std::to_string(gates.size());
}

std::string service_ports_cell(const Json& service) {
  std::vector<std::string> out;
  for (const auto& p : array_at(service, "/spec/ports")) {
    std::string s = std::to_string(p.value("port", 0));
    if (p.contains("nodePort")) s += ":" + std::to_string(p.value("nodePort", 0));
    out.push_back(s + "/" + p.value("protocol", "TCP"));
  }
  return out.empty() ? "<none>" : join_cells(out);
}

std::string service_external_ip_cell(const Json& service) {
  return value_text(service, "/spec/type", "") == "ExternalName"
             ? value_text(service, "/spec/externalName")
             : std::string("<none>");
}

std::string selector_cell(const Json& selector) {
  std::vector<std::string> out;
  if (selector.is_object())
    for (auto it = selector.begin(); it != selector.end(); ++it)
      out.push_back(it.key() + "=" + (it->is_string() ? it->get<std::string>() : it->dump()));
  return out.empty() ? "<none>" : join_cells(out);
}

std::string container_list_cell(const Json& object, const char* pointer, const char* field) {
  std::vector<std::string> out;
  for (const auto& c : array_at(object, pointer)) out.push_back(c.value(field, ""));
  return join_cells(out);
}

std::string slice_endpoints_cell(const Json& slice) {
  std::vector<std::string> out;
  std::size_t total = 0;
  for (const auto& e : array_at(slice, "/endpoints"))
    for (const auto& a : array_at(e, "/addresses")) {
      if (out.size() < 3) out.push_back(a.is_string() ? a.get<std::string>() : a.dump());
      ++total;
    }
  if (total == 0) return "<unset>";
  std::string s = join_cells(out);
  if (total > out.size()) s += " + " + std::to_string(total - out.size()) + " more...";
  return s;
}

std::string slice_ports_cell(const Json& slice) {
  std::vector<std::string> out;
  for (const auto& p : array_at(slice, "/ports"))
    out.push_back(p.contains("port") ? p["port"].dump() : "<unset>");
  return out.empty() ? std::string("<unset>") : join_cells(out);
}

std::string controller_cell(const Json& object) {
  for (const auto& r : array_at(object, "/metadata/ownerReferences")) {
    if (!r.value("controller", false)) continue;
    const identity::KindInfo* owner = identity::find_kind(r.value("kind", ""));
    return (owner ? owner->qualified_singular() : r.value("kind", "")) + "/" + r.value("name", "");
  }
  return "<none>";
}

std::string volume_claim_cell(const Json& volume) {
  std::string name = value_text(volume, "/spec/claimRef/name", "");
  return name.empty() ? std::string()
                      : value_text(volume, "/spec/claimRef/namespace", "") + "/" + name;
}

std::string event_object_cell(const Json& event) {
  const std::string kind = value_text(event, "/involvedObject/kind", "");
  const identity::KindInfo* known = identity::find_kind(kind);
  return (known ? known->singular : kind) + "/" + value_text(event, "/involvedObject/name", "");
}

std::string event_last_seen_cell(const Json& event, std::chrono::system_clock::time_point now) {
  std::string t = value_text(event, "/lastTimestamp", "");
  if (t.empty()) t = value_text(event, "/eventTime", "");
  return age_of(t, now);
}

}  // namespace ordinal::api
