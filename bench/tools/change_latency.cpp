// change_latency: how long after an acknowledged write DNS answers reflect it.
//
// For each of N changes it flips one pod's readiness through the API as a kubelet reports it
// (a strategic-merge PATCH of the pod's status: conditions Ready and ContainersReady), and once
// the response is read it asks the pod's A name over UDP in a tight loop until the answer
// reflects the change (ready: NOERROR with an answer; not ready: no answer). It records, per
// change, the write's round trip and the time from the acknowledgement to the first reflecting
// answer, and prints percentiles of both as one JSON object on stdout.
//
// Plain POSIX sockets and clock_gettime on purpose: no event loop between the measured events.
//
//   change_latency --api 127.0.0.1:PORT --dns 127.0.0.1:PORT --namespace NS --service SVC
//                  --pod NAME [--pod NAME]... [--changes 10000] [--domain cluster.local]
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "plain_http.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using bench::connected_socket;
using bench::Endpoint;
using bench::HttpConnection;
using bench::parse_endpoint;

/// A DNS query for `name` A, in wire format, with id `id`.
std::vector<std::uint8_t> a_query(const std::string& name, std::uint16_t id) {
  std::vector<std::uint8_t> packet = {static_cast<std::uint8_t>(id >> 8),
                                      static_cast<std::uint8_t>(id & 0xff),
                                      0,
                                      0,
                                      0,
                                      1,
                                      0,
                                      0,
                                      0,
                                      0,
                                      0,
                                      0};
  std::size_t start = 0;
  while (start < name.size()) {
    std::size_t dot = name.find('.', start);
    if (dot == std::string::npos) dot = name.size();
    packet.push_back(static_cast<std::uint8_t>(dot - start));
    packet.insert(packet.end(), name.begin() + static_cast<std::ptrdiff_t>(start),
                  name.begin() + static_cast<std::ptrdiff_t>(dot));
    start = dot + 1;
  }
  packet.insert(packet.end(), {0, 0, 1, 0, 1});
  return packet;
}

/// Asks `name` A until the answer has (ready) or lacks (not ready) an A record; returns how many
/// queries that took.
int ask_until(int fd, const std::string& name, bool ready, std::uint16_t& next_id) {
  for (int attempts = 1;; ++attempts) {
    const std::uint16_t id = next_id++;
    const auto query = a_query(name, id);
    if (send(fd, query.data(), query.size(), 0) < 0) throw std::runtime_error("DNS send failed");
    for (;;) {
      pollfd p{fd, POLLIN, 0};
      if (poll(&p, 1, 200) <= 0) break;  // lost under load: ask again
      std::uint8_t reply[4096];
      const ssize_t n = recv(fd, reply, sizeof reply, 0);
      if (n < 12) continue;
      if (((reply[0] << 8) | reply[1]) != id) continue;  // a late answer to an earlier query
      const int rcode = reply[3] & 0x0f;
      const int answers = (reply[6] << 8) | reply[7];
      const bool has_address = rcode == 0 && answers > 0;
      if (has_address == ready) return attempts;
      break;
    }
    if (attempts > 1000000) throw std::runtime_error("DNS never reflected the change to " + name);
  }
}

std::string readiness_patch(bool ready) {
  const char* status = ready ? "True" : "False";
  return std::string(R"({"status":{"conditions":[{"type":"Ready","status":")") + status +
         R"("},{"type":"ContainersReady","status":")" + status + R"("}]}})";
}

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto index = static_cast<std::size_t>(p / 100.0 * static_cast<double>(values.size() - 1));
  return values[index];
}

std::string summary(const std::vector<double>& us) {
  char text[256];
  double sum = 0;
  for (double v : us) sum += v;
  std::snprintf(
      text, sizeof text,
      R"({"p50_us":%.1f,"p90_us":%.1f,"p99_us":%.1f,"p999_us":%.1f,"max_us":%.1f,"mean_us":%.1f})",
      percentile(us, 50), percentile(us, 90), percentile(us, 99), percentile(us, 99.9),
      percentile(us, 100), us.empty() ? 0 : sum / static_cast<double>(us.size()));
  return text;
}

struct Options {
  Endpoint api, dns;
  std::string ns, service, domain = "cluster.local";
  std::vector<std::string> pods;
  int changes = 10000;
};

Options parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--api")
      options.api = parse_endpoint(value);
    else if (flag == "--dns")
      options.dns = parse_endpoint(value);
    else if (flag == "--namespace")
      options.ns = value;
    else if (flag == "--service")
      options.service = value;
    else if (flag == "--pod")
      options.pods.push_back(value);
    else if (flag == "--changes")
      options.changes = std::stoi(value);
    else if (flag == "--domain")
      options.domain = value;
    else
      throw std::invalid_argument("unknown flag " + flag);
  }
  if (options.pods.empty() || options.ns.empty() || options.service.empty())
    throw std::invalid_argument("need --namespace, --service and at least one --pod");
  return options;
}

}  // namespace

int main(int argc, char** argv) try {
  const Options options = parse(argc, argv);
  HttpConnection api(options.api);
  const int dns = connected_socket(options.dns, SOCK_DGRAM);
  std::uint16_t next_id = 1;
  std::vector<double> reflect_us, write_us;
  reflect_us.reserve(static_cast<std::size_t>(options.changes));
  write_us.reserve(static_cast<std::size_t>(options.changes));
  long queries = 0;
  int immediate = 0;
  // Pods start ready; the first round takes them out of service, the next puts them back.
  for (int i = 0; i < options.changes; ++i) {
    const std::string& pod = options.pods[static_cast<std::size_t>(i) % options.pods.size()];
    const bool ready = (i / static_cast<int>(options.pods.size())) % 2 == 1;
    const std::string name =
        pod + "." + options.service + "." + options.ns + ".svc." + options.domain;
    const std::string target = "/api/v1/namespaces/" + options.ns + "/pods/" + pod + "/status";
    const auto sent = Clock::now();
    const int code = api.request("PATCH", target, "application/strategic-merge-patch+json",
                                 readiness_patch(ready));
    const auto acknowledged = Clock::now();
    if (code != 200)
      throw std::runtime_error("PATCH " + target + " answered " + std::to_string(code));
    const int attempts = ask_until(dns, name, ready, next_id);
    const auto reflected = Clock::now();
    queries += attempts;
    immediate += attempts == 1 ? 1 : 0;
    write_us.push_back(std::chrono::duration<double, std::micro>(acknowledged - sent).count());
    reflect_us.push_back(
        std::chrono::duration<double, std::micro>(reflected - acknowledged).count());
  }
  close(dns);
  std::printf(
      R"({"changes":%d,"queries":%ld,"first_answer_reflected":%d,"ack_to_answer":%s,"write":%s})"
      "\n",
      options.changes, queries, immediate, summary(reflect_us).c_str(), summary(write_us).c_str());
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "change_latency: %s\n", e.what());
  return 1;
}
