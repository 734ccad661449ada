// Per-pod storage of the StatefulSet controller: claims before pods and reused (§4), claims
// recreated for Pending pods (SS-7.3), claims being deleted (SS-4.5), and the retention policy
// carried by owner references (§14).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "set_harness.hpp"

namespace ordinal::controller {
namespace {

using testing::Json;
using testing::kOrdered;
using testing::kParallel;
using testing::Policy;
using testing::policy_name;
using testing::SetHarness;
using testing::sts;

class Storage : public ::testing::TestWithParam<Policy> {};

// SS-4.6: a pod lost for any reason comes back on the same claim.
TEST_P(Storage, ClaimReusedAfterPodLoss_SS_4_6) {
  SetHarness h(sts(2, GetParam()));
  h.settle();
  const std::string claim_uid = h.claim("www-web-0")->metadata.uid;
  h.delete_pod("web-0");
  h.finish_deletion("web-0");
  h.settle();
  ASSERT_TRUE(h.pod("web-0"));
  EXPECT_EQ(h.claim("www-web-0")->metadata.uid, claim_uid);
  const auto pod = h.pod("web-0");
  const auto* volume = pod->spec.find_volume("www");
  ASSERT_NE(volume, nullptr);
  ASSERT_TRUE(volume->persistent_volume_claim);
  EXPECT_EQ(volume->persistent_volume_claim->claim_name, "www-web-0");
}

// SS-7.3: a claim deleted while its pod is Pending is created again.
TEST_P(Storage, ClaimRecreatedForPendingPod_SS_7_3) {
  SetHarness h(sts(1, GetParam()));
  ASSERT_FALSE(h.pass().error);
  const std::string claim_uid = h.claim("www-web-0")->metadata.uid;
  ASSERT_TRUE(h.objects().remove({"PersistentVolumeClaim", "default", "www-web-0"}));
  ASSERT_FALSE(h.claim("www-web-0"));
  ASSERT_FALSE(h.pass().error);
  ASSERT_TRUE(h.claim("www-web-0"));
  EXPECT_NE(h.claim("www-web-0")->metadata.uid, claim_uid);
}

// SS-4.5: a claim that is being deleted fails the pass and keeps the pod from being created;
// once it is gone a fresh claim and the pod are created.
TEST_P(Storage, ClaimBeingDeletedBlocksPod_SS_4_5) {
  SetHarness h(sts(1, GetParam()));
  ASSERT_TRUE(h.objects().create(Json::parse(R"({"apiVersion": "v1",
      "kind": "PersistentVolumeClaim", "metadata": {"name": "www-web-0", "namespace": "default",
      "labels": {"app": "web"}, "finalizers": ["kubernetes.io/pvc-protection"]},
      "spec": {"accessModes": ["ReadWriteOnce"]}})")));
  ASSERT_TRUE(h.objects().remove({"PersistentVolumeClaim", "default", "www-web-0"}));
  const SyncOutcome blocked = h.pass();
  ASSERT_TRUE(blocked.error);
  EXPECT_NE(blocked.error->message.find("pvc www-web-0 is being deleted"), std::string::npos);
  EXPECT_FALSE(h.pod("web-0"));
  EXPECT_EQ(h.events("FailedCreate").size(), 1U);
  Json claim = **h.objects().get({"PersistentVolumeClaim", "default", "www-web-0"});
  claim["metadata"]["finalizers"] = Json::array();
  ASSERT_TRUE(h.objects().update(claim));
  ASSERT_FALSE(h.claim("www-web-0"));
  ASSERT_FALSE(h.pass().error);
  EXPECT_TRUE(h.claim("www-web-0"));
  EXPECT_TRUE(h.pod("web-0"));
}

// SS-4.5: an existing claim is reused as it is, never compared with the template.
TEST_P(Storage, PrecreatedClaimReused_SS_4_5) {
  SetHarness h(sts(1, GetParam()));
  auto created = h.objects().create(Json::parse(R"({"apiVersion": "v1",
      "kind": "PersistentVolumeClaim", "metadata": {"name": "www-web-0", "namespace": "default"},
      "spec": {"accessModes": ["ReadWriteMany"]}})"));
  ASSERT_TRUE(created);
  h.settle();
  EXPECT_EQ(h.claim("www-web-0")->spec.access_modes, std::vector<std::string>{"ReadWriteMany"});
  EXPECT_EQ(h.claim("www-web-0")->metadata.uid, identity::metadata_string(**created, "uid"));
}

INSTANTIATE_TEST_SUITE_P(Policies, Storage, ::testing::Values(kOrdered, kParallel), policy_name);

// ---- SS-14.4: the retention table, in range and condemned ----

struct RetentionCase {
  std::string when_scaled;
  std::string when_deleted;
  std::string in_range;   ///< owners of www-web-0 while web-0 is in range: "set", "pod", ""
  std::string condemned;  ///< owners of www-web-1 once web-1 is condemned
};

class Retention : public ::testing::TestWithParam<RetentionCase> {};

std::string retention_name(const ::testing::TestParamInfo<RetentionCase>& param) {
  return "Scaled" + param.param.when_scaled + "Deleted" + param.param.when_deleted;
}

std::string owners(SetHarness& h, const std::string& claim_name) {
  std::string out;
  const auto claim = h.claim(claim_name);  // kept alive for the loop
  if (!claim) {
    ADD_FAILURE() << claim_name << " does not exist";
    return out;
  }
  for (const auto& ref : claim->metadata.owner_references) {
    EXPECT_TRUE(ref.is_controller()) << claim_name;
    out += (out.empty() ? "" : ",") + std::string(ref.kind == "Pod" ? "pod" : "set");
    if (ref.kind == "Pod") {
      EXPECT_EQ(ref.name, "web-1");
    }
  }
  return out;
}

Json with_policy(const RetentionCase& c, std::int32_t replicas) {
  Json json = sts(replicas, kOrdered);
  json["spec"]["persistentVolumeClaimRetentionPolicy"] = {{"whenScaled", c.when_scaled},
                                                          {"whenDeleted", c.when_deleted}};
  return json;
}

TEST_P(Retention, ClaimOwnerReferences_SS_14_4_SS_14_5) {
  const RetentionCase& c = GetParam();
  SetHarness h(with_policy(c, 2));
  h.settle();
  EXPECT_EQ(owners(h, "www-web-0"), c.in_range);
  EXPECT_EQ(owners(h, "www-web-1"), c.in_range);
  h.scale(1);
  ASSERT_FALSE(h.pass().error);
  // SS-14.5: fixed before (in the same pass as) the condemned pod's deletion.
  EXPECT_EQ(h.pod_names(), "web-0 web-1~");
  EXPECT_EQ(owners(h, "www-web-1"), c.condemned);
  EXPECT_EQ(owners(h, "www-web-0"), c.in_range);
  if (c.condemned == "pod") {
    EXPECT_EQ(h.claim("www-web-1")->metadata.owner_references[0].uid, h.pod("web-1")->metadata.uid);
  }
}

// SS-14.8: switching the policy later rewrites the references on the next pass.
TEST_P(Retention, PolicyChangeRewritesReferences_SS_14_8) {
  const RetentionCase& c = GetParam();
  SetHarness h(sts(2, kOrdered));
  h.settle();
  EXPECT_EQ(owners(h, "www-web-0"), "");
  h.edit([&c](Json& json) {
    json["spec"]["persistentVolumeClaimRetentionPolicy"] = {{"whenScaled", c.when_scaled},
                                                            {"whenDeleted", c.when_deleted}};
  });
  h.settle();
  EXPECT_EQ(owners(h, "www-web-0"), c.in_range);
  EXPECT_EQ(owners(h, "www-web-1"), c.in_range);
  if (!c.in_range.empty()) {
    EXPECT_EQ(h.events("SuccessfulUpdate").size(), 2U) << "one repair per pod (SS-9.1)";
  }
}

INSTANTIATE_TEST_SUITE_P(Table, Retention,
                         ::testing::Values(RetentionCase{"Retain", "Retain", "", ""},
                                           RetentionCase{"Retain", "Delete", "set", "set"},
                                           RetentionCase{"Delete", "Retain", "", "pod"},
                                           RetentionCase{"Delete", "Delete", "set", "pod"}),
                         retention_name);

// SS-14.6: after a quick scale down and up with whenScaled Delete, the new pod waits until the
// old pod's claim is collected, then gets a fresh claim.
TEST(RetentionStale, QuickRescaleWaitsForStaleClaim_SS_14_6) {
  SetHarness h(with_policy({"Delete", "Retain", "", ""}, 2));
  h.settle();
  const std::string old_claim = h.claim("www-web-1")->metadata.uid;
  h.scale(1);
  h.settle();
  ASSERT_EQ(h.pod_names(), "web-0");
  ASSERT_TRUE(h.claim("www-web-1")) << "collected by the garbage collector, not the controller";
  h.scale(2);
  ASSERT_FALSE(h.pass().error);
  ASSERT_FALSE(h.pass().error);
  EXPECT_EQ(h.pod_names(), "web-0") << "web-1 waits for its stale claim to go";
  ASSERT_TRUE(h.objects().remove({"PersistentVolumeClaim", "default", "www-web-1"}));
  ASSERT_FALSE(h.pass().error);
  EXPECT_EQ(h.pod_names(), "web-0 web-1");
  EXPECT_NE(h.claim("www-web-1")->metadata.uid, old_claim);
  EXPECT_TRUE(h.claim("www-web-1")->metadata.owner_references.empty());
}

// SS-14.9: a claim controlled by something else loses our references, with a warning; a
// reference to an earlier set of the same name leaves the claim untouched.
TEST(RetentionConflict, OtherControllerWins_SS_14_9) {
  SetHarness h(with_policy({"Retain", "Delete", "", ""}, 1));
  ASSERT_TRUE(h.objects().create(Json::parse(R"({"apiVersion": "v1",
      "kind": "PersistentVolumeClaim", "metadata": {"name": "www-web-0", "namespace": "default",
      "ownerReferences": [{"apiVersion": "example.com/v1", "kind": "Keeper", "name": "k",
                           "uid": "uid-keeper", "controller": true}]},
      "spec": {"accessModes": ["ReadWriteOnce"]}})")));
  h.settle();
  const auto refs = h.claim("www-web-0")->metadata.owner_references;
  ASSERT_EQ(refs.size(), 1U);
  EXPECT_EQ(refs[0].uid, "uid-keeper");
}

TEST(RetentionConflict, StaleSetReferenceLeftAlone_SS_14_9) {
  SetHarness h(with_policy({"Retain", "Delete", "", ""}, 1));
  ASSERT_TRUE(h.objects().create(Json::parse(R"({"apiVersion": "v1",
      "kind": "PersistentVolumeClaim", "metadata": {"name": "www-web-0", "namespace": "default",
      "ownerReferences": [{"apiVersion": "apps/v1", "kind": "StatefulSet", "name": "web",
                           "uid": "uid-of-an-earlier-web", "controller": true}]},
      "spec": {"accessModes": ["ReadWriteOnce"]}})")));
  h.settle();
  const auto refs = h.claim("www-web-0")->metadata.owner_references;
  ASSERT_EQ(refs.size(), 1U);
  EXPECT_EQ(refs[0].uid, "uid-of-an-earlier-web");
}

TEST(RetentionConflict, ConflictingControllerEvent_SS_14_9) {
  SetHarness h(with_policy({"Retain", "Delete", "", ""}, 1));
  h.settle();
  // Another controller takes the claim over while the set's reference is still there.
  Json claim = **h.objects().get({"PersistentVolumeClaim", "default", "www-web-0"});
  claim["metadata"]["ownerReferences"].push_back({{"apiVersion", "example.com/v1"},
                                                  {"kind", "Keeper"},
                                                  {"name", "k"},
                                                  {"uid", "uid-keeper"},
                                                  {"controller", true}});
  ASSERT_TRUE(h.objects().update(claim));
  h.settle();
  const auto refs = h.claim("www-web-0")->metadata.owner_references;
  ASSERT_EQ(refs.size(), 1U);
  EXPECT_EQ(refs[0].uid, "uid-keeper");
  ASSERT_EQ(h.events("ConflictingController").size(), 1U);
  EXPECT_NE(h.events("ConflictingController")[0].find("www-web-0"), std::string::npos);
}

}  // namespace
}  // namespace ordinal::controller
