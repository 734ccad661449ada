#pragma once
// Knot DNS and NSD configured as secondaries of a running `ordinal serve` (issue 10): they
// transfer its zones with AXFR, accept its NOTIFY and follow with IXFR, optionally with a TSIG
// key (`ordinal serve --tsig-key`) on both. Each runs in the foreground from a configuration in
// the test's own directory, never the system service.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "integration/dig_reply.hpp"
#include "integration/free_port.hpp"
#include "integration/process.hpp"

namespace ordinal::testing {

inline bool installed(const char* path) {
  return ::access(path, X_OK) == 0;
}

/// A peer DNS server process, stopped with SIGTERM when destroyed.
class Secondary {
 public:
  Secondary(std::string name, std::vector<std::string> args, const std::filesystem::path& log,
            int port)
      : name_(std::move(name)), port_(port), log_(log) {
    pid_ = spawn_to_file(std::move(args), log, true);
  }
  ~Secondary() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
  }
  Secondary(const Secondary&) = delete;
  Secondary& operator=(const Secondary&) = delete;

  [[nodiscard]] const std::string& name() const { return name_; }
  [[nodiscard]] std::string port() const { return std::to_string(port_); }
  /// What the server printed, for failure messages.
  [[nodiscard]] std::string log() const {
    std::ifstream in(log_);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

 private:
  std::string name_;
  int port_;
  std::filesystem::path log_;
  pid_t pid_ = -1;
};

inline void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path) << text;
}

/// A TSIG key both sides know: what `--tsig-key` and `kdig -y` take is spec().
struct TransferKey {
  std::string name = "xfr.key";
  std::string algorithm = "hmac-sha256";
  std::string secret;  ///< base64

  [[nodiscard]] std::string spec() const { return algorithm + ":" + name + ":" + secret; }
};

/// knotd on `port` as a secondary for `zones` of the primary at 127.0.0.1:`primary_port`;
/// with `key`, its transfers and the NOTIFY it accepts are signed with it.
inline std::unique_ptr<Secondary> start_knot_secondary(
    const std::filesystem::path& dir, const std::string& primary_port,
    const std::vector<std::string>& zones, int port,
    const std::optional<TransferKey>& key = std::nullopt) {
  std::filesystem::create_directories(dir / "db");
  const std::string key_section = key ? "key:\n  - id: " + key->name +
                                            "\n    algorithm: " + key->algorithm +
                                            "\n    secret: " + key->secret + "\n"
                                      : "";
  const std::string key_line = key ? "    key: " + key->name + "\n" : "";
  std::string config =
      "server:\n    rundir: \"" + dir.string() + "\"\n    listen: 127.0.0.1@" +
      std::to_string(port) +
      "\n    udp-workers: 1\n    tcp-workers: 1\n    background-workers: 1\n"
      "database:\n    storage: \"" +
      (dir / "db").string() + "\"\ncontrol:\n    listen: \"" + (dir / "knot.sock").string() +
      "\"\nlog:\n  - target: stderr\n    any: info\n" + key_section +
      "remote:\n  - id: primary\n    address: 127.0.0.1@" + primary_port + "\n" + key_line +
      "acl:\n  - id: primary_notify\n    address: 127.0.0.1\n" + key_line +
      "    action: notify\n"
      "template:\n  - id: default\n    storage: \"" +
      dir.string() +
      "\"\n    zonefile-sync: -1\n    zonefile-load: none\n"
      "    master: primary\n    acl: primary_notify\nzone:\n";
  for (const auto& zone : zones) config += "  - domain: \"" + zone + "\"\n";
  write_file(dir / "knot.conf", config);
  return std::make_unique<Secondary>(
      "knot", std::vector<std::string>{"/usr/sbin/knotd", "-c", (dir / "knot.conf").string()},
      dir / "knot.log", port);
}

/// nsd in the foreground on `port` as a secondary for `zones`, rate limiting off; with `key`,
/// its transfers and the NOTIFY it accepts are signed with it.
inline std::unique_ptr<Secondary> start_nsd_secondary(
    const std::filesystem::path& dir, const std::string& primary_port,
    const std::vector<std::string>& zones, int port,
    const std::optional<TransferKey>& key = std::nullopt) {
  std::filesystem::create_directories(dir);
  const std::string d = dir.string();
  std::string config =
      "server:\n    server-count: 1\n    ip-address: 127.0.0.1\n    port: " + std::to_string(port) +
      "\n    do-ip6: no\n    username: \"\"\n    chroot: \"\"\n"
      "    zonesdir: \"" +
      d +
      "\"\n    database: \"\"\n"
      "    zonelistfile: \"" +
      d +
      "/zone.list\"\n"
      "    xfrdfile: \"" +
      d + "/xfrd.state\"\n    xfrdir: \"" + d + "\"\n    pidfile: \"" + d +
      "/nsd.pid\"\n    verbosity: 2\n"
      "    rrl-ratelimit: 0\n    rrl-whitelist-ratelimit: 0\n"
      // Serve a transferred version at once (NSD waits a second by default).
      "    xfrd-reload-timeout: 0\n"
      "remote-control:\n    control-enable: no\n";
  if (key) {
    config += "key:\n    name: \"" + key->name + "\"\n    algorithm: " + key->algorithm +
              "\n    secret: \"" + key->secret + "\"\n";
  }
  const std::string key_name = key ? key->name : "NOKEY";
  for (const auto& zone : zones) {
    config += "zone:\n    name: \"" + zone + "\"\n    request-xfr: 127.0.0.1@" + primary_port +
              " " + key_name + "\n    allow-notify: 127.0.0.1 " + key_name + "\n";
  }
  write_file(dir / "nsd.conf", config);
  return std::make_unique<Secondary>(
      "nsd", std::vector<std::string>{"/usr/sbin/nsd", "-d", "-c", (dir / "nsd.conf").string()},
      dir / "nsd.log", port);
}

/// The zones ordinal's secondaries transfer.
inline const std::vector<std::string> kZones = {"cluster.local.", "in-addr.arpa."};

}  // namespace ordinal::testing
