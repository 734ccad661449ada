// Typed views give back exactly the document they were read from: the example manifest, and
// rich objects carrying unmodelled fields at every level.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "identity/controller_revision.hpp"
#include "identity/endpoint_slice.hpp"
#include "identity/event.hpp"
#include "identity/kinds.hpp"
#include "identity/model_documents.hpp"
#include "identity/namespace_object.hpp"
#include "identity/persistent_volume.hpp"
#include "identity/persistent_volume_claim.hpp"
#include "identity/pod.hpp"
#include "identity/service.hpp"
#include "identity/stateful_set.hpp"
#include "identity/storage_class.hpp"

namespace ordinal::identity {
namespace {

// YAML to JSON the way kubectl reads manifests: quoted scalars are strings, plain scalars
// become numbers, booleans or null when they spell one.
Json plain_scalar(const std::string& text) {
  if (text == "true" || text == "false") return text == "true";
  if (text.empty() || text == "null" || text == "~") return nullptr;
  const Json number = Json::parse(text, nullptr, false);
  if (number.is_number()) return number;
  return text;
}

Json to_json(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      Json out = Json::object();
      for (const auto& entry : node) out[entry.first.as<std::string>()] = to_json(entry.second);
      return out;
    }
    case YAML::NodeType::Sequence: {
      Json out = Json::array();
      for (const auto& element : node) out.push_back(to_json(element));
      return out;
    }
    case YAML::NodeType::Scalar:
      return node.Tag() == "!" ? Json(node.Scalar()) : plain_scalar(node.Scalar());
    default:
      return nullptr;
  }
}

std::vector<Json> nginx_example() {
  std::ifstream file(std::string(ORDINAL_SOURCE_DIR) + "/examples/nginx.yaml");
  std::stringstream text;
  text << file.rdbuf();
  std::vector<Json> out;
  for (const YAML::Node& document : YAML::LoadAll(text.str())) out.push_back(to_json(document));
  return out;
}

template <class T>
void expect_round_trip(const Json& document) {
  EXPECT_EQ(T::from_json(document).to_json(), document) << document.dump(2);
}

TEST(ModelRoundTrip, NginxExampleServiceAndStatefulSet) {
  const std::vector<Json> documents = nginx_example();
  ASSERT_EQ(documents.size(), 3U);
  expect_round_trip<Service>(documents[0]);
  expect_round_trip<StatefulSet>(documents[1]);

  const Service service = Service::from_json(documents[0]);
  EXPECT_TRUE(service.is_headless());
  ASSERT_EQ(service.spec.ports.size(), 1U);
  EXPECT_EQ(service.spec.ports[0].name, "web");
  EXPECT_EQ(service.spec.ports[0].port, 80);
  EXPECT_FALSE(service.spec.ports[0].target_port.has_value());
  EXPECT_EQ(service.spec.selector, (fields::StringMap{{"app", "nginx"}}));

  const StatefulSet set = StatefulSet::from_json(documents[1]);
  EXPECT_EQ(set.metadata.name, "web");
  EXPECT_EQ(set.spec.replicas, 3);
  EXPECT_EQ(set.spec.service_name, "nginx");
  EXPECT_EQ(set.spec.match_labels(), (fields::StringMap{{"app", "nginx"}}));
  EXPECT_EQ(set.spec.pod_template.metadata.labels, (fields::StringMap{{"app", "nginx"}}));
  EXPECT_EQ(set.spec.pod_template.spec.termination_grace_period_seconds, 10);
  ASSERT_EQ(set.spec.pod_template.spec.containers.size(), 1U);
  const Container& nginx = set.spec.pod_template.spec.containers[0];
  EXPECT_EQ(nginx.image, "nginx");
  ASSERT_NE(nginx.find_port("web"), nullptr);
  EXPECT_EQ(nginx.find_port("web")->container_port, 80);
  EXPECT_TRUE(set.spec.volume_claim_templates.empty());
}

TEST(ModelRoundTrip, RichStatefulSetKeepsEveryUnmodelledField) {
  const Json document = rich_stateful_set();
  expect_round_trip<StatefulSet>(document);
  const StatefulSet set = StatefulSet::from_json(document);
  EXPECT_EQ(set.spec.volume_claim_templates.at(0).spec.storage_request, "1Gi");
  EXPECT_EQ(set.spec.volume_claim_templates.at(0).metadata.annotations.at("backup"), "daily");
  ASSERT_TRUE(set.spec.update_strategy.rolling_update.has_value());
  EXPECT_EQ(set.spec.update_strategy.rolling_update->partition, 2);
  EXPECT_EQ(set.spec.update_strategy.rolling_update->max_unavailable,
            IntOrString::from_string("50%"));
  EXPECT_EQ(set.partition(), 2);
  EXPECT_EQ(set.start_ordinal(), 5);
  EXPECT_EQ(set.spec.persistent_volume_claim_retention_policy.when_scaled, "Delete");
  EXPECT_EQ(set.status.collision_count, 1);
  EXPECT_EQ(set.status.update_revision, "web-7c9b8f6d5");
  const PodSpec& pod = set.spec.pod_template.spec;
  EXPECT_EQ(pod.find_volume("config")->persistent_volume_claim, std::nullopt);
  EXPECT_EQ(pod.containers.at(0).env.at(1).value_from["fieldRef"]["fieldPath"], "metadata.name");
  EXPECT_EQ(pod.containers.at(0).volume_mounts.at(0).read_only, true);
  EXPECT_FALSE(pod.containers.at(0).readiness_probe.is_null());
}

