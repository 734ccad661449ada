// Service cluster IPs: the --service-cidr range, allocation of the lowest free address, the
// errors kube-apiserver gives for explicit addresses, and immutability on update.
#include <gtest/gtest.h>

#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "tests/tools/api_test_fixture.hpp"
#include "tools/api/cluster_ip.hpp"

namespace ordinal::api::testing {
namespace {

Json service(const std::string& name, const std::string& cluster_ip = "") {
  Json spec = {{"selector", {{"app", name}}}, {"ports", {{{"port", 80}, {"protocol", "TCP"}}}}};
  if (!cluster_ip.empty()) spec["clusterIP"] = cluster_ip;
  return {{"apiVersion", "v1"},
          {"kind", "Service"},
          {"metadata", {{"name", name}, {"namespace", "test"}}},
          {"spec", spec}};
}

std::uint32_t ip(const char* text) {
  return parse_ipv4(text).value();
}

TEST(ServiceCidrTest, ParsesAndMasksAnIPv4Range) {
  EXPECT_EQ(ServiceCidr::parse("10.96.0.0/12").to_string(), "10.96.0.0/12");
  EXPECT_EQ(ServiceCidr::parse("10.100.7.9/12").to_string(), "10.96.0.0/12");
  const ServiceCidr range = ServiceCidr::parse("192.168.4.0/24");
  EXPECT_EQ(format_ipv4(range.first_dynamic()), "192.168.4.2");
  EXPECT_EQ(format_ipv4(range.last()), "192.168.4.254");
  EXPECT_FALSE(range.contains(ip("192.168.4.0")));
  EXPECT_TRUE(range.contains(ip("192.168.4.1")));
  EXPECT_FALSE(range.contains(ip("192.168.4.255")));
  EXPECT_FALSE(range.contains(ip("192.168.5.1")));
  EXPECT_EQ(ApiOptions{}.service_cidr, "10.96.0.0/12");
}

TEST(ServiceCidrTest, BadRangesAreRefusedAtStartWithTheirText) {
  for (const char* text : {"", "10.96.0.0", "10.96.0.0/", "10.96.0.0/33", "10.96.0/12",
                           "10.96.0.256/12", "fd00::/108", "ten/12", "10.96.0.0/12x"}) {
    try {
      (void)ServiceCidr::parse(text);
      ADD_FAILURE() << "accepted " << text;
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find(std::string("\"") + text + "\""), std::string::npos)
          << e.what();
    }
  }
  EXPECT_THROW((void)ServiceCidr::parse("10.0.0.0/8"), std::invalid_argument);
  EXPECT_THROW((void)ServiceCidr::parse("10.0.0.0/31"), std::invalid_argument);
}

TEST(AssignClusterIpTest, TakesTheLowestFreeAddressAboveTheReservedOne) {
  const ServiceCidr range = ServiceCidr::parse("10.96.0.0/12");
  Json object = service("web");
  ASSERT_FALSE(assign_cluster_ip(object, nullptr, range, {ip("10.96.0.2"), ip("10.96.0.4")}));
  EXPECT_EQ(object["spec"]["clusterIP"], "10.96.0.3");
  EXPECT_EQ(object["spec"]["clusterIPs"], Json::array({"10.96.0.3"}));
  EXPECT_EQ(object["spec"]["ipFamilies"], Json::array({"IPv4"}));
  EXPECT_EQ(object["spec"]["ipFamilyPolicy"], "SingleStack");
}

TEST(AssignClusterIpTest, ExplicitAddressesMustBeInRangeAndFree) {
  const ServiceCidr range = ServiceCidr::parse("10.96.0.0/12");
  Json outside = service("web", "1.2.3.4");
  auto error = assign_cluster_ip(outside, nullptr, range, {});
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code, 422);
  EXPECT_EQ(error->message,
            "Service \"web\" is invalid: spec.clusterIPs: Invalid value: []string{\"1.2.3.4\"}: "
            "failed to allocate IP 1.2.3.4: provided IP is not in the valid range. The range of "
            "valid IPs is 10.96.0.0/12");
  Json taken = service("web", "10.96.0.10");
  error = assign_cluster_ip(taken, nullptr, range, {ip("10.96.0.10")});
  ASSERT_TRUE(error);
  EXPECT_EQ(error->message,
            "Service \"web\" is invalid: spec.clusterIPs: Invalid value: []string{\"10.96.0.10\"}: "
            "failed to allocate IP 10.96.0.10: provided IP is already allocated");
  Json free = service("web", "10.96.0.10");
  ASSERT_FALSE(assign_cluster_ip(free, nullptr, range, {ip("10.96.0.2")}));
  EXPECT_EQ(free["spec"]["clusterIPs"], Json::array({"10.96.0.10"}));
}

TEST(AssignClusterIpTest, HeadlessAndExternalNameGetNoAddress) {
  const ServiceCidr range = ServiceCidr::parse("10.96.0.0/12");
  Json headless = service("db", "None");
  ASSERT_FALSE(assign_cluster_ip(headless, nullptr, range, {}));
  EXPECT_EQ(headless["spec"]["clusterIP"], "None");
  Json external = {{"kind", "Service"},
                   {"metadata", {{"name", "ext"}}},
                   {"spec", {{"type", "ExternalName"}, {"externalName", "example.com"}}}};
  ASSERT_FALSE(assign_cluster_ip(external, nullptr, range, {}));
  EXPECT_FALSE(external["spec"].contains("clusterIP"));
}

