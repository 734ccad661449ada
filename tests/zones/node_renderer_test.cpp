// The canonical form of one owner's records that every rendering starts from (dns.md §6.9:
// answers and transfers list each RRset in the same order, whatever order the records came in).
#include "zones/node_renderer.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ordinal::zones {
namespace {

Record a_record(std::uint8_t last, std::uint32_t ttl = 5) {
  return {"web.test.svc.cluster.local.", rr_type::kA, ttl, Ipv4Data{{10, 0, 0, last}}};
}

Record srv_record(const std::string& target) {
  return {"web.test.svc.cluster.local.", rr_type::kSrv, 5, SrvData{0, 100, 80, target}};
}

TEST(CanonicalRRsets, EachSetIsSortedByItsTextAndDuplicatesKeepTheFirst) {
  const std::vector<Record> records = {
      a_record(9),     srv_record("web-1.web.test.svc.cluster.local."), a_record(10),
      a_record(9, 30), srv_record("web-0.web.test.svc.cluster.local."), a_record(1)};
  std::vector<const Record*> pointers;
  for (const auto& record : records) pointers.push_back(&record);

  const RRsets sets = canonical_rrsets(pointers);
  ASSERT_EQ(sets.size(), 2u);
  std::vector<std::string> addresses;
  for (const auto& record : sets.at(rr_type::kA)) addresses.push_back(rdata_to_text(record.data));
  // Text order, not numeric: "10.0.0.10" sorts before "10.0.0.9".
  EXPECT_EQ(addresses, (std::vector<std::string>{"10.0.0.1", "10.0.0.10", "10.0.0.9"}));
  EXPECT_EQ(sets.at(rr_type::kA)[2].ttl, 5u) << "the first of two equal records stays";
  ASSERT_EQ(sets.at(rr_type::kSrv).size(), 2u);
  EXPECT_EQ(std::get<SrvData>(sets.at(rr_type::kSrv)[0].data).target,
            "web-0.web.test.svc.cluster.local.");
}

}  // namespace
}  // namespace ordinal::zones
