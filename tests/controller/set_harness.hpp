#pragma once
// A StatefulSet controller on the fake object manager, with the kubelet played by hand: the
// tests create a set, run passes and move pods through their life (Running+Ready, not ready,
// Failed, Succeeded, deletion finished). After every pass the harness checks the invariants
// of set_invariants.hpp against the objects as they were before the pass.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "controller/naming.hpp"
#include "controller/owner_reference.hpp"
#include "controller/pod_availability.hpp"
#include "controller/pod_identity.hpp"
#include "controller/stateful_set_controller.hpp"
#include "fake_object_manager.hpp"
#include "identity/condition.hpp"
#include "identity/controller_revision.hpp"
#include "identity/defaults.hpp"
#include "identity/int_or_string.hpp"
#include "identity/metadata.hpp"
#include "identity/persistent_volume_claim.hpp"
#include "identity/pod.hpp"
#include "identity/stateful_set.hpp"
#include "set_invariants.hpp"

namespace ordinal::controller::testing {

using identity::Json;
using identity::Pod;
using identity::StatefulSet;

/// "OrderedReady" or "Parallel".
using Policy = std::string;
inline const Policy kOrdered = "OrderedReady";
inline const Policy kParallel = "Parallel";
/// Names the instances of a test parameterised by Policy after the policy.
inline std::string policy_name(const ::testing::TestParamInfo<Policy>& info) {
  return info.param;
}

/// Set "web" in "default": `replicas`, selector app=web, service nginx, one nginx container,
/// one claim template "www" of 1Gi, podManagementPolicy `policy`. Not defaulted yet.
inline Json sts(std::int32_t replicas, const Policy& policy = kOrdered) {
  Json json = Json::parse(R"({
    "apiVersion": "apps/v1", "kind": "StatefulSet",
    "metadata": {"name": "web", "namespace": "default"},
    "spec": {
      "serviceName": "nginx",
      "selector": {"matchLabels": {"app": "web"}},
      "template": {
        "metadata": {"labels": {"app": "web"}},
        "spec": {"containers": [{"name": "nginx", "image": "nginx:1.27"}]}
      },
      "volumeClaimTemplates": [{
        "metadata": {"name": "www"},
        "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}
      }]
    }
  })");
  json["spec"]["replicas"] = replicas;
  json["spec"]["podManagementPolicy"] = policy;
  return json;
}

class SetHarness {
 public:
  /// Creates `set_json` (defaulted as the API server would) and the controller.
  explicit SetHarness(Json set_json) : controller_(objects_) {
    identity::apply_defaults(set_json);
    auto created = objects_.create(std::move(set_json));
    if (!created) throw std::runtime_error(created.error().message);
    key_ = identity::metadata_string(**created, "namespace") + "/" +
           identity::metadata_string(**created, "name");
  }

  FakeObjectManager& objects() { return objects_; }
  StatefulSetController& controller() { return controller_; }
  TestClock& clock() { return objects_.clock(); }
  [[nodiscard]] TimePoint now() { return objects_.clock().now(); }
  void advance(std::chrono::milliseconds by) { objects_.clock().advance(by); }
  /// Turns the after-pass invariant checks off (for tests that break them on purpose).
  void skip_invariants() { check_invariants_ = false; }

  // ---- reading ----
  [[nodiscard]] StatefulSet set() {
    return StatefulSet::from_json(**objects_.get({"StatefulSet", "default", "web"}));
  }
  [[nodiscard]] std::optional<Pod> pod(const std::string& name) {
    auto stored = objects_.get({"Pod", "default", name});
    if (!stored) return std::nullopt;
    return Pod::from_json(**stored);
  }
  [[nodiscard]] std::vector<Pod> pods() {
    std::vector<Pod> out;
    for (const auto& object : objects_.list("Pod", "default"))
      out.push_back(Pod::from_json(*object));
    std::sort(out.begin(), out.end(), [](const Pod& a, const Pod& b) {
      return parse_ordinal(a.metadata.name) < parse_ordinal(b.metadata.name);
    });
    return out;
  }
  /// Pod names in ordinal order ("web-0 web-1"), terminating ones marked with a '~'.
  [[nodiscard]] std::string pod_names() {
    std::string out;
    for (const Pod& pod : pods())
      out += (out.empty() ? "" : " ") + pod.metadata.name + (pod.is_terminating() ? "~" : "");
    return out;
  }
  [[nodiscard]] std::optional<identity::PersistentVolumeClaim> claim(const std::string& name) {
    auto stored = objects_.get({"PersistentVolumeClaim", "default", name});
    if (!stored) return std::nullopt;
    return identity::PersistentVolumeClaim::from_json(**stored);
  }
  [[nodiscard]] std::vector<identity::ControllerRevision> revisions() {
    std::vector<identity::ControllerRevision> out;
    for (const auto& object : objects_.list("ControllerRevision", "default"))
      out.push_back(identity::ControllerRevision::from_json(*object));
    return out;
  }
  [[nodiscard]] std::string revision_of(const std::string& pod_name) {
    return std::string(pod(pod_name)->metadata.label(kRevisionLabel));
  }
  /// Messages of the events with `reason`, oldest first.
  [[nodiscard]] std::vector<std::string> events(const std::string& reason) {
    std::vector<std::string> out;
    for (const auto& object : objects_.list("Event", "default"))
      if (object->value("reason", "") == reason) out.push_back(object->value("message", ""));
    return out;
  }
  /// Writes other than Events since the last pass started.
  [[nodiscard]] std::vector<std::string> object_writes() const {
    std::vector<std::string> out;
    for (const std::string& write : objects_.writes())
      if (write.find(" Event ") == std::string::npos) out.push_back(write);
    return out;
  }

