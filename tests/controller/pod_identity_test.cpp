// Pod identity and storage: building (SS-3.2–3.4, SS-4.3), checking (SS-3.5, SS-4.4) and
// repairing (SS-9.1) a StatefulSet's pod.
#include "controller/pod_identity.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "controller/naming.hpp"
#include "set_fixtures.hpp"

namespace ordinal::controller {
namespace {

using identity::Pod;
using identity::StatefulSet;
using testing::Json;
using testing::web_set;

Pod built_pod(const StatefulSet& set, std::int32_t ordinal) {
  return Pod::from_json(new_pod(set, ordinal, "web-6c5f8b7d9c"));
}

// A change applied to a freshly built, fully consistent pod.
struct Mutation {
  std::string what;
  std::function<void(Pod&)> apply;
  bool matches;
};

void set_claim(Pod& pod, const std::string& volume, const std::string& claim) {
  for (identity::Volume& v : pod.spec.volumes)
    if (v.name == volume) v.persistent_volume_claim->claim_name = claim;
}

void drop_volume(Pod& pod, const std::string& volume) {
  std::erase_if(pod.spec.volumes, [&](const identity::Volume& v) { return v.name == volume; });
}

std::vector<Mutation> identity_mutations() {
  return {
      {"consistent", [](Pod&) {}, true},
      {"hostname differs (16.1)", [](Pod& p) { p.spec.hostname = "other"; }, true},
      {"subdomain differs (16.1)", [](Pod& p) { p.spec.subdomain = "other"; }, true},
      {"pod-index label missing",
       [](Pod& p) { p.metadata.labels.erase("apps.kubernetes.io/pod-index"); }, true},
      {"other set's name", [](Pod& p) { p.metadata.name = "foo-1"; }, false},
      {"other ordinal", [](Pod& p) { p.metadata.name = "web-2"; }, false},
      {"padded ordinal", [](Pod& p) { p.metadata.name = "web-01"; }, false},
      {"no ordinal", [](Pod& p) { p.metadata.name = "web"; }, false},
      {"ordinal too big", [](Pod& p) { p.metadata.name = "web-4294967296"; }, false},
      {"other namespace", [](Pod& p) { p.metadata.ns = "other"; }, false},
      {"pod-name label missing",
       [](Pod& p) { p.metadata.labels.erase(std::string(kPodNameLabel)); }, false},
      {"pod-name label wrong",
       [](Pod& p) { p.metadata.labels[std::string(kPodNameLabel)] = "web-0"; }, false},
  };
}

std::vector<Mutation> storage_mutations() {
  return {
      {"consistent", [](Pod&) {}, true},
      {"other volumes changed", [](Pod& p) { drop_volume(p, "config"); }, true},
      {"claim volume missing", [](Pod& p) { drop_volume(p, "www"); }, false},
      {"claim volume names another claim", [](Pod& p) { set_claim(p, "www", "www-web-0"); }, false},
      {"claim volume is not a claim",
       [](Pod& p) {
         drop_volume(p, "www");
         p.spec.volumes.push_back(
             identity::Volume::from_json({{"name", "www"}, {"emptyDir", Json::object()}}));
       },
       false},
      {"no ordinal", [](Pod& p) { p.metadata.name = "web"; }, false},
  };
}

// SS-3.2/3.3/3.4: metadata of a new pod.
TEST(PodIdentity, NewPodMetadata_SS_3_2_to_3_4) {
  const Json pod = new_pod(web_set(), 1, "web-6c5f8b7d9c");
  EXPECT_EQ(pod["apiVersion"], "v1");
  EXPECT_EQ(pod["kind"], "Pod");
  const Json& meta = pod["metadata"];
  EXPECT_EQ(meta["name"], "web-1");
  EXPECT_EQ(meta["namespace"], "default");
  EXPECT_EQ(meta["labels"], Json::parse(R"({"app": "web", "tier": "front",
      "statefulset.kubernetes.io/pod-name": "web-1", "apps.kubernetes.io/pod-index": "1",
      "controller-revision-hash": "web-6c5f8b7d9c"})"));
  EXPECT_EQ(meta["annotations"], Json::parse(R"({"note": "from-template"})"));
  EXPECT_EQ(meta["finalizers"], Json::parse(R"(["example.com/keep"])"));
  EXPECT_EQ(meta["ownerReferences"], Json::parse(R"([{"apiVersion": "apps/v1",
      "kind": "StatefulSet", "name": "web", "uid": "uid-web", "controller": true,
      "blockOwnerDeletion": true}])"));
  EXPECT_FALSE(meta.contains("uid"));
  EXPECT_FALSE(meta.contains("resourceVersion"));
  EXPECT_FALSE(pod.contains("status"));
}

// SS-3.2/3.4/4.3: the spec is the template's, with hostname, subdomain and claim volumes.
TEST(PodIdentity, NewPodSpec_SS_3_4_SS_4_3) {
  const Json pod = new_pod(web_set(), 1, "web-6c5f8b7d9c");
  const Json& spec = pod["spec"];
  EXPECT_EQ(spec["hostname"], "web-1");  // the template's own hostname is overwritten
  EXPECT_EQ(spec["subdomain"], "nginx");
  EXPECT_EQ(spec["tolerations"], web_set().spec.pod_template.spec.original["tolerations"]);
  EXPECT_EQ(spec["containers"], web_set().spec.pod_template.spec.original["containers"]);
  // The claim template replaces the template's same-named emptyDir (SS-1.5); config is kept.
  EXPECT_EQ(spec["volumes"], Json::parse(R"([
      {"name": "www", "persistentVolumeClaim": {"claimName": "www-web-1"}},
      {"name": "config", "configMap": {"name": "web-config"}}])"));
}

// SS-1.4: an empty serviceName yields no subdomain.
TEST(PodIdentity, NewPodWithoutServiceNameHasNoSubdomain_SS_1_4) {
  Json json = testing::web_set_json();
  json["spec"].erase("serviceName");
  const Json pod = new_pod(StatefulSet::from_json(json), 0, "web-1");
  EXPECT_FALSE(pod["spec"].contains("subdomain"));
  EXPECT_EQ(pod["spec"]["hostname"], "web-0");
}

// SS-4.3: one volume per template, in template order, before the template's other volumes.
TEST(PodIdentity, NewPodHasVolumePerClaimTemplate_SS_4_3) {
  const StatefulSet set = testing::with_logs_template(web_set());
  const Pod pod = built_pod(set, 4);
  ASSERT_EQ(pod.spec.volumes.size(), 3U);
  EXPECT_EQ(pod.spec.volumes[0].to_json(), Json::parse(R"({"name": "www",
      "persistentVolumeClaim": {"claimName": "www-web-4"}})"));
  EXPECT_EQ(pod.spec.volumes[1].to_json(), Json::parse(R"({"name": "logs",
      "persistentVolumeClaim": {"claimName": "logs-web-4"}})"));
  EXPECT_EQ(pod.spec.volumes[2].name, "config");
}

// SS-3.5 and SS-4.4 hold for every new pod.
TEST(PodIdentity, NewPodMatchesIdentityAndStorage_SS_3_5_SS_4_4) {
  const StatefulSet set = testing::with_logs_template(web_set());
  for (const std::int32_t ordinal : {0, 1, 9, 10, 1000}) {
    SCOPED_TRACE(ordinal);
    const Pod pod = built_pod(set, ordinal);
    EXPECT_TRUE(identity_matches(set, pod));
    EXPECT_TRUE(storage_matches(set, pod));
  }
}

// SS-3.5: identity check, one broken property at a time.
TEST(PodIdentity, IdentityMatches_SS_3_5) {
  const StatefulSet set = web_set();
  for (const Mutation& m : identity_mutations()) {
    SCOPED_TRACE(m.what);
    Pod pod = built_pod(set, 1);
    m.apply(pod);
    EXPECT_EQ(identity_matches(set, pod), m.matches);
  }
}

// SS-4.4: storage check, one broken volume at a time.
TEST(PodIdentity, StorageMatches_SS_4_4) {
  const StatefulSet set = web_set();
  for (const Mutation& m : storage_mutations()) {
    SCOPED_TRACE(m.what);
    Pod pod = built_pod(set, 1);
    m.apply(pod);
    EXPECT_EQ(storage_matches(set, pod), m.matches);
  }
}

// SS-4.4: a set without claim templates is satisfied by any pod with an ordinal.
TEST(PodIdentity, StorageMatchesWithoutTemplates_SS_4_4) {
  Json json = testing::web_set_json();
  json["spec"].erase("volumeClaimTemplates");
  const StatefulSet set = StatefulSet::from_json(json);
  EXPECT_TRUE(storage_matches(set, testing::bare_pod("web-3")));
  EXPECT_FALSE(storage_matches(set, testing::bare_pod("web")));
}

// SS-9.1: after update_identity, every repairable identity break is repaired.
TEST(PodIdentity, UpdateIdentityRepairs_SS_9_1) {
  const StatefulSet set = web_set();
  for (const Mutation& m : identity_mutations()) {
    if (m.what == "no ordinal" || m.what == "ordinal too big") continue;
    SCOPED_TRACE(m.what);
    Pod pod = built_pod(set, 1);
    m.apply(pod);
    update_identity(set, pod);
    EXPECT_TRUE(identity_matches(set, pod));
    EXPECT_EQ(pod.metadata.label(kPodIndexLabel), std::to_string(parse_ordinal(pod.metadata.name)));
  }
}

// SS-9.1: the name comes from the ordinal; labels of the pod's own are kept; SS-3.4/16.1:
// hostname and subdomain are not rewritten.
TEST(PodIdentity, UpdateIdentityRederivesFromOrdinal_SS_9_1) {
  const StatefulSet set = web_set();
  Pod pod =
      testing::bare_pod("foo-3", "elsewhere", {{"keep", "me"}, {std::string(kPodNameLabel), "x"}});
  pod.spec.hostname = "foo-3";
  pod.spec.subdomain = "old";
  update_identity(set, pod);
  EXPECT_EQ(pod.metadata.name, "web-3");
  EXPECT_EQ(pod.metadata.ns, "default");
  EXPECT_EQ(pod.metadata.labels, (identity::fields::StringMap{{"keep", "me"},
                                                              {std::string(kPodNameLabel), "web-3"},
                                                              {std::string(kPodIndexLabel), "3"}}));
  EXPECT_EQ(pod.spec.hostname, "foo-3");
  EXPECT_EQ(pod.spec.subdomain, "old");
}

// SS-5.4: a pod without an ordinal is not the pass's to repair; it stays as it was.
TEST(PodIdentity, UpdateWithoutOrdinalLeavesPodUnchanged_SS_5_4) {
  const StatefulSet set = web_set();
  for (const std::string name : {"web", "web-x", "web-99999999999"}) {
    SCOPED_TRACE(name);
    Pod pod = testing::bare_pod(name, "other");
    const Json before = pod.to_json();
    update_identity(set, pod);
    update_storage(set, pod);
    EXPECT_EQ(pod.to_json(), before);
  }
}

// SS-9.1/SS-4.3: after update_storage, every storage break is repaired, other volumes kept.
TEST(PodIdentity, UpdateStorageRepairs_SS_9_1) {
  const StatefulSet set = web_set();
  for (const Mutation& m : storage_mutations()) {
    if (m.what == "no ordinal") continue;
    SCOPED_TRACE(m.what);
    Pod pod = built_pod(set, 1);
    m.apply(pod);
    const bool had_config = pod.spec.find_volume("config") != nullptr;
    update_storage(set, pod);
    EXPECT_TRUE(storage_matches(set, pod));
    EXPECT_EQ(pod.spec.find_volume("config") != nullptr, had_config);
  }
}

// SS-9.1/SS-4.3 on a pod with other volumes and an extra template: claim volumes first, in
// template order, then the pod's other volumes in their order; a read-only claim volume of the
// template's name is rewritten.
TEST(PodIdentity, UpdateStorageRewritesVolumeList_SS_4_3) {
  const StatefulSet set = testing::with_logs_template(web_set());
  Pod pod = testing::bare_pod("web-2");
  pod.spec.volumes = {
      identity::Volume::from_json(Json::parse(R"({"name": "a", "emptyDir": {}})")),
      identity::Volume::from_json(Json::parse(
          R"({"name": "www", "persistentVolumeClaim": {"claimName": "www-web-2", "readOnly": true}})")),
      identity::Volume::from_json(Json::parse(R"({"name": "b", "secret": {"secretName": "s"}})")),
  };
  update_storage(set, pod);
  EXPECT_EQ(pod.to_json()["spec"]["volumes"], Json::parse(R"([
      {"name": "www", "persistentVolumeClaim": {"claimName": "www-web-2"}},
      {"name": "logs", "persistentVolumeClaim": {"claimName": "logs-web-2"}},
      {"name": "a", "emptyDir": {}},
      {"name": "b", "secret": {"secretName": "s"}}])"));
}

}  // namespace
}  // namespace ordinal::controller
