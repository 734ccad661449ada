// Zone transfer replies without sockets (issue 10 item 2; dns.md §6.9 for the content): AXFR
// opens and closes with the SOA and carries the export's records, large zones split into
// messages a TCP client can take, IXFR sends the difference or falls back to AXFR, and only
// allowed clients get anything.
#include "dns/zone_transfer.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "dns/ldns.hpp"
#include "dns/query_parser.hpp"
#include "dns/transfer_handler.hpp"
#include "dns/zone_notifier.hpp"
#include "dns_test_util.hpp"
#include "zones/zone_export.hpp"

namespace ordinal::dns {
namespace {

using testing::bytes;
using testing::headless_nginx;
using testing::make_query;

const zones::Zone& forward(const zones::ZoneSnapshot& snapshot) {
  return snapshot.zones().front();
}

/// Every Answer record of every message, as text, in order; fails the test on a bad message.
std::vector<std::string> answers(const std::vector<std::string>& messages, std::uint16_t id) {
  std::vector<std::string> out;
  for (const auto& message : messages) {
    EXPECT_LE(message.size(), 65535u);
    auto packet = ldns::packet_from_wire(message);
    if (!packet) {
      ADD_FAILURE() << "ldns rejects a transfer message";
      continue;
    }
    EXPECT_EQ(ldns_pkt_id(packet.get()), id);
    EXPECT_TRUE(ldns_pkt_aa(packet.get()));
    EXPECT_EQ(ldns_pkt_get_rcode(packet.get()), LDNS_RCODE_NOERROR);
    const ldns_rr_list* list = ldns_pkt_answer(packet.get());
    for (std::size_t i = 0; i < ldns_rr_list_rr_count(list); ++i) {
      out.push_back(testing::normalise(ldns::rr_to_text(ldns_rr_list_rr(list, i))));
    }
  }
  return out;
}

/// The export's record lines, normalised like answers().
std::vector<std::string> exported(const zones::ZoneSnapshot& snapshot) {
  std::vector<std::string> out;
  std::istringstream in(zones::export_zone_text(snapshot, false));
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == ';' || line[0] == '$') continue;
    out.push_back(testing::normalise(ldns::rr_to_text(ldns::rr_from_text(line).get())));
  }
  return out;
}

std::vector<std::string> transfer(const std::string& query, const zones::ZoneSnapshot& snapshot,
                                  const TransferPolicy& policy, const char* client = "127.0.0.1") {
  return answer_transfer(bytes(query), &snapshot, boost::asio::ip::make_address(client), policy);
}

TransferPolicy allow_loopback(const TransferJournal* journal = nullptr) {
  return {TransferAcl::parse({"127.0.0.0/8"}), journal};
}

/// An IXFR query whose Authority section holds a SOA with `serial` (owner compressed to the
/// question, as dig and Knot send it).
std::string ixfr_query(std::uint32_t serial) {
  std::string query = make_query("cluster.local.", zones::rr_type::kIxfr);
  query[9] = 1;  // NSCOUNT
  query += std::string("\xC0\x0C", 2);
  zones::append_u16(query, zones::rr_type::kSoa);
  zones::append_u16(query, zones::kClassIn);
  zones::append_u32(query, 5);
  const std::string rdata = std::string("\x02ns\xC0\x0C\x04host\xC0\x0C", 12);
  zones::append_u16(query, static_cast<std::uint16_t>(rdata.size() + 20));
  query += rdata;
  zones::append_u32(query, serial);
  for (int i = 0; i < 4; ++i) zones::append_u32(query, 60);
  return query;
}

TEST(ZoneTransfer, AxfrOpensAndClosesWithTheSoaAndCarriesTheExportedRecords) {
  const auto snapshot = headless_nginx(3, 7);
  const auto records = answers(
      transfer(make_query("Cluster.Local.", zones::rr_type::kAxfr), *snapshot, allow_loopback()),
      0x1234);
  ASSERT_GE(records.size(), 2u);
  EXPECT_NE(records.front().find(" soa "), std::string::npos) << records.front();
  EXPECT_EQ(records.front(), records.back());
  const std::vector<std::string> inner(records.begin(), records.end() - 1);
  EXPECT_EQ(inner, exported(*snapshot));
}

