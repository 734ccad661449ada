// Server-side printing: `Accept: application/json;as=Table;v=v1;g=meta.k8s.io` answered with
// meta.k8s.io Tables carrying kubectl's columns, for get, list and watch.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "identity/kinds.hpp"
#include "tests/tools/api_test_fixture.hpp"
#include "tools/api/print_columns.hpp"
#include "tools/api/table_response.hpp"
#include "tools/api/watch_request.hpp"

namespace ordinal::api::testing {
namespace {

// What kubectl 1.32 sends for `kubectl get` with a human-readable output.
const std::string kKubectlTableAccept =
    "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta."
    "k8s.io,application/json";

const auto kNow = std::chrono::system_clock::from_time_t(1767225600 + 90);  // 90 s after 2026-01-01

std::vector<std::string> names_of(const Json& table) {
  std::vector<std::string> names;
  for (const auto& c : table["columnDefinitions"]) names.push_back(c["name"]);
  return names;
}

std::vector<int> priorities_of(const Json& table) {
  std::vector<int> out;
  for (const auto& c : table["columnDefinitions"]) out.push_back(c["priority"]);
  return out;
}

Json table_for(const std::string& kind, const Json& object) {
  return Json::parse(table_json(*identity::find_kind(kind), {&object}, TableRequest{}, "7", kNow));
}

class ApiTable : public ApiFixture {
 protected:
  ApiResponse get(const std::string& target, const std::string& accept = kKubectlTableAccept) {
    ApiRequest request{"GET", target, {}, ""};
    request.headers["host"] = "127.0.0.1:8080";
    if (!accept.empty()) request.headers["accept"] = accept;
    return handler_->handle(request);
  }
};

TEST_F(ApiTable, ListOfPodsIsATableWithKubectlsPodColumns) {
  ASSERT_EQ(send("POST", "/api/v1/namespaces/test/pods", pod("web-0")).status, 201u);
  auto response = get("/api/v1/namespaces/test/pods");
  ASSERT_EQ(response.status, 200u) << response.body;
  Json table = json(response);
  EXPECT_EQ(table["kind"], "Table");
  EXPECT_EQ(table["apiVersion"], "meta.k8s.io/v1");
  EXPECT_FALSE(table["metadata"].value("resourceVersion", "").empty());
  EXPECT_EQ(names_of(table),
            (std::vector<std::string>{"Name", "Ready", "Status", "Restarts", "Age", "IP", "Node",
                                      "Nominated Node", "Readiness Gates"}));
  EXPECT_EQ(priorities_of(table), (std::vector<int>{0, 0, 0, 0, 0, 1, 1, 1, 1}));
  EXPECT_EQ(table["columnDefinitions"][0]["format"], "name");
  ASSERT_EQ(table["rows"].size(), 1u);
  const Json& row = table["rows"][0];
  EXPECT_EQ(row["cells"][0], "web-0");
  EXPECT_EQ(row["cells"][1], "0/1");
  EXPECT_EQ(row["cells"][2], "Pending");
  EXPECT_EQ(row["cells"][3], "0");
  EXPECT_EQ(row["cells"].size(), 9u) << "wide cells are always sent; kubectl hides them";
  // includeObject defaults to Metadata: kubectl reads labels and namespace from it.
  EXPECT_EQ(row["object"]["kind"], "PartialObjectMetadata");
  EXPECT_EQ(row["object"]["apiVersion"], "meta.k8s.io/v1");
  EXPECT_EQ(row["object"]["metadata"]["name"], "web-0");
  EXPECT_EQ(row["object"]["metadata"]["namespace"], "test");
  EXPECT_FALSE(row["object"].contains("spec"));
}

TEST_F(ApiTable, GetOfOneStatefulSetIsAOneRowTable) {
  ASSERT_EQ(
      send("POST", "/apis/apps/v1/namespaces/test/statefulsets", stateful_set("web", 2)).status,
      201u);
  Json table = json(get("/apis/apps/v1/namespaces/test/statefulsets/web"));
  EXPECT_EQ(table["kind"], "Table");
  EXPECT_EQ(names_of(table),
            (std::vector<std::string>{"Name", "Ready", "Age", "Containers", "Images"}));
  EXPECT_EQ(priorities_of(table), (std::vector<int>{0, 0, 0, 1, 1}));
  ASSERT_EQ(table["rows"].size(), 1u);
  const Json& cells = table["rows"][0]["cells"];
  ASSERT_EQ(cells.size(), 5u);
  EXPECT_EQ(cells[0], "web");
  EXPECT_EQ(cells[1], "0/2") << "ready replicas of the desired ones";
  EXPECT_EQ(cells[3], "nginx");
  EXPECT_EQ(cells[4], "nginx:1.27");
}

TEST_F(ApiTable, MissingObjectStaysANotFoundStatus) {
  auto response = get("/apis/apps/v1/namespaces/test/statefulsets/nope");
  EXPECT_EQ(response.status, 404u);
  EXPECT_EQ(json(response)["kind"], "Status");
  EXPECT_EQ(message(response), "statefulsets.apps \"nope\" not found");
}

TEST_F(ApiTable, PlainJsonWhenTheClientPrefersIt) {
  ASSERT_EQ(send("POST", "/api/v1/namespaces/test/pods", pod("web-0")).status, 201u);
  EXPECT_EQ(json(get("/api/v1/namespaces/test/pods", ""))["kind"], "PodList");
  EXPECT_EQ(json(get("/api/v1/namespaces/test/pods", "application/json"))["kind"], "PodList");
  EXPECT_EQ(json(get("/api/v1/namespaces/test/pods",
                     "application/json, application/json;as=Table;v=v1;g=meta.k8s.io"))["kind"],
            "PodList")
      << "the first range we serve wins";
  EXPECT_EQ(json(get("/api/v1/namespaces/test/pods/web-0",
                     "application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io,"
                     "application/json"))["kind"],
            "Pod")
      << "a conversion we do not serve falls through to the next range";
}

TEST_F(ApiTable, V1beta1OnlyGetsAV1beta1Table) {
  Json table = json(get("/api/v1/namespaces", "application/json;as=Table;v=v1beta1;g=meta.k8s.io"));
  EXPECT_EQ(table["kind"], "Table");
  EXPECT_EQ(table["apiVersion"], "meta.k8s.io/v1beta1");
  EXPECT_EQ(names_of(table), (std::vector<std::string>{"Name", "Status", "Age"}));
}

TEST_F(ApiTable, IncludeObjectChoosesWhatEachRowCarries) {
  ASSERT_EQ(send("POST", "/api/v1/namespaces/test/pods", pod("web-0")).status, 201u);
  Json whole = json(get("/api/v1/namespaces/test/pods?includeObject=Object"));
  EXPECT_EQ(whole["rows"][0]["object"]["kind"], "Pod");
  EXPECT_EQ(whole["rows"][0]["object"]["spec"]["containers"][0]["image"], "busybox:1.36");
  Json none = json(get("/api/v1/namespaces/test/pods?includeObject=None"));
  EXPECT_FALSE(none["rows"][0].contains("object"));
  auto bad = get("/api/v1/namespaces/test/pods?includeObject=Everything");
  EXPECT_EQ(bad.status, 400u);
  EXPECT_NE(message(bad).find("includeObject"), std::string::npos);
}

TEST(PrintColumns, PodCellsFollowKubectl) {
  Json pod = {{"metadata", {{"name", "web-0"}, {"creationTimestamp", "2026-01-01T00:00:00Z"}}},
              {"spec",
               {{"containers", {{{"name", "nginx"}}}},
                {"nodeName", "node-1"},
                {"readinessGates", {{{"conditionType", "example.com/ready"}}}}}},
              {"status",
               {{"phase", "Running"},
                {"podIP", "10.244.0.5"},
                {"conditions", {{{"type", "example.com/ready"}, {"status", "True"}}}},
                {"containerStatuses", {{{"ready", true}, {"restartCount", 2}}}}}}};
  EXPECT_EQ(
      table_for("Pod", pod)["rows"][0]["cells"],
      Json::parse(R"(["web-0","1/1","Running","2","90s","10.244.0.5","node-1","<none>","1/1"])"));
  pod["metadata"]["deletionTimestamp"] = "2026-01-01T00:01:00Z";
  EXPECT_EQ(table_for("Pod", pod)["rows"][0]["cells"][2], "Terminating");
}

TEST(PrintColumns, ServiceColumnsShowHeadlessServices) {
  Json svc = {{"metadata", {{"name", "nginx"}, {"creationTimestamp", "2026-01-01T00:00:00Z"}}},
              {"spec",
               {{"type", "ClusterIP"},
                {"clusterIP", "None"},
                {"selector", {{"app", "nginx"}}},
                {"ports", {{{"port", 80}, {"protocol", "TCP"}}}}}}};
  Json table = table_for("Service", svc);
  EXPECT_EQ(names_of(table), (std::vector<std::string>{"Name", "Type", "Cluster-IP", "External-IP",
                                                       "Port(s)", "Age", "Selector"}));
  EXPECT_EQ(table["rows"][0]["cells"],
            Json::parse(R"(["nginx","ClusterIP","None","<none>","80/TCP","90s","app=nginx"])"));
}

TEST(PrintColumns, ClaimAndVolumeColumnsIncludeVolumeAttributesClass) {
  Json pvc = {{"metadata", {{"name", "www-web-0"}}},
              {"spec", {{"volumeName", "pv-1"}, {"storageClassName", "local"}}},
              {"status",
               {{"phase", "Bound"},
                {"capacity", {{"storage", "1Gi"}}},
                {"accessModes", {"ReadWriteOnce"}}}}};
  Json claims = table_for("PersistentVolumeClaim", pvc);
  EXPECT_EQ(names_of(claims), (std::vector<std::string>{
                                  "Name", "Status", "Volume", "Capacity", "Access Modes",
                                  "StorageClass", "VolumeAttributesClass", "Age", "VolumeMode"}));
  EXPECT_EQ(claims["rows"][0]["cells"],
            Json::parse(R"(["www-web-0","Bound","pv-1","1Gi","RWO","local","<unset>",
                            "<unknown>","Filesystem"])"));
  Json pv = {{"metadata", {{"name", "pv-1"}}},
             {"spec",
              {{"capacity", {{"storage", "1Gi"}}},
               {"accessModes", {"ReadWriteOnce", "ReadOnlyMany"}},
               {"persistentVolumeReclaimPolicy", "Delete"},
               {"storageClassName", "local"},
               {"claimRef", {{"namespace", "test"}, {"name", "www-web-0"}}}}},
             {"status", {{"phase", "Bound"}}}};
  Json volumes = table_for("PersistentVolume", pv);
  EXPECT_EQ(names_of(volumes),
            (std::vector<std::string>{"Name", "Capacity", "Access Modes", "Reclaim Policy",
                                      "Status", "Claim", "StorageClass", "VolumeAttributesClass",
                                      "Reason", "Age", "VolumeMode"}));
  EXPECT_EQ(volumes["rows"][0]["cells"][2], "RWO,ROX");
  EXPECT_EQ(volumes["rows"][0]["cells"][5], "test/www-web-0");
}

TEST(PrintColumns, RevisionsSlicesEventsAndOtherKinds) {
  Json revision = {
      {"metadata",
       {{"name", "web-5d8f"},
        {"ownerReferences", {{{"kind", "StatefulSet"}, {"name", "web"}, {"controller", true}}}}}},
      {"revision", 3}};
  Json revisions = table_for("ControllerRevision", revision);
  EXPECT_EQ(names_of(revisions),
            (std::vector<std::string>{"Name", "Controller", "Revision", "Age"}));
  EXPECT_EQ(revisions["columnDefinitions"][2]["type"], "integer");
  EXPECT_EQ(revisions["rows"][0]["cells"][1], "statefulset.apps/web");
  EXPECT_EQ(revisions["rows"][0]["cells"][2], 3) << "integer columns carry numbers";
  revision["revision"] = "007";  // not valid as stored, but the Table must stay valid JSON
  EXPECT_EQ(table_for("ControllerRevision", revision)["rows"][0]["cells"][2], 7);
  revision["revision"] = "1-2";
  EXPECT_EQ(table_for("ControllerRevision", revision)["rows"][0]["cells"][2], "1-2");

  Json slice = {{"metadata", {{"name", "nginx-abc"}}},
                {"addressType", "IPv4"},
                {"ports", {{{"port", 80}}}},
                {"endpoints",
                 {{{"addresses", {"10.0.0.1"}}},
                  {{"addresses", {"10.0.0.2"}}},
                  {{"addresses", {"10.0.0.3"}}},
                  {{"addresses", {"10.0.0.4"}}}}}};
  Json slices = table_for("EndpointSlice", slice);
  EXPECT_EQ(names_of(slices),
            (std::vector<std::string>{"Name", "AddressType", "Ports", "Endpoints", "Age"}));
  EXPECT_EQ(slices["rows"][0]["cells"][3], "10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...");

  Json event = {{"metadata", {{"name", "web-0.1"}}},
                {"lastTimestamp", "2026-01-01T00:00:30Z"},
                {"type", "Normal"},
                {"reason", "Scheduled"},
                {"involvedObject", {{"kind", "Pod"}, {"name", "web-0"}}},
                {"message", "placed"}};
  Json events = table_for("Event", event);
  EXPECT_EQ(names_of(events),
            (std::vector<std::string>{"Last Seen", "Type", "Reason", "Object", "Message"}));
  EXPECT_EQ(events["rows"][0]["cells"],
            Json::parse(R"(["60s","Normal","Scheduled","pod/web-0","placed"])"));

  Json classes = table_for(
      "StorageClass", {{"metadata", {{"name", "local"}}}, {"provisioner", "ordinal.dev/local"}});
  EXPECT_EQ(names_of(classes),
            (std::vector<std::string>{"Name", "Provisioner", "ReclaimPolicy", "VolumeBindingMode",
                                      "AllowVolumeExpansion", "Age"}));
}

TEST(TableWatch, EventsCarryOneRowTables) {
  WatchPlan plan;
  plan.kind = identity::find_kind("Pod");
  identity::WatchEvent event;
  event.type = identity::WatchEvent::Type::Modified;
  event.object = std::make_shared<const Json>(
      Json{{"apiVersion", "v1"},
           {"kind", "Pod"},
           {"metadata", {{"name", "web-1"}, {"namespace", "test"}, {"resourceVersion", "12"}}},
           {"spec", {{"containers", {{{"name", "nginx"}}}}}}});
  Json line = Json::parse(encode_watch_event(event, plan, TableRequest{}));
  EXPECT_EQ(line["type"], "MODIFIED");
  EXPECT_EQ(line["object"]["kind"], "Table");
  EXPECT_EQ(line["object"]["metadata"]["resourceVersion"], "12");
  ASSERT_EQ(line["object"]["rows"].size(), 1u);
  EXPECT_EQ(line["object"]["rows"][0]["cells"][0], "web-1");
  EXPECT_EQ(line["object"]["rows"][0]["object"]["metadata"]["name"], "web-1");
  // Without a Table request the event carries the object itself.
  EXPECT_EQ(Json::parse(encode_watch_event(event, plan, std::nullopt))["object"]["kind"], "Pod");
}

}  // namespace
}  // namespace ordinal::api::testing
