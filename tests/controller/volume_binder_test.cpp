// The volume binder against the real registry semantics: statefulset.md §15 (binding both ways,
// static matching, provisioning, WaitForFirstConsumer, default class, Released and reclaim).
#include "controller/volume_binder.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "controller/default_storage_class.hpp"
#include "controller/event_recorder.hpp"
#include "fake_object_manager.hpp"
#include "identity/schema.hpp"

namespace ordinal::controller {
namespace {

namespace fs = std::filesystem;
using identity::Json;
using identity::ObjectKey;
using testing::FakeObjectManager;

// A directory that exists for one test.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "ordinal-volumes-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

struct EventSeen {
  std::string type;
  std::string reason;
  std::string message;
};

Json storage_class(const std::string& name, const std::string& mode = "Immediate",
                   const std::string& reclaim = "Delete") {
  return {{"apiVersion", "storage.k8s.io/v1"}, {"kind", "StorageClass"},
          {"metadata", {{"name", name}}},      {"provisioner", "ordinal.dev/local"},
          {"reclaimPolicy", reclaim},          {"volumeBindingMode", mode}};
}

// class: nullopt = no storageClassName field at all.
Json claim(const std::string& name, const std::string& size,
           const std::optional<std::string>& class_name) {
  Json json = {
      {"apiVersion", "v1"},
      {"kind", "PersistentVolumeClaim"},
      {"metadata", {{"name", name}, {"namespace", "default"}}},
      {"spec",
       {{"accessModes", {"ReadWriteOnce"}}, {"resources", {{"requests", {{"storage", size}}}}}}}};
  if (class_name) json["spec"]["storageClassName"] = *class_name;
  return json;
}

Json static_volume(const std::string& name, const std::string& size,
                   const std::string& reclaim = "Retain") {
  return {{"apiVersion", "v1"},
          {"kind", "PersistentVolume"},
          {"metadata", {{"name", name}}},
          {"spec",
           {{"capacity", {{"storage", size}}},
            {"accessModes", {"ReadWriteOnce"}},
            {"persistentVolumeReclaimPolicy", reclaim},
            {"hostPath", {{"path", "/srv/" + name}}}}}};
}

class VolumeBinderTest : public ::testing::Test {
 protected:
  Json create(Json object) {
    auto created = objects_.create(std::move(object));
    if (!created) throw std::runtime_error(created.error().message);
    return **created;
  }
  Json get(const std::string& kind, const std::string& name, const std::string& ns = "") {
    auto stored = objects_.get({kind, kind == "PersistentVolumeClaim" ? "default" : ns, name});
    return stored ? **stored : Json();
  }
  Json claim_of(const std::string& name) { return get("PersistentVolumeClaim", name); }
  Json volume_of(const std::string& name) { return get("PersistentVolume", name); }
  SyncOutcome sync(const std::string& key) { return binder_.sync(key, objects_.clock().now()); }
  SyncOutcome sync_claim(const std::string& name) { return sync("claim:default/" + name); }
  SyncOutcome sync_volume(const std::string& name) { return sync("volume:" + name); }
  // Creates static volumes and lets the binder mark them Available, as on start-up.
  void add_volume(Json volume) {
    const std::string name = volume["metadata"]["name"];
    create(std::move(volume));
    ASSERT_FALSE(sync_volume(name).error);
    ASSERT_EQ(volume_of(name)["status"]["phase"], "Available");
  }
  std::set<std::string> keys_for(identity::WatchEvent::Type type, const Json& object) {
    testing::KeysSeen keys;
    binder_.on_change({type, std::make_shared<const Json>(object), 0}, keys);
    return keys.keys;
  }
  std::vector<EventSeen> events_about(const std::string& name) {
    std::vector<EventSeen> out;
    for (const auto& event : objects_.list("Event", std::nullopt))
      if ((*event)["involvedObject"]["name"] == name)
        out.push_back({(*event)["type"], (*event)["reason"], (*event)["message"]});
    return out;
  }
  bool has_event(const std::string& name, const std::string& reason) {
    for (const auto& event : events_about(name))
      if (event.reason == reason) return true;
    return false;
  }
  // Writes to volumes and claims (events are not state).
  std::vector<std::string> state_writes() {
    std::vector<std::string> out;
    for (const auto& write : objects_.writes())
      if (write.find(" Event ") == std::string::npos) out.push_back(write);
    return out;
  }
  static std::string annotation(const Json& object, const std::string& key) {
    const auto& annotations = object["metadata"].value("annotations", Json::object());
    return annotations.value(key, "");
  }

