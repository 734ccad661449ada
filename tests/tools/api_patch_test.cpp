// PATCH: JSON merge patch (RFC 7386), JSON patch (RFC 6902) and strategic merge patch, both as
// pure functions and through ApiHandler.
#include <gtest/gtest.h>

#include "tests/tools/api_test_fixture.hpp"
#include "tools/api/patch.hpp"

namespace ordinal::api::testing {
namespace {

Json containers() {
  return Json::parse(R"({"spec":{"containers":[
      {"name":"a","image":"a:1","env":[{"name":"X","value":"1"},{"name":"Y","value":"2"}],
       "ports":[{"containerPort":80,"name":"http"}],
       "volumeMounts":[{"name":"data","mountPath":"/data"}]},
      {"name":"b","image":"b:1"}]}})");
}

TEST(StrategicMerge, ContainersMergeByName) {
  Json patched = strategic_merge(
      containers(), Json::parse(R"({"spec":{"containers":[{"name":"b","image":"b:2"}]}})"), "Pod");
  ASSERT_EQ(patched["spec"]["containers"].size(), 2u);
  EXPECT_EQ(patched["spec"]["containers"][0]["image"], "a:1");
  EXPECT_EQ(patched["spec"]["containers"][1]["image"], "b:2");
}

TEST(StrategicMerge, NestedListsMergeByTheirKeys) {
  Json patch = Json::parse(R"({"spec":{"containers":[{"name":"a",
      "env":[{"name":"Y","value":"3"},{"name":"Z","value":"4"}],
      "ports":[{"containerPort":80,"protocol":"TCP"}],
      "volumeMounts":[{"mountPath":"/data","readOnly":true}]}]}})");
  Json a = strategic_merge(containers(), patch, "Pod")["spec"]["containers"][0];
  EXPECT_EQ(a["env"], Json::parse(R"([{"name":"X","value":"1"},{"name":"Y","value":"3"},
                                       {"name":"Z","value":"4"}])"));
  EXPECT_EQ(a["ports"], Json::parse(R"([{"containerPort":80,"name":"http","protocol":"TCP"}])"));
  EXPECT_EQ(a["volumeMounts"][0]["readOnly"], true);
  EXPECT_EQ(a["volumeMounts"][0]["name"], "data");
}

TEST(StrategicMerge, ServicePortsMergeByPort) {
  Json service = Json::parse(R"({"spec":{"ports":[{"port":80,"name":"http"},{"port":443}]}})");
  Json patched = strategic_merge(
      service, Json::parse(R"({"spec":{"ports":[{"port":443,"name":"https"}]}})"), "Service");
  EXPECT_EQ(patched["spec"]["ports"],
            Json::parse(R"([{"port":80,"name":"http"},{"port":443,"name":"https"}])"));
}

TEST(StrategicMerge, DeleteAndReplaceDirectives) {
  Json patched = strategic_merge(
      containers(), Json::parse(R"({"spec":{"containers":[{"name":"a","$patch":"delete"}]}})"),
      "Pod");
  ASSERT_EQ(patched["spec"]["containers"].size(), 1u);
  EXPECT_EQ(patched["spec"]["containers"][0]["name"], "b");
  patched = strategic_merge(
      containers(),
      Json::parse(R"({"spec":{"containers":[{"$patch":"replace"},{"name":"c","image":"c"}]}})"),
      "Pod");
  EXPECT_EQ(patched["spec"]["containers"], Json::parse(R"([{"name":"c","image":"c"}])"));
  patched = strategic_merge(Json::parse(R"({"metadata":{"labels":{"a":"1","b":"2"}}})"),
                            Json::parse(R"({"metadata":{"labels":{"$patch":"replace","c":"3"}}})"),
                            "Pod");
  EXPECT_EQ(patched["metadata"]["labels"], Json::parse(R"({"c":"3"})"));
}

TEST(StrategicMerge, NullDeletesAndUnkeyedListsAreReplaced) {
  Json original = Json::parse(R"({"a":1,"b":2,"spec":{"args":["x","y"]}})");
  Json patched = strategic_merge(
      original, Json::parse(R"({"b":null,"spec":{"args":["z"]},"$setElementOrder/spec":[]})"),
      "Pod");
  EXPECT_EQ(patched, Json::parse(R"({"a":1,"spec":{"args":["z"]}})"));
}

TEST(ApplyPatch, MergePatchFollowsRfc7386) {
  auto patched = apply_patch(kMerge, R"({"a":{"b":null,"c":2},"l":[3]})",
                             Json::parse(R"({"a":{"b":1},"l":[1,2]})"), "Pod");
  ASSERT_TRUE(patched.ok());
  EXPECT_EQ(*patched, Json::parse(R"({"a":{"c":2},"l":[3]})"));
}

TEST(ApplyPatch, JsonPatchSupportsTestMoveAndCopy) {
  auto patched =
      apply_patch(kJsonPatch,
                  R"([{"op":"test","path":"/a","value":1},{"op":"copy","from":"/a","path":"/b"},
          {"op":"move","from":"/a","path":"/c"}])",
                  Json::parse(R"({"a":1})"), "Pod");
  ASSERT_TRUE(patched.ok());
  EXPECT_EQ(*patched, Json::parse(R"({"b":1,"c":1})"));
  auto failed = apply_patch(kJsonPatch, R"([{"op":"test","path":"/a","value":2}])",
                            Json::parse(R"({"a":1})"), "Pod");
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, 422);
}

