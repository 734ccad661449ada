// The kubelets' index of pod addresses: what it records from pods, and allocation that never
// hands out an address another pod holds.
#include "controller/pod_address_book.hpp"

#include <gtest/gtest.h>

#include <string>

#include "fake_object_manager.hpp"
#include "identity/ipv4.hpp"

namespace ordinal::controller {
namespace {

using testing::FakeObjectManager;

Json pod(const std::string& name, const std::string& uid, const std::string& ip) {
  Json out = {{"apiVersion", "v1"},
              {"kind", "Pod"},
              {"metadata", {{"name", name}, {"namespace", "default"}, {"uid", uid}}},
              {"spec", {{"containers", Json::array()}}},
              {"status", Json::object()}};
  if (!ip.empty()) {
    out["status"]["podIP"] = ip;
    out["status"]["podIPs"] = {{{"ip", ip}}};
  }
  return out;
}

std::uint32_t ip(const std::string& text) {
  return *identity::parse_ipv4(text);
}

TEST(PodAddressBook, RecordsAndForgetsWhatPodsHold) {
  PodAddressBook book;
  book.observe(pod("web-0", "uid-0", "10.244.0.5"));
  book.observe(pod("web-1", "uid-1", ""));  // no address yet: nothing to hold
  EXPECT_EQ(book.size(), 1u);
  EXPECT_TRUE(book.taken(ip("10.244.0.5"), "uid-1"));
  EXPECT_FALSE(book.taken(ip("10.244.0.5"), "uid-0")) << "a pod's own address is not taken";
  EXPECT_FALSE(book.taken(ip("10.244.0.6"), "uid-1"));

  book.observe(pod("web-0", "uid-0", "10.244.0.5"));  // the same pod again changes nothing
  EXPECT_EQ(book.size(), 1u);
  book.forget("uid-0");
  EXPECT_FALSE(book.taken(ip("10.244.0.5"), "uid-1"));
  EXPECT_EQ(book.size(), 0u);
}

TEST(PodAddressBook, AllocatesAfterTheHighestAddressInUseAndSkipsHeldOnes) {
  FakeObjectManager objects;
  ASSERT_TRUE(objects.create(pod("web-0", "", "10.244.0.7")));
  PodAddressBook book;
  PodIpAllocator allocator("10.244.0.0/24");
  // The first allocation reads the stored pods: it continues after 10.244.0.7.
  auto first = book.allocate(allocator, objects, "uid-a");
  ASSERT_TRUE(first);
  EXPECT_EQ(*first, "10.244.0.8");
  book.hold("uid-a", *first);
  // A pod seen on the watch holding the next address is skipped.
  book.observe(pod("web-9", "uid-9", "10.244.0.9"));
  auto second = book.allocate(allocator, objects, "uid-b");
  ASSERT_TRUE(second);
  EXPECT_EQ(*second, "10.244.0.10");
}

TEST(PodAddressBook, NeverHandsOutAReservedAddress) {
  FakeObjectManager objects;
  PodAddressBook book;
  PodIpAllocator allocator("10.244.0.0/30");  // two hosts: .1 and .2
  auto address = book.allocate(allocator, objects, "uid-a", {"10.244.0.1"});
  ASSERT_TRUE(address);
  EXPECT_EQ(*address, "10.244.0.2");
}

TEST(PodAddressBook, RereadsThePodsBeforeReportingTheRangeFull) {
  FakeObjectManager objects;
  PodAddressBook book;
  PodIpAllocator allocator("10.244.0.0/30");
  ASSERT_TRUE(book.allocate(allocator, objects, "uid-x"));  // loads the (empty) store
  // Two pods the book saw, one of which was deleted while the watch was not looking.
  book.observe(pod("a", "uid-1", "10.244.0.1"));
  book.observe(pod("b", "uid-2", "10.244.0.2"));
  ASSERT_TRUE(objects.create(pod("a", "", "10.244.0.1")));
  auto address = book.allocate(allocator, objects, "uid-3");
  ASSERT_TRUE(address) << address.error().message;
  EXPECT_EQ(*address, "10.244.0.2");

  book.hold("uid-3", *address);
  ASSERT_TRUE(objects.create(pod("c", "", "10.244.0.2")));
  auto full = book.allocate(allocator, objects, "uid-4");
  ASSERT_FALSE(full);
  EXPECT_EQ(full.error().code, 503);
}

}  // namespace
}  // namespace ordinal::controller
