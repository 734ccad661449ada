// The files a pod of the process runtime sees (/etc/resolv.conf, /etc/hosts), where its logs go
// and the crash-loop back-off.
#include "controller/process_pod_files.hpp"

#include <gtest/gtest.h>

namespace ordinal::controller {
namespace {

using namespace std::chrono_literals;

TEST(ProcessPodFiles, ResolvConfNamesOrdinalAndTheClusterSearchPath) {
  EXPECT_EQ(resolv_conf_text("db", "cluster.local", "127.1.0.1"),
            "nameserver 127.1.0.1\n"
            "search db.svc.cluster.local svc.cluster.local cluster.local\n"
            "options ndots:5\n");
}

TEST(ProcessPodFiles, HostsHasThePodsOwnFqdn) {
  const std::string text = hosts_text("127.1.0.7", "etcd-1", "etcd", "db", "cluster.local");
  EXPECT_NE(text.find("127.0.0.1\tlocalhost\n"), std::string::npos);
  EXPECT_NE(text.find("127.1.0.7\tetcd-1.etcd.db.svc.cluster.local\tetcd-1\n"), std::string::npos)
      << text;
  EXPECT_NE(hosts_text("127.1.0.8", "solo", "", "db", "cluster.local").find("127.1.0.8\tsolo\n"),
            std::string::npos);
}

TEST(ProcessPodFiles, LogPathFollowsTheKubeletLayout) {
  EXPECT_EQ(container_log_path("/data/pods", "db", "etcd-1", "u-1", "etcd", 2),
            std::filesystem::path("/data/pods/db_etcd-1_u-1/etcd/2.log"));
}

TEST(ProcessPodFiles, BackOffDoublesUpToTheCap) {
  EXPECT_EQ(restart_delay(1), 10s);
  EXPECT_EQ(restart_delay(2), 20s);
  EXPECT_EQ(restart_delay(3), 40s);
  EXPECT_EQ(restart_delay(6), 300s);
  EXPECT_EQ(restart_delay(50), 300s);
  EXPECT_EQ(restart_delay(3, 100ms, 250ms), 250ms);
}

}  // namespace
}  // namespace ordinal::controller
