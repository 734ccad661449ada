// scale_zone: what building the DNS zone costs at a given cluster size, in process and without
// noise from sockets.
//
// Opens a data directory (no server may be running on it), reads what the zone is built from
// (Namespaces, Services, EndpointSlices, Pods, StatefulSets) and times:
//   - load: opening the registry (reading every stored object);
//   - full_build: build_snapshot() over every input, from scratch (best of --repeat);
//   - relist: a fresh ZoneUpdater fed every object and published, what the server does at start
//     and after a lost watch (best of --repeat);
//   - incremental: one pod's readiness flipped and published, as the server does after a
//     kubelet's status report, --changes times over different pods (percentiles).
// Prints one JSON object.
//
//   scale_zone --data-dir DIR [--changes 2000] [--repeat 3]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "flags.hpp"
#include "identity/registry.hpp"
#include "zones/zone_builder.hpp"
#include "zones/zone_inputs.hpp"
#include "zones/zone_updater.hpp"

namespace {

using Clock = std::chrono::steady_clock;
namespace zones = ordinal::zones;

struct Options {
  std::string data_dir;
  int changes = 2000;
  int repeat = 3;
};

Options parse(int argc, char** argv) {
  Options options;
  bench::Flags()
      .bind("--data-dir", options.data_dir)
      .bind("--changes", options.changes)
      .bind("--repeat", options.repeat)
      .parse(argc, argv);
  if (options.data_dir.empty()) throw std::invalid_argument("need --data-dir");
  return options;
}

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

zones::ZoneInputs read_inputs(const ordinal::identity::Registry& registry) {
  zones::ZoneInputs inputs;
  for (const auto& o : registry.list("Namespace", std::nullopt).items)
    if (auto n = zones::namespace_from_json(*o)) inputs.namespaces.push_back(*n);
  for (const auto& o : registry.list("Service", std::nullopt).items)
    if (auto s = zones::service_from_json(*o)) inputs.services.push_back(std::move(*s));
  for (const auto& o : registry.list("EndpointSlice", std::nullopt).items)
    if (auto s = zones::slice_from_json(*o)) inputs.slices.push_back(std::move(*s));
  for (const auto& o : registry.list("Pod", std::nullopt).items)
    if (auto p = zones::pod_from_json(*o)) inputs.pods.push_back(std::move(*p));
  for (const auto& o : registry.list("StatefulSet", std::nullopt).items)
    if (auto s = zones::set_from_json(*o)) inputs.sets.push_back(std::move(*s));
  return inputs;
}

std::unique_ptr<zones::ZoneUpdater> filled_updater(const zones::ZoneInputs& inputs,
                                                   const zones::ZoneConfig& config) {
  auto updater = std::make_unique<zones::ZoneUpdater>(config);
  updater->put_all(inputs);
  return updater;
}

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[static_cast<std::size_t>(p / 100.0 * static_cast<double>(values.size() - 1))];
}

}  // namespace

int main(int argc, char** argv) try {
  const Options options = parse(argc, argv);
  auto start = Clock::now();
  auto registry = ordinal::identity::Registry::open(options.data_dir);
  const double load_ms = ms_since(start);
  const zones::ZoneInputs inputs = read_inputs(*registry);
  registry.reset();
  const zones::ZoneConfig config;

  double full_ms = 1e300, relist_ms = 1e300;
  std::uint32_t serial = 1;
  for (int r = 0; r < options.repeat; ++r) {
    start = Clock::now();
    auto snapshot = zones::build_snapshot(inputs, config, serial++);
    full_ms = std::min(full_ms, ms_since(start));
    start = Clock::now();
    auto updater = filled_updater(inputs, config);
    auto published = updater->publish(serial++);
    relist_ms = std::min(relist_ms, ms_since(start));
  }

  // Flip readiness of ready pods that own an address, one change per publish.
  auto updater = filled_updater(inputs, config);
  auto current = updater->publish(serial++);
  std::vector<zones::PodInfo> pods;
  for (const auto& p : inputs.pods)
    if (p.ready && !p.ip.empty()) pods.push_back(p);
  std::vector<double> change_us;
  for (int i = 0; i < options.changes && !pods.empty(); ++i) {
    zones::PodInfo& pod = pods[static_cast<std::size_t>(i) * 7919 % pods.size()];
    pod.ready = !pod.ready;
    start = Clock::now();
    updater->put_pod(pod);
    current = updater->publish(serial++);
    change_us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
  }
  double sum = 0;
  for (double v : change_us) sum += v;
  std::printf(
      R"({"pods":%zu,"services":%zu,"slices":%zu,"sets":%zu,"load_ms":%.1f,"full_build_ms":%.1f,)"
      R"("relist_ms":%.1f,"changes":%zu,"change_p50_us":%.1f,"change_p99_us":%.1f,)"
      R"("change_mean_us":%.1f})"
      "\n",
      inputs.pods.size(), inputs.services.size(), inputs.slices.size(), inputs.sets.size(), load_ms,
      full_ms, relist_ms, change_us.size(), percentile(change_us, 50), percentile(change_us, 99),
      change_us.empty() ? 0 : sum / static_cast<double>(change_us.size()));
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "scale_zone: %s\n", e.what());
  return 1;
}
