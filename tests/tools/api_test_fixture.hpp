#pragma once
// A registry in a fresh temporary directory with an ApiHandler in front of it, and helpers to
// send requests as kubectl would.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include "identity/json.hpp"
#include "identity/registry.hpp"
#include "tools/api/api_handler.hpp"

namespace ordinal::api::testing {

using identity::Json;

// Paths and patch media types the API tests share (namespace "test", set "web").
inline constexpr const char* kPods = "/api/v1/namespaces/test/pods";
inline constexpr const char* kServices = "/api/v1/namespaces/test/services";
inline constexpr const char* kSets = "/apis/apps/v1/namespaces/test/statefulsets";
inline constexpr const char* kWeb = "/apis/apps/v1/namespaces/test/statefulsets/web";
inline constexpr const char* kMerge = "application/merge-patch+json";
inline constexpr const char* kStrategic = "application/strategic-merge-patch+json";
inline constexpr const char* kJsonPatch = "application/json-patch+json";

inline std::filesystem::path fresh_directory(const std::string& prefix) {
  static std::atomic<int> counter{0};
  auto dir = std::filesystem::temp_directory_path() /
             (prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(dir);
  return dir;
}

class ApiFixture : public ::testing::Test {
 protected:
  void SetUp() override { open({}); }
  void TearDown() override {
    handler_.reset();
    registry_.reset();
    std::filesystem::remove_all(dir_);
  }

  void open(ApiOptions options) {
    handler_.reset();
    registry_.reset();
    if (dir_.empty()) dir_ = fresh_directory("ordinal-api-test");
    registry_ = identity::Registry::open(dir_, registry_options_);
    handler_ = std::make_unique<ApiHandler>(*registry_, options);
  }

  ApiResponse send(const std::string& method, const std::string& target,
                   const std::string& body = "",
                   const std::string& content_type = "application/json") {
    ApiRequest request{method, target, {}, body};
    if (!body.empty()) request.headers["content-type"] = content_type;
    request.headers["host"] = "127.0.0.1:8080";
    return handler_->handle(request);
  }
  ApiResponse send(const std::string& method, const std::string& target, const Json& body,
                   const std::string& content_type = "application/json") {
    return send(method, target, body.dump(), content_type);
  }

  static Json json(const ApiResponse& response) {
    return Json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  }
  static std::string message(const ApiResponse& response) {
    return json(response).value("message", std::string("<no message: ") + response.body + ">");
  }

  static Json pod(const std::string& name, const std::string& ns = "test",
                  const Json& labels = Json::object()) {
    return {{"apiVersion", "v1"},
            {"kind", "Pod"},
            {"metadata", {{"name", name}, {"namespace", ns}, {"labels", labels}}},
            {"spec", {{"containers", {{{"name", "c"}, {"image", "busybox:1.36"}}}}}}};
  }

  static Json stateful_set(const std::string& name, int replicas = 2) {
    Json labels = {{"app", name}};
    return {{"apiVersion", "apps/v1"},
            {"kind", "StatefulSet"},
            {"metadata", {{"name", name}, {"namespace", "test"}}},
            {"spec",
             {{"serviceName", name},
              {"replicas", replicas},
              {"selector", {{"matchLabels", labels}}},
              {"template",
               {{"metadata", {{"labels", labels}}},
                {"spec", {{"containers", {{{"name", "nginx"}, {"image", "nginx:1.27"}}}}}}}}}}};
  }

  identity::RegistryOptions registry_options_;
  std::filesystem::path dir_;
  std::unique_ptr<identity::Registry> registry_;
  std::unique_ptr<ApiHandler> handler_;
};

}  // namespace ordinal::api::testing