TEST(ZoneTransfer, ALargeZoneSplitsIntoMessagesUnder64KiB) {
  const auto snapshot = headless_nginx(3000);
  const auto messages =
      transfer(make_query("cluster.local.", zones::rr_type::kAxfr), *snapshot, allow_loopback());
  EXPECT_GT(messages.size(), 3u);
  const auto records = answers(messages, 0x1234);
  EXPECT_EQ(records.size(), exported(*snapshot).size() + 1);
}

TEST(ZoneTransfer, ClientsOutsideTheAclAndNamesOtherThanAnApexAreRefused) {
  const auto snapshot = headless_nginx(1);
  for (const auto& [query, client] :
       {std::pair{make_query("cluster.local.", zones::rr_type::kAxfr), "10.0.0.1"},
        std::pair{make_query("svc.cluster.local.", zones::rr_type::kAxfr), "127.0.0.1"},
        std::pair{make_query("example.org.", zones::rr_type::kAxfr), "127.0.0.1"}}) {
    const auto messages = transfer(query, *snapshot, allow_loopback(), client);
    ASSERT_EQ(messages.size(), 1u);
    auto packet = ldns::packet_from_wire(messages[0]);
    ASSERT_TRUE(packet);
    EXPECT_EQ(ldns_pkt_get_rcode(packet.get()), LDNS_RCODE_REFUSED) << client;
  }
}

TEST(ZoneTransfer, IxfrReadsTheClientSerialFromTheAuthoritySoa) {
  const std::string query = ixfr_query(4242);
  ParsedQuery parsed;
  ASSERT_FALSE(parse_query(bytes(query), parsed));
  EXPECT_EQ(ixfr_client_serial(bytes(query), parsed), 4242u);
  const std::string without = make_query("cluster.local.", zones::rr_type::kIxfr);
  ASSERT_FALSE(parse_query(bytes(without), parsed));
  EXPECT_EQ(ixfr_client_serial(bytes(without), parsed), std::nullopt);
}

TEST(ZoneTransfer, IxfrFromAnUpToDateClientIsOurSoaAlone) {
  const auto snapshot = headless_nginx(3, 9);
  const auto records = answers(transfer(ixfr_query(9), *snapshot, allow_loopback()), 0x1234);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_NE(records[0].find(" soa "), std::string::npos);
}

TEST(ZoneTransfer, IxfrSendsOnlyWhatChangedSinceAKeptVersion) {
  TransferJournal journal;
  const auto before = headless_nginx(3, 10);
  const auto after = headless_nginx(1, 11);
  journal.record(before);
  journal.record(after);
  const auto records = answers(transfer(ixfr_query(10), *after, allow_loopback(&journal)), 0x1234);
  // new SOA, old SOA, removed..., new SOA, added..., new SOA
  ASSERT_GE(records.size(), 5u);
  EXPECT_NE(records[1].find(" 10 "), std::string::npos) << records[1];
  EXPECT_EQ(records[0], records.back());
  const auto middle = std::find(records.begin() + 2, records.end() - 1, records[0]);
  ASSERT_NE(middle, records.end() - 1);
  const std::vector<std::string> removed(records.begin() + 2, middle);
  const std::vector<std::string> added(middle + 1, records.end() - 1);
  const auto has = [](const std::vector<std::string>& lines, const std::string& text) {
    return std::find(lines.begin(), lines.end(), text) != lines.end();
  };
  EXPECT_TRUE(has(removed, "web-2.nginx.test.svc.cluster.local. 5 in a 10.1.0.3"));
  EXPECT_TRUE(has(removed, "web-1.nginx.test.svc.cluster.local. 5 in a 10.1.0.2"));
  EXPECT_FALSE(has(removed, "web-0.nginx.test.svc.cluster.local. 5 in a 10.1.0.1"));
  // web-0's SRV weight goes from 33 to 100 (one ready address left in the slice).
  EXPECT_TRUE(has(removed,
                  "_http._tcp.nginx.test.svc.cluster.local. 5 in srv 0 33 80 "
                  "web-0.nginx.test.svc.cluster.local."));
  EXPECT_EQ(added, std::vector<std::string>{"_http._tcp.nginx.test.svc.cluster.local. 5 in srv 0 "
                                            "100 80 web-0.nginx.test.svc.cluster.local."});
}

