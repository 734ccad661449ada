// scale_seed: fills a data directory with a large cluster the way `ordinal serve` would have
// made it, for the scale benchmarks to restart from.
//
// It writes Namespaces, one headless Service and one Parallel StatefulSet per set into a
// registry, runs ordinal's own controllers on it in process (StatefulSet controller, simulated
// kubelet with no readiness delay, EndpointSlices, ...) until every set reports all replicas
// ready and the controllers fall quiet, then closes the store. Every object in the directory is
// therefore one the controllers wrote themselves, and a server started on it has nothing left
// to do. Commits are not synced while seeding (the data is thrown away after the benchmark).
// Prints one JSON object: objects by kind, seconds taken, and the DNS name of one pod (the
// first of the first set), for a probe that must not list 100,000 pods to find one.
//
//   scale_seed --data-dir DIR [--sets 10000] [--replicas 10] [--namespaces 100]
//              [--timeout 600] [--pod-cidr 10.128.0.0/9]
#include <chrono>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "commit_writes.hpp"
#include "controller/control_plane.hpp"
#include "flags.hpp"
#include "identity/defaults.hpp"
#include "identity/registry.hpp"

namespace {

using ordinal::identity::Json;
using ordinal::identity::Registry;
using Clock = std::chrono::steady_clock;

struct Options {
  std::string data_dir;
  int sets = 10000;
  int replicas = 10;
  int namespaces = 100;
  double timeout = 600;
  std::string pod_cidr = "10.128.0.0/9";  ///< room for more than 65,536 pods
};

Options parse(int argc, char** argv) {
  Options options;
  bench::Flags()
      .bind("--data-dir", options.data_dir)
      .bind("--sets", options.sets)
      .bind("--replicas", options.replicas)
      .bind("--namespaces", options.namespaces)
      .bind("--timeout", options.timeout)
      .bind("--pod-cidr", options.pod_cidr)
      .parse(argc, argv);
  if (options.data_dir.empty()) throw std::invalid_argument("need --data-dir");
  if (options.namespaces > options.sets) options.namespaces = std::max(1, options.sets);
  return options;
}

Json defaulted(Json object) {
  ordinal::identity::apply_defaults(object);
  return object;
}

Json namespace_object(const std::string& name) {
  return defaulted({{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", name}}}});
}

Json service_object(const std::string& ns, const std::string& name) {
  return defaulted({{"apiVersion", "v1"},
                    {"kind", "Service"},
                    {"metadata", {{"name", name}, {"namespace", ns}}},
                    {"spec",
                     {{"clusterIP", "None"},
                      {"selector", {{"app", name}}},
                      {"ports", Json::array({{{"name", "http"}, {"port", 80}}})}}}});
}

Json set_object(const std::string& ns, const std::string& name, int replicas) {
  const Json labels = {{"app", name}};
  return defaulted(
      {{"apiVersion", "apps/v1"},
       {"kind", "StatefulSet"},
       {"metadata", {{"name", name}, {"namespace", ns}}},
       {"spec",
        {{"serviceName", name},
         {"replicas", replicas},
         {"podManagementPolicy", "Parallel"},
         {"selector", {{"matchLabels", labels}}},
         {"template",
          {{"metadata", {{"labels", labels}}},
           {"spec",
            {{"containers",
              Json::array(
                  {{{"name", "app"},
                    {"image", "nginx:1.27"},
                    {"ports", Json::array({{{"name", "http"}, {"containerPort", 80}}})}}})}}}}}}}});
}

std::string namespace_name(int n) {
  return "scale-" + std::to_string(n);
}

/// Set `s` lives in namespace s % namespaces; its headless Service has the set's name.
std::string set_name(int s) {
  return "set-" + std::to_string(s);
}

/// Writes the Namespaces, Services and StatefulSets in transactions of about 1,000 objects.
void write_inputs(Registry& registry, const Options& options) {
  std::vector<Registry::Write> writes;
  for (int n = 0; n < options.namespaces; ++n)
    writes.emplace_back(Registry::Create{namespace_object(namespace_name(n))});
  bench::commit_writes(registry, writes);
  for (int s = 0; s < options.sets; ++s) {
    const std::string ns = namespace_name(s % options.namespaces);
    const std::string name = set_name(s);
    writes.emplace_back(Registry::Create{service_object(ns, name)});
    writes.emplace_back(Registry::Create{set_object(ns, name, options.replicas)});
    if (writes.size() >= 1000) bench::commit_writes(registry, writes);
  }
  bench::commit_writes(registry, writes);
}

/// Sets whose status reports every replica ready.
int ready_sets(const Registry& registry, int replicas) {
  int ready = 0;
  for (const auto& set : registry.list("StatefulSet", std::nullopt).items)
    if (set->value("/status/readyReplicas"_json_pointer, 0) == replicas) ++ready;
  return ready;
}

}  // namespace

int main(int argc, char** argv) try {
  const Options options = parse(argc, argv);
  const auto start = Clock::now();
  ordinal::identity::RegistryOptions registry_options;
  registry_options.sync_writes = false;
  auto registry = Registry::open(options.data_dir, registry_options);
  write_inputs(*registry, options);

  ordinal::controller::ControlPlaneOptions control;
  control.volumes_root = std::filesystem::path(options.data_dir) / "volumes";
  control.sim_ready_after = std::chrono::milliseconds(0);
  control.pod_cidr = options.pod_cidr;
  ordinal::controller::ControlPlane plane(*registry, control);
  plane.start();
  const auto deadline = start + std::chrono::duration_cast<Clock::duration>(
                                    std::chrono::duration<double>(options.timeout));
  // Done when every set is ready and no write happened for a second (slices, statuses settled).
  std::uint64_t last_rv = 0;
  auto quiet_since = Clock::now();
  for (;;) {
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    const std::uint64_t rv = registry->resource_version();
    if (rv != last_rv) {
      last_rv = rv;
      quiet_since = Clock::now();
    }
    if (Clock::now() - quiet_since >= std::chrono::seconds(1) &&
        ready_sets(*registry, options.replicas) == options.sets)
      break;
    if (Clock::now() > deadline) throw std::runtime_error("the sets did not all become ready");
  }
  plane.stop();
  std::map<std::string, std::size_t> counts;
  for (const char* kind : {"Namespace", "Service", "StatefulSet", "Pod", "EndpointSlice",
                           "ControllerRevision", "Event"})
    counts[kind] = registry->list(kind, std::nullopt).items.size();
  const std::string pod = set_name(0) + "-0";
  if (!registry->get({"Pod", namespace_name(0), pod}))
    throw std::runtime_error("pod " + pod + " is missing");
  const std::string pod_name = pod + "." + set_name(0) + "." + namespace_name(0) + ".svc";
  std::printf(R"({"seconds":%.2f,"resource_version":%llu,"pod_name":"%s")",
              std::chrono::duration<double>(Clock::now() - start).count(),
              static_cast<unsigned long long>(registry->resource_version()), pod_name.c_str());
  for (const auto& [kind, count] : counts) std::printf(R"(,"%s":%zu)", kind.c_str(), count);
  std::printf("}\n");
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "scale_seed: %s\n", e.what());
  return 1;
}
