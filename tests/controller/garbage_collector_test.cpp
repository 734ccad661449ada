// The garbage collector: dependents whose owners are gone are deleted (SS-14.1), dangling
// references of still-owned objects are removed, orphaning keeps the dependents (SS-14.2).
#include "controller/garbage_collector.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "controller/event_recorder.hpp"
#include "fake_object_manager.hpp"
#include "identity/metadata.hpp"
#include "identity/object_meta.hpp"

namespace ordinal::controller {
namespace {

using identity::Json;
using identity::WatchEvent;

struct Keys : KeySink {
  std::set<std::string> added;
  void add(const std::string& key) override { added.insert(key); }
};

class GarbageCollectorTest : public ::testing::Test {
 protected:
  GarbageCollectorTest() : events_(objects_, "garbage-collector"), gc_(objects_, events_) {}

  Json create(Json object) {
    auto stored = objects_.create(std::move(object));
    EXPECT_TRUE(stored.ok());
    return stored ? **stored : Json();
  }
  Json create_set(const std::string& name, Json finalizers = Json::array()) {
    return create(
        {{"apiVersion", "apps/v1"},
         {"kind", "StatefulSet"},
         {"metadata", {{"name", name}, {"namespace", "default"}, {"finalizers", finalizers}}},
         {"spec", {{"replicas", 1}}}});
  }
  static Json ref_to(const Json& owner) {
    return {{"apiVersion", owner["apiVersion"]},
            {"kind", owner["kind"]},
            {"name", owner["metadata"]["name"]},
            {"uid", owner["metadata"]["uid"]},
            {"controller", true},
            {"blockOwnerDeletion", true}};
  }
  Json create_dependent(const std::string& kind, const std::string& name,
                        const std::vector<Json>& owners, const std::string& node = "") {
    Json object = {{"apiVersion", kind == "ControllerRevision" ? "apps/v1" : "v1"},
                   {"kind", kind},
                   {"metadata", {{"name", name}, {"namespace", "default"}}}};
    for (const Json& owner : owners) object["metadata"]["ownerReferences"].push_back(owner);
    if (kind == "Pod")
      object["spec"] = {{"containers", {{{"name", "c"}, {"image", "i"}}}}, {"nodeName", node}};
    return create(std::move(object));
  }
  SyncOutcome sync(const std::string& kind, const std::string& name) {
    return gc_.sync(kind + "/default/" + name, objects_.clock().now());
  }
  bool exists(const std::string& kind, const std::string& name) {
    return objects_.get({kind, "default", name}).ok();
  }
  Json get(const std::string& kind, const std::string& name) {
    auto stored = objects_.get({kind, "default", name});
    return stored ? **stored : Json();
  }
  void remove(const std::string& kind, const std::string& name) {
    identity::DeleteOptions force;
    force.grace_period_seconds = 0;
    ASSERT_TRUE(objects_.remove({kind, "default", name}, force).ok());
  }
  // What the collector would hear when `object` (its last state) is deleted.
  std::set<std::string> keys_for_deleted(const Json& object) {
    Keys keys;
    gc_.on_change({WatchEvent::Type::Deleted, std::make_shared<const Json>(object), 0}, keys);
    return keys.added;
  }
  std::set<std::string> owner_uids(const std::string& kind, const std::string& name) {
    std::set<std::string> uids;
    for (const auto& ref :
         identity::ObjectMeta::from_json(get(kind, name)["metadata"]).owner_references)
      uids.insert(ref.uid);
    return uids;
  }

