// Bad packets and protocol edges (dns.md §11, §12; STYLE rule 8): FORMERR or a drop, never a
// crash; NOTIMP, BADVERS, REFUSED, truncation and case echo.
#include <gtest/gtest.h>

#include "dns/ldns.hpp"
#include "dns/query_handler.hpp"
#include "tests/dns/dns_test_util.hpp"

namespace ordinal::dns {
namespace {

using namespace ordinal::dns::testing;
using identity::Json;

struct Reply {
  bool sent = false;
  std::string wire;
  int rcode() const { return static_cast<std::uint8_t>(wire.at(3)) & 0x0F; }
  bool tc() const { return (static_cast<std::uint8_t>(wire.at(2)) & 0x02) != 0; }
  bool aa() const { return (static_cast<std::uint8_t>(wire.at(2)) & 0x04) != 0; }
  /// 0 = Answer, 1 = Authority, 2 = Additional.
  int count(std::size_t section) const {
    return (static_cast<std::uint8_t>(wire.at(6 + 2 * section)) << 8) |
           static_cast<std::uint8_t>(wire.at(7 + 2 * section));
  }
};

class MalformedQuery : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { snapshot_ = headless_nginx(60); }
  static Reply ask(const std::string& packet, Transport transport = Transport::Udp) {
    Reply reply;
    reply.sent = handle_query(bytes(packet), snapshot_.get(), transport, {}, reply.wire) ==
                 QueryAction::Reply;
    return reply;
  }
  static std::shared_ptr<const zones::ZoneSnapshot> snapshot_;
};
std::shared_ptr<const zones::ZoneSnapshot> MalformedQuery::snapshot_;

const std::string kName = "nginx.test.svc.cluster.local.";

TEST_F(MalformedQuery, TruncatedHeaderIsDropped) {
  EXPECT_FALSE(ask(std::string("\x12\x34\x01\x00\x00", 5)).sent);
  EXPECT_FALSE(ask("").sent);
}

TEST_F(MalformedQuery, ResponsesAreDropped) {
  std::string packet = make_query(kName, 1);
  packet[2] = static_cast<char>(packet[2] | 0x80);
  EXPECT_FALSE(ask(packet).sent);
}

TEST_F(MalformedQuery, HeaderOnlyIsFormErr) {
  const Reply reply = ask(make_query(kName, 1).substr(0, 12));
  ASSERT_TRUE(reply.sent);
  EXPECT_EQ(reply.rcode(), 1);
  EXPECT_EQ(reply.wire.substr(0, 2), "\x12\x34");  // ID echoed
}

TEST_F(MalformedQuery, LabelLengthPastTheEndIsFormErr) {
  std::string packet = make_query(kName, 1);
  packet[12] = 60;  // first label claims 60 octets
  packet.resize(30);
  const Reply reply = ask(packet);
  ASSERT_TRUE(reply.sent);
  EXPECT_EQ(reply.rcode(), 1);
}

TEST_F(MalformedQuery, ExtendedLabelTypeIsFormErr) {
  std::string packet = make_query(kName, 1);
  packet[12] = static_cast<char>(0x45);
  EXPECT_EQ(ask(packet).rcode(), 1);
}

TEST_F(MalformedQuery, CompressionLoopInQuestionIsFormErr) {
  std::string packet = make_query(kName, 1).substr(0, 12);
  packet += "\xC0\x0C";  // points at itself
  packet += std::string("\x00\x01\x00\x01", 4);
  EXPECT_EQ(ask(packet).rcode(), 1);
}

TEST_F(MalformedQuery, CompressionLoopInAdditionalIsFormErr) {
  std::string packet = make_query(kName, 1);
  packet[11] = 1;                   // ARCOUNT 1
  const auto self = packet.size();  // a pointer to itself
  packet.push_back(static_cast<char>(0xC0 | (self >> 8)));
  packet.push_back(static_cast<char>(self & 0xFF));
  packet += std::string("\x00\x01\x00\x01\x00\x00\x00\x05\x00\x00", 10);
  EXPECT_EQ(ask(packet).rcode(), 1);
}

TEST_F(MalformedQuery, QuestionCountZeroOrTwoIsFormErr) {
  std::string packet = make_query(kName, 1);
  packet[5] = 0;
  EXPECT_EQ(ask(packet).rcode(), 1);
  packet[5] = 2;
  EXPECT_EQ(ask(packet).rcode(), 1);
}

TEST_F(MalformedQuery, CountsBeyondThePacketAreFormErr) {
  std::string packet = make_query(kName, 1);
  packet[7] = 3;  // ANCOUNT 3, no records follow
  EXPECT_EQ(ask(packet).rcode(), 1);
}

TEST_F(MalformedQuery, TrailingOctetsAreFormErr) {
  EXPECT_EQ(ask(make_query(kName, 1) + "junk").rcode(), 1);
}

TEST_F(MalformedQuery, OptWithHugeLengthIsFormErr) {
  std::string packet = make_query(kName, 1, {.qclass = 1, .edns_size = 4096});
  packet[packet.size() - 2] = static_cast<char>(0xFF);  // RDLENGTH 65280, nothing follows
  EXPECT_EQ(ask(packet).rcode(), 1);
}

TEST_F(MalformedQuery, TwoOptRecordsAreFormErr) {
  std::string packet = make_query(kName, 1, {.qclass = 1, .edns_size = 1232});
  packet[11] = 2;
  packet += packet.substr(packet.size() - 11);
  EXPECT_EQ(ask(packet).rcode(), 1);
}

TEST_F(MalformedQuery, OtherOpcodeIsNotImp) {
  std::string packet = make_query(kName, 1);
  packet[2] = static_cast<char>(packet[2] | (2 << 3));  // STATUS
  const Reply reply = ask(packet);
  EXPECT_EQ(reply.rcode(), 4);
}

TEST_F(MalformedQuery, UnknownEdnsVersionIsBadVers) {
  auto packet = ldns::packet_from_wire(
      ask(make_query(kName, 1, {.qclass = 1, .edns_size = 1232, .edns_version = 1})).wire);
  ASSERT_TRUE(packet);
  // BADVERS = 16: low bits 0 in the header, 1 in the OPT extended rcode.
  EXPECT_EQ(ldns_pkt_get_rcode(packet.get()), 0);
  EXPECT_EQ(ldns_pkt_edns_extended_rcode(packet.get()), 1);
}

TEST_F(MalformedQuery, OutsideTheZoneIsRefusedWithoutAa) {  // dns.md §11
  const Reply reply = ask(make_query("example.com.", 1));
  EXPECT_EQ(reply.rcode(), 5);
  EXPECT_FALSE(reply.aa());
  EXPECT_EQ(reply.count(1), 0);  // no SOA
}

TEST_F(MalformedQuery, ClassOtherThanInIsRefused) {  // dns.md §11
  EXPECT_EQ(ask(make_query(kName, 1, {.qclass = 3, .edns_size = std::nullopt})).rcode(), 5);
}

TEST_F(MalformedQuery, TransferIsRefused) {  // dns.md §6.9
  EXPECT_EQ(ask(make_query("cluster.local.", 252), Transport::Tcp).rcode(), 5);
}

TEST_F(MalformedQuery, EdnsReplyCarriesOpt) {  // dns.md §4
  auto packet =
      ldns::packet_from_wire(ask(make_query(kName, 1, {.qclass = 1, .edns_size = 4096})).wire);
  ASSERT_TRUE(packet);
  EXPECT_EQ(ldns_pkt_edns_udp_size(packet.get()), 1232);
}

TEST_F(MalformedQuery, UdpWithoutEdnsTruncatesWholeRRset) {  // dns.md §12
  const Reply reply = ask(make_query(kName, 1));
  EXPECT_TRUE(reply.tc());
  EXPECT_EQ(reply.count(0), 0);
  EXPECT_LE(reply.wire.size(), 512U);
}

TEST_F(MalformedQuery, EdnsAnswerFitsWithoutTc) {  // dns.md §12: 60 A records fit in 1232
  const Reply reply = ask(make_query(kName, 1, {.qclass = 1, .edns_size = 1232}));
  EXPECT_FALSE(reply.tc());
  EXPECT_EQ(reply.count(0), 60);
  EXPECT_LE(reply.wire.size(), 1232U);
}

TEST_F(MalformedQuery, TcpReturnsEverything) {  // dns.md §12
  const Reply reply = ask(make_query("_http._tcp." + kName, 33), Transport::Tcp);
  EXPECT_FALSE(reply.tc());
  EXPECT_EQ(reply.count(0), 60);
  EXPECT_EQ(reply.count(2), 60);
}

TEST_F(MalformedQuery, AdditionalCutWithoutTc) {  // D11: only Additional cut -> TC=0
  // 18 SRV records fit in 1232 octets, their 18 glue records do not all fit.
  const auto snapshot = headless_nginx(18);
  std::string wire;
  const auto query = make_query("_http._tcp." + kName, 33, {.qclass = 1, .edns_size = 4096});
  ASSERT_EQ(QueryAction::Reply,
            handle_query(bytes(query), snapshot.get(), Transport::Udp, {}, wire));
  const Reply reply{true, wire};
  EXPECT_FALSE(reply.tc());
  EXPECT_EQ(reply.count(0), 18);
  EXPECT_GT(reply.count(2), 1);   // some glue, and the OPT
  EXPECT_LT(reply.count(2), 19);  // not all glue
  EXPECT_LE(reply.wire.size(), 1232U);
}

TEST_F(MalformedQuery, TcpTruncatesBeyond65535) {  // dns.md §12: about 4 000 A records
  const auto snapshot = headless_nginx(5000);
  std::string wire;
  ASSERT_EQ(QueryAction::Reply,
            handle_query(bytes(make_query(kName, 1)), snapshot.get(), Transport::Tcp, {}, wire));
  const Reply reply{true, wire};
  EXPECT_TRUE(reply.tc());
  EXPECT_LE(reply.wire.size(), 65535U);
}

TEST_F(MalformedQuery, CaseOfTheQuestionIsEchoed) {  // dns.md §8
  const std::string mixed = "NGinx.TEST.svc.ClUsTeR.lOcAl.";
  const Reply reply = ask(make_query(mixed, 1, {.qclass = 1, .edns_size = 1232}));
  auto packet = ldns::packet_from_wire(reply.wire);
  ASSERT_TRUE(packet);
  ASSERT_GT(ldns_pkt_ancount(packet.get()), 0);
  const std::string owner = ldns::rr_to_text(ldns_rr_list_rr(ldns_pkt_answer(packet.get()), 0));
  EXPECT_EQ(owner.substr(0, mixed.size()), mixed);
  const std::string question =
      ldns::rr_to_text(ldns_rr_list_rr(ldns_pkt_question(packet.get()), 0));
  EXPECT_EQ(question.substr(0, mixed.size()), mixed);
}

TEST_F(MalformedQuery, NegativeSoaOwnerFollowsQueryCase) {  // dns.md §8
  const Reply reply = ask(make_query("nope.test.svc.ClUsTeR.lOcAl.", 1));
  auto packet = ldns::packet_from_wire(reply.wire);
  ASSERT_TRUE(packet);
  EXPECT_EQ(ldns_pkt_get_rcode(packet.get()), LDNS_RCODE_NXDOMAIN);
  ASSERT_EQ(ldns_pkt_nscount(packet.get()), 1);
  const std::string soa = ldns::rr_to_text(ldns_rr_list_rr(ldns_pkt_authority(packet.get()), 0));
  EXPECT_EQ(soa.substr(0, 15), "ClUsTeR.lOcAl.\t");
}

TEST_F(MalformedQuery, NoSnapshotIsServFail) {  // dns.md §4: before the first load
  std::string wire;
  ASSERT_EQ(QueryAction::Reply,
            handle_query(bytes(make_query(kName, 1)), nullptr, Transport::Udp, {}, wire));
  EXPECT_EQ(static_cast<std::uint8_t>(wire.at(3)) & 0x0F, 2);
}

TEST_F(MalformedQuery, RandomGarbageNeverCrashes) {
  std::uint32_t state = 12345;
  const std::string seed = make_query("_http._tcp." + kName, 33, {.qclass = 1, .edns_size = 1232});
  for (int round = 0; round < 20000; ++round) {
    std::string packet = seed;
    for (int flips = 0; flips < 4; ++flips) {
      state = state * 1103515245U + 12345U;
      packet[(state >> 8) % packet.size()] = static_cast<char>(state >> 24);
    }
    state = state * 1103515245U + 12345U;
    packet.resize((state >> 16) % (packet.size() + 1));
    std::string wire;
    if (handle_query(bytes(packet), snapshot_.get(), Transport::Udp, {}, wire) ==
        QueryAction::Reply) {
      ASSERT_GE(wire.size(), 12U);
      ASSERT_LE(wire.size(), 1232U);
    }
  }
}

}  // namespace
}  // namespace ordinal::dns
