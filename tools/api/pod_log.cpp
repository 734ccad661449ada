#include "tools/api/pod_log.hpp"

#include <deque>
#include <fstream>
#include <sstream>

#include "identity/pod.hpp"
#include "tools/api/api_response.hpp"

namespace ordinal::api {
namespace {

identity::ApiError log_unavailable() {
  identity::ApiError error;
  error.code = 404;
  error.reason = "NotFound";
  error.message = "container logs are kept only by `ordinal serve --runtime process`";
  return error;
}

// The last `lines` lines of `text` (all of it for a negative count).
std::string tail(const std::string& text, long long lines) {
  if (lines < 0) return text;
  std::deque<std::string> kept;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    kept.push_back(line + "\n");
    if (static_cast<long long>(kept.size()) > lines) kept.pop_front();
  }
  if (!kept.empty() && !text.empty() && text.back() != '\n') kept.back().pop_back();
  std::string out;
  for (const auto& l : kept) out += l;
  return out;
}

std::string names_of(const identity::Pod& pod) {
  std::string names;
  for (const auto& c : pod.spec.containers) names += (names.empty() ? "" : " ") + c.name;
  return names;
}

}  // namespace

bool is_pod_log_path(const RequestTarget& target) {
  const auto& s = target.segments;
  return s.size() == 7 && s[0] == "api" && s[1] == "v1" && s[2] == "namespaces" && s[4] == "pods" &&
         s[6] == "log";
}

ApiResponse pod_log_response(const identity::Registry& registry, const ApiRequest& request,
                             const RequestTarget& target, const ApiOptions& options) {
  if (request.method != "GET")
    return error_response(identity::method_not_allowed(
        "the server does not allow this method on the requested resource (" + request.method +
        " pods/log)"));
  const std::string& ns = target.segments[3];
  const std::string& name = target.segments[5];
  auto stored = registry.get({"Pod", ns, name});
  if (!stored) return error_response(stored.error());
  if (options.pod_logs_root.empty()) return error_response(log_unavailable());
  const identity::Pod pod = identity::Pod::from_json(**stored);

  std::string container = target.param("container").value_or("");
  if (container.empty() && pod.spec.containers.size() == 1) container = pod.spec.containers[0].name;
  if (container.empty())
    return error_response(identity::bad_request("a container name must be specified for pod " +
                                                name + ", choose one of: [" + names_of(pod) + "]"));
  if (pod.spec.find_container(container) == nullptr)
    return error_response(
        identity::bad_request("container " + container + " is not valid for pod " + name));
  int restarts = 0;
  for (const auto& status : pod.status.container_statuses)
    if (status.name == container) restarts = status.restart_count.value_or(0);
  const bool previous = target.flag("previous");
  const int run = previous ? restarts - 1 : restarts;
  const std::filesystem::path file = std::filesystem::path(options.pod_logs_root) /
                                     (ns + "_" + name + "_" + pod.metadata.uid) / container /
                                     (std::to_string(run) + ".log");
  std::ifstream in(file, std::ios::binary);
  if (run < 0 || !in)
    return error_response(
        identity::bad_request(previous ? "previous terminated container \"" + container +
                                             "\" in pod \"" + name + "\" not found"
                                       : "container \"" + container + "\" in pod \"" + name +
                                             "\" is waiting to start: ContainerCreating"));
  std::ostringstream text;
  text << in.rdbuf();
  long long lines = -1;
  if (auto value = target.param("tailLines")) {
    try {
      lines = std::stoll(*value);
    } catch (const std::exception&) {
      return error_response(identity::bad_request("tailLines: expected an integer"));
    }
  }
  ApiResponse response = text_response(200, tail(text.str(), lines));
  response.content_type = "text/plain";
  return response;
}

}  // namespace ordinal::api
