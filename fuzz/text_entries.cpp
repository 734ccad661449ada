#include "fuzz/text_entries.hpp"

#include <array>
#include <string>

#include "fuzz/byte_reader.hpp"
#include "fuzz/fuzz_check.hpp"
#include "identity/manifest.hpp"
#include "tools/api/body_decoder.hpp"
#include "tools/api/patch.hpp"

namespace ordinal::fuzz {
namespace {

using identity::Json;

/// Serialising must work for anything a decoder accepted: responses, watch events and the
/// store all go through dump(), which throws on strings that are not UTF-8.
void check_serialises(const Json& object) {
  bool ok = true;
  try {
    (void)object.dump();
  } catch (const Json::exception&) {
    ok = false;
  }
  check(ok, "an accepted object serialises as JSON");
}

void check_refusal(const identity::ApiError& error) {
  check(error.code >= 400 && error.code < 500, "bad input is refused with a 4xx");
}

const Json& default_original() {
  static const Json object = Json::parse(R"({
    "apiVersion": "apps/v1", "kind": "StatefulSet",
    "metadata": {"name": "web", "namespace": "test", "labels": {"app": "nginx"}},
    "spec": {"replicas": 3, "serviceName": "nginx",
      "selector": {"matchLabels": {"app": "nginx"}},
      "template": {"metadata": {"labels": {"app": "nginx"}},
        "spec": {"containers": [{"name": "nginx", "image": "nginx:1.25",
          "ports": [{"containerPort": 80, "name": "web"}],
          "env": [{"name": "A", "value": "1"}],
          "volumeMounts": [{"name": "www", "mountPath": "/usr/share/nginx/html"}]}]}},
      "volumeClaimTemplates": [{"metadata": {"name": "www"},
        "spec": {"accessModes": ["ReadWriteOnce"],
          "resources": {"requests": {"storage": "1Gi"}}}}]}})");
  return object;
}

}  // namespace

void fuzz_manifest(std::span<const std::uint8_t> input) {
  ByteReader reader(input);
  const std::string text = reader.rest();
  const auto decoded = identity::decode_manifests(text, "fuzz.yaml");
  for (const auto& error : decoded.errors) {
    check(error.source == "fuzz.yaml", "every error names the source");
    (void)error.to_string();
  }
  for (const auto& document : decoded.documents) {
    check(document.object.is_object(), "a decoded document is an object");
    check_serialises(document.object);
  }
}

void fuzz_api_body(std::span<const std::uint8_t> input) {
  static const std::array<const char*, 6> types = {"application/json",
                                                   "application/yaml",
                                                   "application/vnd.kubernetes.protobuf",
                                                   "",
                                                   "application/json; charset=utf-8",
                                                   "text/plain"};
  ByteReader reader(input);
  const std::string type = types[reader.below(types.size())];
  const auto decoded = api::decode_body(reader.rest(), type);
  if (!decoded) return check_refusal(decoded.error());
  check(decoded->object.is_object(), "a decoded body is an object");
  check_serialises(decoded->object);
}

void fuzz_api_patch(std::span<const std::uint8_t> input) {
  static const std::array<const char*, 4> types = {
      "application/merge-patch+json", "application/json-patch+json",
      "application/strategic-merge-patch+json", "application/apply-patch+yaml"};
  static const std::array<const char*, 3> kinds = {"StatefulSet", "Service", "Pod"};
  ByteReader reader(input);
  const std::uint8_t choice = reader.byte();
  const std::string type = types[choice % types.size()];
  const std::string kind = kinds[(choice / types.size()) % kinds.size()];
  const std::string text = reader.rest();
  Json original = default_original();
  std::string body = text;
  if (const auto split = text.find("\n--\n"); split != std::string::npos) {
    body = text.substr(split + 4);
    Json parsed = Json::parse(text.substr(0, split), nullptr, false);
    if (parsed.is_object()) original = std::move(parsed);
  }
  const auto patched = api::apply_patch(type, body, original, kind);
  if (!patched) return check_refusal(patched.error());
  check_serialises(*patched);
}

}  // namespace ordinal::fuzz
