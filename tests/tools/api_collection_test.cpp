// Lists with selectors, deletes (one object, a collection, a whole namespace) through ApiHandler.
#include <gtest/gtest.h>

#include <set>

#include "tests/tools/api_test_fixture.hpp"

namespace ordinal::api::testing {
namespace {

using CollectionTest = ApiFixture;

std::set<std::string> names(const Json& list) {
  std::set<std::string> out;
  for (const auto& item : list["items"]) out.insert(item["metadata"]["name"].get<std::string>());
  return out;
}

class Populated : public ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    ASSERT_EQ(
        send("POST", "/api/v1/namespaces/test/pods", pod("web-0", "test", {{"app", "web"}})).status,
        201u);
    ASSERT_EQ(
        send("POST", "/api/v1/namespaces/test/pods", pod("web-1", "test", {{"app", "web"}})).status,
        201u);
    ASSERT_EQ(
        send("POST", "/api/v1/namespaces/test/pods", pod("db-0", "test", {{"app", "db"}})).status,
        201u);
    ASSERT_EQ(send("POST", "/api/v1/namespaces/other/pods", pod("web-0", "other", {{"app", "web"}}))
                  .status,
              201u);
  }
};

TEST_F(Populated, LabelSelectorFiltersLists) {
  auto list = json(send("GET", "/api/v1/namespaces/test/pods?labelSelector=app%3Dweb"));
  EXPECT_EQ(names(list), (std::set<std::string>{"web-0", "web-1"}));
  list = json(send("GET", "/api/v1/namespaces/test/pods?labelSelector=app+in+(db)"));
  EXPECT_EQ(names(list), (std::set<std::string>{"db-0"}));
  auto bad = send("GET", "/api/v1/namespaces/test/pods?labelSelector=app%3D%3D%3D");
  EXPECT_EQ(bad.status, 400u);
}

TEST_F(Populated, FieldSelectorFiltersLists) {
  auto list = json(send("GET", "/api/v1/namespaces/test/pods?fieldSelector=metadata.name%3Dweb-1"));
  EXPECT_EQ(names(list), (std::set<std::string>{"web-1"}));
  list = json(send("GET", "/api/v1/pods?fieldSelector=metadata.namespace!%3Dtest"));
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["items"][0]["metadata"]["namespace"], "other");
  list = json(send("GET", "/api/v1/namespaces/test/pods?fieldSelector=metadata.name%3D%3Ddb-0"));
  EXPECT_EQ(names(list), (std::set<std::string>{"db-0"}));
  auto bad = send("GET", "/api/v1/namespaces/test/pods?fieldSelector=spec.bogus%3D1");
  EXPECT_EQ(bad.status, 400u);
  EXPECT_EQ(message(bad), "field label not supported: spec.bogus");
}

TEST_F(Populated, ListWithoutNamespaceCoversAllNamespaces) {
  auto list = json(send("GET", "/api/v1/pods"));
  EXPECT_EQ(list["items"].size(), 4u);
  auto namespaces = json(send("GET", "/api/v1/namespaces"));
  EXPECT_EQ(namespaces["kind"], "NamespaceList");
  EXPECT_EQ(names(namespaces), (std::set<std::string>{"default", "other", "test"}));
}

TEST_F(Populated, DeleteAnswersWithTheObject) {
  auto response = send("DELETE", "/api/v1/namespaces/test/pods/db-0?gracePeriodSeconds=0");
  ASSERT_EQ(response.status, 200u) << response.body;
  EXPECT_EQ(json(response)["metadata"]["name"], "db-0");
  EXPECT_EQ(send("GET", "/api/v1/namespaces/test/pods/db-0").status, 404u);
}

TEST_F(Populated, DeletePreconditionsAreChecked) {
  const std::string body =
      R"({"kind":"DeleteOptions","apiVersion":"v1","preconditions":{"uid":"not-the-uid"}})";
  auto response = send("DELETE", "/api/v1/namespaces/test/pods/db-0", body);
  EXPECT_EQ(response.status, 409u);
  EXPECT_EQ(send("GET", "/api/v1/namespaces/test/pods/db-0").status, 200u);
}

TEST_F(Populated, DeleteCollectionHonoursTheLabelSelector) {
  auto response = send("DELETE", "/api/v1/namespaces/test/pods?labelSelector=app%3Dweb");
  ASSERT_EQ(response.status, 200u);
  EXPECT_EQ(names(json(response)), (std::set<std::string>{"web-0", "web-1"}));
  EXPECT_EQ(names(json(send("GET", "/api/v1/namespaces/test/pods"))),
            (std::set<std::string>{"db-0"}));
  EXPECT_EQ(json(send("GET", "/api/v1/namespaces/other/pods"))["items"].size(), 1u);
}

TEST_F(Populated, DeletingANamespaceDeletesEverythingInIt) {
  ASSERT_EQ(send("POST", "/apis/apps/v1/namespaces/test/statefulsets", stateful_set("web")).status,
            201u);
  auto response = send("DELETE", "/api/v1/namespaces/test");
  ASSERT_EQ(response.status, 200u) << response.body;
  EXPECT_EQ(json(send("GET", "/api/v1/namespaces/test/pods"))["items"].size(), 0u);
  EXPECT_EQ(json(send("GET", "/apis/apps/v1/namespaces/test/statefulsets"))["items"].size(), 0u);
  EXPECT_EQ(send("GET", "/api/v1/namespaces/test").status, 404u);
  EXPECT_EQ(json(send("GET", "/api/v1/namespaces/other/pods"))["items"].size(), 1u);
}

TEST_F(CollectionTest, ClusterScopedKindsHaveNoNamespaceSegment) {
  Json pv = {{"apiVersion", "v1"},
             {"kind", "PersistentVolume"},
             {"metadata", {{"name", "pv-1"}}},
             {"spec",
              {{"capacity", {{"storage", "1Gi"}}},
               {"accessModes", {"ReadWriteOnce"}},
               {"hostPath", {{"path", "/tmp/pv-1"}}}}}};
  auto created = send("POST", "/api/v1/persistentvolumes", pv);
  ASSERT_EQ(created.status, 201u) << created.body;
  EXPECT_FALSE(json(created)["metadata"].contains("namespace"));
  EXPECT_EQ(json(created)["status"]["phase"], "Pending");
  EXPECT_EQ(send("GET", "/api/v1/persistentvolumes/pv-1").status, 200u);
  EXPECT_EQ(send("GET", "/api/v1/namespaces/test/persistentvolumes/pv-1").status, 404u);
}

TEST_F(CollectionTest, MethodsNotServedAre405) {
  EXPECT_EQ(send("POST", "/api/v1/namespaces/test/pods/a", pod("a")).status, 405u);
  EXPECT_EQ(send("PUT", "/api/v1/namespaces/test/pods", pod("a")).status, 405u);
  EXPECT_EQ(send("DELETE", "/api").status, 405u);
}

}  // namespace
}  // namespace ordinal::api::testing
