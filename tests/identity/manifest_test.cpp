// Manifest decoding: the users' example, typing, document handling, Lists and JSON.
#include "identity/manifest.hpp"

#include <gtest/gtest.h>

#include "identity/manifest_fixtures.hpp"
#include "identity/yaml_to_json.hpp"

namespace ordinal::identity {
namespace {

using fixtures::edit;
using fixtures::error_lines;
using fixtures::kStatefulSet;
using fixtures::read_file;

TEST(Manifest, BaseStatefulSetIsValid) {
  const DecodedManifests decoded = decode_manifests(kStatefulSet, "m.yaml");
  EXPECT_TRUE(decoded.errors.empty()) << ::testing::PrintToString(error_lines(decoded));
  ASSERT_EQ(decoded.documents.size(), 1U);
  EXPECT_EQ(decoded.documents[0].object["spec"]["replicas"], 3);
}

TEST(Manifest, UsersExampleDecodesToThreeDocuments) {
  const std::string text =
      read_file(std::string(ORDINAL_SOURCE_DIR) + "/tests/data/manifests/nginx.yaml");
  ASSERT_FALSE(text.empty());
  const DecodedManifests decoded = decode_manifests(text, "nginx.yaml");
  EXPECT_TRUE(decoded.errors.empty()) << ::testing::PrintToString(error_lines(decoded));
  ASSERT_EQ(decoded.documents.size(), 3U);
  EXPECT_EQ(decoded.documents[0].object["kind"], "Service");
  EXPECT_EQ(decoded.documents[0].object["spec"]["clusterIP"], "None");
  EXPECT_EQ(decoded.documents[1].object["kind"], "StatefulSet");
  EXPECT_EQ(decoded.documents[1].document, 2);
  // Trailing spaces after a plain scalar are not part of it.
  EXPECT_EQ(decoded.documents[1].object["spec"]["selector"]["matchLabels"]["app"], "nginx");
  EXPECT_EQ(decoded.documents[1].object["spec"]["serviceName"], "nginx");
  EXPECT_EQ(decoded.documents[1].object["spec"]["replicas"], 3);
  EXPECT_FALSE(decoded.documents[1].object["spec"].contains("podManagementPolicy"))
      << "documents are returned as written, without defaults";
  EXPECT_EQ(decoded.documents[2].object["kind"], "Ingress");
  EXPECT_EQ(decoded.documents[2].object["spec"]["rules"][0]["http"]["paths"][0]["backend"]
                                       ["service"]["port"]["number"],
            80);
}

TEST(Manifest, CoreSchemaTyping) {
  const DecodedManifests decoded = decode_manifests(R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: typing
  labels:
    quoted: "true"
data:
  a: "123"
  b: '0x1F'
  c: |
    block text
)",
                                                    "c.yaml");
  ASSERT_TRUE(decoded.errors.empty()) << ::testing::PrintToString(error_lines(decoded));
  const Json& data = decoded.documents.at(0).object["data"];
  EXPECT_EQ(data["a"], "123");
  EXPECT_EQ(data["b"], "0x1F");
  EXPECT_EQ(data["c"], "block text\n");
  EXPECT_EQ(decoded.documents[0].object["metadata"]["labels"]["quoted"], "true");