TEST(ModelRoundTrip, RichPodKeepsEveryUnmodelledField) {
  const Json document = rich_pod();
  expect_round_trip<Pod>(document);
  const Pod pod = Pod::from_json(document);
  EXPECT_TRUE(pod.is_running_and_ready());
  EXPECT_EQ(pod.status.pod_ips, (std::vector<std::string>{"10.244.0.5", "fd00::5"}));
  EXPECT_EQ(pod.status.container_statuses.at(0).restart_count, 2);
  EXPECT_EQ(pod.spec.volumes.at(0).persistent_volume_claim->claim_name, "www-web-0");
  ASSERT_NE(pod.metadata.controller_ref(), nullptr);
  EXPECT_EQ(pod.metadata.controller_ref()->kind, "StatefulSet");
  EXPECT_EQ(pod.metadata.find_owner("uid-other")->name, "someone");
}

TEST(ModelRoundTrip, RichServiceAndEndpointSlice) {
  expect_round_trip<Service>(rich_service());
  expect_round_trip<EndpointSlice>(rich_endpoint_slice());
  const Service service = Service::from_json(rich_service());
  EXPECT_EQ(service.spec.ports.at(0).target_port, IntOrString::from_string("http"));
  EXPECT_EQ(service.spec.ports.at(1).target_port, IntOrString::from_int(9090));
  EXPECT_TRUE(service.publishes_not_ready());
  const EndpointSlice slice = EndpointSlice::from_json(rich_endpoint_slice());
  EXPECT_EQ(slice.service_name(), "nginx");
  EXPECT_TRUE(slice.endpoints.at(0).is_ready());
  EXPECT_FALSE(slice.endpoints.at(1).is_ready());
  EXPECT_TRUE(slice.endpoints.at(2).is_ready()) << "unset ready counts as ready";
  EXPECT_EQ(slice.endpoints.at(0).target_ref->name, "web-0");
  EXPECT_EQ(slice.ports.at(0).name, "web");
}

TEST(ModelRoundTrip, StorageObjects) {
  expect_round_trip<PersistentVolumeClaim>(rich_claim());
  expect_round_trip<PersistentVolume>(rich_volume());
  expect_round_trip<StorageClass>(rich_storage_class());
  const PersistentVolumeClaim claim = PersistentVolumeClaim::from_json(rich_claim());
  EXPECT_EQ(claim.spec.storage_class_name, "");
  EXPECT_TRUE(claim.is_bound());
  const PersistentVolume volume = PersistentVolume::from_json(rich_volume());
  EXPECT_EQ(volume.spec.claim_ref->name, "www-web-0");
  EXPECT_GE(*volume.capacity(), *claim.requested_storage());
  EXPECT_TRUE(StorageClass::from_json(rich_storage_class()).is_default());
}

TEST(ModelRoundTrip, EventNamespaceAndControllerRevision) {
  expect_round_trip<Event>(rich_event());
  expect_round_trip<Namespace>(rich_namespace());
  expect_round_trip<ControllerRevision>(rich_controller_revision());
  EXPECT_EQ(Event::from_json(rich_event()).source_component, "statefulset-controller");
  EXPECT_EQ(Namespace::from_json(rich_namespace()).status_phase, "Active");
  EXPECT_EQ(ControllerRevision::from_json(rich_controller_revision()).revision, 3);
}

TEST(ModelRoundTrip, WrongTypedAndOddlySpelledValuesSurvive) {
  // Views never fail on odd input; what they cannot read they leave untouched.
  const Json document = {
      {"apiVersion", "apps/v1"},
      {"kind", "StatefulSet"},
      {"metadata", {{"name", "web"}, {"generation", 2.0}, {"labels", {{"n", 1}}}}},
      {"spec", {{"replicas", "3"}, {"minReadySeconds", nullptr}, {"template", nullptr}}}};
  expect_round_trip<StatefulSet>(document);
  const StatefulSet set = StatefulSet::from_json(document);
  EXPECT_EQ(set.spec.replicas, std::nullopt);
  EXPECT_EQ(set.metadata.generation, std::nullopt);
  EXPECT_TRUE(set.metadata.labels.empty());
}

TEST(ModelRoundTrip, EmptyObjectsStayEmpty) {
  expect_round_trip<Pod>(Json::object());
  expect_round_trip<StatefulSet>(Json{{"spec", Json::object()}, {"status", Json::object()}});
  EXPECT_EQ(Pod().to_json(), Json::object());
  EXPECT_EQ(StatefulSet().to_json(), Json::object());
  EXPECT_EQ(EndpointSlice().to_json(), Json::object());
}

template <class T>
void expect_served_kind() {
  const KindInfo* info = find_kind(T::kKind);
  ASSERT_NE(info, nullptr) << T::kKind;
  EXPECT_EQ(info->api_version(), T::kApiVersion) << T::kKind;
}

TEST(ModelRoundTrip, TypeConstantsMatchTheKindsTable) {
  expect_served_kind<Pod>();
  expect_served_kind<StatefulSet>();
  expect_served_kind<Service>();
  expect_served_kind<PersistentVolumeClaim>();
  expect_served_kind<PersistentVolume>();
  expect_served_kind<StorageClass>();
  expect_served_kind<ControllerRevision>();
  expect_served_kind<EndpointSlice>();
  expect_served_kind<Event>();
  expect_served_kind<Namespace>();
}

}  // namespace
}  // namespace ordinal::identity
