// query_replay: answers a query file through dns::handle_query in a loop, with no sockets, so
// that `valgrind --tool=callgrind` can count the instructions one query costs (issue 7).
//
//   query_replay -f workload.yaml... --queries NAME=FILE... [--repeat N] [--limit Q]
//
// Builds the zone snapshot in-process from the benchmark's manifests (as `ordinal serve`
// would publish it), then for each query file answers every query N times and then 2N times,
// each pass in one call of ordinal_replay_pass(), which bench/callgrind.py collects alone
// (--toggle-collect) and dumps after (--dump-after); an uncounted pass over every file comes
// first. --limit takes only the first Q queries of each file (the files are shuffled, so they
// are a sample). Prints one JSON line per pass in that order: mix, repeat, queries, rcodes and
// wall-clock ns per query.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

#include "bench/tools/loadgen/manifest_zone.hpp"
#include "bench/tools/loadgen/query_wire.hpp"
#include "dns/query_handler.hpp"

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define ORDINAL_START_INSTRUMENTATION() CALLGRIND_START_INSTRUMENTATION
#else
#define ORDINAL_START_INSTRUMENTATION() ((void)0)
#endif

namespace {

using ordinal::bench::WireQuery;

struct Pass {
  const std::vector<WireQuery>* queries;
  const ordinal::zones::ZoneSnapshot* snapshot;
  std::uint64_t repeat;
  std::uint64_t rcodes[16];
  std::string* out;  ///< the reply buffer, allocated before the pass
};

/// Answers every query `pass->repeat` times; counts the reply rcodes.
void answer_all(Pass* pass) {
  const ordinal::dns::QueryLimits limits;
  std::string& out = *pass->out;
  for (std::uint64_t r = 0; r < pass->repeat; ++r) {
    for (const WireQuery& query : *pass->queries) {
      const auto action = ordinal::dns::handle_query(query.wire, pass->snapshot,
                                                     ordinal::dns::Transport::Udp, limits, out);
      if (action == ordinal::dns::QueryAction::Reply && out.size() >= 4)
        ++pass->rcodes[static_cast<std::uint8_t>(out[3]) & 0x0F];
    }
  }
}

}  // namespace

/// answer_all(pass) under a plain C name that callgrind's --toggle-collect and --dump-after
/// can match; never inlined.
extern "C" __attribute__((noinline)) void ordinal_replay_pass(Pass* pass) {
  answer_all(pass);
}

namespace {

[[noreturn]] void usage(const char* problem) {
  std::fprintf(stderr,
               "query_replay: %s\nusage: query_replay -f MANIFEST... --queries NAME=FILE... "
               "[--repeat N] [--limit Q]\n",
               problem);
  std::exit(2);
}

void print_pass(const std::string& mix, const Pass& pass, double seconds) {
  std::string rcodes;
  for (unsigned i = 0; i < 16; ++i) {
    if (pass.rcodes[i] == 0) continue;
    rcodes += (rcodes.empty() ? "\"" : ",\"") + std::string(ordinal::bench::rcode_name(i)) +
              "\":" + std::to_string(pass.rcodes[i]);
  }
  const double answered = static_cast<double>(pass.repeat * pass.queries->size());
  std::printf(
      "{\"mix\":\"%s\",\"repeat\":%llu,\"queries\":%zu,\"rcodes\":{%s},\"ns_per_query\":%.1f}\n",
      mix.c_str(), static_cast<unsigned long long>(pass.repeat), pass.queries->size(),
      rcodes.c_str(), seconds * 1e9 / answered);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> manifests;
  std::vector<std::pair<std::string, std::string>> mixes;
  std::uint64_t repeat = 10;
  std::size_t limit = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) usage(("missing value for " + flag).c_str());
    const std::string value = argv[++i];
    if (flag == "-f") {
      manifests.push_back(value);
    } else if (flag == "--queries") {
      const auto equals = value.find('=');
      if (equals == std::string::npos) usage("--queries takes NAME=FILE");
      mixes.emplace_back(value.substr(0, equals), value.substr(equals + 1));
    } else if (flag == "--repeat") {
      repeat = std::strtoull(value.c_str(), nullptr, 10);
      if (repeat == 0) usage("--repeat must be at least 1");
    } else if (flag == "--limit") {
      limit = std::strtoull(value.c_str(), nullptr, 10);
    } else {
      usage(("unknown flag " + flag).c_str());
    }
  }
  if (manifests.empty() || mixes.empty()) usage("-f and --queries are required");
  try {
    const auto snapshot = ordinal::bench::snapshot_from_manifests(manifests);
    std::vector<std::vector<WireQuery>> files;
    for (const auto& [name, path] : mixes) {
      files.push_back(ordinal::bench::read_query_file(path, ordinal::bench::EncodeOptions{}));
      if (limit > 0 && files.back().size() > limit) files.back().resize(limit);
    }
    std::string out;
    out.reserve(4096);
    // One pass over every file first, so that whatever happens once per process (a library
    // symbol bound on its first call, the allocator sorting the zone build's freed memory) is
    // not counted in the first measured pass: (I(2N) - I(N)) / N would subtract it.
    // Not through ordinal_replay_pass(), which callgrind counts and dumps after.
    for (const auto& file : files) {
      Pass warm{&file, snapshot.get(), 1, {}, &out};
      answer_all(&warm);
    }
    // Under callgrind with --instr-atstart=no, building the zone above ran uninstrumented.
    ORDINAL_START_INSTRUMENTATION();
    for (std::size_t m = 0; m < mixes.size(); ++m) {
      for (const std::uint64_t times : {repeat, 2 * repeat}) {
        Pass pass{&files[m], snapshot.get(), times, {}, &out};
        const auto start = std::chrono::steady_clock::now();
        ordinal_replay_pass(&pass);
        const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
        print_pass(mixes[m].first, pass, took.count());
      }
    }
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "query_replay: %s\n", e.what());
    return 1;
  }
}
