// deploy/ordinal.yaml and deploy/sidecar.yaml: every document is YAML with a kind and a name,
// and the kinds ordinal knows (Namespace, Service, StatefulSet with its claim templates) decode
// with ordinal's own manifest decoder.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <iterator>
#include <set>
#include <string>

#include "identity/manifest.hpp"

namespace ordinal::identity {
namespace {

const std::set<std::string> kOthers = {"ServiceAccount", "ClusterRole", "ClusterRoleBinding"};

std::string read(const std::string& name) {
  std::ifstream in(std::string(ORDINAL_SOURCE_DIR) + "/deploy/" + name);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

/// The kinds of the file's documents, checked to be YAML maps with a name.
std::multiset<std::string> yaml_kinds(const std::string& text) {
  std::multiset<std::string> kinds;
  for (const YAML::Node& document : YAML::LoadAll(text)) {
    if (!document) continue;
    EXPECT_TRUE(document.IsMap());
    EXPECT_TRUE(document["apiVersion"]);
    EXPECT_TRUE(document["metadata"]["name"]);
    kinds.insert(document["kind"].as<std::string>());
  }
  return kinds;
}

/// Decodes the file as `ordinal apply` would; kinds ordinal does not serve may be refused,
/// nothing else.
std::multiset<std::string> decoded_kinds(const std::string& name) {
  const auto decoded = decode_manifests(read(name), name);
  for (const auto& error : decoded.errors) {
    const std::string kind = error.object.substr(0, error.object.find(' '));
    EXPECT_TRUE(kOthers.count(kind) == 1) << error.to_string();
  }
  std::multiset<std::string> kinds;
  for (const auto& document : decoded.documents) kinds.insert(document.object.value("kind", ""));
  return kinds;
}

TEST(Deploy, OrdinalYamlRunsTheControlPlaneWithFollowerPermissions) {
  const auto kinds = yaml_kinds(read("ordinal.yaml"));
  for (const char* kind : {"Namespace", "ServiceAccount", "ClusterRole", "ClusterRoleBinding",
                           "Service", "StatefulSet"})
    EXPECT_GE(kinds.count(kind), 1u) << kind;
  EXPECT_EQ(decoded_kinds("ordinal.yaml"),
            (std::multiset<std::string>{"Namespace", "Service", "StatefulSet"}));
}

TEST(Deploy, SidecarYamlPointsTheApplicationsResolverAtItsFollower) {
  const std::string text = read("sidecar.yaml");
  EXPECT_EQ(yaml_kinds(text), (std::multiset<std::string>{"Service", "StatefulSet"}));
  EXPECT_EQ(decoded_kinds("sidecar.yaml"), (std::multiset<std::string>{"Service", "StatefulSet"}));
  const auto set = YAML::LoadAll(text)[1];
  const auto spec = set["spec"]["template"]["spec"];
  EXPECT_EQ(spec["dnsPolicy"].as<std::string>(), "None");
  EXPECT_EQ(spec["dnsConfig"]["nameservers"][0].as<std::string>(), "127.0.0.1");
  std::string args;
  for (const auto& arg : spec["initContainers"][0]["args"]) args += arg.as<std::string>() + " ";
  for (const char* wanted : {"serve ", "--follow=https://", "--dns-listen=127.0.0.1:53 ",
                             "--token-file=/var/run/secrets/kubernetes.io/serviceaccount/token ",
                             "--ca-file=/var/run/secrets/kubernetes.io/serviceaccount/ca.crt "})
    EXPECT_NE(args.find(wanted), std::string::npos) << wanted << " in " << args;
}

}  // namespace
}  // namespace ordinal::identity
