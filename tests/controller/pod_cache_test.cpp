// The parsed-pod cache the StatefulSet and EndpointSlice controllers read pods through: a pod
// is parsed again only when a write stored a new version of it, what it hands out is always
// the pod as stored now, and it never holds more than its budget.
#include <gtest/gtest.h>

#include <string>

#include "controller/parsed_objects.hpp"
#include "fake_object_manager.hpp"

namespace ordinal::controller {
namespace {

using identity::Json;

Json pod(const std::string& ns, const std::string& name) {
  return {{"apiVersion", "v1"},
          {"kind", "Pod"},
          {"metadata", {{"name", name}, {"namespace", ns}, {"labels", {{"app", "web"}}}}},
          {"spec", {{"containers", {{{"name", "app"}, {"image", "nginx:1.27"}}}}}}};
}

class PodCacheTest : public ::testing::Test {
 protected:
  testing::FakeObjectManager objects_;
  PodCache cache_;
};

TEST_F(PodCacheTest, ListsThePodsOfOneNamespaceInNameOrder) {
  ASSERT_TRUE(objects_.create(pod("test", "web-1")));
  ASSERT_TRUE(objects_.create(pod("test", "web-0")));
  ASSERT_TRUE(objects_.create(pod("other", "db-0")));
  const auto pods = cache_.list(objects_, "test");
  ASSERT_EQ(pods.size(), 2U);
  EXPECT_EQ(pods[0]->metadata.name, "web-0");
  EXPECT_EQ(pods[1]->metadata.name, "web-1");
  EXPECT_EQ(pods[0]->spec.containers.at(0).image, "nginx:1.27");
}

TEST_F(PodCacheTest, AnUnchangedPodIsNotParsedAgain) {
  ASSERT_TRUE(objects_.create(pod("test", "web-0")));
  const auto first = cache_.list(objects_, "test");
  const auto second = cache_.list(objects_, "test");
  ASSERT_EQ(second.size(), 1U);
  EXPECT_EQ(first[0].get(), second[0].get());
}

TEST_F(PodCacheTest, AWrittenPodIsReadAsStoredNow) {
  auto created = objects_.create(pod("test", "web-0"));
  ASSERT_TRUE(created);
  const auto before = cache_.list(objects_, "test");
  Json changed = **created;
  changed["metadata"]["labels"]["app"] = "db";
  ASSERT_TRUE(objects_.update(changed));
  const auto after = cache_.list(objects_, "test");
  ASSERT_EQ(after.size(), 1U);
  EXPECT_EQ(after[0]->metadata.labels.at("app"), "db");
  EXPECT_EQ(before[0]->metadata.labels.at("app"), "web");  // handed out pods never change
}

TEST_F(PodCacheTest, DeletedPodsAreForgottenAndOtherNamespacesKept) {
  ASSERT_TRUE(objects_.create(pod("test", "web-0")));
  ASSERT_TRUE(objects_.create(pod("test", "web-1")));
  ASSERT_TRUE(objects_.create(pod("other", "db-0")));
  (void)cache_.list(objects_, "test");
  (void)cache_.list(objects_, "other");
  EXPECT_EQ(cache_.size(), 3U);
  ASSERT_TRUE(objects_.remove({"Pod", "test", "web-1"}));
  const auto pods = cache_.list(objects_, "test");
  ASSERT_EQ(pods.size(), 1U);
  EXPECT_EQ(pods[0]->metadata.name, "web-0");
  EXPECT_EQ(cache_.size(), 2U);
  ASSERT_TRUE(objects_.remove({"Pod", "other", "db-0"}));
  EXPECT_TRUE(cache_.list(objects_, "other").empty());
  EXPECT_EQ(cache_.size(), 1U);
}

TEST_F(PodCacheTest, TheLeastRecentlyListedNamespacesGoWhenOverTheBudget) {
  PodCache small(3);
  ASSERT_TRUE(objects_.create(pod("a", "web-0")));
  ASSERT_TRUE(objects_.create(pod("a", "web-1")));
  ASSERT_TRUE(objects_.create(pod("b", "db-0")));
  ASSERT_TRUE(objects_.create(pod("c", "db-0")));
  const auto first = small.list(objects_, "a");
  (void)small.list(objects_, "b");
  EXPECT_EQ(small.size(), 3U);
  (void)small.list(objects_, "c");  // over the budget: "a", listed longest ago, goes
  EXPECT_EQ(small.size(), 2U);
  const auto again = small.list(objects_, "a");  // parsed anew, the same pods
  ASSERT_EQ(again.size(), 2U);
  EXPECT_NE(again[0].get(), first[0].get());
  EXPECT_EQ(again[0]->metadata.name, "web-0");
  EXPECT_LE(small.size(), 3U);
}

TEST_F(PodCacheTest, ANamespaceLargerThanTheBudgetIsListedButNotKept) {
  PodCache small(1);
  ASSERT_TRUE(objects_.create(pod("a", "web-0")));
  ASSERT_TRUE(objects_.create(pod("a", "web-1")));
  EXPECT_EQ(small.list(objects_, "a").size(), 2U);
  EXPECT_EQ(small.size(), 0U);
}

}  // namespace
}  // namespace ordinal::controller
