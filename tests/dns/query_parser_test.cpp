// The question as the parser hands it to the stages: the name as sent and in lower case, its
// hash (the one the zone's name table uses) and where its labels start, for names of every
// length, with and without records after the question; and the zone match that relies on the
// label starts.
#include "dns/query_parser.hpp"

#include <gtest/gtest.h>

#include <string>

#include "tests/dns/dns_test_util.hpp"
#include "zones/node_table.hpp"

namespace ordinal::dns {
namespace {

using namespace ordinal::dns::testing;

/// A dotted name of `labels` labels of `length` octets each, in mixed case.
std::string mixed_case_name(int labels, int length) {
  std::string name;
  for (int l = 0; l < labels; ++l) {
    for (int i = 0; i < length; ++i) {
      const char letter = static_cast<char>('a' + (l * 5 + i) % 26);
      name.push_back(i % 2 == 0 ? static_cast<char>(letter - 'a' + 'A') : letter);
    }
    name.push_back('.');
  }
  return name.empty() ? "." : name;
}

void expect_parsed(const std::string& qname, const QueryOptions& options) {
  const std::string packet = make_query(qname, 1, options);
  ParsedQuery query;
  ASSERT_FALSE(parse_query(bytes(packet), query)) << qname;
  const std::string sent = *zones::name_to_wire(qname);
  const std::string lower = zones::to_lower(sent);
  EXPECT_EQ(query.qname, sent);
  EXPECT_EQ(query.lower_name(), lower);
  EXPECT_EQ(query.lower_hash, zones::WireNameHash{}(lower)) << qname;
  std::size_t next_label = 0;
  for (std::size_t offset = 0; offset < 256; ++offset) {
    const bool starts = offset == next_label && offset < lower.size();
    EXPECT_EQ(query.label_starts_at(offset), starts) << qname << " offset " << offset;
    if (starts) next_label += 1U + static_cast<unsigned char>(lower[offset]);
  }
  EXPECT_EQ(query.edns.has_value(), options.edns_size.has_value());
}

TEST(QueryParser, NamesOfEveryLengthKeepCaseLowerAndHash) {
  QueryOptions with_edns;
  with_edns.edns_size = 1232;
  for (const auto& options : {QueryOptions{}, with_edns}) {
    expect_parsed(".", options);
    for (int length = 1; length <= 20; ++length) {
      for (int labels = 1; labels <= 4; ++labels) {
        expect_parsed(mixed_case_name(labels, length), options);
      }
    }
    expect_parsed(mixed_case_name(3, 63), options);         // 193 octets
    expect_parsed(mixed_case_name(4, 62) + "A.", options);  // 255 octets, the longest
  }
}

TEST(QueryParser, ReusedQueryForgetsTheLastName) {
  ParsedQuery query;
  const std::string longer = make_query("web-0.nginx.test.svc.cluster.local.", 1);
  const std::string shorter = make_query("Local.", 1);
  ASSERT_FALSE(parse_query(bytes(longer), query));
  ASSERT_FALSE(parse_query(bytes(shorter), query));
  EXPECT_EQ(query.lower_name(), *zones::name_to_wire("local."));
  EXPECT_FALSE(query.label_starts_at(7));
  EXPECT_TRUE(query.label_starts_at(6));
}

TEST(QueryParser, NameOverTheLimitIsRejected) {
  ParsedQuery query;
  // 256 octets in wire form: built by hand, name_to_wire refuses it.
  std::string packet = make_query("a.", 1);
  std::string name;
  for (int i = 0; i < 3; ++i) name += std::string(1, '\x3f') + std::string(63, 'a');
  name += std::string(1, '\x3e') + std::string(62, 'a') + std::string(1, '\0');
  ASSERT_EQ(name.size(), 256u);
  packet.replace(12, 3, name);
  EXPECT_EQ(parse_query(bytes(packet), query), make_error_code(QueryError::BadName));
}

/// An apex that appears at the end of the name but inside a label is not a match: the
/// name is outside the zone (REFUSED), not a name of it (NXDOMAIN).
TEST(QueryParser, ZoneApexMustStartAtALabel) {
  const auto snapshot = headless_nginx(1);
  std::string packet = make_query("web-0.nginx.test.svc.cluster.local.", 1);
  // One label "x\7cluster\5local" before the root: ends with the apex's octets.
  const std::string inside = std::string("\x0f") + "x" + std::string("\x07") + "cluster" +
                             std::string("\x05") + "local" + std::string(1, '\0');
  const std::string apex_wire = *zones::name_to_wire("cluster.local.");
  ASSERT_EQ(inside.substr(inside.size() - apex_wire.size()), apex_wire);
  packet.replace(12, packet.size() - 12 - 4, inside);
  std::string reply;
  ASSERT_EQ(handle_query(bytes(packet), snapshot.get(), Transport::Udp, {}, reply),
            QueryAction::Reply);
  ASSERT_GE(reply.size(), 4u);
  EXPECT_EQ(reply[3] & 0x0F, 5) << "REFUSED";

  const std::string inside_zone = make_query("X.cluster.LOCAL.", 1);
  ASSERT_EQ(handle_query(bytes(inside_zone), snapshot.get(), Transport::Udp, {}, reply),
            QueryAction::Reply);
  EXPECT_EQ(reply[3] & 0x0F, 3) << "NXDOMAIN";
}

}  // namespace
}  // namespace ordinal::dns
