// The EndpointSlice controller's index of which Services' slices list which pods.
#include "controller/endpoint_slice_members.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "controller/endpoint_slice_builder.hpp"
#include "fake_object_manager.hpp"

namespace ordinal::controller {
namespace {

using identity::Json;
using testing::KeysSeen;

Json slice(const std::string& name, const std::string& service,
           const std::vector<std::string>& pods, bool managed = true) {
  Json labels = {{"kubernetes.io/service-name", service}};
  if (managed) labels[std::string(kManagedByLabel)] = std::string(kEndpointSliceControllerName);
  Json endpoints = Json::array();
  for (const auto& pod : pods)
    endpoints.push_back({{"addresses", {"10.0.0.1"}},
                         {"targetRef", {{"kind", "Pod"}, {"name", pod}, {"namespace", "test"}}}});
  return {{"apiVersion", "discovery.k8s.io/v1"},
          {"kind", "EndpointSlice"},
          {"metadata", {{"name", name}, {"namespace", "test"}, {"labels", labels}}},
          {"addressType", "IPv4"},
          {"endpoints", endpoints}};
}

std::set<std::string> listing(const EndpointSliceMembers& members, const std::string& pod) {
  KeysSeen keys;
  members.services_listing("test", pod, keys);
  return keys.keys;
}

TEST(EndpointSliceMembers, FindsTheServicesWhoseSlicesListAPod) {
  EndpointSliceMembers members;
  members.observe(slice("web-abc", "web", {"web-0", "web-1"}));
  members.observe(slice("all-abc", "all", {"web-1"}));
  EXPECT_EQ(listing(members, "web-0"), std::set<std::string>{"test/web"});
  EXPECT_EQ(listing(members, "web-1"), (std::set<std::string>{"test/all", "test/web"}));
  EXPECT_TRUE(listing(members, "web-2").empty());
  KeysSeen other_namespace;
  members.services_listing("prod", "web-0", other_namespace);
  EXPECT_TRUE(other_namespace.keys.empty());
}

TEST(EndpointSliceMembers, FollowsUpdatesAndDeletions) {
  EndpointSliceMembers members;
  members.observe(slice("web-abc", "web", {"web-0", "web-1"}));
  members.observe(slice("web-def", "web", {"web-1"}));
  members.observe(slice("web-abc", "web", {"web-0"}));  // web-1 left this slice
  EXPECT_EQ(listing(members, "web-1"), std::set<std::string>{"test/web"}) << "still in web-def";
  members.forget(slice("web-def", "web", {}));
  EXPECT_TRUE(listing(members, "web-1").empty());
  EXPECT_EQ(members.size(), 1u);
  members.forget(slice("web-abc", "web", {}));
  EXPECT_TRUE(listing(members, "web-0").empty());
  EXPECT_EQ(members.size(), 0u);
}

TEST(EndpointSliceMembers, IgnoresSlicesManagedBySomeoneElse) {
  EndpointSliceMembers members;
  members.observe(slice("manual", "web", {"web-0"}, false));
  EXPECT_TRUE(listing(members, "web-0").empty());
  // A slice we managed and someone took over no longer counts.
  members.observe(slice("web-abc", "web", {"web-0"}));
  members.observe(slice("web-abc", "web", {"web-0"}, false));
  EXPECT_TRUE(listing(members, "web-0").empty());
}

TEST(EndpointSliceMembers, KnowsWhichServicesHaveManagedSlices) {
  EndpointSliceMembers members;
  members.observe(slice("web-abc", "web", {"web-0"}));
  members.observe(slice("web-def", "web", {}));
  members.observe(slice("manual", "db", {"db-0"}, false));
  EXPECT_TRUE(members.has_slices("test", "web"));
  EXPECT_FALSE(members.has_slices("test", "db")) << "not managed by us";
  EXPECT_FALSE(members.has_slices("prod", "web"));
  members.observe(slice("web-abc", "web", {"web-1"}));  // an update counts once
  members.forget(slice("web-def", "web", {}));
  EXPECT_TRUE(members.has_slices("test", "web"));
  members.forget(slice("web-abc", "web", {}));
  EXPECT_FALSE(members.has_slices("test", "web"));
}

}  // namespace
}  // namespace ordinal::controller
