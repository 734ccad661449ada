// Deletion: immediate deletes, finalizers, graceful deletion of pods bound to a node and
// delete preconditions.
#include <gtest/gtest.h>

#include "identity/registry.hpp"
#include "registry_fixture.hpp"

namespace ordinal::identity {
namespace {

using testing::config_map;
using testing::pod;
using testing::rv_of;

class RegistryDeleteTest : public ::testing::Test {
 protected:
  Json bound_pod(const std::string& name, std::optional<std::int64_t> grace = std::nullopt) {
    Json p = pod("test", name);
    p["spec"]["nodeName"] = "node-1";
    if (grace) p["spec"]["terminationGracePeriodSeconds"] = *grace;
    return p;
  }

  testing::TempDir dir_;
  std::unique_ptr<Registry> registry_ = Registry::open(dir_.path(), testing::fixed_clock());
};

TEST_F(RegistryDeleteTest, ObjectWithoutFinalizersIsDeletedAtOnceWithNewResourceVersion) {
  ASSERT_TRUE(registry_->create(config_map("test", "cfg")).ok());
  auto deleted = registry_->remove({"ConfigMap", "test", "cfg"});
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(rv_of(*deleted), "2") << "a delete takes the next resourceVersion";
  EXPECT_EQ((*deleted)->at("data").at("count"), "0");
  EXPECT_EQ(registry_->resource_version(), 2u);
  EXPECT_EQ(registry_->get({"ConfigMap", "test", "cfg"}).error().code, 404);
  // The name is free again.
  EXPECT_TRUE(registry_->create(config_map("test", "cfg")).ok());
}

TEST_F(RegistryDeleteTest, UnboundPodIsDeletedAtOnce) {
  ASSERT_TRUE(registry_->create(pod("test", "web-0")).ok());
  auto deleted = registry_->remove({"Pod", "test", "web-0"});
  ASSERT_TRUE(deleted.ok());
  EXPECT_FALSE(registry_->get({"Pod", "test", "web-0"}).ok());
}

TEST_F(RegistryDeleteTest, FinalizersKeepObjectTerminatingUntilTheLastIsRemoved) {
  Json pvc = testing::object("PersistentVolumeClaim", "v1", "test", "data-web-0");
  pvc["metadata"]["finalizers"] = {"kubernetes.io/pvc-protection", "example.com/other"};
  ASSERT_TRUE(registry_->create(pvc).ok());
  auto marked = registry_->remove({"PersistentVolumeClaim", "test", "data-web-0"});
  ASSERT_TRUE(marked.ok());
  EXPECT_EQ(rv_of(*marked), "2");
  EXPECT_EQ((*marked)->at("metadata").at("deletionTimestamp"), "2026-11-22T00:15:08Z");
  EXPECT_EQ((*marked)->at("metadata").at("deletionGracePeriodSeconds"), 0);
  ASSERT_TRUE(registry_->get({"PersistentVolumeClaim", "test", "data-web-0"}).ok());

  // Deleting again changes nothing.
  auto again = registry_->remove({"PersistentVolumeClaim", "test", "data-web-0"});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(rv_of(*again), "2");

  Json o = **marked;
  o["metadata"]["finalizers"] = {"example.com/other"};
  o["metadata"].erase("deletionTimestamp");  // kept from the stored object anyway
  auto one_left = registry_->update(o);
  ASSERT_TRUE(one_left.ok());
  EXPECT_EQ((*one_left)->at("metadata").at("deletionTimestamp"), "2026-11-22T00:15:08Z");
  ASSERT_TRUE(registry_->get({"PersistentVolumeClaim", "test", "data-web-0"}).ok());

  o = **one_left;
  o["metadata"]["finalizers"] = Json::array();
  auto gone = registry_->update(o);
  ASSERT_TRUE(gone.ok());
  EXPECT_EQ(rv_of(*gone), "4");
  EXPECT_EQ(registry_->get({"PersistentVolumeClaim", "test", "data-web-0"}).error().code, 404);
}

TEST_F(RegistryDeleteTest, BoundPodTerminatesGracefullyWithDefaultThirtySeconds) {
  ASSERT_TRUE(registry_->create(bound_pod("web-0")).ok());
  auto marked = registry_->remove({"Pod", "test", "web-0"});
  ASSERT_TRUE(marked.ok());
  EXPECT_EQ((*marked)->at("metadata").at("deletionTimestamp"), "2026-11-22T00:15:38Z");
  EXPECT_EQ((*marked)->at("metadata").at("deletionGracePeriodSeconds"), 30);
  EXPECT_EQ(rv_of(*marked), "2");
  EXPECT_TRUE(registry_->get({"Pod", "test", "web-0"}).ok());
}

TEST_F(RegistryDeleteTest, PodGraceComesFromTerminationGracePeriodSeconds) {
  ASSERT_TRUE(registry_->create(bound_pod("web-0", 10)).ok());
  auto marked = registry_->remove({"Pod", "test", "web-0"});
  ASSERT_TRUE(marked.ok());
  EXPECT_EQ((*marked)->at("metadata").at("deletionGracePeriodSeconds"), 10);
  EXPECT_EQ((*marked)->at("metadata").at("deletionTimestamp"), "2026-11-22T00:15:18Z");
}

TEST_F(RegistryDeleteTest, ShorterGraceShortensLongerDoesNotAndZeroDeletes) {
  ASSERT_TRUE(registry_->create(bound_pod("web-0")).ok());
  ASSERT_TRUE(registry_->remove({"Pod", "test", "web-0"}).ok());
  DeleteOptions longer;
  longer.grace_period_seconds = 60;
  auto unchanged = registry_->remove({"Pod", "test", "web-0"}, longer);
  ASSERT_TRUE(unchanged.ok());
  EXPECT_EQ((*unchanged)->at("metadata").at("deletionGracePeriodSeconds"), 30);
  EXPECT_EQ(rv_of(*unchanged), "2");

  DeleteOptions shorter;
  shorter.grace_period_seconds = 5;
  auto shortened = registry_->remove({"Pod", "test", "web-0"}, shorter);
  ASSERT_TRUE(shortened.ok());
  EXPECT_EQ((*shortened)->at("metadata").at("deletionGracePeriodSeconds"), 5);
  EXPECT_EQ((*shortened)->at("metadata").at("deletionTimestamp"), "2026-11-22T00:15:13Z");
  EXPECT_EQ(rv_of(*shortened), "3");

  DeleteOptions now;
  now.grace_period_seconds = 0;
  auto deleted = registry_->remove({"Pod", "test", "web-0"}, now);
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(rv_of(*deleted), "4");
  EXPECT_FALSE(registry_->get({"Pod", "test", "web-0"}).ok());
}

TEST_F(RegistryDeleteTest, GraceZeroDeletesBoundPodAtOnce) {
  ASSERT_TRUE(registry_->create(bound_pod("web-0")).ok());
  DeleteOptions force;
  force.grace_period_seconds = 0;
  ASSERT_TRUE(registry_->remove({"Pod", "test", "web-0"}, force).ok());
  EXPECT_FALSE(registry_->get({"Pod", "test", "web-0"}).ok());
}

TEST_F(RegistryDeleteTest, GracefulPodWithFinalizerWaitsForBoth) {
  Json p = bound_pod("web-0");
  p["metadata"]["finalizers"] = {"example.com/hold"};
  ASSERT_TRUE(registry_->create(p).ok());
  DeleteOptions force;
  force.grace_period_seconds = 0;
  auto marked = registry_->remove({"Pod", "test", "web-0"}, force);
  ASSERT_TRUE(marked.ok());
  EXPECT_EQ((*marked)->at("metadata").at("deletionGracePeriodSeconds"), 0);
  ASSERT_TRUE(registry_->get({"Pod", "test", "web-0"}).ok()) << "the finalizer holds it";
  Json o = **marked;
  o["metadata"].erase("finalizers");
  ASSERT_TRUE(registry_->update(o).ok());
  EXPECT_FALSE(registry_->get({"Pod", "test", "web-0"}).ok());
}

TEST_F(RegistryDeleteTest, FailedPreconditionsAreConflicts) {
  auto created = registry_->create(config_map("test", "cfg"));
  DeleteOptions wrong_uid;
  wrong_uid.precondition_uid = "other";
  auto a = registry_->remove({"ConfigMap", "test", "cfg"}, wrong_uid);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.error().code, 409);
  EXPECT_NE(a.error().message.find("Precondition failed: UID in precondition: other"),
            std::string::npos);
  DeleteOptions wrong_rv;
  wrong_rv.precondition_resource_version = "99";
  auto b = registry_->remove({"ConfigMap", "test", "cfg"}, wrong_rv);
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.error().code, 409);
  EXPECT_TRUE(registry_->get({"ConfigMap", "test", "cfg"}).ok());

  DeleteOptions right;
  right.precondition_uid = (*created)->at("metadata").at("uid").get<std::string>();
  right.precondition_resource_version = "1";
  EXPECT_TRUE(registry_->remove({"ConfigMap", "test", "cfg"}, right).ok());
}

TEST_F(RegistryDeleteTest, OwnerReferencesAreKeptAsGiven) {
  Json p = pod("test", "web-0");
  p["metadata"]["ownerReferences"] = {{{"apiVersion", "apps/v1"},
                                       {"kind", "StatefulSet"},
                                       {"name", "web"},
                                       {"uid", "1234"},
                                       {"controller", true},
                                       {"blockOwnerDeletion", true}}};
  auto created = registry_->create(p);
  ASSERT_TRUE(created.ok());
  EXPECT_EQ((*created)->at("metadata").at("ownerReferences"), p["metadata"]["ownerReferences"]);
}

}  // namespace
}  // namespace ordinal::identity
