// `ordinal peers` output formats and templates against the text each application expects, for
// sets of 1, 3 and 5 members, with --ordinal-offset, --id-offset, --self and a non-default
// --domain. Members come from SRV records listed out of order, as a server may answer.
#include "tools/cli/peers_format.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

#include "identity/json.hpp"
#include "tools/cli/peer_list.hpp"
#include "tools/cli/peers_template.hpp"

namespace ordinal::cli {
namespace {

// Members <set>-<start>..<set>-<start+count-1> of `svc.ns` under `domain`, with SRV records
// in reverse order and one address each.
std::vector<Peer> members(const std::string& set, const std::string& service, int count,
                          std::uint16_t port, const std::string& domain = "cluster.local",
                          int start = 0, int port_override = 0) {
  std::vector<SrvRecord> srvs;
  std::vector<AddressRecord> addresses;
  for (int i = start + count - 1; i >= start; --i) {
    const std::string target =
        set + "-" + std::to_string(i) + "." + service + ".db.svc." + domain + ".";
    srvs.push_back({target, port});
    addresses.push_back({target, "10.0.0." + std::to_string(i + 10)});
  }
  return members_from_records(srvs, addresses, start, port_override);
}

ServiceName service_name(const std::string& service, const std::string& domain = "cluster.local") {
  return parse_service_argument(service + ".db", "default", domain);
}

std::string render(const std::vector<Peer>& peers, PeerFormat format,
                   std::optional<SelfIdentity> self = std::nullopt, int id_offset = 0,
                   const std::string& scheme = "http") {
  return format_peers(peers, FormatOptions{format, scheme, id_offset, std::move(self)});
}

TEST(PeersFormat, ListOneLinePerMemberInOrdinalOrder) {
  EXPECT_EQ(render(members("web", "nginx", 1, 80), PeerFormat::List),
            "web-0.nginx.db.svc.cluster.local:80\n");
  EXPECT_EQ(render(members("web", "nginx", 3, 80), PeerFormat::List),
            "web-0.nginx.db.svc.cluster.local:80\n"
            "web-1.nginx.db.svc.cluster.local:80\n"
            "web-2.nginx.db.svc.cluster.local:80\n");
  const auto five = render(members("web", "nginx", 5, 80, "example.org"), PeerFormat::List);
  EXPECT_EQ(five,
            "web-0.nginx.db.svc.example.org:80\nweb-1.nginx.db.svc.example.org:80\n"
            "web-2.nginx.db.svc.example.org:80\nweb-3.nginx.db.svc.example.org:80\n"
            "web-4.nginx.db.svc.example.org:80\n");
}

TEST(PeersFormat, ListSortsByNumberNotText) {
  // web-10 after web-9, as ordinals, not as strings.
  const auto peers = members("web", "nginx", 11, 80);
  ASSERT_EQ(peers.size(), 11u);
  EXPECT_EQ(peers[9].name, "web-9");
  EXPECT_EQ(peers[10].name, "web-10");
}

TEST(PeersFormat, JsonCarriesNameOrdinalFqdnPortAndAddresses) {
  const auto text =
      render(members("web", "nginx", 3, 80, "cluster.local", 1), PeerFormat::JsonArray);
  const auto json = identity::Json::parse(text);
  ASSERT_EQ(json.size(), 3u);
  // --ordinal-offset 1 (ordinals.start = 1): web-1 is ordinal 0.
  EXPECT_EQ(json[0], identity::Json::parse(R"({"name": "web-1", "ordinal": 0,
      "fqdn": "web-1.nginx.db.svc.cluster.local", "port": 80, "addresses": ["10.0.0.11"]})"));
  EXPECT_EQ(json[2]["name"], "web-3");
  EXPECT_EQ(json[2]["ordinal"], 2);
}

TEST(PeersFormat, JsonMemberWithoutOrdinalHasNull) {
  const auto peers = members_from_records({{"10-0-0-7.nginx.db.svc.cluster.local.", 80}}, {}, 0, 0);
  const auto json = identity::Json::parse(render(peers, PeerFormat::JsonArray));
  EXPECT_TRUE(json[0]["ordinal"].is_null());
  EXPECT_EQ(json[0]["addresses"], identity::Json::array());
}

TEST(PeersFormat, EtcdInitialClusterForOneThreeAndFive) {
  EXPECT_EQ(render(members("etcd", "etcd", 1, 2380), PeerFormat::Etcd),
            "--initial-cluster=etcd-0=http://etcd-0.etcd.db.svc.cluster.local:2380\n");
  EXPECT_EQ(render(members("etcd", "etcd", 3, 2380), PeerFormat::Etcd, std::nullopt, 0, "https"),
            "--initial-cluster=etcd-0=https://etcd-0.etcd.db.svc.cluster.local:2380,"
            "etcd-1=https://etcd-1.etcd.db.svc.cluster.local:2380,"
            "etcd-2=https://etcd-2.etcd.db.svc.cluster.local:2380\n");
  const auto five = render(members("etcd", "etcd", 5, 2380, "corp.internal"), PeerFormat::Etcd);
  EXPECT_EQ(five,
            "--initial-cluster=etcd-0=http://etcd-0.etcd.db.svc.corp.internal:2380,"
            "etcd-1=http://etcd-1.etcd.db.svc.corp.internal:2380,"
            "etcd-2=http://etcd-2.etcd.db.svc.corp.internal:2380,"
            "etcd-3=http://etcd-3.etcd.db.svc.corp.internal:2380,"
            "etcd-4=http://etcd-4.etcd.db.svc.corp.internal:2380\n");
}

TEST(PeersFormat, EtcdSelfAddsAdvertisePeerUrl) {
  const auto peers = members("etcd", "etcd", 3, 2380, "corp.internal");
  const auto self =
      self_from_hostname("etcd-1", 0, service_name("etcd", "corp.internal"), peers, 0);
  EXPECT_EQ(render(peers, PeerFormat::Etcd, self),
            "--initial-cluster=etcd-0=http://etcd-0.etcd.db.svc.corp.internal:2380,"
            "etcd-1=http://etcd-1.etcd.db.svc.corp.internal:2380,"
            "etcd-2=http://etcd-2.etcd.db.svc.corp.internal:2380\n"
            "--initial-advertise-peer-urls=http://etcd-1.etcd.db.svc.corp.internal:2380\n");
}

TEST(PeersFormat, ElasticsearchSeedHostsAndInitialMasters) {
  EXPECT_EQ(render(members("es", "es", 1, 9300), PeerFormat::Elasticsearch),
            "discovery.seed_hosts: [\"es-0.es.db.svc.cluster.local:9300\"]\n"
            "cluster.initial_master_nodes: [\"es-0\"]\n");
  EXPECT_EQ(render(members("es", "es", 3, 9300), PeerFormat::Elasticsearch),
            "discovery.seed_hosts: [\"es-0.es.db.svc.cluster.local:9300\", "
            "\"es-1.es.db.svc.cluster.local:9300\", \"es-2.es.db.svc.cluster.local:9300\"]\n"
            "cluster.initial_master_nodes: [\"es-0\", \"es-1\", \"es-2\"]\n");
  EXPECT_EQ(
      render(members("es", "es", 5, 9300, "cluster.local", 0, 9400), PeerFormat::Elasticsearch),
      "discovery.seed_hosts: [\"es-0.es.db.svc.cluster.local:9400\", "
      "\"es-1.es.db.svc.cluster.local:9400\", \"es-2.es.db.svc.cluster.local:9400\", "
      "\"es-3.es.db.svc.cluster.local:9400\", \"es-4.es.db.svc.cluster.local:9400\"]\n"
      "cluster.initial_master_nodes: [\"es-0\", \"es-1\", \"es-2\", \"es-3\", \"es-4\"]\n");
}

TEST(PeersFormat, KafkaVotersUseOrdinalPlusIdOffset) {
  EXPECT_EQ(render(members("kafka", "kafka", 1, 9093), PeerFormat::Kafka),
            "controller.quorum.voters=0@kafka-0.kafka.db.svc.cluster.local:9093\n"
            "bootstrap.servers=kafka-0.kafka.db.svc.cluster.local:9093\n");
  EXPECT_EQ(render(members("kafka", "kafka", 3, 9093), PeerFormat::Kafka, std::nullopt, 100),
            "controller.quorum.voters=100@kafka-0.kafka.db.svc.cluster.local:9093,"
            "101@kafka-1.kafka.db.svc.cluster.local:9093,"
            "102@kafka-2.kafka.db.svc.cluster.local:9093\n"
            "bootstrap.servers=kafka-0.kafka.db.svc.cluster.local:9093,"
            "kafka-1.kafka.db.svc.cluster.local:9093,kafka-2.kafka.db.svc.cluster.local:9093\n");
  // ordinals.start = 1 with --ordinal-offset 1 and --id-offset 1: ids 1..5 for kafka-1..5.
  const auto five = render(members("kafka", "k", 5, 9093, "cluster.local", 1), PeerFormat::Kafka,
                           std::nullopt, 1);
  EXPECT_EQ(five,
            "controller.quorum.voters=1@kafka-1.k.db.svc.cluster.local:9093,"
            "2@kafka-2.k.db.svc.cluster.local:9093,3@kafka-3.k.db.svc.cluster.local:9093,"
            "4@kafka-4.k.db.svc.cluster.local:9093,5@kafka-5.k.db.svc.cluster.local:9093\n"
            "bootstrap.servers=kafka-1.k.db.svc.cluster.local:9093,"
            "kafka-2.k.db.svc.cluster.local:9093,kafka-3.k.db.svc.cluster.local:9093,"
            "kafka-4.k.db.svc.cluster.local:9093,kafka-5.k.db.svc.cluster.local:9093\n");
}

TEST(PeersFormat, ZookeeperServerLinesAreOrdinalPlusOne) {
  EXPECT_EQ(render(members("zk", "zk", 1, 2181), PeerFormat::Zookeeper),
            "server.1=zk-0.zk.db.svc.cluster.local:2888:3888\n");
  EXPECT_EQ(render(members("zk", "zk", 5, 2181, "example.org"), PeerFormat::Zookeeper),
            "server.1=zk-0.zk.db.svc.example.org:2888:3888\n"
            "server.2=zk-1.zk.db.svc.example.org:2888:3888\n"
            "server.3=zk-2.zk.db.svc.example.org:2888:3888\n"
            "server.4=zk-3.zk.db.svc.example.org:2888:3888\n"
            "server.5=zk-4.zk.db.svc.example.org:2888:3888\n");
}

TEST(PeersFormat, ZookeeperSelfPrintsMyidWithOrdinalOffset) {
  // ordinals.start = 1: zk-1..zk-3 are servers 1..3; host zk-2 has myid 2.
  const auto peers = members("zk", "zk", 3, 2181, "cluster.local", 1);
  const auto self = self_from_hostname("zk-2", 1, service_name("zk"), peers, 0);
  EXPECT_EQ(render(peers, PeerFormat::Zookeeper, self),
            "server.1=zk-1.zk.db.svc.cluster.local:2888:3888\n"
            "server.2=zk-2.zk.db.svc.cluster.local:2888:3888\n"
            "server.3=zk-3.zk.db.svc.cluster.local:2888:3888\n"
            "# myid=2\n");
}

TEST(PeersFormat, KafkaAndZookeeperRejectMembersWithoutOrdinal) {
  const auto peers = members_from_records({{"10-0-0-7.zk.db.svc.cluster.local.", 2181}}, {}, 0, 0);
  EXPECT_THROW(render(peers, PeerFormat::Zookeeper), std::invalid_argument);
  EXPECT_THROW(render(peers, PeerFormat::Kafka), std::invalid_argument);
}

TEST(PeersFormat, RedisSpaceSeparatedHostPorts) {
  EXPECT_EQ(render(members("redis", "redis", 1, 6379), PeerFormat::Redis),
            "redis-0.redis.db.svc.cluster.local:6379\n");
  EXPECT_EQ(render(members("redis", "redis", 3, 6379), PeerFormat::Redis),
            "redis-0.redis.db.svc.cluster.local:6379 redis-1.redis.db.svc.cluster.local:6379 "
            "redis-2.redis.db.svc.cluster.local:6379\n");
  EXPECT_EQ(render(members("r", "redis", 5, 6379, "k8s.test"), PeerFormat::Redis),
            "r-0.redis.db.svc.k8s.test:6379 r-1.redis.db.svc.k8s.test:6379 "
            "r-2.redis.db.svc.k8s.test:6379 r-3.redis.db.svc.k8s.test:6379 "
            "r-4.redis.db.svc.k8s.test:6379\n");
}

TEST(PeersFormat, UnknownFormatNamesTheAcceptedOnes) {
  try {
    parse_peer_format("consul");
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("consul"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("zookeeper"), std::string::npos);
  }
  EXPECT_EQ(parse_peer_format("elasticsearch"), PeerFormat::Elasticsearch);
}

TEST(PeersTemplate, RendersIdentityAndPeers) {
  const auto peers = members("zk", "zk", 3, 2181, "example.org");
  TemplateContext context{
      peers, " ", self_from_hostname("zk-2", 0, service_name("zk", "example.org"), peers, 0)};
  const std::string text =
      "id={{ordinal}} myid={{ ordinal_plus_one }}\nme={{fqdn}} ({{name}})\n"
      "peers={{peers}}\nhosts={{peer_fqdns}}\n";
  EXPECT_EQ(render_template(text, context, "zoo.tmpl"),
            "id=2 myid=3\nme=zk-2.zk.db.svc.example.org (zk-2)\n"
            "peers=zk-0.zk.db.svc.example.org:2181 zk-1.zk.db.svc.example.org:2181 "
            "zk-2.zk.db.svc.example.org:2181\n"
            "hosts=zk-0.zk.db.svc.example.org zk-1.zk.db.svc.example.org "
            "zk-2.zk.db.svc.example.org\n");
}

TEST(PeersTemplate, DefaultSeparatorIsComma) {
  TemplateContext context{members("web", "nginx", 3, 80), ",", std::nullopt};
  EXPECT_EQ(render_template("{{peer_fqdns}}", context, "t"),
            "web-0.nginx.db.svc.cluster.local,web-1.nginx.db.svc.cluster.local,"
            "web-2.nginx.db.svc.cluster.local");
}

TEST(PeersTemplate, PeerAddressesListsEachMembersFirstAddressWithItsPort) {
  auto peers = members("redis", "redis", 3, 6379);
  peers[0].addresses = {"10.244.0.7", "10.244.0.8"};
  peers[1].addresses = {"fd00::5"};
  peers[2].addresses = {"10.244.1.9"};
  TemplateContext context{peers, " ", std::nullopt};
  EXPECT_EQ(render_template("{{peer_addresses}}", context, "t"),
            "10.244.0.7:6379 [fd00::5]:6379 10.244.1.9:6379");
}

// The message, or "" when `render_template` does not throw.
std::string template_error(const std::string& text, const TemplateContext& context) {
  try {
    render_template(text, context, "app.conf.tmpl");
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

TEST(PeersTemplate, UnknownPlaceholdersAreAllNamedWithTheirLines) {
  TemplateContext context{members("web", "nginx", 1, 80), ",", std::nullopt};
  const auto error = template_error("a={{peers}}\nb={{ hostname }}\n\nc={{peer}}\n", context);
  EXPECT_NE(error.find("app.conf.tmpl"), std::string::npos) << error;
  EXPECT_NE(error.find("line 2: unknown placeholder {{hostname}}"), std::string::npos) << error;
  EXPECT_NE(error.find("line 4: unknown placeholder {{peer}}"), std::string::npos) << error;
}

TEST(PeersTemplate, UnclosedPlaceholderIsAnError) {
  TemplateContext context{members("web", "nginx", 1, 80), ",", std::nullopt};
  const auto error = template_error("ok\nbroken={{peers\n", context);
  EXPECT_NE(error.find("line 2: \"{{\" is not closed"), std::string::npos) << error;
}

TEST(PeersTemplate, IdentityPlaceholdersNeedSelf) {
  TemplateContext context{members("web", "nginx", 1, 80), ",", std::nullopt};
  const auto error = template_error("{{peers}}\nid={{ordinal}}\n", context);
  EXPECT_NE(error.find("{{ordinal}} (line 2)"), std::string::npos) << error;
  EXPECT_NE(error.find("--self"), std::string::npos) << error;
  EXPECT_EQ(template_error("{{peers}} {{peer_fqdns}}", context), "");
}

TEST(PeersTemplate, PeerAddressesOfAMemberWithoutAnAddressIsAnError) {
  auto peers = members("redis", "redis", 2, 6379);
  peers[0].addresses = {"10.244.0.7"};
  peers[1].addresses.clear();
  TemplateContext context{peers, " ", std::nullopt};
  const auto error = template_error("cluster\n{{peer_addresses}}\n", context);
  EXPECT_NE(error.find("line 2: {{peer_addresses}}: redis-1.redis.db.svc.cluster.local has no "
                       "address"),
            std::string::npos)
      << error;
}

}  // namespace
}  // namespace ordinal::cli