TEST(ZoneTransfer, IxfrFromAVersionNoLongerKeptIsAWholeTransfer) {
  TransferJournal journal(1);
  const auto after = headless_nginx(2, 21);
  journal.record(headless_nginx(3, 20));
  journal.record(after);
  const auto records = answers(transfer(ixfr_query(20), *after, allow_loopback(&journal)), 0x1234);
  EXPECT_EQ(records.size(), exported(*after).size() + 1);
}

// The zone feed serves a full build first and then the same version from its updater
// (SnapshotHolder::replace): the journal keeps one copy of that version, the newer one, and a
// client holding the version before it still gets what changed.
TEST(ZoneTransfer, TheSameVersionBuiltAgainReplacesTheOneKept) {
  TransferJournal journal(2);
  const auto before = headless_nginx(3, 30);
  const auto first_build = headless_nginx(1, 31);
  const auto rebuilt = headless_nginx(1, 31);
  journal.record(before);
  journal.record(first_build);
  journal.record(rebuilt);
  EXPECT_EQ(journal.find(31), rebuilt);
  EXPECT_EQ(journal.find(30), before);  // depth 2: still kept, the rebuild took no room
  const auto records =
      answers(transfer(ixfr_query(30), *rebuilt, allow_loopback(&journal)), 0x1234);
  // An incremental answer: our SOA, then the client's version's SOA (a whole transfer would
  // follow our SOA with the zone's records).
  ASSERT_GE(records.size(), 2u);
  EXPECT_NE(records[1].find(" 30 "), std::string::npos) << records[1];
}

TEST(ZoneTransfer, DifferenceOfTheSameVersionIsEmpty) {
  const auto snapshot = headless_nginx(3);
  const auto difference = zone_difference(forward(*snapshot), forward(*snapshot));
  EXPECT_TRUE(difference.removed.empty());
  EXPECT_TRUE(difference.added.empty());
}

TEST(TransferAcl, PrefixesMatchTheirAddressesOnly) {
  const auto acl = TransferAcl::parse({"10.1.0.0/16", "::1", "192.168.1.7"});
  using boost::asio::ip::make_address;
  EXPECT_TRUE(acl.allows(make_address("10.1.200.3")));
  EXPECT_FALSE(acl.allows(make_address("10.2.0.1")));
  EXPECT_TRUE(acl.allows(make_address("::1")));
  EXPECT_TRUE(acl.allows(make_address("::ffff:192.168.1.7")));
  EXPECT_FALSE(acl.allows(make_address("192.168.1.8")));
  EXPECT_TRUE(TransferAcl::parse({}).empty());
  EXPECT_THROW(TransferAcl::parse({"10.0.0.0/33"}), std::invalid_argument);
  EXPECT_THROW(TransferAcl::parse({"not-an-address"}), std::invalid_argument);
}

TEST(ZoneNotify, NotifyIsOpcodeFourForTheApexSoaWithTheSoaAttached) {
  const auto snapshot = headless_nginx(1, 33);
  const std::string message = notify_message(forward(*snapshot), 77);
  auto packet = ldns::packet_from_wire(message);
  ASSERT_TRUE(packet);
  EXPECT_EQ(ldns_pkt_get_opcode(packet.get()), LDNS_PACKET_NOTIFY);
  EXPECT_TRUE(ldns_pkt_aa(packet.get()));
  EXPECT_EQ(ldns_pkt_id(packet.get()), 77);
  const ldns_rr* question = ldns_rr_list_rr(ldns_pkt_question(packet.get()), 0);
  EXPECT_EQ(ldns_rr_get_type(question), LDNS_RR_TYPE_SOA);
  ASSERT_EQ(ldns_rr_list_rr_count(ldns_pkt_answer(packet.get())), 1u);
  EXPECT_NE(ldns::rr_to_text(ldns_rr_list_rr(ldns_pkt_answer(packet.get()), 0)).find(" 33 "),
            std::string::npos);
}

}  // namespace
}  // namespace ordinal::dns
