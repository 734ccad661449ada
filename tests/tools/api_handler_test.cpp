// ApiHandler as a pure request -> response function: CRUD, errors as kubectl prints them,
// admission (fieldValidation, validation, namespaces) and its all-or-nothing effect.
#include <gtest/gtest.h>

#include "tests/tools/api_test_fixture.hpp"

namespace ordinal::api::testing {
namespace {

using HandlerTest = ApiFixture;

TEST_F(HandlerTest, UnknownPathsAreNotFoundStatus) {
  for (const char* path : {"/nope", "/api/v2/pods", "/apis/apps/v1/widgets", "/apis/example.com/v1",
                           "/api/v1/namespaces/test/persistentvolumes"}) {
    auto response = send("GET", path);
    EXPECT_EQ(response.status, 404u) << path;
    EXPECT_EQ(json(response)["kind"], "Status") << path;
    EXPECT_EQ(json(response)["reason"], "NotFound") << path;
  }
}

TEST_F(HandlerTest, CreateGetAndListAPod) {
  auto created = send("POST", kPods, pod("a", "test", {{"app", "web"}}));
  ASSERT_EQ(created.status, 201u) << created.body;
  EXPECT_FALSE(json(created)["metadata"].value("uid", "").empty());
  auto got = send("GET", std::string(kPods) + "/a");
  ASSERT_EQ(got.status, 200u);
  EXPECT_EQ(json(got)["metadata"]["name"], "a");
  EXPECT_EQ(json(got)["kind"], "Pod");
  auto list = json(send("GET", kPods));
  EXPECT_EQ(list["kind"], "PodList");
  EXPECT_EQ(list["apiVersion"], "v1");
  EXPECT_FALSE(list["metadata"].value("resourceVersion", "").empty());
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["items"][0]["kind"], "Pod");
  EXPECT_EQ(list["items"][0]["apiVersion"], "v1");
}

TEST_F(HandlerTest, NotFoundMessagesReadAsKubectlPrintsThem) {
  EXPECT_EQ(message(send("GET", std::string(kPods) + "/web-9")), "pods \"web-9\" not found");
  EXPECT_EQ(message(send("GET", std::string(kSets) + "/web")),
            "statefulsets.apps \"web\" not found");
  EXPECT_EQ(send("DELETE", std::string(kPods) + "/web-9").status, 404u);
  EXPECT_EQ(send("PUT", std::string(kPods) + "/web-9", pod("web-9")).status, 404u);
}

TEST_F(HandlerTest, CreatingTwiceIsAlreadyExists) {
  ASSERT_EQ(send("POST", kPods, pod("a")).status, 201u);
  auto again = send("POST", kPods, pod("a"));
  EXPECT_EQ(again.status, 409u);
  EXPECT_EQ(json(again)["reason"], "AlreadyExists");
  EXPECT_EQ(message(again), "pods \"a\" already exists");
}

TEST_F(HandlerTest, StaleResourceVersionIsConflict) {  // STYLE rule 7
  auto created = json(send("POST", kSets, stateful_set("web")));
  Json first = created;
  first["spec"]["replicas"] = 3;
  ASSERT_EQ(send("PUT", std::string(kSets) + "/web", first).status, 200u);
  Json stale = created;  // still carries the first resourceVersion
  stale["spec"]["replicas"] = 4;
  auto conflict = send("PUT", std::string(kSets) + "/web", stale);
  EXPECT_EQ(conflict.status, 409u);
  EXPECT_EQ(json(conflict)["reason"], "Conflict");
  EXPECT_EQ(message(conflict),
            "Operation cannot be fulfilled on statefulsets.apps \"web\": the object has been "
            "modified; please apply your changes to the latest version and try again");
  EXPECT_EQ(json(send("GET", std::string(kSets) + "/web"))["spec"]["replicas"], 3);
}

TEST_F(HandlerTest, PutWithoutServerSetFieldsKeepsThem) {
  Json created = json(send("POST", kPods, pod("a")));
  Json body = pod("a", "test", {{"tier", "front"}});  // no uid, no creationTimestamp
  auto response = send("PUT", std::string(kPods) + "/a", body);
  ASSERT_EQ(response.status, 200u) << response.body;
  Json stored = json(send("GET", std::string(kPods) + "/a"));
  EXPECT_EQ(stored["metadata"]["uid"], created["metadata"]["uid"]);
  EXPECT_EQ(stored["metadata"]["creationTimestamp"], created["metadata"]["creationTimestamp"]);
  EXPECT_EQ(stored["metadata"]["labels"]["tier"], "front");
}

TEST_F(HandlerTest, BodyMustMatchThePath) {
  auto wrong_ns = send("POST", kPods, pod("a", "other"));
  EXPECT_EQ(wrong_ns.status, 400u);
  EXPECT_EQ(message(wrong_ns),
            "the namespace of the provided object does not match the namespace sent on the "
            "request");
  EXPECT_EQ(send("POST", kSets, pod("a")).status, 400u);  // a Pod posted as a StatefulSet
  ASSERT_EQ(send("POST", kPods, pod("a")).status, 201u);
  auto wrong_name = send("PUT", std::string(kPods) + "/a", pod("b"));
  EXPECT_EQ(wrong_name.status, 400u);
  EXPECT_EQ(json(wrong_name)["reason"], "BadRequest");
}

TEST_F(HandlerTest, MalformedJsonIsBadRequest) {
  auto response = send("POST", kPods, std::string("{\"kind\": \"Pod\",,}"));
  EXPECT_EQ(response.status, 400u);
  EXPECT_EQ(json(response)["reason"], "BadRequest");
  EXPECT_NE(message(response).find("not valid JSON"), std::string::npos);
}

TEST_F(HandlerTest, YamlBodiesAreAccepted) {
  const std::string yaml =
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: y\nspec:\n  containers:\n"
      "  - name: c\n    image: busybox\n";
  auto response = send("POST", kPods, yaml, "application/yaml");
  ASSERT_EQ(response.status, 201u) << response.body;
  EXPECT_EQ(json(response)["metadata"]["namespace"], "test");
}

TEST_F(HandlerTest, StrictFieldValidationRejectsUnknownFields) {
  Json body = stateful_set("web");
  body["spec"]["foo"] = 1;
  body["spec"]["bar"] = 2;
  auto response = send("POST", std::string(kSets) + "?fieldValidation=Strict", body);
  EXPECT_EQ(response.status, 400u);
  EXPECT_EQ(message(response),
            "strict decoding error: unknown field \"spec.bar\", unknown field \"spec.foo\"");
  EXPECT_EQ(send("GET", std::string(kSets) + "/web").status, 404u);
}

TEST_F(HandlerTest, StrictFieldValidationRejectsDuplicateFields) {
  const std::string body = R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"d","name":"d"},)"
                           R"("spec":{"containers":[{"name":"c","image":"busybox"}]}})";
  auto response = send("POST", std::string(kPods) + "?fieldValidation=Strict", body);
  EXPECT_EQ(response.status, 400u);
  EXPECT_EQ(message(response), "strict decoding error: duplicate field \"metadata.name\"");
}

