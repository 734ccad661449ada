// scale_registry_writes: durable writes per second of the registry alone, in process, with T
// writer threads (each a create of a small ConfigMap, acknowledged once synced). With one thread
// every write pays a full sync; with many, group commit lets one sync carry every write that
// arrived while the previous one was in flight. Prints one JSON object.
//
//   scale_registry_writes --data-dir DIR [--threads 1] [--seconds 3]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "flags.hpp"
#include "identity/registry.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using ordinal::identity::Json;

struct Options {
  std::string data_dir;
  int threads = 1;
  double seconds = 3;
};

Options parse(int argc, char** argv) {
  Options options;
  bench::Flags()
      .bind("--data-dir", options.data_dir)
      .bind("--threads", options.threads)
      .bind("--seconds", options.seconds)
      .parse(argc, argv);
  if (options.data_dir.empty()) throw std::invalid_argument("need --data-dir");
  return options;
}

}  // namespace

int main(int argc, char** argv) try {
  const Options options = parse(argc, argv);
  auto registry = ordinal::identity::Registry::open(options.data_dir);
  std::atomic<long> writes{0}, errors{0};
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::duration_cast<Clock::duration>(
                                    std::chrono::duration<double>(options.seconds));
  std::vector<std::thread> threads;
  for (int t = 0; t < options.threads; ++t)
    threads.emplace_back([&, t] {
      for (long i = 0; Clock::now() < deadline; ++i) {
        Json object = {{"apiVersion", "v1"},
                       {"kind", "ConfigMap"},
                       {"metadata",
                        {{"name", "r" + std::to_string(t) + "-" + std::to_string(i)},
                         {"namespace", "writes"}}},
                       {"data", {{"n", std::to_string(i)}}}};
        if (registry->create(std::move(object)).ok())
          ++writes;
        else
          ++errors;
      }
    });
  for (auto& t : threads) t.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf(R"({"threads":%d,"writes":%ld,"errors":%ld,"seconds":%.3f,"writes_per_s":%.1f})"
              "\n",
              options.threads, writes.load(), errors.load(), elapsed,
              static_cast<double>(writes.load()) / elapsed);
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "scale_registry_writes: %s\n", e.what());
  return 1;
}
