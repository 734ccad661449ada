// Request bodies: JSON with duplicate fields, YAML, Kubernetes protobuf (what `kubectl create
// namespace|configmap|secret` sends) and unsupported media types.
#include <gtest/gtest.h>

#include "tests/tools/api_test_fixture.hpp"
#include "tools/api/body_decoder.hpp"
#include "tools/api/protobuf_body.hpp"

namespace ordinal::api::testing {
namespace {

// Protobuf wire format: a length-delimited field (wire type 2); lengths here stay below 128.
std::string field(int number, const std::string& bytes) {
  std::string out;
  out.push_back(static_cast<char>(number << 3 | 2));
  out.push_back(static_cast<char>(bytes.size()));
  return out + bytes;
}

std::string envelope(const std::string& kind, const std::string& raw) {
  return std::string("k8s\0", 4) + field(1, field(1, "v1") + field(2, kind)) + field(2, raw) +
         field(3, "") + field(4, "");
}

std::string entry(const std::string& key, const std::string& value) {
  return field(1, key) + field(2, value);
}

TEST(ProtobufBody, NamespaceAsKubectlCreateSendsIt) {
  std::string meta = field(1, "team") + field(2, "") + field(11, entry("env", "dev"));
  auto decoded = decode_protobuf_body(envelope("Namespace", field(1, meta) + field(2, "")));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(*decoded, Json::parse(R"({"apiVersion":"v1","kind":"Namespace",
      "metadata":{"name":"team","labels":{"env":"dev"}}})"));
}

TEST(ProtobufBody, ConfigMapAndSecretData) {
  auto config = decode_protobuf_body(
      envelope("ConfigMap", field(1, field(1, "c")) + field(2, entry("a", "b"))));
  ASSERT_TRUE(config.ok());
  EXPECT_EQ((*config)["data"], Json({{"a", "b"}}));
  auto secret = decode_protobuf_body(envelope(
      "Secret", field(1, field(1, "s")) + field(2, entry("a", "hello")) + field(3, "Opaque")));
  ASSERT_TRUE(secret.ok());
  EXPECT_EQ((*secret)["data"], Json({{"a", "aGVsbG8="}}));  // JSON carries bytes as base64
  EXPECT_EQ((*secret)["type"], "Opaque");
}

TEST(ProtobufBody, OtherKindsAndMalformedBytes) {
  auto pod = decode_protobuf_body(envelope("Pod", field(1, field(1, "p"))));
  ASSERT_FALSE(pod.ok());
  EXPECT_EQ(pod.error().code, 415);
  auto truncated = decode_protobuf_body(std::string("k8s\0", 4) + "\x0a\x7f");
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.error().code, 400);
  EXPECT_FALSE(decode_protobuf_body("{}").ok());
}

TEST(JsonBody, DuplicateFieldsAreReportedWithTheirPath) {
  auto decoded = decode_body(
      R"({"spec":{"containers":[{"name":"a"},{"name":"b","name":"c"}]},"spec2":1,"spec2":2})",
      "application/json");
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->duplicate_fields,
            (std::vector<std::string>{"spec.containers[1].name", "spec2"}));
  EXPECT_EQ(decoded->object["spec2"], 2);  // the last value wins
}

TEST(JsonBody, NonObjectsAndUnknownTypesAreRejected) {
  auto array = decode_body("[1]", "application/json");
  ASSERT_FALSE(array.ok());
  EXPECT_EQ(array.error().code, 400);
  auto form = decode_body("a=b", "application/x-www-form-urlencoded");
  ASSERT_FALSE(form.ok());
  EXPECT_EQ(form.error().code, 415);
}

TEST(JsonBody, NumberBeyondADoubleIsABadRequest) {
  auto decoded = decode_body(R"({"spec":{"replicas":2e1111}})", "application/json");
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.error().code, 400);
  EXPECT_NE(decoded.error().message.find("not valid JSON"), std::string::npos);
  EXPECT_NE(decoded.error().message.find("2e1111"), std::string::npos);
}

TEST(YamlBody, DuplicateKeysAreRefusedWithTheLine) {
  auto object = yaml_body_to_json("a: 1\nb: 2\na: 3\n");
  ASSERT_FALSE(object.ok());
  EXPECT_EQ(object.error().code, 400);
  EXPECT_NE(object.error().message.find("line 3"), std::string::npos) << object.error().message;
}

TEST(YamlBody, ScalarsAreTypedAsYamlSays) {
  auto object = yaml_body_to_json(
      "i: 3\nf: 1.5\nb: true\nn: null\ns: '3'\nt: hello\nl: [1, x]\nm: {k: ~}\nport: \"80\"\n");
  ASSERT_TRUE(object.ok()) << object.error().message;
  EXPECT_EQ(*object, Json::parse(R"({"i":3,"f":1.5,"b":true,"n":null,"s":"3","t":"hello",
                                    "l":[1,"x"],"m":{"k":null},"port":"80"})"));
}

using BodyApiTest = ApiFixture;

TEST_F(BodyApiTest, ProtobufNamespaceCreateThroughTheApi) {
  auto response =
      send("POST", "/api/v1/namespaces", envelope("Namespace", field(1, field(1, "team"))),
           "application/vnd.kubernetes.protobuf");
  ASSERT_EQ(response.status, 201u) << response.body;
  EXPECT_EQ(json(send("GET", "/api/v1/namespaces/team"))["status"]["phase"], "Active");
}

TEST_F(BodyApiTest, OpenApiDocumentsAdvertiseServerSideFieldValidation) {
  Json index = json(send("GET", "/openapi/v3"));
  EXPECT_EQ(index["paths"]["apis/apps/v1"]["serverRelativeURL"], "/openapi/v3/apis/apps/v1");
  EXPECT_EQ(index["paths"]["api/v1"]["serverRelativeURL"], "/openapi/v3/api/v1");
  Json apps = json(send("GET", "/openapi/v3/apis/apps/v1"));
  const Json& patch =
      apps["paths"]["/apis/apps/v1/namespaces/{namespace}/statefulsets/{name}"]["patch"];
  EXPECT_EQ(patch["x-kubernetes-group-version-kind"],
            Json({{"group", "apps"}, {"version", "v1"}, {"kind", "StatefulSet"}}));
  bool field_validation = false;
  for (const auto& p : patch["parameters"])
    field_validation = field_validation || (p["name"] == "fieldValidation" && p["in"] == "query");
  EXPECT_TRUE(field_validation);
  EXPECT_EQ(send("GET", "/openapi/v3/apis/example.com/v1").status, 404u);
}

}  // namespace
}  // namespace ordinal::api::testing
