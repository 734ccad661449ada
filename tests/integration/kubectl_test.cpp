// The real kubectl (v1.32) against `ordinal serve`: the users' example driven with kubectl alone,
// with no flag but --server and an empty kubeconfig.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "identity/json.hpp"
#include "integration/cluster.hpp"
#include "integration/kubectl_path.hpp"
#include "integration/process.hpp"

namespace ordinal::testing {
namespace {

using identity::Json;

// One claim template served by the local provisioner, for the storage kinds' columns.
const char* kStorage = R"(apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: local
provisioner: ordinal.dev/local
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 1
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
      - name: postgres
        image: postgres:16
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: [ReadWriteOnce]
      storageClassName: local
      resources:
        requests:
          storage: 1Gi
)";

// A set with a misspelt field (`replica`), for kubectl's --validate modes.
std::string misspelt_set(const std::string& name) {
  return "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: " + name +
         "\nspec:\n  serviceName: " + name +
         "\n  replica: 2\n  selector:\n    matchLabels: {app: " + name +
         "}\n  template:\n    metadata:\n      labels: {app: " + name +
         "}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n";
}

/// kubectl on PATH, or "" when this machine has none.
std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

/// The columns of one line of a kubectl table: cells are separated by at least three spaces,
/// names like "NOMINATED NODE" hold one.
std::vector<std::string> cells_of(const std::string& line) {
  std::vector<std::string> cells;
  const std::regex gap(" {2,}");
  for (std::sregex_token_iterator it(line.begin(), line.end(), gap, -1), end; it != end; ++it)
    if (!it->str().empty()) cells.push_back(it->str());
  return cells;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

class Kubectl : public ::testing::Test {
 protected:
  void SetUp() override {
    kubectl_ = kubectl_path();
    if (kubectl_.empty()) GTEST_SKIP() << "kubectl is not installed: the kubectl suite needs it";
    server_ = std::make_unique<Server>(dir_.path() / "data",
                                       std::vector<std::string>{"--sim-ready-after", "200ms"});
    std::ofstream(dir_.path() / "kubeconfig") << "";
    std::filesystem::create_directories(dir_.path() / "home");
  }

  /// `kubectl --server URL -n test ARGS...`, bounded by a minute.
  CommandResult kubectl(const std::vector<std::string>& args) {
    const auto out = dir_.path() / ("out-" + std::to_string(runs_));
    const auto err = dir_.path() / ("err-" + std::to_string(runs_++));
    const pid_t pid = start(args, out, err, 60);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), read_text(out),
            read_text(err)};
  }

  /// Starts kubectl with stdout and stderr into files; `seconds` bounds its run.
  pid_t start(const std::vector<std::string>& args, const std::filesystem::path& out,
              const std::filesystem::path& err, int seconds) {
    std::vector<std::string> argv = {"/usr/bin/timeout",
                                     std::to_string(seconds),
                                     kubectl_,
                                     "--server",
                                     server_->api_url(),
                                     "-n",
                                     "test"};
    argv.insert(argv.end(), args.begin(), args.end());
    const pid_t pid = ::fork();
    if (pid == 0) {
      ::setenv("KUBECONFIG", (dir_.path() / "kubeconfig").c_str(), 1);
      ::setenv("HOME", (dir_.path() / "home").c_str(), 1);
      if (!std::freopen(out.c_str(), "w", stdout) || !std::freopen(err.c_str(), "w", stderr))
        ::_exit(126);
      auto c_args = argv_of(argv);
      ::execv(c_args[0], c_args.data());
      ::_exit(127);
    }
    return pid;
  }

  std::string write_file(const std::string& name, const std::string& text) {
    auto path = dir_.path() / name;
    std::ofstream(path) << text;
    return path.string();
  }

  /// `kubectl get KIND NAME -o jsonpath=EXPR` (empty on failure).
  std::string jsonpath(const std::string& object, const std::string& expression) {
    auto got = kubectl({"get", object, "-o", "jsonpath=" + expression});
    return got.exit_code == 0 ? got.out : "";
  }

  /// Applies the users' example and waits until `replicas` pods are Ready.
  void apply_example(const std::string& replicas = "3") {
    auto applied = kubectl({"apply", "-f", kNginxExample});
    ASSERT_EQ(applied.exit_code, 0) << applied.err;
    ASSERT_TRUE(
        wait_until([&] { return jsonpath("sts/web", "{.status.readyReplicas}") == replicas; },
                   std::chrono::seconds(60)))
        << server_->errors();
  }

