#pragma once
// Shared by the identity tests: a temporary data directory, a fixed clock and object builders.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>

#include "identity/json.hpp"
#include "identity/registry.hpp"

namespace ordinal::identity::testing {

/// A fresh directory under the system temporary directory, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ordinal-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// 2026-11-22T00:15:08Z.
inline std::chrono::system_clock::time_point fixed_now() {
  return std::chrono::system_clock::time_point{std::chrono::seconds{1795306508}};
}

inline RegistryOptions fixed_clock() {
  RegistryOptions options;
  options.now = fixed_now;
  return options;
}

inline Json object(const std::string& kind, const std::string& api_version, const std::string& ns,
                   const std::string& name, const std::map<std::string, std::string>& labels = {}) {
  Json o = {{"apiVersion", api_version},
            {"kind", kind},
            {"metadata", {{"name", name}}},
            {"spec", Json::object()}};
  if (!ns.empty()) o["metadata"]["namespace"] = ns;
  if (!labels.empty()) o["metadata"]["labels"] = labels;
  return o;
}

inline Json pod(const std::string& ns, const std::string& name,
                const std::map<std::string, std::string>& labels = {}) {
  Json p = object("Pod", "v1", ns, name, labels);
  p["spec"] = {{"containers", {{{"name", "app"}, {"image", "nginx"}}}}};
  return p;
}

inline Json config_map(const std::string& ns, const std::string& name) {
  Json c = object("ConfigMap", "v1", ns, name);
  c.erase("spec");
  c["data"] = {{"count", "0"}};
  return c;
}

inline std::string rv_of(const ObjectPtr& o) {
  return o->at("metadata").at("resourceVersion").get<std::string>();
}

inline std::uint64_t rv_number(const ObjectPtr& o) {
  return std::stoull(rv_of(o));
}

}  // namespace ordinal::identity::testing
