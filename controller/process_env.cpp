#include "controller/process_env.hpp"

#include <map>

namespace ordinal::controller {
namespace {

// `metadata.labels['KEY']` -> KEY when `path` has that shape for `prefix`.
std::optional<std::string> subscript(const std::string& path, const std::string& prefix) {
  if (path.rfind(prefix + "['", 0) != 0 || path.size() < prefix.size() + 4 ||
      path.compare(path.size() - 2, 2, "']") != 0)
    return std::nullopt;
  return path.substr(prefix.size() + 2, path.size() - prefix.size() - 4);
}

std::optional<std::string> map_value(const std::map<std::string, std::string>& map,
                                     const std::string& key) {
  const auto it = map.find(key);
  return it == map.end() ? std::string() : it->second;
}

void set(Environment& env, const std::string& name, std::string value) {
  for (auto& entry : env)
    if (entry.first == name) {
      entry.second = std::move(value);
      return;
    }
  env.emplace_back(name, std::move(value));
}

}  // namespace

std::optional<std::string> env_lookup(const Environment& env, const std::string& name) {
  for (auto it = env.rbegin(); it != env.rend(); ++it)
    if (it->first == name) return it->second;
  return std::nullopt;
}

std::string expand_references(const std::string& text, const Environment& env) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '$' || i + 1 == text.size()) {
      out += text[i];
      continue;
    }
    if (text[i + 1] == '$') {  // "$$" is an escaped "$"
      out += '$';
      ++i;
      continue;
    }
    const std::size_t close = text[i + 1] == '(' ? text.find(')', i + 2) : std::string::npos;
    if (close == std::string::npos) {
      out += text[i];
      continue;
    }
    const std::string name = text.substr(i + 2, close - i - 2);
    const auto value = name.empty() ? std::nullopt : env_lookup(env, name);
    out += value ? *value : text.substr(i, close - i + 1);
    i = close;
  }
  return out;
}

std::optional<std::string> field_value(const identity::Pod& pod, const std::string& field_path) {
  if (field_path == "metadata.name") return pod.metadata.name;
  if (field_path == "metadata.namespace") return pod.metadata.ns;
  if (field_path == "metadata.uid") return pod.metadata.uid;
  if (field_path == "spec.nodeName") return pod.spec.node_name;
  if (field_path == "spec.serviceAccountName")
    return pod.spec.original.value("serviceAccountName", std::string("default"));
  if (field_path == "status.podIP") return pod.status.pod_ip;
  if (field_path == "status.hostIP") return pod.status.host_ip;
  if (auto key = subscript(field_path, "metadata.labels"))
    return map_value(pod.metadata.labels, *key);
  if (auto key = subscript(field_path, "metadata.annotations"))
    return map_value(pod.metadata.annotations, *key);
  return std::nullopt;
}

EnvironmentResult container_environment(const identity::Pod& pod,
                                        const identity::Container& container,
                                        const std::string& default_path) {
  EnvironmentResult result;
  Environment& env = result.env;
  set(env, "PATH", default_path);
  set(env, "HOSTNAME", pod.spec.hostname.empty() ? pod.metadata.name : pod.spec.hostname);
  set(env, "POD_NAME", pod.metadata.name);
  set(env, "POD_NAMESPACE", pod.metadata.ns);
  set(env, "POD_IP", pod.status.pod_ip);
  for (const auto& var : container.env) {
    if (var.value_from.is_null()) {
      set(env, var.name, expand_references(var.value, env));
      continue;
    }
    const identity::Json& ref = var.value_from;
    const std::string path =
        ref.contains("fieldRef") ? ref["fieldRef"].value("fieldPath", std::string()) : "";
    const auto value = path.empty() ? std::nullopt : field_value(pod, path);
    if (!value) {
      result.error = "env " + var.name + ": the process runtime resolves only valueFrom.fieldRef " +
                     "(metadata.name, metadata.namespace, metadata.labels['KEY'], status.podIP, " +
                     "...), not " + ref.dump();
      return result;
    }
    set(env, var.name, *value);
  }
  return result;
}

std::vector<std::string> container_command_line(const identity::Container& container,
                                                const Environment& env) {
  std::vector<std::string> line;
  if (container.command.empty()) return line;
  for (const auto& part : container.command) line.push_back(expand_references(part, env));
  for (const auto& part : container.args) line.push_back(expand_references(part, env));
  return line;
}

}  // namespace ordinal::controller