  TempDir dir_;
  std::unique_ptr<Server> server_;
  std::string kubectl_;
  int runs_ = 0;
};

TEST_F(Kubectl, ApplyCreatesThenConfiguresOnAChangedImage) {
  auto created = kubectl({"apply", "-f", kNginxExample});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  EXPECT_EQ(created.out,
            "service/nginx created\nstatefulset.apps/web created\n"
            "ingress.networking.k8s.io/nginx created\n");
  std::string changed = read_text(kNginxExample);
  changed.replace(changed.find("image: nginx\n"), 13, "image: nginx:1.27\n");
  auto configured = kubectl({"apply", "-f", write_file("nginx.yaml", changed)});
  ASSERT_EQ(configured.exit_code, 0) << configured.err;
  EXPECT_EQ(configured.out,
            "service/nginx unchanged\nstatefulset.apps/web configured\n"
            "ingress.networking.k8s.io/nginx unchanged\n");
  EXPECT_EQ(jsonpath("sts/web", "{.spec.template.spec.containers[0].image}"), "nginx:1.27");
}

TEST_F(Kubectl, GetPrintsTheServersTablesWithKubectlsColumns) {
  apply_example();
  auto pods = kubectl({"get", "pods"});
  ASSERT_EQ(pods.exit_code, 0) << pods.err;
  auto lines = lines_of(pods.out);
  ASSERT_EQ(lines.size(), 4u) << pods.out;
  EXPECT_EQ(cells_of(lines[0]),
            (std::vector<std::string>{"NAME", "READY", "STATUS", "RESTARTS", "AGE"}));
  for (int i = 0; i < 3; ++i) {
    auto cells = cells_of(lines[static_cast<std::size_t>(i) + 1]);
    ASSERT_EQ(cells.size(), 5u) << lines[static_cast<std::size_t>(i) + 1];
    EXPECT_EQ(cells[0], "web-" + std::to_string(i));
    EXPECT_EQ(cells[1], "1/1");
    EXPECT_EQ(cells[2], "Running");
    EXPECT_EQ(cells[3], "0");
  }
  auto wide = kubectl({"get", "pods", "-o", "wide"});
  EXPECT_EQ(cells_of(lines_of(wide.out).at(0)),
            (std::vector<std::string>{"NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE",
                                      "NOMINATED NODE", "READINESS GATES"}));
  EXPECT_EQ(cells_of(lines_of(wide.out).at(1))[5], jsonpath("pod/web-0", "{.status.podIP}"));

  auto all = kubectl({"get", "sts,svc,pvc,pv,endpointslices,controllerrevisions,events"});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  // One table per kind, separated by blank lines; kinds without objects print nothing.
  std::vector<std::vector<std::string>> headers;
  bool section_start = true;
  for (const auto& line : lines_of(all.out)) {
    if (section_start && !line.empty()) headers.push_back(cells_of(line));
    section_start = line.empty();
  }
  using Cells = std::vector<std::string>;
  EXPECT_EQ(headers,
            (std::vector<Cells>{{"NAME", "READY", "AGE"},
                                {"NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"},
                                {"NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"},
                                {"NAME", "CONTROLLER", "REVISION", "AGE"},
                                {"LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"}}))
      << all.out;
  EXPECT_TRUE(std::regex_search(all.out, std::regex("\nstatefulset.apps/web +3/3 "))) << all.out;
  EXPECT_TRUE(
      std::regex_search(all.out, std::regex("\nservice/nginx +ClusterIP +None +<none> +80/TCP ")))
      << all.out;
  EXPECT_TRUE(std::regex_search(
      all.out, std::regex("\ncontrollerrevision.apps/web-[0-9a-z]+ +statefulset.apps/web +1 ")))
      << all.out;
  EXPECT_TRUE(
      std::regex_search(all.out, std::regex(" +Normal +SuccessfulCreate +statefulset/web +")))
      << "events name their object\n"
      << all.out;

  auto sets_wide = kubectl({"get", "sts", "-o", "wide"});
  EXPECT_EQ(cells_of(lines_of(sets_wide.out).at(0)),
            (std::vector<std::string>{"NAME", "READY", "AGE", "CONTAINERS", "IMAGES"}));
  EXPECT_EQ(cells_of(lines_of(sets_wide.out).at(1))[4], "nginx");
}

