// What a container of the process runtime is started with: `$(VAR)` expansion, fieldRef values
// and the pod's identity in the environment, as the kubelet computes them.
#include "controller/process_env.hpp"

#include <gtest/gtest.h>

namespace ordinal::controller {
namespace {

using identity::Json;

identity::Pod member_pod() {
  return identity::Pod::from_json(Json::parse(R"json({
    "apiVersion": "v1", "kind": "Pod",
    "metadata": {"name": "etcd-1", "namespace": "db", "uid": "u-1",
                 "labels": {"apps.kubernetes.io/pod-index": "1", "app": "etcd"}},
    "spec": {"hostname": "etcd-1", "subdomain": "etcd", "containers": [{
      "name": "etcd", "image": "etcd:3.4",
      "command": ["etcd", "--name", "$(POD_NAME)"],
      "args": ["--listen-peer-urls", "http://$(MY_IP):2380", "--literal", "$$(POD_NAME)",
               "--unknown", "$(NOT_DEFINED)"],
      "env": [
        {"name": "MY_IP", "valueFrom": {"fieldRef": {"fieldPath": "status.podIP"}}},
        {"name": "INDEX", "valueFrom": {"fieldRef":
            {"fieldPath": "metadata.labels['apps.kubernetes.io/pod-index']"}}},
        {"name": "NS", "valueFrom": {"fieldRef": {"fieldPath": "metadata.namespace"}}},
        {"name": "PEER", "value": "$(POD_NAME).etcd.$(NS).svc"}]}]},
    "status": {"podIP": "127.1.0.7"}})json"));
}

TEST(ProcessEnv, ExpandsDefinedReferencesAndKeepsOthers) {
  const Environment env = {{"A", "1"}, {"B", "two"}};
  EXPECT_EQ(expand_references("x$(A)y$(B)", env), "x1ytwo");
  EXPECT_EQ(expand_references("$(C) stays", env), "$(C) stays");
  EXPECT_EQ(expand_references("$$(A) is escaped, $$ is $", env), "$(A) is escaped, $ is $");
  EXPECT_EQ(expand_references("$(A", env), "$(A");
  EXPECT_EQ(expand_references("$A and $", env), "$A and $");
}

TEST(ProcessEnv, EnvironmentHasTheIdentityAndFieldRefs) {
  const identity::Pod pod = member_pod();
  const auto result = container_environment(pod, pod.spec.containers[0], "/usr/bin:/bin");
  ASSERT_TRUE(result.error.empty()) << result.error;
  EXPECT_EQ(env_lookup(result.env, "PATH"), "/usr/bin:/bin");
  EXPECT_EQ(env_lookup(result.env, "POD_NAME"), "etcd-1");
  EXPECT_EQ(env_lookup(result.env, "POD_NAMESPACE"), "db");
  EXPECT_EQ(env_lookup(result.env, "POD_IP"), "127.1.0.7");
  EXPECT_EQ(env_lookup(result.env, "HOSTNAME"), "etcd-1");
  EXPECT_EQ(env_lookup(result.env, "MY_IP"), "127.1.0.7");
  EXPECT_EQ(env_lookup(result.env, "INDEX"), "1");
  EXPECT_EQ(env_lookup(result.env, "PEER"), "etcd-1.etcd.db.svc");
}

TEST(ProcessEnv, CommandLineIsCommandThenArgsExpanded) {
  const identity::Pod pod = member_pod();
  const auto env = container_environment(pod, pod.spec.containers[0], "/bin").env;
  EXPECT_EQ(container_command_line(pod.spec.containers[0], env),
            (std::vector<std::string>{"etcd", "--name", "etcd-1", "--listen-peer-urls",
                                      "http://127.1.0.7:2380", "--literal", "$(POD_NAME)",
                                      "--unknown", "$(NOT_DEFINED)"}));
}

TEST(ProcessEnv, NoCommandMeansNothingToRun) {
  identity::Pod pod = member_pod();
  pod.spec.containers[0].command.clear();
  EXPECT_TRUE(container_command_line(pod.spec.containers[0], {}).empty());
}

TEST(ProcessEnv, UnsupportedValueFromNamesTheVariable) {
  identity::Pod pod = member_pod();
  pod.spec.containers[0].env.push_back(identity::EnvVar::from_json(Json::parse(
      R"({"name": "PASSWORD", "valueFrom": {"secretKeyRef": {"name": "s", "key": "k"}}})")));
  const auto result = container_environment(pod, pod.spec.containers[0], "/bin");
  EXPECT_NE(result.error.find("env PASSWORD"), std::string::npos) << result.error;
}

TEST(ProcessEnv, FieldValues) {
  const identity::Pod pod = member_pod();
  EXPECT_EQ(field_value(pod, "metadata.name"), "etcd-1");
  EXPECT_EQ(field_value(pod, "metadata.uid"), "u-1");
  EXPECT_EQ(field_value(pod, "metadata.labels['app']"), "etcd");
  EXPECT_EQ(field_value(pod, "metadata.labels['missing']"), "");
  EXPECT_EQ(field_value(pod, "spec.containers"), std::nullopt);
}

}  // namespace
}  // namespace ordinal::controller
