// Discovery (plain and aggregated), /version, health and metrics; request targets and routing
// as pure functions.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "tests/tools/api_test_fixture.hpp"
#include "tools/api/discovery.hpp"
#include "tools/api/request_target.hpp"
#include "tools/api/resource_route.hpp"

namespace ordinal::api::testing {
namespace {

using DiscoveryTest = ApiFixture;

const Json* find_resource(const Json& list, const std::string& name) {
  for (const auto& r : list["resources"])
    if (r["name"] == name) return &r;
  return nullptr;
}

TEST_F(DiscoveryTest, CoreApiVersions) {
  auto response = send("GET", "/api");
  ASSERT_EQ(response.status, 200u);
  EXPECT_EQ(response.content_type, "application/json");
  EXPECT_EQ(json(response)["kind"], "APIVersions");
  EXPECT_EQ(json(response)["versions"], Json({"v1"}));
}

TEST_F(DiscoveryTest, GroupListHasEveryGroupWithPreferredV1) {
  Json groups = json(send("GET", "/apis"));
  EXPECT_EQ(groups["kind"], "APIGroupList");
  std::set<std::string> names;
  for (const auto& g : groups["groups"]) {
    names.insert(g["name"].get<std::string>());
    EXPECT_EQ(g["preferredVersion"]["version"], "v1");
    EXPECT_EQ(g["preferredVersion"]["groupVersion"], g["name"].get<std::string>() + "/v1");
  }
  EXPECT_EQ(names, (std::set<std::string>{"apps", "discovery.k8s.io", "networking.k8s.io",
                                          "storage.k8s.io"}));
}

TEST_F(DiscoveryTest, CoreResourceList) {
  Json list = json(send("GET", "/api/v1"));
  EXPECT_EQ(list["kind"], "APIResourceList");
  EXPECT_EQ(list["groupVersion"], "v1");
  const Json* pods = find_resource(list, "pods");
  ASSERT_NE(pods, nullptr);
  EXPECT_EQ((*pods)["kind"], "Pod");
  EXPECT_EQ((*pods)["singularName"], "pod");
  EXPECT_EQ((*pods)["namespaced"], true);
  EXPECT_EQ((*pods)["shortNames"], Json({"po"}));
  EXPECT_EQ((*pods)["verbs"], Json({"create", "delete", "deletecollection", "get", "list", "patch",
                                    "update", "watch"}));
  EXPECT_NE(find_resource(list, "pods/status"), nullptr);
  const Json* pvs = find_resource(list, "persistentvolumes");
  ASSERT_NE(pvs, nullptr);
  EXPECT_EQ((*pvs)["namespaced"], false);
}

TEST_F(DiscoveryTest, AppsResourceListHasScaleAndStatus) {
  Json list = json(send("GET", "/apis/apps/v1"));
  EXPECT_EQ(list["groupVersion"], "apps/v1");
  ASSERT_NE(find_resource(list, "statefulsets"), nullptr);
  EXPECT_EQ((*find_resource(list, "statefulsets"))["shortNames"], Json({"sts"}));
  const Json* scale = find_resource(list, "statefulsets/scale");
  ASSERT_NE(scale, nullptr);
  EXPECT_EQ((*scale)["group"], "autoscaling");
  EXPECT_EQ((*scale)["version"], "v1");
  EXPECT_EQ((*scale)["kind"], "Scale");
  EXPECT_NE(find_resource(list, "statefulsets/status"), nullptr);
  EXPECT_EQ(json(send("GET", "/apis/apps"))["preferredVersion"]["groupVersion"], "apps/v1");
}

TEST_F(DiscoveryTest, VersionAndHealth) {
  Json version = json(send("GET", "/version"));
  EXPECT_EQ(version["major"], "1");
  EXPECT_EQ(version["minor"], "32");
  EXPECT_EQ(version["gitVersion"], "v1.32.0");
  EXPECT_EQ(version["platform"], "linux/amd64");
  for (const char* path : {"/healthz", "/readyz", "/livez"}) {
    auto response = send("GET", path);
    EXPECT_EQ(response.status, 200u);
    EXPECT_EQ(response.body, "ok");
    EXPECT_EQ(response.content_type.rfind("text/plain", 0), 0u);
  }
}

TEST_F(DiscoveryTest, MetricsCountRequestsAndObjects) {
  ASSERT_EQ(send("POST", "/api/v1/namespaces/test/pods", pod("a")).status, 201u);
  send("GET", "/api/v1/namespaces/test/pods/a");
  send("GET", "/api/v1/namespaces/test/pods/zz");
  std::string text = send("GET", "/metrics").body;
  EXPECT_NE(text.find("ordinal_api_requests_total{verb=\"create\",code=\"201\"} 1"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("ordinal_api_requests_total{verb=\"get\",code=\"404\"} 1"),
            std::string::npos);
  EXPECT_NE(text.find("ordinal_registry_objects{kind=\"Pod\"} 1"), std::string::npos);
  EXPECT_NE(text.find("ordinal_registry_resource_version " +
                      std::to_string(registry_->resource_version())),
            std::string::npos);
  EXPECT_NE(text.find("ordinal_api_watch_streams 0"), std::string::npos);
}

TEST_F(DiscoveryTest, WatchesAreNotAnsweredByHandle) {
  EXPECT_EQ(send("GET", "/api/v1/namespaces/test/pods?watch=1").status, 400u);
  EXPECT_TRUE(ApiHandler::is_watch_request({"GET", "/api/v1/watch/namespaces/test/pods", {}, ""}));
  EXPECT_TRUE(ApiHandler::is_watch_request({"GET", "/api/v1/pods?watch=true", {}, ""}));
  EXPECT_FALSE(ApiHandler::is_watch_request({"GET", "/api/v1/pods?watch=false", {}, ""}));
}

TEST_F(DiscoveryTest, OpenWatchGivesInitialEventsAndExpiredErrors) {
  ASSERT_EQ(send("POST", "/api/v1/namespaces/test/pods", pod("a")).status, 201u);
  auto opened = handler_->open_watch({"GET", "/api/v1/namespaces/test/pods?watch=1", {}, ""});
  ASSERT_TRUE(std::holds_alternative<WatchPlan>(opened));
  auto& plan = std::get<WatchPlan>(opened);
  ASSERT_NE(plan.stream, nullptr);
  auto events = plan.stream->take();
  ASSERT_TRUE(events.has_value());
  ASSERT_EQ(events->size(), 1u);
  Json line = Json::parse(encode_event(events->front(), plan));
  EXPECT_EQ(line["type"], "ADDED");
  EXPECT_EQ(line["object"]["metadata"]["name"], "a");
  EXPECT_EQ(Json::parse(bookmark_line(*plan.kind, 42))["object"]["metadata"]["resourceVersion"],
            "42");
}

// What kubectl 1.32 sends to /api and /apis.
constexpr const char* kKubectlAccept =
    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
    "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,"
    "application/json";

ApiResponse discover(const std::string& path, const std::string& accept,
                     const std::string& if_none_match = "") {
  ApiRequest request{"GET", path, {{"host", "127.0.0.1:8080"}}, ""};
  if (!accept.empty()) request.headers["accept"] = accept;
  if (!if_none_match.empty()) request.headers["if-none-match"] = if_none_match;
  return discovery_response(request, route_target(parse_target(path)));
}

std::string header(const ApiResponse& response, const std::string& name) {
  for (const auto& [key, value] : response.headers)
    if (key == name) return value;
  return "";
}

TEST(AggregatedDiscovery, ChosenOnlyWhenAskedForFirst) {
  EXPECT_TRUE(accepts_aggregated_discovery(kKubectlAccept));
  EXPECT_TRUE(accepts_aggregated_discovery(
      "application/vnd.kubernetes.protobuf;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList, "
      "application/json; as=APIGroupDiscoveryList; v=v2; g=apidiscovery.k8s.io"));
  EXPECT_FALSE(accepts_aggregated_discovery(""));
  EXPECT_FALSE(accepts_aggregated_discovery("application/json"));
  EXPECT_FALSE(accepts_aggregated_discovery("*/*"));
  EXPECT_FALSE(accepts_aggregated_discovery(
      "application/json, application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"));
  EXPECT_FALSE(accepts_aggregated_discovery(
      "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,"
      "application/json"))
      << "v2beta1 is not served";
}

TEST(AggregatedDiscovery, ApisListsEveryGroupWithResourcesAndSubresources) {
  auto response = discover("/apis", kKubectlAccept);
  ASSERT_EQ(response.status, 200u);
  EXPECT_EQ(response.content_type, std::string(kAggregatedDiscoveryType));
  EXPECT_EQ(header(response, "Vary"), "Accept");
  Json list = Json::parse(response.body);
  EXPECT_EQ(list["kind"], "APIGroupDiscoveryList");
  EXPECT_EQ(list["apiVersion"], "apidiscovery.k8s.io/v2");
  std::set<std::string> groups;
  const Json* sts = nullptr;
  for (const auto& item : list["items"]) {
    groups.insert(item["metadata"]["name"].get<std::string>());
    ASSERT_EQ(item["versions"].size(), 1u);
    EXPECT_EQ(item["versions"][0]["version"], "v1");
    EXPECT_EQ(item["versions"][0]["freshness"], "Current");
    for (const auto& r : item["versions"][0]["resources"])
      if (r["resource"] == "statefulsets") sts = &r;
  }
  EXPECT_EQ(groups, (std::set<std::string>{"apps", "discovery.k8s.io", "networking.k8s.io",
                                           "storage.k8s.io"}));
  ASSERT_NE(sts, nullptr);
  EXPECT_EQ((*sts)["scope"], "Namespaced");
  EXPECT_EQ((*sts)["singularResource"], "statefulset");
  EXPECT_EQ((*sts)["shortNames"], Json({"sts"}));
  EXPECT_EQ((*sts)["categories"], Json({"all"}));
  EXPECT_EQ((*sts)["responseKind"],
            Json({{"group", "apps"}, {"version", "v1"}, {"kind", "StatefulSet"}}));
  ASSERT_EQ((*sts)["subresources"].size(), 2u);
  for (const auto& sub : (*sts)["subresources"]) {
    EXPECT_EQ(sub["verbs"], Json({"get", "patch", "update"}));
    const Json scale = {{"group", "autoscaling"}, {"version", "v1"}, {"kind", "Scale"}};
    const Json own = {{"group", "apps"}, {"version", "v1"}, {"kind", "StatefulSet"}};
    EXPECT_EQ(sub["responseKind"], sub["subresource"] == "scale" ? scale : own);
  }
}

TEST(AggregatedDiscovery, ApiHoldsTheCoreGroupAsThePlainListsDo) {
  Json list = Json::parse(discover("/api", kKubectlAccept).body);
  ASSERT_EQ(list["items"].size(), 1u);
  const Json& core = list["items"][0];
  EXPECT_FALSE(core["metadata"].contains("name"));
  const Json& resources = core["versions"][0]["resources"];
  // The same resources as /api/v1, subresources nested under theirs.
  std::set<std::string> aggregated;
  for (const auto& r : resources) {
    aggregated.insert(r["resource"].get<std::string>());
    for (const auto& sub : r.value("subresources", Json::array()))
      aggregated.insert(r["resource"].get<std::string>() + "/" +
                        sub["subresource"].get<std::string>());
    if (r["resource"] == "persistentvolumes") {
      EXPECT_EQ(r["scope"], "Cluster");
    }
  }
  std::set<std::string> plain;
  const Json core_list = api_resource_list("", "v1");
  for (const auto& r : core_list["resources"]) plain.insert(r["name"].get<std::string>());
  EXPECT_EQ(aggregated, plain);
}

TEST(AggregatedDiscovery, PlainFormOtherwiseAndETagRevalidation) {
  auto plain = discover("/api", "application/json");
  EXPECT_EQ(plain.content_type, "application/json");
  EXPECT_EQ(Json::parse(plain.body)["kind"], "APIVersions");
  EXPECT_EQ(Json::parse(discover("/apis", "").body)["kind"], "APIGroupList");
  EXPECT_EQ(header(plain, "Vary"), "Accept");

  auto aggregated = discover("/apis", kKubectlAccept);
  const std::string etag = header(aggregated, "ETag");
  ASSERT_FALSE(etag.empty());
  auto again = discover("/apis", kKubectlAccept, etag);
  EXPECT_EQ(again.status, 304u);
  EXPECT_TRUE(again.body.empty());
  EXPECT_NE(header(discover("/api", kKubectlAccept), "ETag"), etag);
  // The other discovery documents answer as before.
  EXPECT_EQ(Json::parse(discover("/apis/apps/v1", kKubectlAccept).body)["kind"], "APIResourceList");
  EXPECT_EQ(Json::parse(discover("/version", "").body)["gitVersion"], "v1.32.0");
  ApiRequest post{"POST", "/apis", {}, ""};
  EXPECT_EQ(discovery_response(post, route_target(parse_target("/apis"))).status, 405u);
}

TEST(RequestTarget, PercentDecodingAndQuery) {
  auto target =
      parse_target("/api/v1/namespaces/te%73t/pods?labelSelector=app%3Dweb%2Ctier+in+(a)&watch");
  EXPECT_EQ(target.segments, (std::vector<std::string>{"api", "v1", "namespaces", "test", "pods"}));
  EXPECT_EQ(target.param("labelSelector"), "app=web,tier in (a)");
  EXPECT_EQ(target.param("watch"), "");
  EXPECT_FALSE(target.param("missing").has_value());
  EXPECT_EQ(percent_decode("100%", false), "100%");
  EXPECT_EQ(percent_decode("a+b%2b", false), "a+b+");
}

TEST(Routing, KubernetesPathShapes) {
  auto route = [](const std::string& path) { return route_target(parse_target(path)); };
  auto r = route("/api/v1/namespaces/test/pods/web-0/status");
  ASSERT_EQ(r.type, Route::Type::Resource);
  EXPECT_EQ(r.kind->kind, "Pod");
  EXPECT_EQ(r.ns, "test");
  EXPECT_EQ(r.name, "web-0");
  EXPECT_EQ(r.subresource, "status");
  r = route("/api/v1/namespaces/test");
  ASSERT_EQ(r.type, Route::Type::Resource);
  EXPECT_EQ(r.kind->kind, "Namespace");
  EXPECT_EQ(r.name, "test");
  r = route("/apis/apps/v1/watch/namespaces/test/statefulsets");
  EXPECT_TRUE(r.legacy_watch);
  EXPECT_EQ(r.kind->kind, "StatefulSet");
  r = route("/apis/storage.k8s.io/v1/storageclasses/fast");
  EXPECT_EQ(r.kind->kind, "StorageClass");
  EXPECT_EQ(r.name, "fast");
  EXPECT_EQ(route("/api/v1/pods/web-0").type, Route::Type::NotFound);  // namespaced kind
  EXPECT_EQ(route("/api/v1/namespaces/test/pods/a/status/x").type, Route::Type::NotFound);
  EXPECT_EQ(route("/apis/apps/v2/statefulsets").type, Route::Type::NotFound);
  EXPECT_EQ(route("/healthz/ping").type, Route::Type::Health);
}

}  // namespace
}  // namespace ordinal::api::testing
