// scale_writes: durable write throughput of the API, and the list of what it acknowledged.
//
// C connections, one thread each, create ConfigMaps <prefix>-<connection>-<i> in one namespace
// (POST, each acknowledged with 201 only once durable) for S seconds or until the server goes
// away (the crash check kills it with SIGKILL meanwhile). Prints one JSON object: writes
// acknowledged, seconds, writes per second, and latency percentiles. With --acked FILE it writes
// the name of every acknowledged ConfigMap there, one per line, for the caller to look for after
// a restart.
//
//   scale_writes --api 127.0.0.1:PORT --namespace NS [--connections 64] [--seconds 5]
//                [--prefix w] [--acked FILE]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "flags.hpp"
#include "plain_http.hpp"

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  bench::Endpoint api;
  std::string ns = "writes";
  std::string prefix = "w";
  std::string acked_file;
  int connections = 64;
  double seconds = 5;
};

Options parse(int argc, char** argv) {
  Options options;
  std::string api;
  bench::Flags()
      .bind("--api", api)
      .bind("--namespace", options.ns)
      .bind("--prefix", options.prefix)
      .bind("--acked", options.acked_file)
      .bind("--connections", options.connections)
      .bind("--seconds", options.seconds)
      .parse(argc, argv);
  if (api.empty()) throw std::invalid_argument("need --api HOST:PORT");
  options.api = bench::parse_endpoint(api);
  return options;
}

/// What one connection did.
struct Worker {
  std::vector<std::string> acked;
  std::vector<double> latency_us;
  int errors = 0;     ///< answers other than 201
  bool lost = false;  ///< the connection broke (server gone)
};

void run_worker(const Options& options, int index, Clock::time_point deadline,
                std::atomic<bool>& stop, Worker& worker) {
  try {
    bench::HttpConnection api(options.api);
    const std::string target = "/api/v1/namespaces/" + options.ns + "/configmaps";
    for (long i = 0; !stop && Clock::now() < deadline; ++i) {
      const std::string name =
          options.prefix + "-" + std::to_string(index) + "-" + std::to_string(i);
      const std::string body = R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":")" +
                               name + R"("},"data":{"n":")" + std::to_string(i) + R"("}})";
      const auto sent = Clock::now();
      const int code = api.request("POST", target, "application/json", body);
      if (code != 201) {
        ++worker.errors;
        continue;
      }
      worker.latency_us.push_back(
          std::chrono::duration<double, std::micro>(Clock::now() - sent).count());
      worker.acked.push_back(name);
    }
  } catch (const std::exception&) {
    worker.lost = true;
    stop = true;  // the server is gone: the others will find out at their next write anyway
  }
}

double percentile(std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  return sorted[static_cast<std::size_t>(p / 100.0 * static_cast<double>(sorted.size() - 1))];
}

}  // namespace

int main(int argc, char** argv) try {
  const Options options = parse(argc, argv);
  std::vector<Worker> workers(static_cast<std::size_t>(options.connections));
  std::vector<std::thread> threads;
  std::atomic<bool> stop{false};
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::duration_cast<Clock::duration>(
                                    std::chrono::duration<double>(options.seconds));
  for (int i = 0; i < options.connections; ++i)
    threads.emplace_back(run_worker, std::cref(options), i, deadline, std::ref(stop),
                         std::ref(workers[static_cast<std::size_t>(i)]));
  for (auto& t : threads) t.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();

  std::vector<double> latency;
  std::size_t acked = 0;
  int errors = 0;
  bool lost = false;
  std::ofstream acked_out;
  if (!options.acked_file.empty()) acked_out.open(options.acked_file);
  for (auto& w : workers) {
    latency.insert(latency.end(), w.latency_us.begin(), w.latency_us.end());
    acked += w.acked.size();
    errors += w.errors;
    lost = lost || w.lost;
    if (acked_out)
      for (const auto& name : w.acked) acked_out << name << "\n";
  }
  std::sort(latency.begin(), latency.end());
  std::printf(R"({"connections":%d,"writes":%zu,"errors":%d,"server_lost":%s,"seconds":%.3f,)"
              R"("writes_per_s":%.1f,"p50_us":%.1f,"p99_us":%.1f,"max_us":%.1f})"
              "\n",
              options.connections, acked, errors, lost ? "true" : "false", elapsed,
              static_cast<double>(acked) / elapsed, percentile(latency, 50),
              percentile(latency, 99), percentile(latency, 100));
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "scale_writes: %s\n", e.what());
  return 1;
}