  const DecodedManifests plain = decode_manifests(
      "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  clusterIP: None\n"
      "  publishNotReadyAddresses: true\n  ports:\n  - port: 0x50\n    targetPort: 8080\n",
      "s.yaml");
  ASSERT_TRUE(plain.errors.empty()) << ::testing::PrintToString(error_lines(plain));
  const Json& spec = plain.documents.at(0).object["spec"];
  EXPECT_EQ(spec["publishNotReadyAddresses"], true);
  EXPECT_EQ(spec["ports"][0]["port"], 80);
  EXPECT_TRUE(spec["ports"][0]["targetPort"].is_number_integer());
}

TEST(Manifest, EmptyDocumentsAreSkipped) {
  const std::string text =
      "---\n# only a comment\n---\n\n---\n" + std::string(kStatefulSet) + "---\n";
  const DecodedManifests decoded = decode_manifests(text, "e.yaml");
  EXPECT_TRUE(decoded.errors.empty()) << ::testing::PrintToString(error_lines(decoded));
  ASSERT_EQ(decoded.documents.size(), 1U);
  EXPECT_EQ(decoded.documents[0].document, 3);
}

TEST(Manifest, BadDocumentDoesNotStopGoodOnes) {
  const std::string text = std::string(kStatefulSet) + "---\nkind: [unclosed\n---\n" +
                           "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: test\n";
  const DecodedManifests decoded = decode_manifests(text, "mixed.yaml");
  ASSERT_EQ(decoded.documents.size(), 2U);
  EXPECT_EQ(decoded.documents[0].object["kind"], "StatefulSet");
  EXPECT_EQ(decoded.documents[1].object["kind"], "Namespace");
  EXPECT_EQ(decoded.documents[1].document, 3);
  ASSERT_EQ(decoded.errors.size(), 1U);
  EXPECT_EQ(decoded.errors[0].document, 2);
  EXPECT_EQ(decoded.errors[0].line, 34);
  EXPECT_EQ(decoded.errors[0].to_string(),
            "mixed.yaml: document 2, line 34: YAML syntax error: end of sequence flow not found "
            "(is a bracket or brace left open?)");
}

TEST(Manifest, ListItemsBecomeDocuments) {
  const DecodedManifests decoded = decode_manifests(R"(apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Namespace
  metadata:
    name: good
- apiVersion: v1
  kind: Namespace
  metadata:
    name: Bad_Name
)",
                                                    "list.yaml");
  ASSERT_EQ(decoded.documents.size(), 1U);
  EXPECT_EQ(decoded.documents[0].object["metadata"]["name"], "good");
  ASSERT_EQ(decoded.errors.size(), 1U);
  EXPECT_EQ(decoded.errors[0].field, "items[1].metadata.name");
  EXPECT_EQ(decoded.errors[0].line, 11);
  EXPECT_EQ(decoded.errors[0].object, "Namespace Bad_Name");
}

TEST(Manifest, JsonInputKeepsLines) {
  const DecodedManifests decoded = decode_manifests(R"({
  "apiVersion": "v1",
  "kind": "Namespace",
  "metadata": {
    "name": "test",
    "lables": {"a": "b"}
  }
})",
                                                    "ns.json");
  EXPECT_TRUE(decoded.documents.empty());
  EXPECT_EQ(error_lines(decoded),
            std::vector<std::string>{"ns.json: document 1 (Namespace test), line 6: "
                                     "metadata.lables: unknown field; did you mean \"labels\"?"});
}

TEST(Manifest, ServiceMistakes) {
  const DecodedManifests decoded = decode_manifests(R"(apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  clusterIp: None
  ports: 80
---
apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  publishNotReadyAddresses: "true"
  ports:
  - port: 5432
    targetPort: [5432]
)",
                                                    "svc.yaml");
  EXPECT_TRUE(decoded.documents.empty());
  EXPECT_EQ(error_lines(decoded),
            (std::vector<std::string>{
                "svc.yaml: document 1 (Service nginx), line 6: spec.clusterIp: unknown field; "
                "did you mean \"clusterIP\"?",
                "svc.yaml: document 1 (Service nginx), line 7: spec.ports: expected a list, got "
                "an integer: 80",
                "svc.yaml: document 2 (Service db), line 14: spec.publishNotReadyAddresses: "
                "expected a boolean, got a string: \"true\"",
                "svc.yaml: document 2 (Service db), line 17: spec.ports[0].targetPort: expected "
                "an integer or a string, got a list",
            }));
}

TEST(Manifest, ClusterScopedKindsTakeNoNamespace) {
  const DecodedManifests decoded = decode_manifests(R"(apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv-1
  namespace: default
spec:
  capacity:
    storage: 1Gi
  accessModes: [ReadWriteOnce]
  hostPath:
    path: /data/pv-1
)",
                                                    "pv.yaml");
  EXPECT_EQ(error_lines(decoded),
            std::vector<std::string>{"pv.yaml: document 1 (PersistentVolume pv-1), line 5: "
                                     "metadata.namespace: Forbidden: not allowed on this type"});
}

TEST(Manifest, UnreadableJsonNamesTheLine) {
  const DecodedManifests decoded = decode_manifests(
      "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"Namespace\"\n  \"x\": 1\n}", "bad.json");
  ASSERT_EQ(decoded.errors.size(), 1U);
  EXPECT_EQ(decoded.errors[0].line, 4);
  EXPECT_NE(decoded.errors[0].message.find("JSON syntax error"), std::string::npos);
}

