// DELETE with propagationPolicy Orphan (kubectl --cascade=orphan, SS-14.2): the owner goes, its
// dependents stay without the owner reference; other policies delete the owner only.
#include <gtest/gtest.h>

#include <string>

#include "tests/tools/api_test_fixture.hpp"

namespace ordinal::api::testing {
namespace {

constexpr const char* kSet = "/apis/apps/v1/namespaces/test/statefulsets/web";

class OrphanDeleteTest : public ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    auto set = registry_->create(stateful_set("web"));
    ASSERT_TRUE(set);
    uid_ = (**set)["metadata"]["uid"];
    const Json owner = reference("StatefulSet", "web", uid_);
    add("Pod", "web-0", "test", Json::array({owner}));
    add("Pod", "web-1", "test", Json::array({owner}));
    add("PersistentVolumeClaim", "www-web-0", "test",
        Json::array({owner, reference("Pod", "web-0", "uid-of-web-0")}));
    add("ControllerRevision", "web-7d9f", "test", Json::array({owner}));
    add("EndpointSlice", "nginx-abcde", "test", Json::array({owner}));
    add("Pod", "db-0", "test", Json::array({reference("StatefulSet", "db", "uid-of-db")}));
    add("Pod", "web-0", "other", Json::array({owner}));
  }

  static Json reference(const std::string& kind, const std::string& name, const std::string& uid) {
    return {{"apiVersion", kind == "Pod" ? "v1" : "apps/v1"},
            {"kind", kind},
            {"name", name},
            {"uid", uid},
            {"controller", true},
            {"blockOwnerDeletion", true}};
  }

  void add(const std::string& kind, const std::string& name, const std::string& ns,
           const Json& owners) {
    Json object = {{"kind", kind},
                   {"metadata", {{"name", name}, {"namespace", ns}, {"ownerReferences", owners}}}};
    object["apiVersion"] = kind == "ControllerRevision" ? "apps/v1"
                           : kind == "EndpointSlice"    ? "discovery.k8s.io/v1"
                                                        : "v1";
    ASSERT_TRUE(registry_->create(object));
  }

  /// The owner references of a stored object (null when the field is absent).
  Json owners(const std::string& kind, const std::string& name, const std::string& ns = "test") {
    auto stored = registry_->get({kind, ns, name});
    EXPECT_TRUE(stored) << kind << " " << name;
    if (!stored) return nullptr;
    return (**stored)["metadata"].value("ownerReferences", Json());
  }

  bool set_exists() { return registry_->get({"StatefulSet", "test", "web"}).ok(); }

  void expect_orphaned() {
    EXPECT_FALSE(set_exists());
    for (const auto& [kind, name] :
         std::vector<std::pair<std::string, std::string>>{{"Pod", "web-0"},
                                                          {"Pod", "web-1"},
                                                          {"ControllerRevision", "web-7d9f"},
                                                          {"EndpointSlice", "nginx-abcde"}})
      EXPECT_TRUE(owners(kind, name).is_null()) << kind << " " << name;
    // Only the deleted owner's reference goes.
    EXPECT_EQ(owners("PersistentVolumeClaim", "www-web-0"),
              Json::array({reference("Pod", "web-0", "uid-of-web-0")}));
    EXPECT_EQ(owners("Pod", "db-0"), Json::array({reference("StatefulSet", "db", "uid-of-db")}));
  }

  std::string uid_;
};

TEST_F(OrphanDeleteTest, OrphanInTheBodyKeepsDependentsWithoutTheReference_SS_14_2) {
  ASSERT_EQ(send("GET", kSet).status, 200u);  // the first request creates namespace default
  const auto before = registry_->resource_version();
  auto response =
      send("DELETE", kSet,
           Json{{"kind", "DeleteOptions"}, {"apiVersion", "v1"}, {"propagationPolicy", "Orphan"}});
  ASSERT_EQ(response.status, 200u) << response.body;
  EXPECT_EQ(json(response)["metadata"]["name"], "web");
  expect_orphaned();
  // One batch: five dependents rewritten and the owner deleted, nothing else.
  EXPECT_EQ(registry_->resource_version(), before + 6);
}

TEST_F(OrphanDeleteTest, OrphanAsAQueryParameter_SS_14_2) {
  ASSERT_EQ(send("DELETE", std::string(kSet) + "?propagationPolicy=Orphan").status, 200u);
  expect_orphaned();
}

TEST_F(OrphanDeleteTest, DeprecatedOrphanDependentsOrphansToo) {
  ASSERT_EQ(send("DELETE", kSet, Json{{"orphanDependents", true}}).status, 200u);
  expect_orphaned();
}

TEST_F(OrphanDeleteTest, DependentsInOtherNamespacesAreNotTouched) {
  ASSERT_EQ(send("DELETE", std::string(kSet) + "?propagationPolicy=Orphan").status, 200u);
  EXPECT_EQ(owners("Pod", "web-0", "other"), Json::array({reference("StatefulSet", "web", uid_)}));
}

TEST_F(OrphanDeleteTest, BackgroundAndForegroundDeleteTheOwnerOnly) {
  for (const char* policy : {"Background", "Foreground", ""}) {
    if (!set_exists()) {
      auto set = registry_->create(stateful_set("web"));
      ASSERT_TRUE(set);
    }
    Json body = Json::object();
    if (*policy != '\0') body["propagationPolicy"] = policy;
    auto response = send("DELETE", kSet, body);
    ASSERT_EQ(response.status, 200u) << policy << response.body;
    EXPECT_FALSE(set_exists()) << policy;
    // The references stay for the garbage collector to act on.
    EXPECT_EQ(owners("Pod", "web-0"), Json::array({reference("StatefulSet", "web", uid_)}))
        << policy;
  }
}

TEST_F(OrphanDeleteTest, UnknownPolicyIsInvalidAndDeletesNothing) {
  auto response = send("DELETE", kSet, Json{{"propagationPolicy", "Sometimes"}});
  EXPECT_EQ(response.status, 422u);
  EXPECT_EQ(message(response),
            "DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported value: "
            "\"Sometimes\": supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\"");
  EXPECT_TRUE(set_exists());
}

TEST_F(OrphanDeleteTest, OrphanDependentsWithAPolicyIsInvalid) {
  auto response =
      send("DELETE", kSet, Json{{"propagationPolicy", "Orphan"}, {"orphanDependents", true}});
  EXPECT_EQ(response.status, 422u);
  EXPECT_TRUE(set_exists());
  EXPECT_FALSE(owners("Pod", "web-0").is_null());
}

TEST_F(OrphanDeleteTest, FailedPreconditionLeavesDependentsAlone) {
  auto response =
      send("DELETE", kSet,
           Json{{"propagationPolicy", "Orphan"}, {"preconditions", {{"uid", "someone-else"}}}});
  EXPECT_EQ(response.status, 409u);
  EXPECT_TRUE(set_exists());
  EXPECT_EQ(owners("Pod", "web-0"), Json::array({reference("StatefulSet", "web", uid_)}));
}

TEST_F(OrphanDeleteTest, DeleteCollectionOrphansEachItem) {
  auto response =
      send("DELETE", "/apis/apps/v1/namespaces/test/statefulsets?propagationPolicy=Orphan");
  ASSERT_EQ(response.status, 200u) << response.body;
  EXPECT_EQ(json(response)["items"].size(), 1u);
  expect_orphaned();
}

}  // namespace
}  // namespace ordinal::api::testing