  testing::FakeObjectManager objects_;
  EventRecorder events_;
  GarbageCollector gc_;
};

TEST_F(GarbageCollectorTest, DeletedSetTakesItsPodsAndRevisions_SS_14_1) {
  const Json set = create_set("web");
  create_dependent("Pod", "web-0", {ref_to(set)});
  create_dependent("Pod", "web-1", {ref_to(set)}, "sim-node");
  create_dependent("ControllerRevision", "web-7c9b8f6d5", {ref_to(set)});
  create_dependent("Pod", "other-0", {});
  remove("StatefulSet", "web");
  const std::set<std::string> expected = {"Pod/default/web-0", "Pod/default/web-1",
                                          "ControllerRevision/default/web-7c9b8f6d5"};
  ASSERT_EQ(keys_for_deleted(set), expected);
  for (const auto& key : expected) EXPECT_FALSE(gc_.sync(key, objects_.clock().now()).error);
  EXPECT_FALSE(exists("Pod", "web-0"));
  EXPECT_FALSE(exists("ControllerRevision", "web-7c9b8f6d5"));
  EXPECT_TRUE(exists("Pod", "other-0"));
  // A pod on a node terminates gracefully (its kubelet removes it); asking again is a no-op.
  ASSERT_TRUE(exists("Pod", "web-1"));
  EXPECT_TRUE(identity::is_terminating(get("Pod", "web-1")));
  objects_.clear_writes();
  sync("Pod", "web-1");
  EXPECT_TRUE(objects_.writes().empty());
}

TEST_F(GarbageCollectorTest, SlicesOfADeletedServiceAreDeleted) {
  const Json service = create({{"apiVersion", "v1"},
                               {"kind", "Service"},
                               {"metadata", {{"name", "nginx"}, {"namespace", "default"}}},
                               {"spec", {{"clusterIP", "None"}}}});
  create({{"apiVersion", "discovery.k8s.io/v1"},
          {"kind", "EndpointSlice"},
          {"metadata",
           {{"name", "nginx-abcde"},
            {"namespace", "default"},
            {"ownerReferences", {ref_to(service)}}}},
          {"addressType", "IPv4"},
          {"endpoints", Json::array()}});
  remove("Service", "nginx");
  EXPECT_EQ(keys_for_deleted(service), std::set<std::string>{"EndpointSlice/default/nginx-abcde"});
  sync("EndpointSlice", "nginx-abcde");
  EXPECT_FALSE(exists("EndpointSlice", "nginx-abcde"));
}

TEST_F(GarbageCollectorTest, ClaimOwnedByADeletedPodIsDeleted_SS_14_4) {
  const Json pod = create_dependent("Pod", "web-2", {});
  create_dependent("PersistentVolumeClaim", "www-web-2", {ref_to(pod)});
  remove("Pod", "web-2");
  EXPECT_EQ(keys_for_deleted(pod),
            std::set<std::string>{"PersistentVolumeClaim/default/www-web-2"});
  sync("PersistentVolumeClaim", "www-web-2");
  EXPECT_FALSE(exists("PersistentVolumeClaim", "www-web-2"));
}

TEST_F(GarbageCollectorTest, ClaimWithTwoOwnersLosesOnlyTheGoneReference) {
  const Json set = create_set("web");
  const Json pod = create_dependent("Pod", "web-2", {});
  create_dependent("PersistentVolumeClaim", "www-web-2", {ref_to(set), ref_to(pod)});
  remove("Pod", "web-2");
  sync("PersistentVolumeClaim", "www-web-2");
  ASSERT_TRUE(exists("PersistentVolumeClaim", "www-web-2"));
  EXPECT_EQ(owner_uids("PersistentVolumeClaim", "www-web-2"),
            std::set<std::string>{set["metadata"]["uid"]});
  objects_.clear_writes();  // idempotent
  sync("PersistentVolumeClaim", "www-web-2");
  EXPECT_TRUE(objects_.writes().empty());
}

TEST_F(GarbageCollectorTest, ObjectWhoseOwnerExistsIsUntouched) {
  const Json set = create_set("web");
  create_dependent("Pod", "web-0", {ref_to(set)});
  objects_.clear_writes();
  EXPECT_FALSE(sync("Pod", "web-0").error);
  EXPECT_TRUE(objects_.writes().empty());
  EXPECT_TRUE(exists("Pod", "web-0"));
}

TEST_F(GarbageCollectorTest, SameNameWithAnotherUidCountsAsGone_SS_14_1) {
  const Json old_set = create_set("web");
  create_dependent("Pod", "web-0", {ref_to(old_set)});
  remove("StatefulSet", "web");
  create_set("web");  // re-created before the collector ran
  sync("Pod", "web-0");
  EXPECT_FALSE(exists("Pod", "web-0"));
}

TEST_F(GarbageCollectorTest, AtStartUpDanglingReferencesAreFound) {
  const Json set = create_set("web");
  const Json pod = create_dependent("Pod", "web-0", {ref_to(set)});
  const Json plain = create_dependent("Pod", "plain-0", {});
  Keys keys;  // every stored object arrives as Added
  gc_.on_change({WatchEvent::Type::Added, std::make_shared<const Json>(pod), 0}, keys);
  gc_.on_change({WatchEvent::Type::Added, std::make_shared<const Json>(plain), 0}, keys);
  gc_.on_change({WatchEvent::Type::Added, std::make_shared<const Json>(set), 0}, keys);
  EXPECT_EQ(keys.added, std::set<std::string>{"Pod/default/web-0"});
}

TEST_F(GarbageCollectorTest, OrphanedDependentsStayWithoutTheReference_SS_14_2) {
  const Json set = create_set("web", Json::array({"orphan"}));
  create_dependent("Pod", "web-0", {ref_to(set)});
  ASSERT_TRUE(objects_.remove({"StatefulSet", "default", "web"}).ok());
  const Json terminating = get("StatefulSet", "web");
  ASSERT_TRUE(identity::is_terminating(terminating));
  Keys keys;
  gc_.on_change({WatchEvent::Type::Modified, std::make_shared<const Json>(terminating), 0}, keys);
  EXPECT_EQ(keys.added, (std::set<std::string>{"Pod/default/web-0", "StatefulSet/default/web"}));
  sync("StatefulSet", "web");  // a dependent still refers to it: the set waits
  EXPECT_TRUE(exists("StatefulSet", "web"));
  sync("Pod", "web-0");
  ASSERT_TRUE(exists("Pod", "web-0"));
  EXPECT_TRUE(owner_uids("Pod", "web-0").empty());
  sync("StatefulSet", "web");
  EXPECT_FALSE(exists("StatefulSet", "web"));
}

TEST_F(GarbageCollectorTest, ForegroundDeletionRemovesDependentsFirst) {
  const Json set = create_set("web", Json::array({"foregroundDeletion"}));
  create_dependent("Pod", "web-0", {ref_to(set)});
  ASSERT_TRUE(objects_.remove({"StatefulSet", "default", "web"}).ok());
  sync("StatefulSet", "web");
  EXPECT_TRUE(exists("StatefulSet", "web"));
  sync("Pod", "web-0");
  EXPECT_FALSE(exists("Pod", "web-0"));
  sync("StatefulSet", "web");
  EXPECT_FALSE(exists("StatefulSet", "web"));
}

TEST_F(GarbageCollectorTest, ReferenceToAnUnservedKindIsKept) {
  create_dependent("Pod", "job-0",
                   {{{"apiVersion", "batch/v1"}, {"kind", "Job"}, {"name", "job"}, {"uid", "u1"}}});
  sync("Pod", "job-0");
  EXPECT_TRUE(exists("Pod", "job-0"));
  EXPECT_EQ(owner_uids("Pod", "job-0"), std::set<std::string>{"u1"});
}

TEST_F(GarbageCollectorTest, FailedDeleteIsRetried) {
  const Json set = create_set("web");
  create_dependent("Pod", "web-0", {ref_to(set)});
  remove("StatefulSet", "web");
  objects_.fail_next(testing::FakeObjectManager::Verb::Remove, "Pod",
                     identity::internal_error("disk full"));
  EXPECT_TRUE(sync("Pod", "web-0").error);
  EXPECT_TRUE(exists("Pod", "web-0"));
  EXPECT_FALSE(sync("Pod", "web-0").error);
  EXPECT_FALSE(exists("Pod", "web-0"));
}

}  // namespace
}  // namespace ordinal::controller