// RFC 6902 §4: an operation's target must be a member of an existing object or an element of an
// existing array. A scalar in its place is refused with 422 for every writing operation, and
// nothing of the patch is applied.
TEST(ApplyPatch, JsonPatchBelowAScalarIsRefusedWholly) {
  const Json original = Json::parse(R"({"metadata":{"name":"web"},"n":null,"l":[1]})");
  for (const char* operation : {R"({"op":"add","path":"/metadata/name/x","value":1})",
                                R"({"op":"remove","path":"/metadata/name/x"})",
                                R"({"op":"replace","path":"/l/0/x","value":1})",
                                R"({"op":"copy","from":"/l","path":"/metadata/name/x"})",
                                R"({"op":"move","from":"/l","path":"/n/x"})"}) {
    const std::string patch =
        std::string(R"([{"op":"add","path":"/added","value":1},)") + operation + "]";
    auto refused = apply_patch(kJsonPatch, patch, original, "Pod");
    ASSERT_FALSE(refused.ok()) << operation;
    EXPECT_EQ(refused.error().code, 422) << operation;
    EXPECT_NE(refused.error().message.find("does not apply"), std::string::npos)
        << refused.error().message;
  }
  auto later = apply_patch(
      kJsonPatch,
      R"([{"op":"add","path":"/metadata/name","value":{}},{"op":"add","path":"/metadata/name/x","value":1}])",
      original, "Pod");
  ASSERT_TRUE(later.ok()) << later.error().message;  // each operation sees the ones before it
  EXPECT_EQ((*later)["metadata"]["name"], Json::parse(R"({"x":1})"));
}

TEST(ApplyPatch, UnsupportedAndMalformedPatches) {
  auto apply = apply_patch("application/apply-patch+yaml", "a: 1", Json::object(), "Pod");
  ASSERT_FALSE(apply.ok());
  EXPECT_EQ(apply.error().code, 415);
  EXPECT_EQ(apply.error().reason, "UnsupportedMediaType");
  auto malformed = apply_patch(kMerge, "{nope", Json::object(), "Pod");
  ASSERT_FALSE(malformed.ok());
  EXPECT_EQ(malformed.error().code, 400);
  auto not_a_list = apply_patch(kJsonPatch, R"({"op":"add"})", Json::object(), "Pod");
  ASSERT_FALSE(not_a_list.ok());
  EXPECT_EQ(not_a_list.error().code, 400);
}

using PatchTest = ApiFixture;

TEST_F(PatchTest, StrategicPatchChangesTheImage) {  // what `kubectl set image` sends
  ASSERT_EQ(send("POST", "/apis/apps/v1/namespaces/test/statefulsets", stateful_set("web")).status,
            201u);
  auto response = send(
      "PATCH", kWeb,
      std::string(
          R"({"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.28"}]}}}})"),
      kStrategic);
  ASSERT_EQ(response.status, 200u) << response.body;
  Json stored = json(send("GET", kWeb));
  EXPECT_EQ(stored["spec"]["template"]["spec"]["containers"][0]["image"], "nginx:1.28");
  EXPECT_EQ(stored["spec"]["template"]["spec"]["containers"].size(), 1u);
}

TEST_F(PatchTest, MergeAndJsonPatchThroughTheApi) {
  ASSERT_EQ(send("POST", "/apis/apps/v1/namespaces/test/statefulsets", stateful_set("web")).status,
            201u);
  auto merged =
      send("PATCH", kWeb, std::string(R"({"metadata":{"labels":{"tier":"front"}}})"), kMerge);
  ASSERT_EQ(merged.status, 200u) << merged.body;
  EXPECT_EQ(json(merged)["metadata"]["labels"]["tier"], "front");
  auto patched =
      send("PATCH", kWeb, std::string(R"([{"op":"replace","path":"/spec/replicas","value":5}])"),
           kJsonPatch);
  ASSERT_EQ(patched.status, 200u) << patched.body;
  EXPECT_EQ(json(send("GET", kWeb))["spec"]["replicas"], 5);
}

TEST_F(PatchTest, PatchesAreAdmittedLikeUpdates) {
  ASSERT_EQ(send("POST", "/apis/apps/v1/namespaces/test/statefulsets", stateful_set("web")).status,
            201u);
  const std::uint64_t before = registry_->resource_version();
  auto invalid = send("PATCH", kWeb, std::string(R"({"spec":{"replicas":-1}})"), kMerge);
  EXPECT_EQ(invalid.status, 422u);
  auto immutable = send("PATCH", kWeb, std::string(R"({"spec":{"serviceName":"other"}})"), kMerge);
  EXPECT_EQ(immutable.status, 422u);
  auto strict = send("PATCH", std::string(kWeb) + "?fieldValidation=Strict",
                     std::string(R"({"spec":{"bogus":1}})"), kMerge);
  EXPECT_EQ(strict.status, 400u);
  EXPECT_EQ(registry_->resource_version(), before);
}

TEST_F(PatchTest, PatchWithAStaleResourceVersionConflicts) {
  auto created =
      json(send("POST", "/apis/apps/v1/namespaces/test/statefulsets", stateful_set("web")));
  ASSERT_EQ(send("PATCH", kWeb, std::string(R"({"spec":{"replicas":3}})"), kMerge).status, 200u);
  Json stale = {{"metadata", {{"resourceVersion", created["metadata"]["resourceVersion"]}}},
                {"spec", {{"replicas", 4}}}};
  auto response = send("PATCH", kWeb, stale, kMerge);
  EXPECT_EQ(response.status, 409u);
  EXPECT_EQ(send("PATCH", "/api/v1/namespaces/test/pods/none", std::string("{}"), kMerge).status,
            404u);
}

}  // namespace
}  // namespace ordinal::api::testing