TEST_F(HandlerTest, WarnFieldValidationWarnsAndPrunes) {
  Json body = stateful_set("web");
  body["spec"]["foo"] = 1;
  auto response = send("POST", kSets, body);  // Warn is the default
  ASSERT_EQ(response.status, 201u) << response.body;
  ASSERT_EQ(response.headers.size(), 1u);
  EXPECT_EQ(response.headers[0].first, "Warning");
  EXPECT_EQ(response.headers[0].second, R"(299 - "unknown field \"spec.foo\"")");
  EXPECT_FALSE(json(send("GET", std::string(kSets) + "/web"))["spec"].contains("foo"));
}

TEST_F(HandlerTest, IgnoreFieldValidationPrunesSilently) {
  Json body = stateful_set("web");
  body["spec"]["foo"] = 1;
  auto response = send("POST", std::string(kSets) + "?fieldValidation=Ignore", body);
  ASSERT_EQ(response.status, 201u) << response.body;
  EXPECT_TRUE(response.headers.empty());
  EXPECT_FALSE(json(response)["spec"].contains("foo"));
}

TEST_F(HandlerTest, InvalidObjectsAre422WithCauses) {
  send("GET", "/api");  // the first request creates the default namespace
  const std::uint64_t before = registry_->resource_version();
  auto response = send("POST", kSets, stateful_set("web", -1));
  EXPECT_EQ(response.status, 422u);
  Json status = json(response);
  EXPECT_EQ(status["reason"], "Invalid");
  EXPECT_EQ(status["message"].get<std::string>().rfind("StatefulSet.apps \"web\" is invalid: ", 0),
            0u);
  ASSERT_TRUE(status["details"]["causes"].is_array());
  EXPECT_EQ(status["details"]["causes"][0]["field"], "spec.replicas");
  // A write that fails admission changes nothing.
  EXPECT_EQ(registry_->resource_version(), before);
  EXPECT_EQ(send("GET", std::string(kSets) + "/web").status, 404u);
}

