// The client verbs scale, set image, rollout, describe, status and sim, run as a user runs them:
// `ordinal VERB ...` against a real API server on 127.0.0.1 over a registry in a temporary
// directory. There is no controller here, so tests write what it would write themselves.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <future>
#include <thread>

#include "tests/tools/cli_fixture.hpp"
#include "tools/cli/set_progress.hpp"

namespace ordinal::cli {
namespace {

using identity::Json;
using testing::CliFixture;
using testing::Outcome;
using namespace std::chrono_literals;

class CliVerbs : public CliFixture {
 protected:
  Json create(const std::string& collection, const Json& object) {
    auto response = send("POST", collection, object);
    EXPECT_EQ(response.status, 201u) << response.body;
    return json(response);
  }
  /// Replaces `object`'s status as its controller (or kubelet) would.
  Json write_status(const std::string& path, Json object, const Json& status) {
    object["status"] = status;
    auto response = send("PUT", path + "/status", object);
    EXPECT_EQ(response.status, 200u) << response.body;
    return json(response);
  }
  Json get(const std::string& path) { return json(send("GET", path)); }

  static constexpr const char* kSets = "/apis/apps/v1/namespaces/test/statefulsets";
  static constexpr const char* kPods = "/api/v1/namespaces/test/pods";
};

TEST_F(CliVerbs, ScaleWritesTheScaleSubresource) {
  create(kSets, stateful_set("web", 3));
  Outcome scaled = cli({"scale", "statefulset/web", "--replicas=5"});
  EXPECT_EQ(scaled.code, 0) << scaled.err;
  EXPECT_EQ(scaled.out, "statefulset.apps/web scaled\n");
  EXPECT_EQ(get(std::string(kSets) + "/web")["spec"]["replicas"], 5);

  Outcome spaced = cli({"scale", "sts", "web", "--replicas=2", "--current-replicas=5"});
  EXPECT_EQ(spaced.code, 0) << spaced.err;
  EXPECT_EQ(get(std::string(kSets) + "/web")["spec"]["replicas"], 2);

  Outcome stale = cli({"scale", "sts/web", "--replicas=4", "--current-replicas=3"});
  EXPECT_EQ(stale.code, 1);
  EXPECT_EQ(stale.err, "error: Expected replicas to be 3, was 2\n");
  EXPECT_EQ(get(std::string(kSets) + "/web")["spec"]["replicas"], 2);
}

TEST_F(CliVerbs, ScaleErrorsAreOneLine) {
  Outcome missing = cli({"scale", "statefulset/nope", "--replicas=1"});
  EXPECT_EQ(missing.code, 1);
  EXPECT_EQ(missing.err, "Error from server (NotFound): statefulsets.apps \"nope\" not found\n");
  Outcome pod = cli({"scale", "pod/web-0", "--replicas=1"});
  EXPECT_EQ(pod.code, 1);
  EXPECT_EQ(pod.err.rfind("error: scale is not supported for pods", 0), 0u) << pod.err;
}

TEST_F(CliVerbs, SetImageUpdatesContainersByName) {
  Json set = stateful_set("web", 1);
  set["spec"]["template"]["spec"]["initContainers"] = {{{"name", "init"}, {"image", "busybox"}}};
  create(kSets, set);
  Outcome one = cli({"set", "image", "statefulset/web", "nginx=nginx:1.28"});
  EXPECT_EQ(one.code, 0) << one.err;
  EXPECT_EQ(one.out, "statefulset.apps/web image updated\n");
  Json live = get(std::string(kSets) + "/web");
  EXPECT_EQ(live["spec"]["template"]["spec"]["containers"][0]["image"], "nginx:1.28");
  EXPECT_EQ(live["spec"]["template"]["spec"]["initContainers"][0]["image"], "busybox");

  Outcome all = cli({"set", "image", "sts", "web", "*=registry/app:2"});
  EXPECT_EQ(all.code, 0) << all.err;
  live = get(std::string(kSets) + "/web");
  EXPECT_EQ(live["spec"]["template"]["spec"]["containers"][0]["image"], "registry/app:2");
  EXPECT_EQ(live["spec"]["template"]["spec"]["initContainers"][0]["image"], "registry/app:2");
}

TEST_F(CliVerbs, SetImageRefusesUnknownContainers) {
  create(kSets, stateful_set("web", 1));
  Outcome unknown = cli({"set", "image", "statefulset/web", "nginx=a", "sidecar=b"});
  EXPECT_EQ(unknown.code, 1);
  EXPECT_EQ(unknown.err, "error: unable to find container named \"sidecar\"\n");
  // Nothing was written: the known container keeps its image.
  EXPECT_EQ(get(std::string(kSets) + "/web")["spec"]["template"]["spec"]["containers"][0]["image"],
            "nginx:1.27");
}

/// A ControllerRevision of `set` holding its template with `image`, as the controller writes
/// them (SS-12.1).
Json revision_of(const Json& set, const std::string& name, int number, const std::string& image) {
  Json pod_template = set["spec"]["template"];
  pod_template["spec"]["containers"][0]["image"] = image;
  pod_template["$patch"] = "replace";
  return {{"apiVersion", "apps/v1"},
          {"kind", "ControllerRevision"},
          {"metadata",
           {{"name", name},
            {"namespace", "test"},
            {"ownerReferences",
             {{{"apiVersion", "apps/v1"},
               {"kind", "StatefulSet"},
               {"name", "web"},
               {"uid", set["metadata"]["uid"]},
               {"controller", true}}}}}},
          {"data", {{"spec", {{"template", pod_template}}}}},
          {"revision", number}};
}

class RolloutVerbs : public CliVerbs {
 protected:
  void SetUp() override {
    CliVerbs::SetUp();
    set_ = create(kSets, stateful_set("web", 3));
    const std::string revisions = "/apis/apps/v1/namespaces/test/controllerrevisions";
    Json first = revision_of(set_, "web-aaa", 1, "nginx:1.26");
    first["metadata"]["annotations"] = {{"kubernetes.io/change-cause", "first rollout"}};
    create(revisions, first);
    create(revisions, revision_of(set_, "web-bbb", 2, "nginx:1.27"));
    // Another set's revision is not part of this set's history.
    Json foreign = revision_of(set_, "other-ccc", 3, "nginx:9");
    foreign["metadata"]["ownerReferences"][0]["uid"] = "someone-else";
    create(revisions, foreign);
  }
  std::string live_image() {
    return get(std::string(kSets) + "/web")["spec"]["template"]["spec"]["containers"][0]["image"];
  }
  Json set_;
};

TEST_F(RolloutVerbs, HistoryListsTheSetsRevisionsSS12_1) {
  Outcome history = cli({"rollout", "history", "statefulset/web"});
  EXPECT_EQ(history.code, 0) << history.err;
  EXPECT_EQ(history.out,
            "statefulset.apps/web \n"
            "REVISION  CHANGE-CAUSE\n"
            "1         first rollout\n"
            "2         <none>\n"
            "\n");
  Outcome one = cli({"rollout", "history", "sts/web", "--revision=1"});
  EXPECT_EQ(one.code, 0) << one.err;
  EXPECT_EQ(one.out.rfind("statefulset.apps/web with revision #1\nPod Template:\n", 0), 0u)
      << one.out;
  EXPECT_NE(one.out.find("    Image:        nginx:1.26\n"), std::string::npos) << one.out;
  Outcome missing = cli({"rollout", "history", "sts/web", "--revision=7"});
  EXPECT_EQ(missing.code, 1);
  EXPECT_EQ(missing.err, "error: unable to find the specified revision\n");
}

TEST_F(RolloutVerbs, UndoRestoresThePreviousTemplateSS11_10) {
  Outcome undo = cli({"rollout", "undo", "statefulset/web"});
  EXPECT_EQ(undo.code, 0) << undo.err;
  EXPECT_EQ(undo.out, "statefulset.apps/web rolled back\n");
  EXPECT_EQ(live_image(), "nginx:1.26");
  Json live = get(std::string(kSets) + "/web");
  EXPECT_FALSE(live["spec"]["template"].contains("$patch"));

  Outcome again = cli({"rollout", "undo", "statefulset/web", "--to-revision=1"});
  EXPECT_EQ(again.code, 0) << again.err;
  EXPECT_EQ(again.out,
            "statefulset.apps/web skipped rollback (current template already matches revision "
            "1)\n");
  Outcome forward = cli({"rollout", "undo", "statefulset/web", "--to-revision=2"});
  EXPECT_EQ(forward.out, "statefulset.apps/web rolled back\n");
  EXPECT_EQ(live_image(), "nginx:1.27");

  Outcome unknown = cli({"rollout", "undo", "statefulset/web", "--to-revision=3"});
  EXPECT_EQ(unknown.code, 1);
  EXPECT_EQ(unknown.err, "error: unable to find specified revision 3 in history\n");
}

class RolloutStatusVerb : public CliVerbs {
 protected:
  void SetUp() override {
    CliVerbs::SetUp();
    set_ = create(kSets, stateful_set("web", 2));
  }
  void report(const Json& status) {
    Json fresh = get(std::string(kSets) + "/web");
    Json full = status;
    full["observedGeneration"] = fresh["metadata"]["generation"];
    write_status(std::string(kSets) + "/web", fresh, full);
  }
  Json set_;
};

TEST_F(RolloutStatusVerb, PrintsOnceWithoutWatch) {
  report({{"replicas", 2}, {"readyReplicas", 1}});
  Outcome once = cli({"rollout", "status", "statefulset/web", "--watch=false"});
  EXPECT_EQ(once.code, 0) << once.err;
  EXPECT_EQ(once.out, "Waiting for 1 pods to be ready...\n");
}

TEST_F(RolloutStatusVerb, FollowsUntilCompleteSS13_4) {
  report({{"replicas", 2}, {"readyReplicas", 1}});
  auto follow = std::async(std::launch::async, [this] {
    return cli({"rollout", "status", "sts/web", "--timeout=30s"});
  });
  std::this_thread::sleep_for(500ms);
  report({{"replicas", 2}, {"readyReplicas", 2}, {"updatedReplicas", 1}});
  std::this_thread::sleep_for(300ms);
  report({{"replicas", 2}, {"readyReplicas", 2}, {"updatedReplicas", 2}});
  ASSERT_EQ(follow.wait_for(20s), std::future_status::ready);
  Outcome outcome = follow.get();
  EXPECT_EQ(outcome.code, 0) << outcome.err;
  EXPECT_EQ(outcome.out,
            "Waiting for 1 pods to be ready...\n"
            "Waiting for partitioned roll out to finish: 1 out of 2 new pods have been updated...\n"
            "partitioned roll out complete: 2 new pods have been updated...\n");
}

TEST_F(RolloutStatusVerb, TimesOut) {
  report({{"replicas", 2}, {"readyReplicas", 0}});
  Outcome outcome = cli({"rollout", "status", "statefulset/web", "--timeout=1s"});
  EXPECT_EQ(outcome.code, 1);
  EXPECT_EQ(outcome.out, "Waiting for 2 pods to be ready...\n");
  EXPECT_EQ(outcome.err, "error: timed out waiting for the condition\n");
}

TEST_F(RolloutStatusVerb, OnDeleteIsRefused) {
  Json live = get(std::string(kSets) + "/web");
  live["spec"]["updateStrategy"] = {{"type", "OnDelete"}};
  ASSERT_EQ(send("PUT", std::string(kSets) + "/web", live).status, 200u);
  Outcome outcome = cli({"rollout", "status", "statefulset/web"});
  EXPECT_EQ(outcome.code, 1);
  EXPECT_EQ(outcome.err,
            "error: rollout status is only available for RollingUpdate strategy type\n");
}

/// A pod of set `web` as the controller creates it and the kubelet reports it.
Json running_pod(const std::string& name, const Json& set) {
  Json pod = {{"apiVersion", "v1"},
              {"kind", "Pod"},
              {"metadata", {{"name", name}, {"namespace", "test"}, {"labels", {{"app", "web"}}}}},
              {"spec", {{"containers", {{{"name", "nginx"}, {"image", "busybox:1.36"}}}}}}};
  pod["metadata"]["ownerReferences"] = {{{"apiVersion", "apps/v1"},
                                         {"kind", "StatefulSet"},
                                         {"name", "web"},
                                         {"uid", set["metadata"]["uid"]},
                                         {"controller", true}}};
  return pod;
}

const Json kRunningReady = {
    {"phase", "Running"},
    {"podIP", "10.244.0.5"},
    {"conditions", {{{"type", "Ready"}, {"status", "True"}}}},
    {"containerStatuses",
     {{{"name", "nginx"},
       {"ready", true},
       {"restartCount", 0},
       {"image", "busybox:1.36"},
       {"state", {{"running", {{"startedAt", "2026-01-01T00:00:00Z"}}}}}}}}};

TEST_F(CliVerbs, SimVerbsWriteWhatTheKubeletWould) {
  Json set = create(kSets, stateful_set("web", 1));
  Json pod = create(kPods, running_pod("web-0", set));
  write_status(std::string(kPods) + "/web-0", pod, kRunningReady);
  const std::string path = std::string(kPods) + "/web-0";

  Outcome unready = cli({"sim", "ready", "pod/web-0", "false"});
  EXPECT_EQ(unready.code, 0) << unready.err;
  EXPECT_EQ(unready.out, "pod/web-0 marked not ready\n");
  Json live = get(path);
  EXPECT_EQ(live["status"]["conditions"][0]["status"], "False");
  EXPECT_EQ(live["status"]["containerStatuses"][0]["ready"], false);
  EXPECT_EQ(live["status"]["phase"], "Running");
  EXPECT_EQ(cli({"sim", "ready", "pod", "web-0", "true"}).out, "pod/web-0 marked ready\n");
  EXPECT_EQ(get(path)["status"]["conditions"][0]["status"], "True");

  EXPECT_EQ(cli({"sim", "unreachable", "pod/web-0"}).out, "pod/web-0 marked unreachable\n");
  EXPECT_EQ(get(path)["metadata"]["annotations"]["sim.ordinal.dev/unreachable"], "true");
  EXPECT_EQ(cli({"sim", "reachable", "pod/web-0"}).out, "pod/web-0 marked reachable\n");
  EXPECT_FALSE(get(path)["metadata"]
                   .value("annotations", Json::object())
                   .contains("sim.ordinal.dev/unreachable"));

  EXPECT_EQ(cli({"sim", "fail", "pod/web-0"}).out, "pod/web-0 marked failed\n");
  live = get(path);
  EXPECT_EQ(live["status"]["phase"], "Failed");
  EXPECT_EQ(live["status"]["containerStatuses"][0]["state"]["terminated"]["exitCode"], 1);
  EXPECT_EQ(live["status"]["containerStatuses"][0]["state"]["terminated"]["reason"], "Error");
  for (const auto& c : live["status"]["conditions"]) EXPECT_EQ(c["reason"], "PodFailed");
}

TEST_F(CliVerbs, SimOnAMissingPodIsNotFound) {
  Outcome missing = cli({"sim", "fail", "pod/web-9"});
  EXPECT_EQ(missing.code, 1);
  EXPECT_EQ(missing.err, "Error from server (NotFound): pods \"web-9\" not found\n");
  Outcome bad = cli({"sim", "ready", "pod/web-9", "maybe"});
  EXPECT_EQ(bad.code, 1);
  EXPECT_EQ(bad.err, "error: sim ready needs pod/NAME true|false\n");
}

TEST_F(CliVerbs, DescribeShowsTheSetItsPodsAndItsEvents) {
  Json set = create(kSets, stateful_set("web", 2));
  Json pod = create(kPods, running_pod("web-0", set));
  write_status(std::string(kPods) + "/web-0", pod, kRunningReady);
  create("/api/v1/namespaces/test/events",
         {{"apiVersion", "v1"},
          {"kind", "Event"},
          {"metadata", {{"name", "web.1"}, {"namespace", "test"}}},
          {"involvedObject",
           {{"kind", "StatefulSet"},
            {"namespace", "test"},
            {"name", "web"},
            {"uid", set["metadata"]["uid"]}}},
          {"reason", "SuccessfulCreate"},
          {"message", "create Pod web-0 in StatefulSet web successful"},
          {"type", "Normal"},
          {"source", {{"component", "statefulset-controller"}}},
          {"firstTimestamp", set["metadata"]["creationTimestamp"]},
          {"lastTimestamp", set["metadata"]["creationTimestamp"]},
          {"count", 1}});
  Outcome describe = cli({"describe", "statefulset", "web"});
  EXPECT_EQ(describe.code, 0) << describe.err;
  for (const char* line : {"Name:               web\n", "Replicas:           2 desired | 0 total\n",
                           "Pods Status:        1 Running / 0 Waiting / 0 Succeeded / 0 Failed\n",
                           "  Normal  SuccessfulCreate  "})
    EXPECT_NE(describe.out.find(line), std::string::npos) << line << "\nin:\n" << describe.out;
  Outcome pod_text = cli({"describe", "pod/web-0"});
  EXPECT_NE(pod_text.out.find("Controlled By:  StatefulSet/web\n"), std::string::npos)
      << pod_text.out;
  // The last line says the pod has no events of its own.
  const std::string& text = pod_text.out;
  const std::string last_line = text.substr(text.rfind('\n', text.size() - 2) + 1);
  EXPECT_EQ(last_line.rfind("Events:", 0), 0u) << text;
  EXPECT_EQ(last_line.substr(last_line.size() - 7), "<none>\n") << text;

  Outcome events = cli({"get", "events"});
  const std::string header = events.out.substr(0, events.out.find('\n'));
  std::size_t at = 0;
  for (const char* title : {"LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"}) {
    at = header.find(title, at);
    EXPECT_NE(at, std::string::npos) << title << " in " << header;
  }
  EXPECT_NE(events.out.find("statefulset/web   create Pod web-0"), std::string::npos) << events.out;
}

TEST_F(CliVerbs, StatusPrintsOneLinePerOrdinal) {
  Json set = create(kSets, stateful_set("web", 2));
  Json pod = create(kPods, running_pod("web-0", set));
  write_status(std::string(kPods) + "/web-0", pod, kRunningReady);
  Json fresh = get(std::string(kSets) + "/web");
  write_status(std::string(kSets) + "/web", fresh,
               {{"observedGeneration", fresh["metadata"]["generation"]}, {"replicas", 1}});
  Outcome status = cli({"status", "statefulset/web"});
  EXPECT_EQ(status.code, 0) << status.err;
  EXPECT_EQ(status.out,
            "web-0  Running  Ready  rev -  10.244.0.5  claims -\n"
            "web-1  Missing  -      rev -  -           claims -\n"
            "waiting for web-1 to be created\n");
}

}  // namespace
}  // namespace ordinal::cli