TEST(Manifest, JsonNumberBeyondADoubleIsAnErrorNotACrash) {
  const DecodedManifests decoded =
      decode_manifests(R"({"apiVersion": "v1", "kind": "Namespace", "x": 1e999})", "big.json");
  ASSERT_EQ(decoded.errors.size(), 1U);
  EXPECT_NE(decoded.errors[0].message.find("JSON number out of range"), std::string::npos)
      << decoded.errors[0].message;
  EXPECT_TRUE(decoded.documents.empty());
}

TEST(Manifest, ControlCharactersAreRefusedWithTheLine) {
  const std::string text =
      std::string("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a") + '\0' + "b\n";
  const DecodedManifests decoded = decode_manifests(text, "nul.yaml");
  ASSERT_EQ(decoded.errors.size(), 1U);
  EXPECT_EQ(decoded.errors[0].line, 4);
  EXPECT_NE(decoded.errors[0].message.find("control character"), std::string::npos)
      << decoded.errors[0].message;
  EXPECT_TRUE(decoded.documents.empty());
}

// yaml-cpp turns these two escapes into lone Latin-1 octets, which no JSON response could carry.
TEST(Manifest, EscapesForNextLineAndNoBreakSpaceBecomeUtf8) {
  const std::string text =
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n"
      "data:\n  k: \"\\N\\_\\\\ \\xA0 \u00e0 \\u00e9\"\n";
  const DecodedManifests decoded = decode_manifests(text, "escapes.yaml");
  ASSERT_TRUE(decoded.errors.empty()) << decoded.errors[0].to_string();
  ASSERT_EQ(decoded.documents.size(), 1U);
  EXPECT_EQ(decoded.documents[0].object["data"]["k"], "\u0085\u00a0\\ \u00a0 \u00e0 \u00e9");
  EXPECT_NO_THROW((void)decoded.documents[0].object.dump());

  const YamlDocument keys = yaml_to_json({"\"a\\_b\": 1\n", 1}, false);
  ASSERT_TRUE(keys.problems.empty());
  EXPECT_TRUE(keys.value.contains("a\u00a0b")) << keys.value.dump();
}

TEST(Manifest, PlainScalarsFollowTheYaml12CoreSchema) {
  EXPECT_EQ(yaml_plain_scalar("~"), Json());
  EXPECT_EQ(yaml_plain_scalar("null"), Json());
  EXPECT_EQ(yaml_plain_scalar("True"), Json(true));
  EXPECT_EQ(yaml_plain_scalar("FALSE"), Json(false));
  EXPECT_EQ(yaml_plain_scalar("yes"), Json("yes")) << "YAML 1.1 booleans are strings in 1.2";
  EXPECT_EQ(yaml_plain_scalar("-42"), Json(-42));
  EXPECT_EQ(yaml_plain_scalar("0o17"), Json(15));
  EXPECT_EQ(yaml_plain_scalar("0x1F"), Json(31));
  EXPECT_EQ(yaml_plain_scalar("1.5e3"), Json(1500.0));
  EXPECT_EQ(yaml_plain_scalar(".5"), Json(0.5));
  EXPECT_EQ(yaml_plain_scalar("1e999"), Json("1e999")) << "no JSON number for infinity";
  EXPECT_EQ(yaml_plain_scalar("1Gi"), Json("1Gi"));
  EXPECT_EQ(yaml_plain_scalar("10.0.0.1"), Json("10.0.0.1"));
  EXPECT_EQ(yaml_plain_scalar("18446744073709551615"), Json(18446744073709551615ULL));
}

TEST(Manifest, LinesOfFieldPaths) {
  const YamlDocument doc = yaml_to_json(
      {"\nmetadata:\n  labels:\n    app.kubernetes.io/name: x\nspec:\n  ports:\n  - port: 80\n",
       10});
  ASSERT_TRUE(doc.problems.empty());
  EXPECT_EQ(doc.lines.line_of("metadata.labels[app.kubernetes.io/name]"), 13);
  EXPECT_EQ(doc.lines.line_of("spec.ports[0].port"), 16);
  EXPECT_EQ(doc.lines.line_of("spec.ports[0].targetPort"), 16) << "nearest ancestor";
  EXPECT_EQ(doc.lines.line_of("status"), 11) << "the document's first line";
  EXPECT_EQ(split_field_path("a.b[0][x.y/z].c"),
            (std::vector<std::string>{"a", "b", "0", "x.y/z", "c"}));
}

}  // namespace
}  // namespace ordinal::identity
