// Pod addresses of the simulated runtime: --pod-cidr parsing and round-robin allocation.
#include "controller/pod_ip_allocator.hpp"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace ordinal::controller {
namespace {

std::string parse_error(const std::string& text) {
  try {
    (void)Ipv4Cidr::parse(text);
  } catch (const std::invalid_argument& error) {
    return error.what();
  }
  return "";
}

TEST(Ipv4Cidr, ParsesAndClearsHostBits) {
  EXPECT_EQ(Ipv4Cidr::parse("10.244.0.0/16").to_string(), "10.244.0.0/16");
  EXPECT_EQ(Ipv4Cidr::parse("10.244.7.9/16").to_string(), "10.244.0.0/16");
  EXPECT_EQ(Ipv4Cidr::parse("0.0.0.0/0").to_string(), "0.0.0.0/0");
  const Ipv4Cidr cidr = Ipv4Cidr::parse("192.168.1.0/24");
  EXPECT_EQ(format_ipv4(cidr.first_host()), "192.168.1.1");
  EXPECT_EQ(format_ipv4(cidr.last_host()), "192.168.1.254");
}

TEST(Ipv4Cidr, RejectsMalformedTextNamingIt) {
  for (const std::string bad :
       {"10.244.0.0", "10.244.0.0/", "10.244.0.0/33", "10.244.0/16", "10.244.0.0.1/16",
        "10.256.0.0/16", "10.01.0.0/16", "a.b.c.d/8", "10.244.0.0/1x", "fd00::/64", ""}) {
    const std::string message = parse_error(bad);
    EXPECT_NE(message.find("\"" + bad + "\""), std::string::npos) << bad << ": " << message;
    EXPECT_NE(message.find("10.244.0.0/16"), std::string::npos) << message;  // the example
  }
}

TEST(PodIpAllocator, TooSmallRangeIsRefused) {
  EXPECT_THROW(PodIpAllocator("10.0.0.0/31"), std::invalid_argument);
  EXPECT_THROW(PodIpAllocator("10.0.0.0/32"), std::invalid_argument);
  EXPECT_THROW(PodIpAllocator("nonsense"), std::invalid_argument);
  EXPECT_NO_THROW(PodIpAllocator("10.0.0.0/30"));
}

TEST(PodIpAllocator, SlashThirtyHasTwoAddressesThenExhausts) {
  PodIpAllocator allocator("10.0.0.0/30");
  auto first = allocator.allocate({});
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(*first, "10.0.0.1");
  auto second = allocator.allocate({"10.0.0.1"});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*second, "10.0.0.2");
  auto third = allocator.allocate({"10.0.0.1", "10.0.0.2"});
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.error().code, 503);
  EXPECT_NE(third.error().message.find("10.0.0.0/30"), std::string::npos);
}

TEST(PodIpAllocator, RoundRobinDoesNotReuseAFreedAddressUntilWrapping) {
  PodIpAllocator allocator("10.0.0.0/29");  // .1 .. .6
  EXPECT_EQ(*allocator.allocate({}), "10.0.0.1");
  // .1 was freed (its pod deleted): the next pod still gets a new address.
  EXPECT_EQ(*allocator.allocate({}), "10.0.0.2");
  EXPECT_EQ(*allocator.allocate({"10.0.0.2"}), "10.0.0.3");
  EXPECT_EQ(*allocator.allocate({"10.0.0.4"}), "10.0.0.5");  // skips the held one
  EXPECT_EQ(*allocator.allocate({}), "10.0.0.6");
  EXPECT_EQ(*allocator.allocate({"10.0.0.1"}), "10.0.0.2");  // wrapped, .1 still held
}

TEST(PodIpAllocator, StartsAfterTheHighestAddressInUse) {
  // After a restart the existing pods tell where the previous run stopped.
  PodIpAllocator allocator("10.244.0.0/16");
  EXPECT_EQ(*allocator.allocate({"10.244.0.3", "10.244.1.7", "", "192.168.0.9"}), "10.244.1.8");
}

TEST(PodIpAllocator, NeverHandsOutAnAddressInUse) {
  PodIpAllocator allocator("10.1.0.0/28");  // 14 addresses
  std::vector<std::string> held;
  for (int i = 0; i < 14; ++i) {
    auto address = allocator.allocate(held);
    ASSERT_TRUE(address.ok()) << i;
    held.push_back(*address);
  }
  EXPECT_EQ(std::set<std::string>(held.begin(), held.end()).size(), 14U);
  EXPECT_FALSE(allocator.allocate(held).ok());
  held.erase(held.begin() + 5);  // one pod goes away: its address is the only one free
  const std::string freed = "10.1.0.6";
  auto again = allocator.allocate(held);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, freed);
}

}  // namespace
}  // namespace ordinal::controller
