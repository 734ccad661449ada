#pragma once
// Test support for scenarios on a running `ordinal serve`: reading objects through the CLI,
// waiting for a condition, parsing `get -w -o json` streams and asking DNS with dig.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "identity/json.hpp"
#include "integration/process.hpp"

namespace ordinal::testing {

using identity::Json;

/// `ordinal get KIND -n NS -o json` items (empty when the command fails).
inline std::vector<Json> list_objects(const Server& server, const std::string& kind,
                                      const std::string& ns) {
  auto got = server.ordinal({"get", kind, "-n", ns, "-o", "json"});
  if (got.exit_code != 0) return {};
  Json list = Json::parse(got.out, nullptr, false);
  if (!list.is_object() || !list.contains("items")) return {};
  return list["items"].get<std::vector<Json>>();
}

/// One object as JSON, or null when it does not exist.
inline Json get_object(const Server& server, const std::string& kind, const std::string& name,
                       const std::string& ns) {
  auto got = server.ordinal({"get", kind, name, "-n", ns, "-o", "json"});
  if (got.exit_code != 0) return nullptr;
  return Json::parse(got.out, nullptr, false);
}

inline bool is_running_and_ready(const Json& pod) {
  if (pod["status"].value("phase", "") != "Running") return false;
  for (const auto& c : pod["status"].value("conditions", Json::array()))
    if (c.value("type", "") == "Ready") return c.value("status", "") == "True";
  return false;
}

inline bool is_terminating(const Json& object) {
  return object["metadata"].contains("deletionTimestamp");
}

inline std::string name_of(const Json& object) {
  return object["metadata"].value("name", "");
}

/// How long after the call each of `count` replicas first satisfied `shows(i)` (nullopt: not
/// within `timeout`). The replicas are polled together, every 10 ms, so the time one takes is
/// never counted against another.
inline std::vector<std::optional<std::chrono::milliseconds>> follow_times(
    std::size_t count, const std::function<bool(std::size_t)>& shows,
    std::chrono::seconds timeout) {
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::optional<std::chrono::milliseconds>> times(count);
  std::size_t left = count;
  while (left > 0 && std::chrono::steady_clock::now() - start < timeout) {
    for (std::size_t i = 0; i < count; ++i) {
      if (times[i] || !shows(i)) continue;
      times[i] = std::chrono::duration_cast<std::chrono::milliseconds>(
          std::chrono::steady_clock::now() - start);
      --left;
    }
    if (left > 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return times;
}

/// Polls `condition` every 100 ms until it holds or `timeout` passes.
inline bool wait_until(const std::function<bool()>& condition,
                       std::chrono::seconds timeout = std::chrono::seconds(30)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return condition();
}

/// Names of the Running+Ready pods of `ns` whose name starts with `prefix`, sorted.
inline std::vector<std::string> ready_pods(const Server& server, const std::string& ns,
                                           const std::string& prefix) {
  std::vector<std::string> names;
  for (const auto& pod : list_objects(server, "pods", ns))
    if (name_of(pod).rfind(prefix, 0) == 0 && is_running_and_ready(pod) && !is_terminating(pod))
      names.push_back(name_of(pod));
  return names;
}

/// The objects of a `get -w -o json` stream (concatenated JSON documents; the initial List is
/// flattened into its items).
inline std::vector<Json> parse_stream(const std::string& text) {
  std::vector<Json> objects;
  std::istringstream in(text);
  while (in >> std::ws && in.peek() != EOF) {
    Json object;
    try {
      in >> object;
    } catch (const std::exception&) {
      break;  // a document cut off by stop()
    }
    if (object.is_object() && object.contains("items")) {
      for (auto& item : object["items"]) objects.push_back(std::move(item));
    } else {
      objects.push_back(std::move(object));
    }
  }
  return objects;
}

/// The non-empty output lines (stdout and stderr) of a shell COMMAND line, in order.
inline std::vector<std::string> command_lines(const std::string& command) {
  std::vector<std::string> lines;
  if (FILE* pipe = ::popen((command + " 2>&1").c_str(), "r")) {
    char buf[512];
    while (std::fgets(buf, sizeof buf, pipe) != nullptr) {
      std::string line(buf);
      while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
      if (!line.empty()) lines.push_back(line);
    }
    ::pclose(pipe);
  }
  return lines;
}

/// The non-empty output lines of a `dig` COMMAND line, sorted.
inline std::vector<std::string> dig_lines(const std::string& command) {
  auto lines = command_lines(command);
  std::sort(lines.begin(), lines.end());
  return lines;
}

/// `dig +short` answer lines for NAME/TYPE from the server's DNS port.
inline std::vector<std::string> dig(const Server& server, const std::string& type,
                                    const std::string& name) {
  return dig_lines("dig +short +time=2 +tries=1 -p " + server.dns_port() + " @127.0.0.1 " + type +
                   " " + name);
}

/// Applies the users' example (examples/nginx.yaml) to namespace `test`, with simulated
/// containers that take a second to stop, so that deleted pods stay terminating long enough to
/// be asked about. True once web-0..2 are Ready.
inline bool apply_slow_stopping_example(const Server& server, const std::filesystem::path& dir) {
  std::ifstream in(std::string(ORDINAL_SOURCE_DIR) + "/examples/nginx.yaml");
  std::string example((std::istreambuf_iterator<char>(in)), {});
  const std::string anchor = "  template:\n    metadata:\n";
  example.insert(example.find(anchor) + anchor.size(),
                 "      annotations:\n        sim.ordinal.dev/stop-after: 1s\n");
  const auto path = dir / "nginx.yaml";
  std::ofstream(path) << example;
  if (server.ordinal({"apply", "-f", path.string(), "-n", "test"}).exit_code != 0) return false;
  return wait_until([&] {
    return ready_pods(server, "test", "web-") ==
           std::vector<std::string>{"web-0", "web-1", "web-2"};
  });
}

}  // namespace ordinal::testing