TEST_F(HandlerTest, FailedAdmissionDoesNotCreateTheNamespace) {
  auto response = send("POST", "/api/v1/namespaces/fresh/pods?fieldValidation=Strict",
                       std::string(R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},)"
                                   R"("spec":{"containers":[{"name":"c","image":"x"}],"zzz":1}})"));
  EXPECT_EQ(response.status, 400u);
  EXPECT_EQ(send("GET", "/api/v1/namespaces/fresh").status, 404u);
}

TEST_F(HandlerTest, CreateIntoAMissingNamespaceCreatesIt) {
  ASSERT_EQ(send("POST", kPods, pod("a")).status, 201u);
  auto ns = send("GET", "/api/v1/namespaces/test");
  ASSERT_EQ(ns.status, 200u);
  EXPECT_EQ(json(ns)["status"]["phase"], "Active");
}

TEST_F(HandlerTest, StrictNamespacesRefuseMissingOnes) {
  ApiOptions options;
  options.strict_namespaces = true;
  open(options);
  auto response = send("POST", kPods, pod("a"));
  EXPECT_EQ(response.status, 404u);
  EXPECT_EQ(message(response), "namespaces \"test\" not found");
  EXPECT_EQ(send("GET", std::string(kPods) + "/a").status, 404u);
  EXPECT_EQ(send("POST", "/api/v1/namespaces/default/pods", pod("a", "default")).status, 201u);
}

TEST_F(HandlerTest, DefaultNamespaceAlwaysExistsAndCannotBeDeleted) {
  EXPECT_EQ(send("GET", "/api/v1/namespaces/default").status, 200u);
  auto response = send("DELETE", "/api/v1/namespaces/default");
  EXPECT_EQ(response.status, 403u);
  EXPECT_EQ(message(response),
            "namespaces \"default\" is forbidden: this namespace may not be deleted");
}

TEST_F(HandlerTest, StatusOfANewObjectIsSetByTheServer) {
  Json body = pod("a");
  body["status"] = {{"phase", "Running"}};
  auto created = json(send("POST", kPods, body));
  EXPECT_EQ(created["status"], Json({{"phase", "Pending"}}));
}

TEST_F(HandlerTest, DryRunValidatesWithoutWriting) {
  auto response = send("POST", std::string(kPods) + "?dryRun=All", pod("a"));
  EXPECT_EQ(response.status, 201u);
  EXPECT_EQ(send("GET", std::string(kPods) + "/a").status, 404u);
  EXPECT_EQ(send("POST", std::string(kSets) + "?dryRun=All", stateful_set("w", -1)).status, 422u);
}

}  // namespace
}  // namespace ordinal::api::testing