TEST_F(Kubectl, GetPrintsStorageColumns) {
  auto applied = kubectl({"apply", "-f", write_file("db.yaml", kStorage)});
  ASSERT_EQ(applied.exit_code, 0) << applied.err;
  ASSERT_TRUE(wait_until([&] { return jsonpath("pvc/data-db-0", "{.status.phase}") == "Bound"; },
                         std::chrono::seconds(60)));
  auto claims = kubectl({"get", "pvc"});
  ASSERT_EQ(claims.exit_code, 0) << claims.err;
  EXPECT_EQ(cells_of(lines_of(claims.out).at(0)),
            (std::vector<std::string>{"NAME", "STATUS", "VOLUME", "CAPACITY", "ACCESS MODES",
                                      "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "AGE"}));
  auto claim = cells_of(lines_of(claims.out).at(1));
  ASSERT_EQ(claim.size(), 8u) << claims.out;
  EXPECT_EQ(claim[0], "data-db-0");
  EXPECT_EQ(claim[1], "Bound");
  EXPECT_EQ(claim[2], jsonpath("pvc/data-db-0", "{.spec.volumeName}"));
  EXPECT_EQ(claim[3], "1Gi");
  EXPECT_EQ(claim[4], "RWO");
  EXPECT_EQ(claim[5], "local");

  auto volumes = kubectl({"get", "pv"});
  EXPECT_EQ(cells_of(lines_of(volumes.out).at(0)),
            (std::vector<std::string>{"NAME", "CAPACITY", "ACCESS MODES", "RECLAIM POLICY",
                                      "STATUS", "CLAIM", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS",
                                      "REASON", "AGE"}));
  EXPECT_NE(volumes.out.find("test/data-db-0"), std::string::npos) << volumes.out;
  auto classes = kubectl({"get", "storageclasses"});
  EXPECT_EQ(cells_of(lines_of(classes.out).at(0)),
            (std::vector<std::string>{"NAME", "PROVISIONER", "RECLAIMPOLICY", "VOLUMEBINDINGMODE",
                                      "ALLOWVOLUMEEXPANSION", "AGE"}));
  auto described = kubectl({"describe", "pvc", "data-db-0"});
  EXPECT_EQ(described.exit_code, 0) << described.err;
  EXPECT_NE(described.out.find("Status:        Bound"), std::string::npos) << described.out;
}

TEST_F(Kubectl, MachineReadableOutputs) {
  apply_example();
  auto list = kubectl({"get", "pods", "-o", "json"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  Json pods = Json::parse(list.out);
  EXPECT_EQ(pods["kind"], "List");
  ASSERT_EQ(pods["items"].size(), 3u);
  EXPECT_EQ(pods["items"][0]["metadata"]["name"], "web-0");
  auto yaml = kubectl({"get", "sts", "web", "-o", "yaml"});
  EXPECT_NE(yaml.out.find("kind: StatefulSet\n"), std::string::npos) << yaml.out;
  EXPECT_NE(yaml.out.find("  replicas: 3\n"), std::string::npos) << yaml.out;
  EXPECT_EQ(kubectl({"get", "pods", "-o", "name"}).out, "pod/web-0\npod/web-1\npod/web-2\n");
  EXPECT_EQ(kubectl({"get", "sts,svc", "-o", "name"}).out, "statefulset.apps/web\nservice/nginx\n");
  EXPECT_EQ(kubectl({"get", "pods", "-o", "jsonpath={.items[*].metadata.name}"}).out,
            "web-0 web-1 web-2");
}

TEST_F(Kubectl, WatchSeesAScaleDown) {
  apply_example();
  const auto out = dir_.path() / "watch.out";
  const pid_t watch =
      start({"get", "pods", "-w", "--output-watch-events"}, out, dir_.path() / "watch.err", 60);
  ASSERT_TRUE(wait_until([&] { return read_text(out).find("web-2") != std::string::npos; }));
  auto scaled = kubectl({"scale", "sts", "web", "--replicas=1"});
  ASSERT_EQ(scaled.exit_code, 0) << scaled.err;
  EXPECT_EQ(scaled.out, "statefulset.apps/web scaled\n");
  const bool both_deleted = wait_until([&] {
    const std::string text = read_text(out);
    return std::regex_search(text, std::regex("\nDELETED +web-2 ")) &&
           std::regex_search(text, std::regex("\nDELETED +web-1 "));
  });
  ::kill(watch, SIGTERM);
  ::waitpid(watch, nullptr, 0);
  const std::string text = read_text(out);
  EXPECT_TRUE(both_deleted) << text << read_text(dir_.path() / "watch.err");
  auto lines = lines_of(text);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(cells_of(lines[0]),
            (std::vector<std::string>{"EVENT", "NAME", "READY", "STATUS", "RESTARTS", "AGE"}));
  EXPECT_EQ(text.find("EVENT", 1), std::string::npos) << "one header for the whole watch\n" << text;
  EXPECT_EQ(kubectl({"get", "pods", "-o", "name"}).out, "pod/web-0\n");
}

TEST_F(Kubectl, DescribeDeleteAndWaitForARecreatedPod) {
  apply_example();
  auto set = kubectl({"describe", "sts/web"});
  ASSERT_EQ(set.exit_code, 0) << set.err;
  EXPECT_NE(set.out.find("Replicas:           3 desired | 3 total"), std::string::npos) << set.out;
  EXPECT_NE(set.out.find("SuccessfulCreate"), std::string::npos) << set.out;
  auto pod = kubectl({"describe", "pod", "web-0"});
  ASSERT_EQ(pod.exit_code, 0) << pod.err;
  EXPECT_NE(pod.out.find("Controlled By:  StatefulSet/web"), std::string::npos) << pod.out;

  const std::string uid = jsonpath("pod/web-0", "{.metadata.uid}");
  // Like a real container, this one takes a while to stop: kubectl's wait for the deletion
  // (a list, then a watch from it) misses the DELETED event when the pod is gone and replaced
  // before its list, as it would against any API server.
  ASSERT_EQ(kubectl({"annotate", "pod", "web-0", "sim.ordinal.dev/stop-after=2s"}).exit_code, 0);
  auto deleted = kubectl({"delete", "pod", "web-0"});
  ASSERT_EQ(deleted.exit_code, 0) << deleted.err;
  EXPECT_EQ(deleted.out, "pod \"web-0\" deleted\n");
  ASSERT_TRUE(wait_until([&] {
    const std::string now = jsonpath("pod/web-0", "{.metadata.uid}");
    return !now.empty() && now != uid;
  })) << "the controller recreates web-0 with a new uid";
  auto ready = kubectl({"wait", "--for=condition=Ready", "pod/web-0", "--timeout=60s"});
  EXPECT_EQ(ready.exit_code, 0) << ready.err;
  EXPECT_EQ(ready.out, "pod/web-0 condition met\n");
}

TEST_F(Kubectl, RolloutsAndPatches) {
  apply_example();
  auto status = kubectl({"rollout", "status", "sts/web", "--timeout=60s"});
  EXPECT_EQ(status.exit_code, 0) << status.err;
  EXPECT_NE(status.out.find("roll out complete"), std::string::npos) << status.out;

  auto set = kubectl({"set", "image", "sts/web", "nginx=nginx:2"});
  ASSERT_EQ(set.exit_code, 0) << set.err;
  EXPECT_EQ(set.out, "statefulset.apps/web image updated\n");
  auto rolled = kubectl({"rollout", "status", "sts/web", "--timeout=60s"});
  EXPECT_EQ(rolled.exit_code, 0) << rolled.err;
  EXPECT_EQ(jsonpath("pod/web-0", "{.spec.containers[0].image}"), "nginx:2");
  auto history = kubectl({"rollout", "history", "sts/web"});
  EXPECT_EQ(history.exit_code, 0) << history.err;
  EXPECT_NE(history.out.find("REVISION  CHANGE-CAUSE\n1         <none>\n2         <none>"),
            std::string::npos)
      << history.out;

  auto merge = kubectl(
      {"patch", "sts", "web", "--type=merge", "-p", R"({"metadata":{"labels":{"tier":"web"}}})"});
  EXPECT_EQ(merge.out, "statefulset.apps/web patched\n") << merge.err;
  auto json = kubectl({"patch", "sts", "web", "--type=json", "-p",
                       R"([{"op":"add","path":"/spec/minReadySeconds","value":1}])"});
  EXPECT_EQ(json.out, "statefulset.apps/web patched\n") << json.err;
  // Strategic merge (kubectl's default) merges containers by name: the ports stay.
  auto strategic = kubectl(
      {"patch", "sts", "web", "-p",
       R"({"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:3"}]}}}})"});
  EXPECT_EQ(strategic.out, "statefulset.apps/web patched\n") << strategic.err;
  EXPECT_EQ(jsonpath("sts/web", "{.metadata.labels.tier}"), "web");
  EXPECT_EQ(jsonpath("sts/web", "{.spec.minReadySeconds}"), "1");
  EXPECT_EQ(jsonpath("sts/web", "{.spec.template.spec.containers[*].image}"), "nginx:3");
  EXPECT_EQ(jsonpath("sts/web", "{.spec.template.spec.containers[0].ports[0].containerPort}"),
            "80");

  auto undo = kubectl({"rollout", "undo", "sts/web"});
  EXPECT_EQ(undo.out, "statefulset.apps/web rolled back\n") << undo.err;
  EXPECT_EQ(jsonpath("sts/web", "{.spec.template.spec.containers[0].image}"), "nginx:2");
}

TEST_F(Kubectl, LabelAnnotateAndApiResources) {
  apply_example("3");
  EXPECT_EQ(kubectl({"label", "pod", "web-0", "a=b"}).out, "pod/web-0 labeled\n");
  EXPECT_EQ(kubectl({"annotate", "pod", "web-0", "note=hi"}).out, "pod/web-0 annotated\n");
  EXPECT_EQ(kubectl({"get", "pods", "-l", "a=b", "-o", "name"}).out, "pod/web-0\n");
  EXPECT_EQ(jsonpath("pod/web-0", "{.metadata.annotations.note}"), "hi");

  auto resources = kubectl({"api-resources"});
  ASSERT_EQ(resources.exit_code, 0) << resources.err;
  EXPECT_TRUE(std::regex_search(resources.out,
                                std::regex("\nstatefulsets +sts +apps/v1 +true +StatefulSet\n")))
      << resources.out;
  EXPECT_TRUE(std::regex_search(resources.out, std::regex("\npods +po +v1 +true +Pod\n")))
      << resources.out;
}

// kubectl explain reads the OpenAPI v3 documents: the kind through the GVK of the resource's
// paths, then its schema, following $refs into the shared types.
TEST_F(Kubectl, ExplainShowsTheFieldsOfTheServedKinds) {
  auto spec = kubectl({"explain", "statefulset.spec"});
  ASSERT_EQ(spec.exit_code, 0) << spec.err;
  EXPECT_NE(spec.out.find("GROUP:      apps\nKIND:       StatefulSet\nVERSION:    v1\n"),
            std::string::npos)
      << spec.out;
  EXPECT_NE(spec.out.find("FIELD: spec <StatefulSetSpec>"), std::string::npos) << spec.out;
  for (const char* field : {"\n  replicas\t<integer>\n", "\n  serviceName\t<string> -required-\n",
                            "\n  template\t<PodTemplateSpec> -required-\n",
                            "\n  volumeClaimTemplates\t<[]PersistentVolumeClaim>\n",
                            "\n  podManagementPolicy\t<string>\n  enum: OrderedReady, Parallel\n",
                            "\n  updateStrategy\t<StatefulSetUpdateStrategy>\n"}) {
    EXPECT_NE(spec.out.find(field), std::string::npos) << field << "\n" << spec.out;
  }
  EXPECT_NE(spec.out.find("S-N.<serviceName>"), std::string::npos) << "descriptions are shown";

  auto strategy = kubectl({"explain", "sts.spec.updateStrategy", "--recursive"});
  ASSERT_EQ(strategy.exit_code, 0) << strategy.err;
  EXPECT_NE(strategy.out.find("FIELD: updateStrategy <StatefulSetUpdateStrategy>"),
            std::string::npos)
      << strategy.out;
  EXPECT_NE(strategy.out.find("  rollingUpdate\t<RollingUpdateStatefulSetStrategy>\n"
                              "    maxUnavailable\t<IntOrString>\n"
                              "    partition\t<integer>\n"),
            std::string::npos)
      << strategy.out;

  auto containers = kubectl({"explain", "pods.spec.containers"});
  ASSERT_EQ(containers.exit_code, 0) << containers.err;
  EXPECT_NE(containers.out.find("FIELD: containers <[]Container>"), std::string::npos)
      << containers.out;
  EXPECT_NE(containers.out.find("\n  name\t<string> -required-\n"), std::string::npos)
      << containers.out;
  EXPECT_NE(containers.out.find("\n  image\t<string>\n"), std::string::npos) << containers.out;

  auto claims = kubectl({"explain", "pvc"});
  ASSERT_EQ(claims.exit_code, 0) << claims.err;
  EXPECT_NE(claims.out.find("KIND:       PersistentVolumeClaim\nVERSION:    v1\n"),
            std::string::npos)
      << claims.out;
  EXPECT_NE(claims.out.find("\n  spec\t<PersistentVolumeClaimSpec>\n"), std::string::npos)
      << claims.out;
  auto size = kubectl({"explain", "pvc.spec.resources.requests"});
  EXPECT_NE(size.out.find("FIELD: requests <map[string]Quantity>"), std::string::npos)
      << size.out << size.err;

  auto wrong = kubectl({"explain", "sts.spec.replica"});
  EXPECT_NE(wrong.exit_code, 0);
  EXPECT_NE(wrong.err.find("field \"replica\" does not exist"), std::string::npos) << wrong.err;
}

// kubectl leaves --validate to the server (the OpenAPI documents offer fieldValidation), which
// names the field.
TEST_F(Kubectl, ApplyValidatesFieldsAsAsked) {
  auto strict = kubectl(
      {"apply", "--validate=strict", "-f", write_file("strict.yaml", misspelt_set("strict"))});
  EXPECT_NE(strict.exit_code, 0);
  EXPECT_NE(strict.err.find("unknown field \"spec.replica\""), std::string::npos) << strict.err;
  EXPECT_NE(kubectl({"get", "sts", "strict"}).exit_code, 0) << "nothing was created";

  auto warn =
      kubectl({"apply", "--validate=warn", "-f", write_file("warn.yaml", misspelt_set("warn"))});
  ASSERT_EQ(warn.exit_code, 0) << warn.err;
  EXPECT_EQ(warn.out, "statefulset.apps/warn created\n");
  EXPECT_NE(warn.err.find("Warning: unknown field \"spec.replica\""), std::string::npos)
      << warn.err;

  auto loose =
      kubectl({"apply", "--validate=false", "-f", write_file("loose.yaml", misspelt_set("loose"))});
  ASSERT_EQ(loose.exit_code, 0) << loose.err;
  EXPECT_EQ(loose.out, "statefulset.apps/loose created\n");
  EXPECT_EQ(loose.err, "");
  EXPECT_EQ(jsonpath("sts/loose", "{.spec.replicas}"), "1") << "the unknown field was dropped";
}

// With aggregated discovery, /api and /apis answer everything: kubectl asks no group-version.
TEST_F(Kubectl, ApiResourcesComesFromAggregatedDiscovery) {
  auto resources = kubectl({"api-resources", "-v=6"});
  ASSERT_EQ(resources.exit_code, 0) << resources.err;
  EXPECT_TRUE(std::regex_search(resources.out,
                                std::regex("\nstatefulsets +sts +apps/v1 +true +StatefulSet\n")))
      << resources.out;
  // -v=6 logs each request as "GET http://host/apis?timeout=32s 200 OK in 0 milliseconds".
  EXPECT_TRUE(std::regex_search(resources.err, std::regex("GET \\S+/apis\\?\\S* 200 OK")))
      << resources.err;
  EXPECT_TRUE(std::regex_search(resources.err, std::regex("GET \\S+/api\\?\\S* 200 OK")))
      << resources.err;
  EXPECT_FALSE(std::regex_search(resources.err, std::regex("GET \\S+/(apis/[^ ?]+|api/v1)")))
      << "no request per group-version\n"
      << resources.err;
}

TEST_F(Kubectl, DeleteFromTheManifest) {
  apply_example();
  auto deleted = kubectl({"delete", "-f", kNginxExample});
  ASSERT_EQ(deleted.exit_code, 0) << deleted.err;
  EXPECT_EQ(deleted.out,
            "service \"nginx\" deleted\nstatefulset.apps \"web\" deleted\n"
            "ingress.networking.k8s.io \"nginx\" deleted\n");
  auto gone = kubectl({"get", "sts,svc"});
  EXPECT_EQ(gone.out, "");
  EXPECT_EQ(gone.err, "No resources found in test namespace.\n");
  EXPECT_TRUE(wait_until([&] {
    return kubectl({"get", "pods", "-o", "name"}).out.empty();
  })) << "the garbage collector removes the set's pods";
}

}  // namespace
}  // namespace ordinal::testing
