// `ordinal zone export [--reverse]` on the real server (dns.md §6.9 [OURS]: the export is the
// AXFR record set as RFC 1035 text): the SOA, the endpoint A records and the named-port SRV
// records of the example, the reverse zones, and that Knot's or NSD's zone checker accepts it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "integration/cluster.hpp"
#include "integration/process.hpp"

namespace ordinal::testing {
namespace {

const std::string kZone = "cluster.local.";

struct ZoneLine {
  std::string owner, ttl, cls, type, rdata;
};

// The records of a zone text (comments and $ORIGIN lines skipped). Every record line of the
// export is "owner ttl class type rdata"; a short line shows up as a record with empty fields.
std::vector<ZoneLine> records_of(const std::string& text) {
  std::vector<ZoneLine> records;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == ';' || line[0] == '$') continue;
    std::istringstream fields(line);
    ZoneLine record;
    fields >> record.owner >> record.ttl >> record.cls >> record.type;
    std::getline(fields >> std::ws, record.rdata);
    records.push_back(record);
  }
  return records;
}

std::size_t count_of(const std::vector<ZoneLine>& records, const std::string& owner,
                     const std::string& type, const std::string& rdata_part = "") {
  return static_cast<std::size_t>(std::count_if(records.begin(), records.end(), [&](auto& r) {
    return r.owner == owner && r.type == type && r.rdata.find(rdata_part) != std::string::npos;
  }));
}

bool on_path(const std::string& tool) {
  return std::system(("command -v " + tool + " >/dev/null 2>&1").c_str()) == 0;
}

// Runs a shell command; its exit status and combined output.
std::pair<int, std::string> shell(const std::string& command) {
  std::string output;
  int status = -1;
  if (FILE* pipe = ::popen((command + " 2>&1").c_str(), "r")) {
    char buf[512];
    while (std::fgets(buf, sizeof buf, pipe) != nullptr) output += buf;
    status = ::pclose(pipe);
  }
  return {status, output};
}

class ZoneExport : public ::testing::Test {
 protected:
  TempDir dir_;
  Server server_{dir_.path() / "data", {"--sim-ready-after", "200ms"}};

  void SetUp() override {
    ASSERT_EQ(server_.ordinal({"apply", "-f", kNginxExample, "-n", "test"}).exit_code, 0);
    ASSERT_TRUE(wait_until([&] {
      return ready_pods(server_, "test", "web-") ==
             std::vector<std::string>{"web-0", "web-1", "web-2"};
    }));
    // The zone follows the EndpointSlices: wait until the export names all three endpoints.
    ASSERT_TRUE(wait_until([&] {
      const auto records = records_of(export_text(false));
      return count_of(records, "nginx.test.svc." + kZone, "A") == 3;
    })) << export_text(false);
  }
  std::string export_text(bool reverse) {
    std::vector<std::string> args = {"zone", "export"};
    if (reverse) args.emplace_back("--reverse");
    CommandResult got = server_.ordinal(args);
    EXPECT_EQ(got.exit_code, 0) << got.err;
    return got.out;
  }
  std::string pod_ip(const std::string& name) {
    return get_object(server_, "pod", name, "test")["status"].value("podIP", "");
  }
};

TEST_F(ZoneExport, ForwardZoneHasSoaEndpointAddressesAndNamedPortSrv) {
  const std::string text = export_text(false);
  const auto records = records_of(text);
  ASSERT_FALSE(records.empty()) << text;
  // §6.9 step 1 and 4: the SOA opens the zone (exported once: a zone file, not a transfer).
  EXPECT_EQ(records.front().owner, kZone);
  EXPECT_EQ(records.front().type, "SOA");
  EXPECT_EQ(count_of(records, kZone, "SOA"), 1u) << text;
  EXPECT_GE(count_of(records, kZone, "NS"), 1u) << text;
  for (const std::string pod : {"web-0", "web-1", "web-2"}) {
    const std::string ip = pod_ip(pod);
    ASSERT_FALSE(ip.empty());
    const std::string endpoint = pod + ".nginx.test.svc." + kZone;
    // §6.9 headless: A at the endpoint name and at the Service name per ready address.
    EXPECT_EQ(count_of(records, endpoint, "A", ip), 1u) << text;
    EXPECT_EQ(count_of(records, "nginx.test.svc." + kZone, "A", ip), 1u) << text;
    // Named port "web": SRV at _web._tcp to the endpoint, weight ⌊100/3⌋ = 33, port 80.
    EXPECT_EQ(count_of(records, "_web._tcp.nginx.test.svc." + kZone, "SRV", "33 80 " + endpoint),
              1u)
        << text;
  }
  // No bare SRV for headless Services.
  EXPECT_EQ(count_of(records, "nginx.test.svc." + kZone, "SRV"), 0u) << text;
}

TEST_F(ZoneExport, ReverseZonesHavePtrForEveryEndpoint) {
  const std::string text = export_text(true);
  EXPECT_NE(text.find("$ORIGIN in-addr.arpa."), std::string::npos) << text;
  const auto records = records_of(text);
  for (const std::string pod : {"web-0", "web-1", "web-2"}) {
    std::string ip = pod_ip(pod);
    // a.b.c.d -> d.c.b.a.in-addr.arpa.
    std::vector<std::string> octets;
    std::istringstream in(ip);
    for (std::string part; std::getline(in, part, '.');) octets.push_back(part);
    ASSERT_EQ(octets.size(), 4u) << ip;
    const std::string owner =
        octets[3] + "." + octets[2] + "." + octets[1] + "." + octets[0] + ".in-addr.arpa.";
    EXPECT_EQ(count_of(records, owner, "PTR", pod + ".nginx.test.svc." + kZone), 1u) << text;
  }
}

TEST_F(ZoneExport, ZoneTextLoadsInKnotOrNsd) {
  const auto path = dir_.path() / "cluster.local.zone";
  std::ofstream(path) << export_text(false);
  bool checked = false;
  if (on_path("kzonecheck")) {
    auto [status, output] = shell("kzonecheck -o cluster.local. " + path.string());
    EXPECT_EQ(status, 0) << output;
    checked = true;
  }
  if (on_path("nsd-checkzone")) {
    auto [status, output] = shell("nsd-checkzone cluster.local. " + path.string());
    EXPECT_EQ(status, 0) << output;
    checked = true;
  }
  if (!checked) GTEST_SKIP() << "neither kzonecheck (knot) nor nsd-checkzone (nsd) is installed";
}

TEST_F(ZoneExport, RouteIsReadOnlyAndPlainText) {
  const std::string url = server_.api_url() + "/apis/ordinal.dev/v1/zone";
  auto [status, code] = shell("curl -s -o /dev/null -w '%{http_code}' -X POST " + url);
  EXPECT_EQ(code, "405");
  auto [get_status, type] = shell("curl -s -o /dev/null -w '%{content_type}' " + url);
  EXPECT_EQ(type.rfind("text/plain", 0), 0u) << type;
}

}  // namespace
}  // namespace ordinal::testing
