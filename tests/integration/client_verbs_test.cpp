// The client verbs against a real server: the users' example end to end.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "identity/json.hpp"
#include "integration/cluster.hpp"
#include "integration/process.hpp"

namespace ordinal::testing {
namespace {

using identity::Json;
using namespace std::chrono_literals;

class ClientVerbs : public ::testing::Test {
 protected:
  TempDir dir_;
  Server server_{dir_.path() / "data"};

  std::string write_file(const std::string& name, const std::string& text) {
    auto path = dir_.path() / name;
    std::ofstream(path) << text;
    return path.string();
  }
};

TEST_F(ClientVerbs, ApplyTheUsersExampleIntoAFreshNamespace) {
  auto applied = server_.ordinal({"apply", "-f", kNginxExample, "-n", "test"});
  ASSERT_EQ(applied.exit_code, 0) << applied.err;
  EXPECT_EQ(applied.out,
            "service/nginx created\nstatefulset.apps/web created\n"
            "ingress.networking.k8s.io/nginx created\n");
  auto ns = server_.ordinal({"get", "ns", "test", "-o", "name"});
  EXPECT_EQ(ns.out, "namespace/test\n") << "the namespace is created on first use";

  auto again = server_.ordinal({"apply", "-f", kNginxExample, "-n", "test"});
  EXPECT_EQ(again.out,
            "service/nginx unchanged\nstatefulset.apps/web unchanged\n"
            "ingress.networking.k8s.io/nginx unchanged\n");
}

TEST_F(ClientVerbs, GetShowsKubernetesDefaults) {
  ASSERT_EQ(server_.ordinal({"apply", "-f", kNginxExample, "-n", "test"}).exit_code, 0);
  auto got = server_.ordinal({"get", "sts", "web", "-n", "test", "-o", "json"});
  ASSERT_EQ(got.exit_code, 0) << got.err;
  Json sts = Json::parse(got.out);
  const Json& spec = sts["spec"];
  EXPECT_EQ(spec["replicas"], 3);
  EXPECT_EQ(spec["podManagementPolicy"], "OrderedReady");
  EXPECT_EQ(spec["updateStrategy"]["type"], "RollingUpdate");
  EXPECT_EQ(spec["updateStrategy"]["rollingUpdate"]["partition"], 0);
  EXPECT_EQ(spec["revisionHistoryLimit"], 10);
  EXPECT_EQ(spec["persistentVolumeClaimRetentionPolicy"]["whenDeleted"], "Retain");
  EXPECT_EQ(spec["persistentVolumeClaimRetentionPolicy"]["whenScaled"], "Retain");
  EXPECT_EQ(spec["template"]["spec"]["containers"][0]["ports"][0]["protocol"], "TCP");
  EXPECT_EQ(sts["metadata"]["generation"], 1);
  EXPECT_FALSE(sts["metadata"]["uid"].get<std::string>().empty());
}

TEST_F(ClientVerbs, ApplyingAChangedImageConfiguresAndBumpsGeneration) {
  ASSERT_EQ(server_.ordinal({"apply", "-f", kNginxExample, "-n", "test"}).exit_code, 0);
  std::ifstream in(kNginxExample);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  text.replace(text.find("image: nginx"), 12, "image: nginx:1.27");
  auto changed = server_.ordinal({"apply", "-f", write_file("changed.yaml", text), "-n", "test"});
  ASSERT_EQ(changed.exit_code, 0) << changed.err;
  EXPECT_NE(changed.out.find("statefulset.apps/web configured"), std::string::npos);
  EXPECT_NE(changed.out.find("service/nginx unchanged"), std::string::npos);
  Json sts = Json::parse(server_.ordinal({"get", "sts/web", "-n", "test", "-o", "json"}).out);
  EXPECT_EQ(sts["spec"]["template"]["spec"]["containers"][0]["image"], "nginx:1.27");
  EXPECT_EQ(sts["metadata"]["generation"], 2);
}

TEST_F(ClientVerbs, ABadDocumentFailsAloneAndNamesTheField) {
  const std::string path = write_file("mixed.yaml", R"(apiVersion: v1
kind: Service
metadata:
  name: good
spec:
  ports:
  - port: 80
---
apiVersion: v1
kind: Service
metadata:
  name: bad
spec:
  clusterIp: None
)");
  auto result = server_.ordinal({"apply", "-f", path, "-n", "test"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "service/good created\n");
  EXPECT_NE(result.err.find("mixed.yaml"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("document 2"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("spec.clusterIp"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("clusterIP"), std::string::npos) << result.err;
  EXPECT_EQ(server_.ordinal({"get", "svc", "bad", "-n", "test"}).exit_code, 1);
}

TEST_F(ClientVerbs, NotFoundIsOneLineAndExitOne) {
  auto result = server_.ordinal({"get", "pods", "web-9", "-n", "test"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err, "Error from server (NotFound): pods \"web-9\" not found\n");
}

TEST_F(ClientVerbs, TablesLookLikeKubectls) {
  ASSERT_EQ(server_.ordinal({"apply", "-f", kNginxExample, "-n", "test"}).exit_code, 0);
  auto sts = server_.ordinal({"get", "statefulsets", "-n", "test"});
  EXPECT_EQ(sts.out.substr(0, sts.out.find('\n')), "NAME   READY   AGE");
  EXPECT_EQ(sts.out.substr(sts.out.find('\n') + 1, 14), "web    0/3    ");
  auto svc = server_.ordinal({"get", "svc", "-A"});
  EXPECT_EQ(svc.out.rfind("NAMESPACE   NAME    TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)", 0),
            0u)
      << svc.out;
  EXPECT_NE(svc.out.find("80/TCP"), std::string::npos);
  auto none = server_.ordinal({"get", "pvc", "-n", "test"});  // the example has no claims
  EXPECT_EQ(none.exit_code, 0);
  EXPECT_EQ(none.err, "No resources found in test namespace.\n");
}

TEST_F(ClientVerbs, YamlAndNameOutputs) {
  ASSERT_EQ(server_.ordinal({"apply", "-f", kNginxExample, "-n", "test"}).exit_code, 0);
  auto yaml = server_.ordinal({"get", "svc", "nginx", "-n", "test", "-o", "yaml"});
  EXPECT_EQ(yaml.out.rfind("apiVersion: v1\nkind: Service\nmetadata:\n", 0), 0u) << yaml.out;
  EXPECT_NE(yaml.out.find("  clusterIP: None\n"), std::string::npos) << yaml.out;
  auto names = server_.ordinal({"get", "svc,sts", "-n", "test", "-o", "name"});
  EXPECT_EQ(names.out, "service/nginx\nstatefulset.apps/web\n");
}

TEST_F(ClientVerbs, WatchingOneObjectByNameFollowsOnlyThatObject) {
  const auto config_map = [this](const std::string& name, const std::string& value) {
    return write_file(name + ".yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " +
                                          name + "\ndata:\n  key: " + value + "\n");
  };
  ASSERT_EQ(server_.ordinal({"apply", "-f", config_map("a", "one"), "-n", "test"}).exit_code, 0);
  ASSERT_EQ(server_.ordinal({"apply", "-f", config_map("b", "one"), "-n", "test"}).exit_code, 0);
  const auto output = dir_.path() / "watch.json";
  Background watch(server_, {"get", "configmap", "a", "-n", "test", "-w", "-o", "json"}, output);
  const auto printed = [&output] {
    std::ifstream in(output);
    return parse_stream(std::string(std::istreambuf_iterator<char>(in), {}));
  };
  ASSERT_TRUE(wait_until([&] { return printed().size() == 1; }, 10s)) << "the object itself";
  ASSERT_EQ(server_.ordinal({"apply", "-f", config_map("b", "two"), "-n", "test"}).exit_code, 0);
  ASSERT_EQ(server_.ordinal({"apply", "-f", config_map("a", "two"), "-n", "test"}).exit_code, 0);
  ASSERT_TRUE(wait_until([&] { return printed().size() >= 2; }, 10s)) << "a's change";
  const auto objects = parse_stream(watch.stop());
  ASSERT_EQ(objects.size(), 2u);
  for (const auto& object : objects) EXPECT_EQ(object["metadata"]["name"], "a");
  EXPECT_EQ(objects[0]["data"]["key"], "one");
  EXPECT_EQ(objects[1]["data"]["key"], "two");
}

TEST_F(ClientVerbs, DeleteByNameAndByFile) {
  ASSERT_EQ(server_.ordinal({"apply", "-f", kNginxExample, "-n", "test"}).exit_code, 0);
  auto deleted = server_.ordinal({"delete", "svc", "nginx", "-n", "test"});
  EXPECT_EQ(deleted.out, "service \"nginx\" deleted\n") << deleted.err;
  EXPECT_EQ(server_.ordinal({"get", "svc", "nginx", "-n", "test"}).exit_code, 1);
  auto rest = server_.ordinal({"delete", "-f", kNginxExample, "-n", "test", "--ignore-not-found"});
  EXPECT_EQ(rest.exit_code, 0) << rest.err;
  EXPECT_EQ(rest.out,
            "statefulset.apps \"web\" deleted\ningress.networking.k8s.io \"nginx\" deleted\n");
}

TEST_F(ClientVerbs, CreateRefusesExistingObjects) {
  ASSERT_EQ(server_.ordinal({"create", "-f", kNginxExample, "-n", "test"}).exit_code, 0);
  auto again = server_.ordinal({"create", "-f", kNginxExample, "-n", "test"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("Error from server (AlreadyExists)"), std::string::npos) << again.err;
  EXPECT_NE(again.err.find("services \"nginx\" already exists"), std::string::npos);
}

TEST_F(ClientVerbs, ReadsManifestsFromStdin) {
  auto result = server_.ordinal({"apply", "-f", "-", "-n", "test"},
                                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n"
                                "data:\n  k: v\n");
  EXPECT_EQ(result.out, "configmap/c created\n") << result.err;
}

TEST_F(ClientVerbs, OrdinalServerEnvironmentVariableNamesTheServer) {
  ::setenv("ORDINAL_SERVER", server_.api_url().c_str(), 1);
  auto result = run_ordinal({"get", "ns", "default", "-o", "name"});
  ::unsetenv("ORDINAL_SERVER");
  EXPECT_EQ(result.out, "namespace/default\n") << result.err;
}

TEST_F(ClientVerbs, UnreachableServerIsAClearError) {
  auto result = run_ordinal({"--server", "http://127.0.0.1:1", "get", "pods"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("The connection to the server 127.0.0.1:1 was refused"),
            std::string::npos)
      << result.err;
}

TEST_F(ClientVerbs, VersionNamesClientAndServer) {
  auto both = server_.ordinal({"version"});
  EXPECT_EQ(both.exit_code, 0) << both.err;
  EXPECT_EQ(both.out.rfind("Client Version: v", 0), 0u) << both.out;
  EXPECT_NE(both.out.find("\nServer Version: v1.32.0\n"), std::string::npos) << both.out;
  auto json = server_.ordinal({"version", "-o", "json"});
  Json parsed = Json::parse(json.out);
  EXPECT_EQ(parsed["serverVersion"]["gitVersion"], "v1.32.0");

  // No server: the client's version, the reason on stderr, and exit 1 as kubectl.
  auto alone = run_ordinal({"--server", "http://127.0.0.1:1", "version"});
  EXPECT_EQ(alone.exit_code, 1);
  EXPECT_EQ(alone.out, both.out.substr(0, both.out.find('\n') + 1));
  EXPECT_EQ(alone.err, "Server: not reachable at http://127.0.0.1:1\n");
}

TEST_F(ClientVerbs, BashCompletionAsksTheServerForNames) {
  ASSERT_EQ(server_.ordinal({"apply", "-f", kNginxExample, "-n", "test"}).exit_code, 0);
  auto script = run_ordinal({"completion", "bash"});
  ASSERT_EQ(script.exit_code, 0) << script.err;
  const std::string script_path = write_file("ordinal.bash", script.out);
  const std::string line =
      std::string(ORDINAL_BINARY) + " get sts --server " + server_.api_url() + " -n test w";
  const std::string driver =
      write_file("driver.sh",
                 "source '" + script_path + "'\nCOMP_LINE='" + line +
                     "'\nCOMP_POINT=${#COMP_LINE}\n_ordinal\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n");
  std::string out;
  if (FILE* pipe = ::popen(("bash " + driver + " 2>&1").c_str(), "r")) {
    char buf[512];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
    ::pclose(pipe);
  }
  EXPECT_EQ(out, "web\n");
}

}  // namespace
}  // namespace ordinal::testing