  // ---- the user ----
  /// Changes the stored set as `kubectl edit` would (generation bumps when spec changes).
  void edit(const std::function<void(Json&)>& change) {
    Json json = **objects_.get({"StatefulSet", "default", "web"});
    change(json);
    identity::apply_defaults(json);
    auto updated = objects_.update(std::move(json));
    ASSERT_TRUE(updated) << updated.error().message;
  }
  void scale(std::int32_t replicas) {
    edit([replicas](Json& json) { json["spec"]["replicas"] = replicas; });
  }
  /// A new container image: a new revision (SS-11.1).
  void set_image(const std::string& image) {
    edit([&image](Json& json) {
      json["spec"]["template"]["spec"]["containers"][0]["image"] = image;
    });
  }
  /// `kubectl delete pod` with the default grace period.
  void delete_pod(const std::string& name) {
    ASSERT_TRUE(objects_.remove({"Pod", "default", name}));
  }

  // ---- the kubelet ----
  /// Schedules the pod and reports it Running with Ready True since now.
  void run_ready(const std::string& name) {
    write_pod(name, [](Json& json) {
      json["spec"]["nodeName"] = "sim-node";
      json["status"]["phase"] = "Running";
      set_ready_condition(json, "True");
    });
  }
  void set_ready(const std::string& name, bool ready) {
    write_pod(name, [&](Json& json) { set_ready_condition(json, ready ? "True" : "False"); });
  }
  void set_phase(const std::string& name, const std::string& phase) {
    write_pod(name, [&](Json& json) {
      json["status"]["phase"] = phase;
      set_ready_condition(json, "False");
    });
  }
  /// Removes a terminating pod as the kubelet does when its containers are gone.
  void finish_deletion(const std::string& name) {
    auto current = pod(name);
    ASSERT_TRUE(current && current->is_terminating()) << name << " is not terminating";
    identity::DeleteOptions now;
    now.grace_period_seconds = 0;
    ASSERT_TRUE(objects_.remove({"Pod", "default", name}, now));
  }
  void finish_all_deletions() {
    for (const Pod& pod : pods())
      if (pod.is_terminating()) finish_deletion(pod.metadata.name);
  }
  /// Every Pending pod becomes Running+Ready.
  void ready_all() {
    for (const Pod& pod : pods())
      if (pod.status.phase == "Pending" && !pod.is_terminating()) run_ready(pod.metadata.name);
  }

  // ---- the controller ----
  /// One pass at the clock's time; checks the invariants against the state before it.
  SyncOutcome pass() {
    const Snapshot before = snapshot();
    objects_.clear_writes();
    SyncOutcome outcome = controller_.sync(key_, now());
    if (check_invariants_) check(before);
    last_error_ = outcome.error ? outcome.error->message : "";
    return outcome;
  }
  /// Passes with the kubelet keeping up (pods become ready, deletions finish) until a pass
  /// changes nothing; at most `limit` passes. Returns the number of passes run.
  int settle(int limit = 40) {
    for (int i = 1; i <= limit; ++i) {
      const SyncOutcome outcome = pass();
      const bool idle = object_writes().empty() && !outcome.error;
      const std::string state = pod_states();
      ready_all();
      finish_all_deletions();
      if (idle && state == pod_states()) return i;
    }
    ADD_FAILURE() << "no steady state after " << limit << " passes; last error: " << last_error_
                  << "; pods: " << pod_states();
    return limit;
  }

 private:
  struct Snapshot {
    StatefulSet set;
    std::vector<Pod> pods;
  };

  static void set_ready_condition(Json& json, const std::string& status) {
    Pod pod = Pod::from_json(json);
    identity::set_condition(pod.status.conditions, "Ready", status, stamp_);
    json["status"]["conditions"] = pod.status.to_json()["conditions"];
  }
  void write_pod(const std::string& name, const std::function<void(Json&)>& change) {
    stamp_ = identity::format_timestamp(now());
    auto stored = objects_.get({"Pod", "default", name});
    ASSERT_TRUE(stored) << name;
    Json json = **stored;
    change(json);
    Json main = json;
    ASSERT_TRUE(objects_.update(main));
    json.erase("metadata");
    json["metadata"] = (**objects_.get({"Pod", "default", name}))["metadata"];
    ASSERT_TRUE(objects_.update(json, identity::UpdateScope::Status));
  }
  std::string pod_states() {
    std::string out;
    for (const Pod& pod : pods())
      out += pod.metadata.name + ":" + pod.status.phase + (pod.is_ready() ? "R" : "") +
             (pod.is_terminating() ? "~" : "") + " ";
    return out;
  }
  Snapshot snapshot() { return {set(), pods()}; }
  void check(const Snapshot& before) {
    check_pass_invariants(before.set, before.pods, pods(), set(), now());
  }

  inline static std::string stamp_;
  FakeObjectManager objects_;
  StatefulSetController controller_;
  std::string key_;
  bool check_invariants_ = true;
  std::string last_error_;
};

}  // namespace ordinal::controller::testing
