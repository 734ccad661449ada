// store_load: writes the manifests of a file or directory straight into a data directory's
// registry, for `ordinal serve` to start on.
//
// The DNS benchmark's zones hold up to 40,000 Services and EndpointSlices. Through the API each
// `ordinal apply` of one object waits for its own synced commit (about 20 ms here: 100,000 pods
// would take longer than all of `make bench` may), while what the benchmark measures is the
// answering, not the applying. So the objects are defaulted as the API would default them and
// created in transactions of about 1,000, without syncing (the data is thrown away afterwards).
// Fails on the first manifest that does not decode or object that cannot be created.
// Prints one JSON object: objects written and seconds taken.
//
//   store_load --data-dir DIR --manifests FILE_OR_DIRECTORY
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "commit_writes.hpp"
#include "flags.hpp"
#include "identity/defaults.hpp"
#include "identity/registry.hpp"
#include "tools/cli/manifest_source.hpp"

namespace {

using ordinal::identity::Registry;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kTransaction = 1000;

}  // namespace

int main(int argc, char** argv) try {
  std::string data_dir;
  std::string manifests;
  bench::Flags().bind("--data-dir", data_dir).bind("--manifests", manifests).parse(argc, argv);
  if (data_dir.empty() || manifests.empty())
    throw std::invalid_argument("need --data-dir and --manifests");
  const auto start = Clock::now();
  auto decoded = ordinal::cli::read_manifests({manifests});
  if (!decoded.errors.empty()) throw std::runtime_error(decoded.errors.front().to_string());

  ordinal::identity::RegistryOptions options;
  options.sync_writes = false;
  auto registry = Registry::open(data_dir, options);
  std::vector<Registry::Write> writes;
  for (auto& document : decoded.documents) {
    ordinal::identity::apply_defaults(document.object);
    writes.emplace_back(Registry::Create{std::move(document.object)});
    if (writes.size() >= kTransaction) bench::commit_writes(*registry, writes);
  }
  bench::commit_writes(*registry, writes);
  std::printf(R"({"objects":%zu,"seconds":%.2f})"
              "\n",
              decoded.documents.size(),
              std::chrono::duration<double>(Clock::now() - start).count());
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "store_load: %s\n", e.what());
  return 1;
}
