// change_latency: how long after an acknowledged write DNS answers reflect it, at one server or
// at several at once (a primary, its followers, its secondaries).
//
// For each of N changes it flips one pod's readiness through the API as a kubelet reports it
// (a strategic-merge PATCH of the pod's status: conditions Ready and ContainersReady), and once
// the response is read it asks the pod's A name over UDP of every `--dns` server until each
// answer reflects the change (ready: NOERROR with an answer; not ready: no answer). It records,
// per change, the write's round trip and, per server, the time from the acknowledgement to its
// first reflecting answer, and prints percentiles as one JSON object on stdout: `ack_to_answer`
// for the first server and `at` with every server by its label. The next change starts once
// every server reflected this one.
//
// Plain POSIX sockets and clock_gettime on purpose: no event loop between the measured events.
//
//   change_latency --api 127.0.0.1:PORT --dns [LABEL=]127.0.0.1:PORT [--dns ...] --namespace NS
//                  --service SVC --pod NAME [--pod NAME]... [--changes 10000]
//                  [--domain cluster.local] [--gap-us 0] [--limit-s 30]
//
// `--gap-us` pauses between queries to a server that still answers the old state (0: a tight
// loop); `--limit-s` fails the run when a server has not followed a change by then.
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
#include "reflect_probe.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using bench::connected_socket;
using bench::Endpoint;
using bench::HttpConnection;
using bench::parse_endpoint;

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

/// A DNS server to watch, as `--dns [LABEL=]HOST:PORT` named it (unlabelled: "primary").
struct Target {
  std::string label;
  Endpoint address;
};

struct Options {
  Endpoint api;
  std::vector<Target> dns;
  std::string ns, service, domain = "cluster.local";
  std::vector<std::string> pods;
  int changes = 10000;
  int gap_us = 0;
  int limit_s = 30;
};

Target parse_target(const std::string& text) {
  const auto equals = text.find('=');
  if (equals == std::string::npos) return {"primary", parse_endpoint(text)};
  return {text.substr(0, equals), parse_endpoint(text.substr(equals + 1))};
}

Options parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; i += 2) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) throw std::invalid_argument("missing value for " + flag);
    const std::string value = argv[i + 1];
    if (flag == "--api")
      options.api = parse_endpoint(value);
    else if (flag == "--dns")
      options.dns.push_back(parse_target(value));
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
    else if (flag == "--gap-us")
      options.gap_us = std::stoi(value);
    else if (flag == "--limit-s")
      options.limit_s = std::stoi(value);
    else
      throw std::invalid_argument("unknown flag " + flag);
  }
  if (options.dns.empty() || options.pods.empty() || options.ns.empty() || options.service.empty())
    throw std::invalid_argument("need --dns, --namespace, --service and at least one --pod");
  return options;
}

}  // namespace

int main(int argc, char** argv) try {
  const Options options = parse(argc, argv);
  HttpConnection api(options.api);
  std::vector<int> sockets;
  for (const Target& target : options.dns)
    sockets.push_back(connected_socket(target.address, SOCK_DGRAM));
  std::uint16_t next_id = 1;
  const auto changes = static_cast<std::size_t>(options.changes);
  std::vector<std::vector<double>> reflect_us(options.dns.size());
  for (auto& samples : reflect_us) samples.reserve(changes);
  std::vector<double> write_us;
  write_us.reserve(changes);
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
    const auto reflections = bench::ask_until_reflected(
        sockets, name, ready, acknowledged, std::chrono::microseconds(options.gap_us),
        std::chrono::seconds(options.limit_s), next_id);
    queries += reflections[0].queries;
    immediate += reflections[0].queries == 1 ? 1 : 0;
    write_us.push_back(std::chrono::duration<double, std::micro>(acknowledged - sent).count());
    for (std::size_t t = 0; t < reflections.size(); ++t)
      reflect_us[t].push_back(reflections[t].after_us);
  }
  for (const int fd : sockets) close(fd);
  std::string at;
  for (std::size_t t = 0; t < options.dns.size(); ++t)
    at += (t == 0 ? "\"" : ",\"") + options.dns[t].label + "\":" + summary(reflect_us[t]);
  std::printf(
      R"({"changes":%d,"queries":%ld,"first_answer_reflected":%d,"ack_to_answer":%s,"write":%s,)"
      R"("at":{%s}})"
      "\n",
      options.changes, queries, immediate, summary(reflect_us[0]).c_str(),
      summary(write_us).c_str(), at.c_str());
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "change_latency: %s\n", e.what());
  return 1;
}
