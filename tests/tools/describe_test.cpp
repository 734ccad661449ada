// `ordinal describe`: kubectl's layout (tabwriter alignment, nested blocks, the Events table)
// for StatefulSets, Pods, claims, volumes and Services.
#include "tools/cli/describe.hpp"

#include <gtest/gtest.h>

namespace ordinal::cli {
namespace {

using identity::Json;

const identity::KindInfo& kind(const char* name) {
  return *identity::find_kind(name);
}

std::chrono::system_clock::time_point at_seconds(long long seconds) {
  return std::chrono::system_clock::from_time_t(static_cast<std::time_t>(seconds));
}
// 2026-01-01T00:00:00Z
constexpr long long kNewYear = 1767225600;

Json event(const std::string& reason, const std::string& message, const Json& involved,
           const std::string& last = "2026-01-01T00:00:00Z", int count = 1) {
  return {{"type", "Normal"},
          {"reason", reason},
          {"message", message},
          {"involvedObject", involved},
          {"source", {{"component", "statefulset-controller"}}},
          {"firstTimestamp", "2026-01-01T00:00:00Z"},
          {"lastTimestamp", last},
          {"count", count}};
}

TEST(TabWriter, AlignsRunsOfLinesAsGoTabwriterDoes) {
  TabWriter w;
  w.write(0, "Name:\tweb\nNamespace:\ttest\n");
  w.write(0, "Pod Template:\n");     // no tab: ends the column block
  w.write(1, "Labels:\tapp=web\n");  // continues into the next lines' column block
  w.write(0, "Port:\tweb\t80/TCP\nTargetPort:\t80/TCP\n");
  EXPECT_EQ(w.take(),
            "Name:       web\n"
            "Namespace:  test\n"
            "Pod Template:\n"
            "  Labels:    app=web\n"
            "Port:        web  80/TCP\n"
            "TargetPort:  80/TCP\n");
}

TEST(Describe, StatefulSetLayout) {
  Json set = {
      {"metadata",
       {{"name", "web"},
        {"namespace", "test"},
        {"uid", "u1"},
        {"creationTimestamp", "2026-01-01T00:00:00Z"},
        {"annotations", {{"kubectl.kubernetes.io/last-applied-configuration", "{}"}}}}},
      {"spec",
       {{"replicas", 3},
        {"selector", {{"matchLabels", {{"app", "nginx"}}}}},
        {"updateStrategy", {{"type", "RollingUpdate"}, {"rollingUpdate", {{"partition", 0}}}}},
        {"template",
         {{"metadata", {{"labels", {{"app", "nginx"}}}}},
          {"spec",
           {{"containers",
             {{{"name", "nginx"},
               {"image", "nginx:1.27"},
               {"ports", {{{"containerPort", 80}, {"name", "web"}, {"protocol", "TCP"}}}},
               {"volumeMounts", {{{"name", "www"}, {"mountPath", "/usr/share/nginx/html"}}}}}}}}}}},
        {"volumeClaimTemplates",
         {{{"metadata", {{"name", "www"}}},
           {"spec",
            {{"accessModes", {"ReadWriteOnce"}},
             {"resources", {{"requests", {{"storage", "1Gi"}}}}}}}}}}}},
      {"status", {{"replicas", 3}}}};
  DescribeContext context;
  context.object = set;
  context.related = {Json{{"status", {{"phase", "Running"}}}},
                     Json{{"status", {{"phase", "Running"}}}},
                     Json{{"status", {{"phase", "Pending"}}}}};
  context.events = {event("SuccessfulCreate", "create Pod web-0 in StatefulSet web successful",
                          {{"kind", "StatefulSet"}, {"name", "web"}})};
  context.now = at_seconds(kNewYear + 90);
  EXPECT_EQ(describe_object(kind("StatefulSet"), context),
            "Name:               web\n"
            "Namespace:          test\n"
            "CreationTimestamp:  Thu, 01 Jan 2026 00:00:00 +0000\n"
            "Selector:           app=nginx\n"
            "Labels:             <none>\n"
            "Annotations:        <none>\n"
            "Replicas:           3 desired | 3 total\n"
            "Update Strategy:    RollingUpdate\n"
            "  Partition:        0\n"
            "Pods Status:        2 Running / 1 Waiting / 0 Succeeded / 0 Failed\n"
            "Pod Template:\n"
            "  Labels:  app=nginx\n"
            "  Containers:\n"
            "   nginx:\n"
            "    Image:        nginx:1.27\n"
            "    Port:         80/TCP\n"
            "    Host Port:    0/TCP\n"
            "    Environment:  <none>\n"
            "    Mounts:\n"
            "      /usr/share/nginx/html from www (rw)\n"
            "  Volumes:  <none>\n"
            "Volume Claims:\n"
            "  Name:          www\n"
            "  StorageClass:  \n"
            "  Labels:        <none>\n"
            "  Annotations:   <none>\n"
            "  Capacity:      1Gi\n"
            "  Access Modes:  [ReadWriteOnce]\n"
            "Events:\n"
            "  Type    Reason            Age   From                    Message\n"
            "  ----    ------            ----  ----                    -------\n"
            "  Normal  SuccessfulCreate  90s   statefulset-controller  create Pod web-0 in "
            "StatefulSet web successful\n");
}

TEST(Describe, PodShowsStateConditionsAndController) {
  Json pod = {
      {"metadata",
       {{"name", "web-0"},
        {"namespace", "test"},
        {"labels", {{"app", "nginx"}, {"statefulset.kubernetes.io/pod-name", "web-0"}}},
        {"ownerReferences",
         {{{"kind", "StatefulSet"}, {"name", "web"}, {"controller", true}, {"uid", "u1"}}}}}},
      {"spec",
       {{"nodeName", "sim-node"},
        {"containers", {{{"name", "nginx"}, {"image", "nginx:1.27"}}}},
        {"volumes", {{{"name", "www"}, {"persistentVolumeClaim", {{"claimName", "www-web-0"}}}}}}}},
      {"status",
       {{"phase", "Running"},
        {"hostIP", "10.0.0.1"},
        {"podIP", "10.244.0.5"},
        {"podIPs", {{{"ip", "10.244.0.5"}}}},
        {"conditions", {{{"type", "Ready"}, {"status", "True"}}}},
        {"containerStatuses",
         {{{"name", "nginx"},
           {"ready", true},
           {"restartCount", 0},
           {"state", {{"running", {{"startedAt", "2026-01-01T00:00:00Z"}}}}}}}}}}};
  DescribeContext context;
  context.object = pod;
  const std::string text = describe_object(kind("Pod"), context);
  for (const char* line :
       // Go's tabwriter: "IPs:" has no tab, so "Controlled By:" starts a new column block, as
       // in kubectl's own output.
       {"Node:         sim-node/10.0.0.1\n", "Labels:       app=nginx\n",
        "              statefulset.kubernetes.io/pod-name=web-0\n", "Status:       Running\n",
        "IP:           10.244.0.5\n", "IPs:\n  IP:           10.244.0.5\n",
        "Controlled By:  StatefulSet/web\n", "  nginx:\n", "    State:          Running\n",
        "      Started:      Thu, 01 Jan 2026 00:00:00 +0000\n", "    Ready:          True\n",
        "Conditions:\n  Type    Status\n  Ready   True \n", "  www:\n",
        "    ClaimName:   www-web-0\n", "QoS Class:       BestEffort\n",
        "Events:          <none>\n"})
    EXPECT_NE(text.find(line), std::string::npos) << "missing: " << line << "\nin:\n" << text;
}

TEST(Describe, ClaimShowsCapacityOnlyOnceBoundAndItsUsers) {
  Json claim = {{"metadata",
                 {{"name", "www-web-0"},
                  {"namespace", "test"},
                  {"finalizers", {"kubernetes.io/pvc-protection"}}}},
                {"spec",
                 {{"storageClassName", "standard"},
                  {"accessModes", {"ReadWriteOnce"}},
                  {"resources", {{"requests", {{"storage", "1Gi"}}}}}}},
                {"status", {{"phase", "Pending"}}}};
  DescribeContext context;
  context.object = claim;
  context.events = {event("WaitForFirstConsumer", "waiting for first consumer",
                          {{"kind", "PersistentVolumeClaim"}, {"name", "www-web-0"}},
                          "2026-01-01T00:00:30Z", 3)};
  context.now = at_seconds(kNewYear + 60);
  EXPECT_EQ(describe_object(kind("PersistentVolumeClaim"), context),
            "Name:          www-web-0\n"
            "Namespace:     test\n"
            "StorageClass:  standard\n"
            "Status:        Pending\n"
            "Volume:        \n"
            "Labels:        <none>\n"
            "Annotations:   <none>\n"
            "Finalizers:    [kubernetes.io/pvc-protection]\n"
            "Capacity:      \n"
            "Access Modes:  \n"
            "Used By:       <none>\n"
            "Events:\n"
            "  Type    Reason                Age                From                    Message\n"
            "  ----    ------                ----               ----                    -------\n"
            "  Normal  WaitForFirstConsumer  30s (x3 over 60s)  statefulset-controller  waiting "
            "for first consumer\n");
  claim["spec"]["volumeName"] = "pv-1";
  claim["status"] = {
      {"phase", "Bound"}, {"capacity", {{"storage", "1Gi"}}}, {"accessModes", {"ReadWriteOnce"}}};
  context.object = claim;
  context.related = {Json{{"metadata", {{"name", "web-0"}}}}};
  context.events.clear();
  const std::string bound = describe_object(kind("PersistentVolumeClaim"), context);
  EXPECT_NE(bound.find("Capacity:      1Gi\nAccess Modes:  RWO\n"), std::string::npos) << bound;
  EXPECT_NE(bound.find("Used By:       web-0\n"), std::string::npos) << bound;
}

TEST(Describe, VolumeNamesItsClaimAndSource) {
  Json pv = {{"metadata", {{"name", "pv-1"}}},
             {"spec",
              {{"capacity", {{"storage", "1Gi"}}},
               {"accessModes", {"ReadWriteOnce"}},
               {"persistentVolumeReclaimPolicy", "Retain"},
               {"storageClassName", "standard"},
               {"claimRef", {{"namespace", "test"}, {"name", "www-web-0"}}},
               {"hostPath", {{"path", "/data/pv-1"}}}}},
             {"status", {{"phase", "Bound"}}}};
  DescribeContext context;
  context.object = pv;
  const std::string text = describe_object(kind("PersistentVolume"), context);
  for (const char* line :
       {"Claim:           test/www-web-0\n", "Reclaim Policy:  Retain\n", "Access Modes:    RWO\n",
        "Capacity:        1Gi\n", "Node Affinity:   <none>\n", "Source:\n",
        "    Path:          /data/pv-1\n"})
    EXPECT_NE(text.find(line), std::string::npos) << "missing: " << line << "\nin:\n" << text;
}

TEST(Describe, ServiceListsReadyEndpointsPerPort) {
  Json service = {{"metadata", {{"name", "nginx"}, {"namespace", "test"}}},
                  {"spec",
                   {{"clusterIP", "None"},
                    {"selector", {{"app", "nginx"}}},
                    {"ports", {{{"name", "web"}, {"port", 80}, {"targetPort", 80}}}}}}};
  Json slice = {{"ports", {{{"name", "web"}, {"port", 80}}}},
                {"endpoints",
                 {{{"addresses", {"10.244.0.5"}}, {"conditions", {{"ready", true}}}},
                  {{"addresses", {"10.244.0.6"}}, {"conditions", {{"ready", false}}}}}}};
  DescribeContext context;
  context.object = service;
  context.related = {slice};
  const std::string text = describe_object(kind("Service"), context);
  for (const char* line : {"Selector:          app=nginx\n", "Type:              ClusterIP\n",
                           "IP:                None\n", "Port:              web  80/TCP\n",
                           "TargetPort:        80/TCP\n", "Endpoints:         10.244.0.5:80\n",
                           "Session Affinity:  None\n"})
    EXPECT_NE(text.find(line), std::string::npos) << "missing: " << line << "\nin:\n" << text;
}

TEST(Describe, LongAndMultiLineAnnotationsGetTheirOwnLines) {
  // As in kubectl, the value lines have no tab, so the next key starts a new column block.
  TabWriter w;
  print_annotations(w, "", "Annotations",
                    {{"a", "short"}, {"b", "line one\nline two"}, {"c", std::string(150, 'x')}});
  EXPECT_EQ(w.take(), "Annotations:  a: short\n              b:\n  line one\n  line two\n  c:\n  " +
                          std::string(138, 'x') + "...\n");
}

}  // namespace
}  // namespace ordinal::cli
