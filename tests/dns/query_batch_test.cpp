// A batch answered at once (the UDP loop's path) gives, packet for packet, the action and the
// reply that answering each alone gives: good questions of every kind, malformed ones, a
// response, a name outside the zones with and without an upstream, and a batch without a
// snapshot.
#include <gtest/gtest.h>

#include <array>
#include <span>
#include <string>
#include <vector>

#include "dns/query_handler.hpp"
#include "tests/dns/dns_test_util.hpp"

namespace ordinal::dns {
namespace {

using namespace ordinal::dns::testing;

std::vector<std::string> mixed_packets() {
  QueryOptions edns;
  edns.edns_size = 4096;
  QueryOptions small_edns;
  small_edns.edns_size = 512;
  std::vector<std::string> packets = {
      make_query("web-0.nginx.test.svc.cluster.local.", 1),
      make_query("WEB-1.Nginx.test.svc.cluster.local.", 1, edns),
      make_query("_http._tcp.nginx.test.svc.cluster.local.", 33, small_edns),
      make_query("nginx.test.svc.cluster.local.", 33),
      make_query("web-99.nginx.test.svc.cluster.local.", 1),
      make_query("web-0.nginx.test.svc.cluster.local.", 28),
      make_query("example.com.", 1),
      make_query("cluster.local.", 6),
      make_query("cluster.local.", 255),
      std::string(5, '\0'),  // shorter than a header: dropped
  };
  std::string response = make_query("web-0.nginx.test.svc.cluster.local.", 1);
  response[2] = static_cast<char>(response[2] | 0x80);  // QR set: dropped
  packets.push_back(response);
  std::string bad_label = make_query("web-0.nginx.test.svc.cluster.local.", 1);
  bad_label[12] = 0x40;  // FORMERR
  packets.push_back(bad_label);
  std::string notimp = make_query("web-0.nginx.test.svc.cluster.local.", 1);
  notimp[2] = static_cast<char>(notimp[2] | 0x10);  // opcode 2: NOTIMP
  packets.push_back(notimp);
  return packets;
}

void expect_batch_equals_single(const zones::ZoneSnapshot* snapshot, const QueryLimits& limits) {
  const auto packets = mixed_packets();
  ASSERT_LE(packets.size(), kMaxQueryBatch);
  std::vector<std::span<const std::uint8_t>> views;
  for (const auto& packet : packets) views.push_back(bytes(packet));
  // Replies left over from an earlier batch must not leak into this one.
  std::vector<std::string> replies(packets.size(), std::string(700, 'x'));
  std::vector<QueryAction> actions(packets.size());
  handle_queries(views, snapshot, Transport::Udp, limits, replies, actions);
  for (std::size_t i = 0; i < packets.size(); ++i) {
    std::string alone(700, 'x');
    const QueryAction action = handle_query(views[i], snapshot, Transport::Udp, limits, alone);
    EXPECT_EQ(actions[i], action) << "packet " << i;
    if (action == QueryAction::Reply) {
      EXPECT_EQ(replies[i], alone) << "packet " << i;
    }
  }
}

TEST(QueryBatch, AnswersEachAsAlone) {
  const auto snapshot = headless_nginx(3);
  expect_batch_equals_single(snapshot.get(), QueryLimits{});
}

TEST(QueryBatch, ForwardsOutsideNamesAsAlone) {
  const auto snapshot = headless_nginx(3);
  QueryLimits limits;
  limits.forward_outside = true;
  expect_batch_equals_single(snapshot.get(), limits);
}

TEST(QueryBatch, WithoutSnapshotAsAlone) {
  expect_batch_equals_single(nullptr, QueryLimits{});
}

}  // namespace
}  // namespace ordinal::dns
