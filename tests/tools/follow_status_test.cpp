// What a follower says on its HTTP endpoint, and the --follow URLs it accepts.
#include <gtest/gtest.h>

#include <stdexcept>

#include "identity/json.hpp"
#include "tools/follow/follower_status.hpp"
#include "tools/follow/source_url.hpp"

namespace ordinal::follow {
namespace {

FollowerStatus connected() {
  FollowerStatus status;
  status.source = "http://127.0.0.1:8080";
  status.published = true;
  status.relists = 1;
  status.events = 7;
  status.serial = 1700000000;
  status.last_sync = std::chrono::system_clock::time_point(std::chrono::seconds(1700000001));
  return status;
}

TEST(FollowStatus, HealthIsAlwaysOkAndReadinessNeedsAListAndTheSource) {
  FollowerStatus status = connected();
  EXPECT_EQ(answer_status("/healthz", status).status, 200u);
  EXPECT_EQ(answer_status("/livez", status).status, 200u);
  EXPECT_EQ(answer_status("/readyz?verbose", status).status, 200u);

  status.down_since = std::chrono::system_clock::time_point(std::chrono::seconds(1700000100));
  status.last_error = "connection refused";
  const auto down = answer_status("/readyz", status);
  EXPECT_EQ(down.status, 503u);
  EXPECT_NE(down.body.find("source unreachable since 2023-11-14T22:15:00Z: connection refused"),
            std::string::npos)
      << down.body;
  EXPECT_NE(down.body.find("last snapshot"), std::string::npos);
  EXPECT_EQ(answer_status("/healthz", status).status, 200u);

  FollowerStatus starting;
  starting.source = "https://kubernetes.default.svc";
  const auto waiting = answer_status("/readyz", starting);
  EXPECT_EQ(waiting.status, 503u);
  EXPECT_NE(waiting.body.find("waiting for the first complete list"), std::string::npos);
}

TEST(FollowStatus, MetricsNameTheFollowersState) {
  FollowerStatus status = connected();
  const auto metrics = answer_status("/metrics", status);
  EXPECT_EQ(metrics.status, 200u);
  for (const char* line : {"ordinal_follower_connected 1\n", "ordinal_follower_relists_total 1\n",
                           "ordinal_follower_events_total 7\n", "ordinal_zone_serial 1700000000\n",
                           "ordinal_follower_last_sync_timestamp_seconds 1700000001"})
    EXPECT_NE(metrics.body.find(line), std::string::npos) << line << "\n" << metrics.body;
  status.down_since = std::chrono::system_clock::now();
  EXPECT_NE(answer_status("/metrics", status).body.find("ordinal_follower_connected 0\n"),
            std::string::npos);
}

TEST(FollowStatus, EverythingElseIsAStatusNamingTheSource) {
  const auto reply = answer_status("/api/v1/namespaces/test/pods", connected());
  EXPECT_EQ(reply.status, 404u);
  const auto status = identity::Json::parse(reply.body);
  EXPECT_EQ(status["kind"], "Status");
  EXPECT_EQ(status["code"], 404);
  EXPECT_NE(status["message"].get<std::string>().find("follower of http://127.0.0.1:8080"),
            std::string::npos);
}

TEST(FollowSourceUrl, SchemesHostsPortsAndPrefixes) {
  auto url = parse_source_url("https://kubernetes.default.svc");
  EXPECT_TRUE(url.tls);
  EXPECT_EQ(url.host, "kubernetes.default.svc");
  EXPECT_EQ(url.port, "443");
  EXPECT_EQ(url.host_header(), "kubernetes.default.svc");
  url = parse_source_url("http://127.0.0.1:8080/");
  EXPECT_FALSE(url.tls);
  EXPECT_EQ(url.port, "8080");
  EXPECT_EQ(url.base_path, "");
  EXPECT_EQ(url.host_header(), "127.0.0.1:8080");
  url = parse_source_url("https://[::1]:6443/k8s/clusters/c-1");
  EXPECT_EQ(url.host, "::1");
  EXPECT_EQ(url.base_path, "/k8s/clusters/c-1");
  EXPECT_EQ(url.to_string(), "https://[::1]:6443/k8s/clusters/c-1");
  for (const char* bad : {"ftp://x", "http://", "http://host:99999", "http://u:p@host",
                          "127.0.0.1:8080", "http://[::1"})
    EXPECT_THROW(parse_source_url(bad), std::invalid_argument) << bad;
}

}  // namespace
}  // namespace ordinal::follow