  TempDir root_;
  FakeObjectManager objects_;
  EventRecorder events_{objects_, "persistentvolume-controller"};
  VolumeBinder binder_{objects_, events_, root_.path()};
};

// SS-15.5 (Immediate) and SS-15.2: a claim with a class gets a directory, a PV reserved for
// it, and both sides of the binding.
TEST_F(VolumeBinderTest, ImmediateClassProvisionsAndBinds_SS_15_5_SS_15_2) {
  create(storage_class("standard"));
  const Json created = create(claim("data", "1Gi", "standard"));
  const std::string uid = created["metadata"]["uid"];

  const SyncOutcome outcome = sync_claim("data");
  EXPECT_FALSE(outcome.error);
  EXPECT_FALSE(outcome.requeue_after);

  const Json pv = volume_of("pvc-" + uid);
  ASSERT_TRUE(pv.is_object());
  const fs::path dir = root_.path() / ("pvc-" + uid);
  EXPECT_TRUE(fs::is_directory(dir));
  EXPECT_EQ(pv["spec"]["capacity"]["storage"], "1Gi");
  EXPECT_EQ(pv["spec"]["accessModes"], Json({"ReadWriteOnce"}));
  EXPECT_EQ(pv["spec"]["storageClassName"], "standard");
  EXPECT_EQ(pv["spec"]["persistentVolumeReclaimPolicy"], "Delete");
  EXPECT_EQ(pv["spec"]["hostPath"], Json({{"path", dir.string()}, {"type", "DirectoryOrCreate"}}));
  EXPECT_EQ(pv["spec"]["claimRef"]["kind"], "PersistentVolumeClaim");
  EXPECT_EQ(pv["spec"]["claimRef"]["namespace"], "default");
  EXPECT_EQ(pv["spec"]["claimRef"]["name"], "data");
  EXPECT_EQ(pv["spec"]["claimRef"]["uid"], uid);
  EXPECT_EQ(annotation(pv, "pv.kubernetes.io/provisioned-by"), "ordinal.dev/local");
  EXPECT_EQ(annotation(pv, "pv.kubernetes.io/bound-by-controller"), "yes");
  EXPECT_EQ(pv["status"]["phase"], "Bound");

  const Json pvc = claim_of("data");
  EXPECT_EQ(pvc["spec"]["volumeName"], "pvc-" + uid);
  EXPECT_EQ(annotation(pvc, "pv.kubernetes.io/bind-completed"), "yes");
  EXPECT_EQ(annotation(pvc, "pv.kubernetes.io/bound-by-controller"), "yes");
  EXPECT_EQ(annotation(pvc, "volume.kubernetes.io/storage-provisioner"), "ordinal.dev/local");
  EXPECT_EQ(pvc["status"]["phase"], "Bound");
  EXPECT_EQ(pvc["status"]["capacity"]["storage"], "1Gi");
  EXPECT_EQ(pvc["status"]["accessModes"], Json({"ReadWriteOnce"}));

  // What `ordinal get pv -o yaml` shows is a well-formed object of its kind.
  EXPECT_TRUE(identity::check_schema(pv).empty());
  EXPECT_TRUE(identity::check_schema(pvc).empty());

  const auto events = events_about("data");
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.front().reason, "ProvisioningSucceeded");
  EXPECT_EQ(events.front().type, "Normal");
  EXPECT_EQ(events.front().message.rfind("Successfully provisioned volume pvc-" + uid, 0), 0U);
}

// Idempotence: once bound, syncing the claim and the volume again writes nothing at all.
TEST_F(VolumeBinderTest, SecondSyncWritesNothing_SS_15_2) {
  create(storage_class("standard"));
  const std::string uid = create(claim("data", "1Gi", "standard"))["metadata"]["uid"];
  ASSERT_FALSE(sync_claim("data").error);
  objects_.clear_writes();
  EXPECT_FALSE(sync_claim("data").error);
  EXPECT_FALSE(sync_volume("pvc-" + uid).error);
  EXPECT_FALSE(sync_claim("data").error);
  EXPECT_TRUE(objects_.writes().empty()) << objects_.writes().front();
}

// SS-15.6: WaitForFirstConsumer provisions only once the scheduler selected a node.
TEST_F(VolumeBinderTest, WaitForFirstConsumerWaitsForSelectedNode_SS_15_6) {
  create(storage_class("local", "WaitForFirstConsumer"));
  create(claim("data", "1Gi", "local"));
  add_volume(static_volume("spare", "5Gi"));  // class-less: never a match for class "local"

  const SyncOutcome waiting = sync_claim("data");
  EXPECT_FALSE(waiting.error);
  EXPECT_EQ(waiting.requeue_after, std::chrono::milliseconds(kUnboundClaimRetry));
  EXPECT_EQ(claim_of("data")["status"]["phase"], "Pending");
  EXPECT_EQ(objects_.list("PersistentVolume", std::nullopt).size(), 1U);
  const auto events = events_about("data");
  ASSERT_EQ(events.size(), 1U);
  EXPECT_EQ(events[0].type, "Normal");
  EXPECT_EQ(events[0].reason, "WaitForFirstConsumer");
  EXPECT_EQ(events[0].message, "waiting for first consumer to be created before binding");

  Json placed = claim_of("data");
  placed["metadata"]["annotations"]["volume.kubernetes.io/selected-node"] = "sim-node";
  ASSERT_TRUE(objects_.update(placed));
  EXPECT_FALSE(sync_claim("data").error);
  const Json pvc = claim_of("data");
  EXPECT_EQ(pvc["status"]["phase"], "Bound");
  EXPECT_EQ(pvc["spec"]["volumeName"], "pvc-" + pvc["metadata"]["uid"].get<std::string>());
}

// SS-15.4: the smallest Available volume that fits (1Gi/5Gi/10Gi for 2Gi: 5Gi).
TEST_F(VolumeBinderTest, StaticSmallestFit_SS_15_4) {
  add_volume(static_volume("pv-10g", "10Gi"));
  add_volume(static_volume("pv-1g", "1Gi"));
  add_volume(static_volume("pv-5g", "5Gi"));
  const std::string uid = create(claim("data", "2Gi", ""))["metadata"]["uid"];

  EXPECT_FALSE(sync_claim("data").error);
  EXPECT_EQ(claim_of("data")["spec"]["volumeName"], "pv-5g");
  EXPECT_EQ(claim_of("data")["status"]["capacity"]["storage"], "5Gi");  // SS-15.9
  EXPECT_EQ(volume_of("pv-5g")["spec"]["claimRef"]["uid"], uid);
  EXPECT_EQ(volume_of("pv-5g")["status"]["phase"], "Bound");
  EXPECT_EQ(volume_of("pv-1g")["status"]["phase"], "Available");
  EXPECT_EQ(volume_of("pv-10g")["status"]["phase"], "Available");
  EXPECT_TRUE(fs::is_empty(root_.path()));  // nothing provisioned
}

// SS-15.4/15.5: no match and no class: Pending with an event, retried; a volume added later
// gets bound.
TEST_F(VolumeBinderTest, NoMatchStaysPendingUntilVolumeAdded_SS_15_4_SS_15_5) {
  add_volume(static_volume("small", "1Gi"));
  create(claim("data", "20Gi", ""));
  const SyncOutcome outcome = sync_claim("data");
  EXPECT_FALSE(outcome.error);
  EXPECT_EQ(outcome.requeue_after, std::chrono::milliseconds(kUnboundClaimRetry));
  EXPECT_EQ(claim_of("data")["status"]["phase"], "Pending");
  const auto events = events_about("data");
  ASSERT_EQ(events.size(), 1U);
  EXPECT_EQ(events[0].type, "Warning");
  EXPECT_EQ(events[0].reason, "FailedBinding");
  EXPECT_EQ(events[0].message,
            "no persistent volumes available for this claim and no storage class is set");

  // Retrying without a change writes no state.
  objects_.clear_writes();
  EXPECT_FALSE(sync_claim("data").error);
  EXPECT_TRUE(state_writes().empty());

  const Json big = create(static_volume("big", "20Gi"));
  const auto keys = keys_for(identity::WatchEvent::Type::Added, big);
  EXPECT_TRUE(keys.count("volume:big"));
  EXPECT_TRUE(keys.count("claim:default/data"));
  ASSERT_FALSE(sync_volume("big").error);
  EXPECT_FALSE(sync_claim("data").error);
  EXPECT_EQ(claim_of("data")["spec"]["volumeName"], "big");
  EXPECT_EQ(claim_of("data")["status"]["phase"], "Bound");
}

// SS-15.5: a class that does not exist.
TEST_F(VolumeBinderTest, UnknownClassFailsProvisioning_SS_15_5) {
  create(claim("data", "1Gi", "missing"));
  const SyncOutcome outcome = sync_claim("data");
  EXPECT_TRUE(outcome.requeue_after);
  const auto events = events_about("data");
  ASSERT_EQ(events.size(), 1U);
  EXPECT_EQ(events[0].type, "Warning");
  EXPECT_EQ(events[0].reason, "ProvisioningFailed");
  EXPECT_EQ(events[0].message, "storageclass.storage.k8s.io \"missing\" not found");
  EXPECT_TRUE(objects_.list("PersistentVolume", std::nullopt).empty());
}

// SS-15.7/15.8: the claim goes; a Retain volume is Released, keeps claimRef and its data, and
// a new claim of the same name does not get it back.
TEST_F(VolumeBinderTest, DeletedClaimReleasesRetainVolume_SS_15_7_SS_15_8) {
  add_volume(static_volume("keep", "1Gi", "Retain"));
  const Json old_claim = create(claim("data", "1Gi", ""));
  ASSERT_FALSE(sync_claim("data").error);
  const Json last_state = claim_of("data");
  ASSERT_TRUE(objects_.remove({"PersistentVolumeClaim", "default", "data"}));
  EXPECT_TRUE(keys_for(identity::WatchEvent::Type::Deleted, last_state).count("volume:keep"));

  EXPECT_FALSE(sync_volume("keep").error);
  const Json pv = volume_of("keep");
  EXPECT_EQ(pv["status"]["phase"], "Released");
  EXPECT_EQ(pv["spec"]["claimRef"]["uid"], old_claim["metadata"]["uid"]);

  create(claim("data", "1Gi", ""));
  EXPECT_FALSE(sync_claim("data").error);
  EXPECT_EQ(claim_of("data")["status"]["phase"], "Pending");
  EXPECT_EQ(volume_of("keep")["status"]["phase"], "Released");
}

// SS-15.8 Delete: the provisioned directory and the PV go; Retain keeps both.
TEST_F(VolumeBinderTest, ReclaimPolicyDeleteAndRetain_SS_15_8) {
  create(storage_class("scratch", "Immediate", "Delete"));
  create(storage_class("precious", "Immediate", "Retain"));
  const std::string scratch_uid = create(claim("a", "1Gi", "scratch"))["metadata"]["uid"];
  const std::string precious_uid = create(claim("b", "1Gi", "precious"))["metadata"]["uid"];
  ASSERT_FALSE(sync_claim("a").error);
  ASSERT_FALSE(sync_claim("b").error);
  const fs::path scratch_dir = root_.path() / ("pvc-" + scratch_uid);
  const fs::path precious_dir = root_.path() / ("pvc-" + precious_uid);
  std::ofstream(scratch_dir / "file") << "data";
  std::ofstream(precious_dir / "file") << "data";
  EXPECT_EQ(volume_of("pvc-" + precious_uid)["spec"]["persistentVolumeReclaimPolicy"], "Retain");

  ASSERT_TRUE(objects_.remove({"PersistentVolumeClaim", "default", "a"}));
  ASSERT_TRUE(objects_.remove({"PersistentVolumeClaim", "default", "b"}));
  EXPECT_FALSE(sync_volume("pvc-" + scratch_uid).error);
  EXPECT_FALSE(sync_volume("pvc-" + precious_uid).error);

  EXPECT_TRUE(volume_of("pvc-" + scratch_uid).is_null());
  EXPECT_FALSE(fs::exists(scratch_dir));
  EXPECT_EQ(volume_of("pvc-" + precious_uid)["status"]["phase"], "Released");
  EXPECT_TRUE(fs::exists(precious_dir / "file"));
}

// SS-15.8 Delete of a volume this provisioner did not make: the PV goes, the data stays.
TEST_F(VolumeBinderTest, DeleteNeverTouchesDirectoriesOutsideTheRoot_SS_15_8) {
  TempDir elsewhere;
  std::ofstream(elsewhere.path() / "file") << "data";
  Json volume = static_volume("foreign", "1Gi", "Delete");
  volume["spec"]["hostPath"]["path"] = elsewhere.path().string();
  add_volume(volume);
  create(claim("data", "1Gi", ""));
  ASSERT_FALSE(sync_claim("data").error);
  ASSERT_TRUE(objects_.remove({"PersistentVolumeClaim", "default", "data"}));
  EXPECT_FALSE(sync_volume("foreign").error);
  EXPECT_TRUE(volume_of("foreign").is_null());
  EXPECT_TRUE(fs::exists(elsewhere.path() / "file"));
}

// SS-15.3: a claim naming its volume gets exactly that one, not the smallest fit.
TEST_F(VolumeBinderTest, PreBoundVolumeName_SS_15_3) {
  add_volume(static_volume("pv-5g", "5Gi"));
  add_volume(static_volume("pv-10g", "10Gi"));
  Json wanted = claim("data", "1Gi", "");
  wanted["spec"]["volumeName"] = "pv-10g";
  create(wanted);
  EXPECT_FALSE(sync_claim("data").error);
  EXPECT_EQ(volume_of("pv-10g")["spec"]["claimRef"]["name"], "data");
  EXPECT_EQ(volume_of("pv-10g")["status"]["phase"], "Bound");
  EXPECT_EQ(claim_of("data")["status"]["phase"], "Bound");
  EXPECT_EQ(annotation(claim_of("data"), "pv.kubernetes.io/bind-completed"), "yes");
  EXPECT_EQ(volume_of("pv-5g")["status"]["phase"], "Available");

  Json too_small = claim("big", "8Gi", "");
  too_small["spec"]["volumeName"] = "pv-5g";
  create(too_small);
  EXPECT_TRUE(sync_claim("big").requeue_after);
  EXPECT_EQ(claim_of("big")["status"]["phase"], "Pending");
  ASSERT_EQ(events_about("big").size(), 1U);
  EXPECT_EQ(events_about("big")[0].reason, "VolumeMismatch");
  EXPECT_EQ(events_about("big")[0].message,
            "Cannot bind to requested volume \"pv-5g\": requested PV is too small");
  EXPECT_FALSE(volume_of("pv-5g")["spec"].contains("claimRef"));
}

// SS-15.2: a crash between the volume write and the claim write is repaired next pass, and the
// half-bound volume is neither released nor given to anyone else meanwhile.
TEST_F(VolumeBinderTest, CrashBetweenBindingWritesIsRepaired_SS_15_2) {
  add_volume(static_volume("pv", "5Gi"));
  const std::string uid = create(claim("data", "1Gi", ""))["metadata"]["uid"];
  create(claim("other", "1Gi", ""));
  objects_.fail_next(FakeObjectManager::Verb::Update, "PersistentVolumeClaim",
                     identity::internal_error("disk on fire"));
  EXPECT_TRUE(sync_claim("data").error);
  EXPECT_EQ(volume_of("pv")["spec"]["claimRef"]["uid"], uid);
  EXPECT_FALSE(claim_of("data")["spec"].contains("volumeName"));

  EXPECT_FALSE(sync_volume("pv").error);
  EXPECT_EQ(volume_of("pv")["status"]["phase"], "Bound");
  EXPECT_FALSE(sync_claim("other").error);
  EXPECT_EQ(claim_of("other")["status"]["phase"], "Pending");

  EXPECT_FALSE(sync_claim("data").error);
  EXPECT_EQ(claim_of("data")["spec"]["volumeName"], "pv");
  EXPECT_EQ(claim_of("data")["status"]["phase"], "Bound");
  EXPECT_EQ(volume_of("pv")["spec"]["claimRef"]["uid"], uid);
}

// SS-15.2: a crash after the claim's volumeName but before its status is finished by the
// bound path (the bind-completed annotation, not the phase, says the claim is bound).
TEST_F(VolumeBinderTest, CrashBeforeClaimStatusIsRepaired_SS_15_2) {
  add_volume(static_volume("pv", "5Gi"));
  create(claim("data", "1Gi", ""));
  ASSERT_FALSE(sync_claim("data").error);
  Json half = claim_of("data");
  half["status"] = {{"phase", "Pending"}};
  ASSERT_TRUE(objects_.update(half, identity::UpdateScope::Status));

  EXPECT_FALSE(sync_claim("data").error);
  EXPECT_EQ(claim_of("data")["status"]["phase"], "Bound");
  EXPECT_EQ(claim_of("data")["status"]["capacity"]["storage"], "5Gi");
}

// SS-15.2: a volume the binder reserved for a claim that then bound elsewhere is given back.
TEST_F(VolumeBinderTest, VolumeOfClaimBoundElsewhereIsUnbound_SS_15_2) {
  add_volume(static_volume("first", "1Gi"));
  add_volume(static_volume("second", "1Gi"));
  const std::string uid = create(claim("data", "1Gi", ""))["metadata"]["uid"];
  ASSERT_FALSE(sync_claim("data").error);
  ASSERT_EQ(claim_of("data")["spec"]["volumeName"], "first");
  Json stale = volume_of("second");
  stale["metadata"]["annotations"] = {{"pv.kubernetes.io/bound-by-controller", "yes"}};
  stale["spec"]["claimRef"] = {{"namespace", "default"}, {"name", "data"}, {"uid", uid}};
  ASSERT_TRUE(objects_.update(stale));

  EXPECT_FALSE(sync_volume("second").error);
  const Json pv = volume_of("second");
  EXPECT_FALSE(pv["spec"].contains("claimRef"));
  EXPECT_EQ(annotation(pv, "pv.kubernetes.io/bound-by-controller"), "");
  EXPECT_EQ(pv["status"]["phase"], "Available");
  EXPECT_EQ(volume_of("first")["status"]["phase"], "Bound");
}

// SS-15.2: one PV binds one claim, whichever asks first; the other waits, also when it names it.
TEST_F(VolumeBinderTest, VolumeNeverBoundToTwoClaims_SS_15_2) {
  add_volume(static_volume("only", "5Gi"));
  create(claim("a", "1Gi", ""));
  create(claim("b", "1Gi", ""));
  Json named = claim("c", "1Gi", "");
  named["spec"]["volumeName"] = "only";
  create(named);
  for (int pass = 0; pass < 2; ++pass)
    for (const char* name : {"a", "b", "c"}) EXPECT_FALSE(sync_claim(name).error);
  EXPECT_FALSE(sync_volume("only").error);

  EXPECT_EQ(claim_of("a")["status"]["phase"], "Bound");
  EXPECT_EQ(claim_of("b")["status"]["phase"], "Pending");
  EXPECT_EQ(claim_of("c")["status"]["phase"], "Pending");
  EXPECT_EQ(volume_of("only")["spec"]["claimRef"]["name"], "a");
  EXPECT_TRUE(has_event("c", "FailedBinding"));
}

// SS-15.8 / SS-15.4 step 3: a claimRef without UID reserves the volume by name: it stays
// Available, only that claim binds it.
TEST_F(VolumeBinderTest, ReservedByNameBindsOnlyThatClaim_SS_15_8) {
  Json reserved = static_volume("reserved", "5Gi");
  reserved["spec"]["claimRef"] = {{"namespace", "default"}, {"name", "www-web-0"}};
  add_volume(reserved);
  create(claim("stranger", "1Gi", ""));
  EXPECT_FALSE(sync_claim("stranger").error);
  EXPECT_EQ(claim_of("stranger")["status"]["phase"], "Pending");

  const std::string uid = create(claim("www-web-0", "1Gi", ""))["metadata"]["uid"];
  EXPECT_FALSE(sync_claim("www-web-0").error);
  EXPECT_EQ(volume_of("reserved")["spec"]["claimRef"]["uid"], uid);
  EXPECT_EQ(claim_of("www-web-0")["status"]["phase"], "Bound");
  // The user chose this pairing, not the binder.
  EXPECT_EQ(annotation(volume_of("reserved"), "pv.kubernetes.io/bound-by-controller"), "");
}

// SS-15.1: a bound claim whose volume vanished or points elsewhere is Lost, with a warning.
TEST_F(VolumeBinderTest, BoundClaimBecomesLost_SS_15_1) {
  add_volume(static_volume("pv-a", "1Gi"));
  add_volume(static_volume("pv-b", "1Gi"));
  create(claim("a", "1Gi", ""));
  create(claim("b", "1Gi", ""));
  ASSERT_FALSE(sync_claim("a").error);
  ASSERT_FALSE(sync_claim("b").error);
  ASSERT_EQ(claim_of("a")["spec"]["volumeName"], "pv-a");

  ASSERT_TRUE(objects_.remove({"PersistentVolume", "", "pv-a"}));
  EXPECT_FALSE(sync_claim("a").error);
  EXPECT_EQ(claim_of("a")["status"]["phase"], "Lost");
  EXPECT_TRUE(has_event("a", "ClaimLost"));

  Json misbound = volume_of("pv-b");
  misbound["spec"]["claimRef"]["uid"] = "someone-else";
  ASSERT_TRUE(objects_.update(misbound));
  EXPECT_FALSE(sync_claim("b").error);
  EXPECT_EQ(claim_of("b")["status"]["phase"], "Lost");
  EXPECT_TRUE(has_event("b", "ClaimMisbound"));
}

// SS-15.5: no class is default by name; an annotated one becomes the class of claims without
// a class field, also retroactively, while class "" is left alone.
TEST_F(VolumeBinderTest, DefaultClassIsWrittenRetroactively_SS_15_5) {
  create(storage_class("default"));
  create(claim("unset", "1Gi", std::nullopt));
  create(claim("none", "1Gi", ""));
  EXPECT_TRUE(sync_claim("unset").requeue_after);
  EXPECT_FALSE(claim_of("unset")["spec"].contains("storageClassName"));
  EXPECT_TRUE(has_event("unset", "FailedBinding"));

  Json standard = storage_class("standard");
  standard["metadata"]["annotations"] = {{"storageclass.kubernetes.io/is-default-class", "true"}};
  const Json stored = create(standard);
  EXPECT_TRUE(keys_for(identity::WatchEvent::Type::Added, stored).count("claim:default/unset"));
  EXPECT_FALSE(sync_claim("unset").error);
  EXPECT_EQ(claim_of("unset")["spec"]["storageClassName"], "standard");
  EXPECT_EQ(claim_of("unset")["status"]["phase"], "Bound");

  EXPECT_TRUE(sync_claim("none").requeue_after);
  EXPECT_EQ(claim_of("none")["spec"]["storageClassName"], "");
  EXPECT_EQ(claim_of("none")["status"]["phase"], "Pending");
}

// SS-15.5: of several default classes the newest wins, then the first by name.
TEST(DefaultStorageClass, NewestThenName_SS_15_5) {
  auto make = [](const std::string& name, const std::string& created, const char* flag) {
    Json json = storage_class(name);
    json["metadata"]["creationTimestamp"] = created;
    if (flag != nullptr)
      json["metadata"]["annotations"] = {{"storageclass.kubernetes.io/is-default-class", flag}};
    return identity::StorageClass::from_json(json);
  };
  EXPECT_FALSE(default_storage_class({make("default", "2026-01-01T00:00:00Z", nullptr),
                                      make("standard", "2026-01-01T00:00:00Z", "false")}));
  const auto newest = default_storage_class({make("a", "2026-01-01T00:00:00Z", "true"),
                                             make("b", "2026-03-01T00:00:00Z", "true"),
                                             make("c", "2026-02-01T00:00:00Z", "true")});
  ASSERT_TRUE(newest);
  EXPECT_EQ(newest->metadata.name, "b");
  const auto by_name = default_storage_class({make("zeta", "2026-01-01T00:00:00Z", "true"),
                                              make("alpha", "2026-01-01T00:00:00Z", "true")});
  ASSERT_TRUE(by_name);
  EXPECT_EQ(by_name->metadata.name, "alpha");
}

// The provisioner deletes only direct children of its root, even through a symlink.
TEST(LocalProvisioner, DeletesOnlyItsOwnDirectories_SS_15_8) {
  TempDir root;
  TempDir elsewhere;
  const LocalProvisioner provisioner(root.path() / "volumes");
  auto dir = provisioner.provision("pvc-1");
  ASSERT_TRUE(dir);
  EXPECT_TRUE(fs::is_directory(*dir));
  EXPECT_FALSE(provisioner.provision("../escape"));
  EXPECT_FALSE(provisioner.provision(".."));

  fs::create_symlink(elsewhere.path(), root.path() / "volumes" / "link");
  EXPECT_TRUE(provisioner.owns(*dir));
  EXPECT_FALSE(provisioner.owns(root.path() / "volumes"));
  EXPECT_FALSE(provisioner.owns(root.path() / "volumes" / ".." / "x"));
  EXPECT_FALSE(provisioner.owns(root.path() / "volumes" / "link"));
  EXPECT_FALSE(provisioner.owns(elsewhere.path()));
  EXPECT_TRUE(provisioner.remove(elsewhere.path()));  // refused: an error comes back
  EXPECT_TRUE(fs::exists(elsewhere.path()));

  EXPECT_FALSE(provisioner.remove(*dir));
  EXPECT_FALSE(fs::exists(*dir));
  EXPECT_FALSE(provisioner.remove(*dir));  // already gone is fine
}

}  // namespace
}  // namespace ordinal::controller
