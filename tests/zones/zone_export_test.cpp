// `ordinal zone export`: the snapshot as zone text in the transfer content and order of dns.md
// §6.9, which a zone-file parser (ldns, as Knot and NSD do) loads.
#include "zones/zone_export.hpp"

#include <gtest/gtest.h>

#include "dns/ldns.hpp"
#include "tests/dns/dns_test_util.hpp"

namespace ordinal::zones {
namespace {

using namespace ordinal::dns::testing;
using identity::Json;

std::shared_ptr<const ZoneSnapshot> snapshot() {
  Json http = Json::array({{{"name", "http"}, {"protocol", "TCP"}, {"port", 80}}});
  Json eps = Json::array({{{"addresses", {"10.244.0.10"}}, {"hostname", "web-0"}},
                          {{"addresses", {"10.244.0.11"}}, {"hostname", "web-1"}}});
  return build_snapshot(
      inputs_from(
          {service("test", "nginx", {{"clusterIP", "None"}, {"ports", http}}),
           slice("test", "nginx-a", "nginx", http, eps),
           service("test", "api", {{"clusterIP", "10.96.0.20"}, {"ports", http}}),
           service("test", "ext", {{"type", "ExternalName"}, {"externalName", "example.net"}})},
          {"test"}),
      ZoneConfig{}, 1700000001);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < text.size()) {
    const auto end = text.find('\n', at);
    const std::string line = text.substr(at, end - at);
    if (!line.empty() && line[0] != ';' && line[0] != '$') out.push_back(normalise(line));
    at = end == std::string::npos ? text.size() : end + 1;
  }
  return out;
}

TEST(ZoneExport, ForwardZoneLoadsAndFollowsTransferOrder) {  // dns.md §6.9
  const std::string text = export_zone_text(*snapshot(), false);
  std::string error;
  auto zone = dns::ldns::zone_from_text(text, &error);
  ASSERT_TRUE(zone) << error << "\n" << text;
  ASSERT_NE(ldns_zone_soa(zone.get()), nullptr);
  const std::vector<std::string> expected = expected_text({
      "cluster.local. 5 IN SOA ns.dns.cluster.local. hostmaster.cluster.local. 1700000001 7200 "
      "1800 86400 5",
      "cluster.local. 5 IN NS ns.dns.cluster.local.",
      "ns.dns.cluster.local. 5 IN A 127.0.0.1",
      "api.test.svc.cluster.local. 5 IN A 10.96.0.20",
      "api.test.svc.cluster.local. 5 IN SRV 0 100 80 api.test.svc.cluster.local.",
      "_http._tcp.api.test.svc.cluster.local. 5 IN SRV 0 100 80 api.test.svc.cluster.local.",
      "ext.test.svc.cluster.local. 5 IN CNAME example.net.",
      "nginx.test.svc.cluster.local. 5 IN A 10.244.0.10",
      "web-0.nginx.test.svc.cluster.local. 5 IN A 10.244.0.10",
      "_http._tcp.nginx.test.svc.cluster.local. 5 IN SRV 0 50 80 "
      "web-0.nginx.test.svc.cluster.local.",
      "nginx.test.svc.cluster.local. 5 IN A 10.244.0.11",
      "web-1.nginx.test.svc.cluster.local. 5 IN A 10.244.0.11",
      "_http._tcp.nginx.test.svc.cluster.local. 5 IN SRV 0 50 80 "
      "web-1.nginx.test.svc.cluster.local.",
  });
  std::vector<std::string> got;
  for (const auto& line : lines_of(text)) got.push_back(expected_text({line}).front());
  // expected_text sorts; compare in order by normalising line by line instead.
  std::vector<std::string> sorted_got = got;
  std::sort(sorted_got.begin(), sorted_got.end());
  EXPECT_EQ(sorted_got, expected) << text;
  // Order: SOA, NS, glue, then Services by name (api, ext, nginx).
  ASSERT_EQ(got.size(), expected.size());
  EXPECT_NE(got[0].find(" soa "), std::string::npos);
  EXPECT_NE(got[1].find(" ns "), std::string::npos);
  EXPECT_EQ(got[3].rfind("api.", 0), 0U);
  EXPECT_EQ(got[6].rfind("ext.", 0), 0U);
  EXPECT_EQ(got[7].rfind("nginx.", 0), 0U);
}

TEST(ZoneExport, ReverseZonesHoldThePtrRecords) {  // dns.md §6.3
  const std::string text = export_zone_text(*snapshot(), true);
  const auto split = text.find("; ---- next zone ----\n");
  ASSERT_NE(split, std::string::npos) << text;
  std::string error;
  auto v4 = dns::ldns::zone_from_text(text.substr(0, split), &error);
  ASSERT_TRUE(v4) << error << "\n" << text;
  auto v6 = dns::ldns::zone_from_text(text.substr(split), &error);
  ASSERT_TRUE(v6) << error << "\n" << text;
  const auto lines = lines_of(text.substr(0, split));
  EXPECT_NE(
      std::find(
          lines.begin(), lines.end(),
          expected_text({"20.0.96.10.in-addr.arpa. 5 IN PTR api.test.svc.cluster.local."}).front()),
      lines.end())
      << text;
  EXPECT_NE(std::find(lines.begin(), lines.end(),
                      expected_text({"10.0.244.10.in-addr.arpa. 5 IN PTR "
                                     "web-0.nginx.test.svc.cluster.local."})
                          .front()),
            lines.end())
      << text;
}

}  // namespace
}  // namespace ordinal::zones
