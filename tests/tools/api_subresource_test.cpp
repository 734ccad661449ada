// The /scale and /status subresources, and the main resource leaving status alone.
#include <gtest/gtest.h>

#include "tests/tools/api_test_fixture.hpp"

namespace ordinal::api::testing {
namespace {

class SubresourceTest : public ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    ASSERT_EQ(
        send("POST", "/apis/apps/v1/namespaces/test/statefulsets", stateful_set("web", 2)).status,
        201u);
  }
};

TEST_F(SubresourceTest, ScaleReadsTheStatefulSet) {
  auto response = send("GET", std::string(kWeb) + "/scale");
  ASSERT_EQ(response.status, 200u) << response.body;
  Json scale = json(response);
  EXPECT_EQ(scale["kind"], "Scale");
  EXPECT_EQ(scale["apiVersion"], "autoscaling/v1");
  EXPECT_EQ(scale["metadata"]["name"], "web");
  EXPECT_EQ(scale["spec"]["replicas"], 2);
  EXPECT_EQ(scale["status"]["replicas"], 0);
  EXPECT_EQ(scale["status"]["selector"], "app=web");
}

TEST_F(SubresourceTest, ScalePatchChangesReplicas) {  // what `kubectl scale` sends
  auto response = send("PATCH", std::string(kWeb) + "/scale",
                       std::string(R"({"spec":{"replicas":5}})"), "application/merge-patch+json");
  ASSERT_EQ(response.status, 200u) << response.body;
  EXPECT_EQ(json(response)["spec"]["replicas"], 5);
  EXPECT_EQ(json(send("GET", kWeb))["spec"]["replicas"], 5);
}

TEST_F(SubresourceTest, ScalePutHonoursResourceVersionAndValidates) {
  Json scale = json(send("GET", std::string(kWeb) + "/scale"));
  scale["spec"]["replicas"] = 3;
  ASSERT_EQ(send("PUT", std::string(kWeb) + "/scale", scale).status, 200u);
  scale["spec"]["replicas"] = 4;  // resourceVersion is now stale
  EXPECT_EQ(send("PUT", std::string(kWeb) + "/scale", scale).status, 409u);
  Json fresh = json(send("GET", std::string(kWeb) + "/scale"));
  fresh["spec"]["replicas"] = -1;
  auto invalid = send("PUT", std::string(kWeb) + "/scale", fresh);
  EXPECT_EQ(invalid.status, 422u);
  EXPECT_EQ(json(invalid)["details"]["causes"][0]["field"], "spec.replicas");
  EXPECT_EQ(json(send("GET", kWeb))["spec"]["replicas"], 3);
}

TEST_F(SubresourceTest, ScaleOnlyForKindsThatHaveIt) {
  ASSERT_EQ(send("POST", "/api/v1/namespaces/test/pods", pod("a")).status, 201u);
  EXPECT_EQ(send("GET", "/api/v1/namespaces/test/pods/a/scale").status, 404u);
  EXPECT_EQ(send("GET", "/api/v1/namespaces/test/configmaps/x/status").status, 404u);
}

TEST_F(SubresourceTest, StatusUpdateChangesOnlyStatus) {
  Json set = json(send("GET", kWeb));
  set["status"] = {{"replicas", 2}, {"readyReplicas", 1}};
  set["spec"]["replicas"] = 7;  // ignored by /status
  auto response = send("PUT", std::string(kWeb) + "/status", set);
  ASSERT_EQ(response.status, 200u) << response.body;
  Json stored = json(send("GET", kWeb));
  EXPECT_EQ(stored["status"]["readyReplicas"], 1);
  EXPECT_EQ(stored["spec"]["replicas"], 2);
  EXPECT_EQ(json(send("GET", std::string(kWeb) + "/scale"))["status"]["replicas"], 2);
}

TEST_F(SubresourceTest, StatusPatch) {
  auto response = send("PATCH", std::string(kWeb) + "/status",
                       std::string(R"({"status":{"replicas":1}})"), "application/merge-patch+json");
  ASSERT_EQ(response.status, 200u) << response.body;
  EXPECT_EQ(json(send("GET", kWeb))["status"]["replicas"], 1);
}

TEST_F(SubresourceTest, MainResourceUpdateKeepsStatus) {
  Json set = json(send("GET", kWeb));
  set["status"] = {{"replicas", 9}};
  set["spec"]["replicas"] = 3;
  auto response = send("PUT", kWeb, set);
  ASSERT_EQ(response.status, 200u) << response.body;
  Json stored = json(send("GET", kWeb));
  EXPECT_EQ(stored["spec"]["replicas"], 3);
  EXPECT_NE(stored["status"].value("replicas", 0), 9);
}

}  // namespace
}  // namespace ordinal::api::testing