TEST(AssignClusterIpTest, NodePortAndLoadBalancerGetAnAddressToo) {
  const ServiceCidr range = ServiceCidr::parse("10.96.0.0/12");
  for (const char* type : {"NodePort", "LoadBalancer"}) {
    Json object = service("web");
    object["spec"]["type"] = type;
    object["spec"]["clusterIP"] = "";
    ASSERT_FALSE(assign_cluster_ip(object, nullptr, range, {}));
    EXPECT_EQ(object["spec"]["clusterIP"], "10.96.0.2") << type;
  }
}

TEST(AssignClusterIpTest, AFullRangeIsAnInternalError) {
  const ServiceCidr range = ServiceCidr::parse("10.96.0.0/30");  // .2 is the only one
  Json object = service("web");
  auto error = assign_cluster_ip(object, nullptr, range, {ip("10.96.0.2")});
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code, 500);
  EXPECT_EQ(error->message,
            "Internal error occurred: failed to allocate a serviceIP: range is full");
}

using ClusterIpTest = ApiFixture;

TEST_F(ClusterIpTest, AllocationReadsTheAddressesOfStoredServices) {
  ASSERT_TRUE(registry_->create(service("a", "10.96.0.2")));
  ASSERT_TRUE(registry_->create(service("b", "10.96.0.3")));
  Json object = service("c");
  auto allocation = ClusterIpAllocation::run(*registry_, ApiOptions{}, object, nullptr);
  ASSERT_TRUE(allocation) << allocation.error().message;
  EXPECT_EQ(object["spec"]["clusterIP"], "10.96.0.4");

  Json pod_object = pod("p");
  const Json before = pod_object;
  ASSERT_TRUE(ClusterIpAllocation::run(*registry_, ApiOptions{}, pod_object, nullptr));
  EXPECT_EQ(pod_object, before);
}

TEST_F(ClusterIpTest, AllocationUsesTheConfiguredRange) {
  ApiOptions options;
  options.service_cidr = "172.20.0.0/16";
  Json object = service("c");
  ASSERT_TRUE(ClusterIpAllocation::run(*registry_, options, object, nullptr));
  EXPECT_EQ(object["spec"]["clusterIP"], "172.20.0.2");
  options.service_cidr = "bogus";
  EXPECT_THROW((void)ClusterIpAllocation::run(*registry_, options, object, nullptr),
               std::invalid_argument);
}

// Allocation and the write happen under one lock: concurrent creates get distinct addresses.
TEST_F(ClusterIpTest, ConcurrentCreatesGetDistinctAddresses) {
  constexpr int kThreads = 8;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([this, t] {
      for (int i = 0; i < 5; ++i) {
        Json object = service("s" + std::to_string(t) + "-" + std::to_string(i));
        auto allocation = ClusterIpAllocation::run(*registry_, ApiOptions{}, object, nullptr);
        if (allocation) (void)registry_->create(std::move(object));
      }
    });
  }
  for (auto& thread : threads) thread.join();
  std::set<std::string> addresses;
  const auto stored = registry_->list("Service", std::string("test")).items;
  for (const auto& object : stored) addresses.insert((*object)["spec"]["clusterIP"]);
  EXPECT_EQ(stored.size(), 40u);
  EXPECT_EQ(addresses.size(), 40u);
}

TEST_F(ClusterIpTest, AnUpdateWithoutClusterIpKeepsTheStoredOne) {
  ASSERT_TRUE(registry_->create(service("web", "10.96.0.7")));
  Json replacement = service("web");
  replacement["metadata"]["labels"] = {{"tier", "front"}};
  auto response = send("PUT", std::string(kServices) + "/web", replacement);
  ASSERT_EQ(response.status, 200u) << response.body;
  EXPECT_EQ(json(response)["spec"]["clusterIP"], "10.96.0.7");
  EXPECT_EQ(json(response)["spec"]["clusterIPs"], Json::array({"10.96.0.7"}));
  EXPECT_EQ(json(response)["metadata"]["labels"]["tier"], "front");
}

TEST_F(ClusterIpTest, ChangingTheClusterIpIsInvalid) {
  ASSERT_TRUE(registry_->create(service("web", "10.96.0.7")));
  auto response = send("PUT", std::string(kServices) + "/web", service("web", "10.96.0.8"));
  EXPECT_EQ(response.status, 422u);
  EXPECT_NE(message(response).find(
                "spec.clusterIPs[0]: Invalid value: \"10.96.0.8\": may not change once set"),
            std::string::npos)
      << message(response);
}

TEST_F(ClusterIpTest, BecomingExternalNameDropsTheAddress) {
  ASSERT_TRUE(registry_->create(service("web", "10.96.0.7")));
  Json external = service("web");
  external["spec"] = {{"type", "ExternalName"}, {"externalName", "example.com"}};
  auto response = send("PUT", std::string(kServices) + "/web", external);
  ASSERT_EQ(response.status, 200u) << response.body;
  for (const char* key : {"clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy"})
    EXPECT_FALSE(json(response)["spec"].contains(key)) << key;
}

TEST_F(ClusterIpTest, ExternalNameWithAClusterIpIsForbidden) {
  Json external = service("ext", "10.96.0.9");
  external["spec"]["type"] = "ExternalName";
  external["spec"]["externalName"] = "example.com";
  auto response = send("POST", kServices, external);
  EXPECT_EQ(response.status, 422u);
  EXPECT_EQ(message(response),
            "Service \"ext\" is invalid: spec.clusterIPs: Forbidden: may not be set for "
            "ExternalName services");
}

}  // namespace
}  // namespace ordinal::api::testing
